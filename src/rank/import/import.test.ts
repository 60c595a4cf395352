import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../errors.js';
import { parseBibtex } from './bibtex.js';
import { latexToText, splitAuthors } from './bibtex-text.js';
import { detectFormat, parseLibrary, readLibraryFile } from './index.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../../test/fixtures/rank/${name}`, import.meta.url));

describe('BibTeX import', () => {
  it('reads arXiv eprints, arXiv URLs/DOIs and non-arXiv references with their text', () => {
    const { format, items } = readLibraryFile(fixture('library.bib'));
    expect(format).toBe('bibtex');
    expect(items).toEqual([
      {
        source: 'bibtex:library.bib',
        id: '2006.11239',
        title: 'Denoising Diffusion Probabilistic Models',
        authors: ['Jonathan Ho', 'Ajay Jain', 'Pieter Abbeel'],
      },
      expect.objectContaining({
        id: '2011.13456',
        title: 'Score-Based Generative Modeling through Stochastic Differential Equations',
        abstract: 'Creating noise from data is easy; creating data from noise is generative modeling.',
        authors: ['Yang Song', 'Jascha Sohl-Dickstein', 'Diederik P. Kingma', 'Abhishek Kumar', 'Stefano Ermon', 'Ben Poole'],
        doi: '10.48550/arXiv.2011.13456',
      }),
      expect.objectContaining({
        title: 'Kernel Principal Component Analysis and its Applications',
        authors: ['Bernhard Schölkopf', 'Alexander J. Smola', 'Klaus-Robert Müller'],
        doi: '10.1000/jmlr.2004.5',
      }),
    ]);
    expect(items[2]?.id).toBeUndefined();
  });

  it('names the line of a malformed entry', () => {
    expect(() => readLibraryFile(fixture('library-malformed.bib'))).toThrow(UsageError);
    expect(() => readLibraryFile(fixture('library-malformed.bib'))).toThrow(
      'library-malformed.bib line 8: expected "=" after field "author" in @article{broken2021, found "{"',
    );
    expect(() => readLibraryFile(fixture('library-unclosed.bib'))).toThrow(/^library-unclosed\.bib line 5: a braced value is never closed/);
  });

  it('skips (and names) an entry with neither title nor arXiv id, and rejects unknown macros', () => {
    const r = parseLibrary('@misc{a, title = {Kept}}\n\n@book{x, year = 2020}', 'refs.bib', 'bibtex');
    expect(r.items.map((x) => x.title)).toEqual(['Kept']);
    expect(r.skipped).toEqual(['refs.bib line 3: @book{x has neither a title nor an arXiv id']);
    expect(() => parseLibrary('@book{x,\n title = undefinedmacro}', 'refs.bib', 'bibtex')).toThrow(/refs\.bib line 2: unknown macro "undefinedmacro"/);
  });

  it('names the line of every entry in a long file', () => {
    const entries = Array.from({ length: 400 }, (_, i) => `@misc{k${i},\n${'  note = {x},\n'.repeat(i % 4)}  title = {Paper ${i}}\n}\n`);
    const lines = parseBibtex(`% header\n\n${entries.join('\n')}`, 'refs.bib').map((e) => e.line);
    let expected = 3;
    const want = entries.map((e) => {
      const at = expected;
      expected += e.split('\n').length;
      return at;
    });
    expect(lines).toEqual(want);
  });

  it('treats text outside entries as comments: an @ in a % line or an e-mail address starts no entry', () => {
    const text = [
      '% Library of Jane <jane@example.org>',
      '%@article{commented, title = {Commented out}}',
      '  % @misc{alsoCommented, title = {Also commented out}}',
      'Exported by hand; write to jane@example.org or @someone on a chat.',
      '@article{kept,',
      '  title = {Kept Paper},',
      '}',
    ].join('\n');
    const r = parseLibrary(text, 'refs.bib', 'bibtex');
    expect(r.items.map((x) => x.title)).toEqual(['Kept Paper']);
    expect(parseBibtex(text, 'refs.bib').map((e) => e.line)).toEqual([5]);
  });

  it('turns LaTeX into text and flips "Last, First" names', () => {
    expect(latexToText('Sch{\\"o}lkopf and \\\'{E}mile {\\o}stergaard -- {GANs} \\& \\emph{more}')).toBe(
      'Schölkopf and Émile østergaard -- GANs & more',
    );
    // The accent reader every output shares (latex-escapes.ts), letter accents and letters of their own included.
    expect(latexToText("Dvo\\v{r}\\'ak, {\\L}ukasz, Gau{\\ss}, Fran\\c{c}ois and Erd\\H{o}s")).toBe('Dvořák, Łukasz, Gauß, François and Erdős');
    expect(latexToText('Sparse {R}ecovery with $\\ell_1$ in  $O(n\\log n)$ time for 5\\$ and $$\\{x_i\\}$$')).toBe(
      'Sparse Recovery with $\\ell_1$ in $O(n\\log n)$ time for 5$ and $$\\{x_i\\}$$',
    );
    expect(splitAuthors('Lovelace, Ada and {Barnes and Noble} and  Turing,  Alan\n and others')).toEqual(['Ada Lovelace', 'Barnes and Noble', 'Alan Turing']);
  });
});

describe('CSL-JSON import', () => {
  it('reads Zotero CSL-JSON items', () => {
    const { format, items } = readLibraryFile(fixture('library.json'));
    expect(format).toBe('csl-json');
    expect(items[0]).toEqual({
      source: 'csl-json:library.json',
      id: '2006.11239',
      title: 'Denoising Diffusion Probabilistic Models',
      authors: ['Jonathan Ho', 'Ajay Jain', 'Pieter Abbeel'],
      doi: '10.48550/arXiv.2006.11239',
    });
    expect(items[1]).toMatchObject({ title: 'Kernel Principal Component Analysis', authors: ['Bernhard Schölkopf', 'The Kernel Machines Group'] });
    expect(items[1]?.id).toBeUndefined();
  });

  it('names the line of a syntax error and of an item without title or id (skipped)', () => {
    expect(() => readLibraryFile(fixture('library-malformed.json'))).toThrow(/^library-malformed\.json line 1[01]: not valid JSON/);
    const noTitle = readLibraryFile(fixture('library-no-title.json'));
    expect(noTitle.items.map((x) => x.title)).toEqual(['Has a title']);
    expect(noTitle.skipped).toEqual(['library-no-title.json line 3: item 2 (ITEM7) has neither a title nor an arXiv id']);
    expect(() => parseLibrary('{"a": 1}', 'x.json', 'csl-json')).toThrow('x.json line 1: expected a CSL-JSON array of items');
  });
});

describe('Zotero RDF import', () => {
  it('reads items and skips attachments, journals, memos and collections', () => {
    const { format, items } = readLibraryFile(fixture('library.rdf'));
    expect(format).toBe('zotero-rdf');
    expect(items).toHaveLength(2);
    const preprint = items.find((x) => x.id === '2006.11239');
    expect(preprint).toMatchObject({
      title: 'Denoising Diffusion Probabilistic Models',
      abstract: 'We present high quality image synthesis results using diffusion probabilistic models.',
      authors: ['Jonathan Ho', 'Pieter Abbeel'],
    });
    const article = items.find((x) => x.id === undefined);
    expect(article).toMatchObject({ title: 'Kernel Principal Component Analysis & Applications', doi: '10.1162/089976698300017467', authors: ['Bernhard Schölkopf'] });
  });

  it('names the line of malformed XML', () => {
    expect(() => readLibraryFile(fixture('library-malformed.rdf'))).toThrow(/^library-malformed\.rdf line \d+: malformed XML/);
    const err = (() => {
      try {
        readLibraryFile(fixture('library-malformed.rdf'));
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(Number(/line (\d+)/.exec(err?.message ?? '')?.[1])).toBeGreaterThanOrEqual(9);
  });
});

describe('arXiv id list import', () => {
  it('reads ids in any common form, skipping blanks and comments', () => {
    const { format, items } = readLibraryFile(fixture('ids.txt'));
    expect(format).toBe('ids');
    expect(items.map((x) => x.id)).toEqual(['2006.11239', '2011.13456', 'hep-th/9901001', '2401.12345']);
  });

  it('skips a line that is not an id, naming its line, and keeps the rest', () => {
    const r = readLibraryFile(fixture('ids-malformed.txt'));
    expect(r.items.map((x) => x.id)).toEqual(['2006.11239', '2011.13456']);
    expect(r.skipped).toEqual(['ids-malformed.txt line 3: "not-an-id here" is not an arXiv id (expected e.g. 2401.12345 or hep-th/9901001)']);
  });

  it('reads abs URLs with a query, www. or no scheme, and the arXiv DOI in any form', () => {
    const lines = [
      'https://arxiv.org/abs/2401.00101?context=cs',
      'https://www.arxiv.org/abs/2401.00102v2',
      'arxiv.org/abs/2401.00103',
      'https://doi.org/10.48550/arXiv.2401.00104',
      '10.48550/arXiv.2401.00105',
      'doi:10.48550/arxiv.2401.00106',
      'http://export.arxiv.org/pdf/hep-th/9901001v1.pdf',
    ];
    const r = parseLibrary(lines.join('\n'), 'ids.txt', 'ids');
    expect(r.skipped).toEqual([]);
    expect(r.items.map((x) => x.id)).toEqual(['2401.00101', '2401.00102', '2401.00103', '2401.00104', '2401.00105', '2401.00106', 'hep-th/9901001']);
  });

  it('rejects ids with the wrong number of digits for their month (5 after the dot from 1501 on, 4 before)', () => {
    const r = parseLibrary('2401.1234\n1501.0001\n1412.12345\n1412.1234\n1501.00001\n2413.00001', 'ids.txt', 'ids');
    expect(r.items.map((x) => x.id)).toEqual(['1412.1234', '1501.00001']);
    expect(r.skipped.map((x) => x.replace(/ is not.*/, ''))).toEqual(['ids.txt line 1: "2401.1234"', 'ids.txt line 2: "1501.0001"', 'ids.txt line 3: "1412.12345"', 'ids.txt line 6: "2413.00001"']);
  });

  it('quotes at most about 80 characters of an offending line', () => {
    const r = parseLibrary(`x${'y'.repeat(500_000)}\n2401.00001`, 'ids.txt', 'ids');
    expect(r.items).toHaveLength(1);
    expect(r.skipped[0]?.length).toBeLessThan(200);
    expect(r.skipped[0]).toMatch(/^ids\.txt line 1: "xyyy+…" is not an arXiv id/);
    // BibTeX names from the input (an entry key, a macro) are cut the same way.
    const key = 'k'.repeat(300);
    expect(parseLibrary(`@misc{${key}, year = 2020}`, 'refs.bib', 'bibtex').skipped[0]).toMatch(/^refs\.bib line 1: @misc\{k{80}… has neither/);
    expect(() => parseBibtex(`@misc{a, title = ${'m'.repeat(200)}}`, 'refs.bib')).toThrow(/unknown macro "m{80}…"/);
  });
});

describe('format detection', () => {
  it('goes by content first, then by extension', () => {
    expect(detectFormat('x.txt', '% comment\n@article{a, title={t}}')).toBe('bibtex');
    expect(detectFormat('x.bib', '[{"title": "t"}]')).toBe('csl-json');
    expect(detectFormat('x', '<?xml version="1.0"?><rdf:RDF/>')).toBe('zotero-rdf');
    expect(detectFormat('x.txt', '2401.12345\n')).toBe('ids');
    expect(detectFormat('x.bib', '')).toBe('bibtex');
  });

  it('reports an unreadable file', () => {
    expect(() => readLibraryFile(fixture('no-such-file.bib'))).toThrow(/^cannot read .*no-such-file\.bib/);
  });
});
