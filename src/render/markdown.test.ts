import { describe, expect, it } from 'vitest';
import { makeDigest, makeEntry, makeSummary } from '../../test/fixtures/render/entries.js';
import { parseDigest } from '../../test/render/parse-digest.js';
import { ACKNOWLEDGEMENT, NO_PAPERS, renderMarkdown } from './markdown.js';

describe('renderMarkdown', () => {
  it('renders a small digest in the reference layout with links and a closing note', () => {
    const digest = makeDigest([
      [
        'cs.LG',
        [
          makeEntry(
            {},
            { title: 'Fast $x_i$ Sorting', comment: '9 pages; code at https://github.com/ada/sort.', version: 2 },
          ),
        ],
      ],
      [
        'stat.ML',
        [
          makeEntry(
            { section: 'stat.ML', crossList: true, firstSeen: '2026-01-28', announceType: 'replace-cross' },
            { id: '2601.00002', version: 3, authors: ['Grace Hopper'] },
          ),
        ],
      ],
    ]);
    expect(renderMarkdown(digest)).toMatchInlineSnapshot(`
      "<div id=toc></div>

      # Table of Contents

      - [cs.LG](#cs.LG) [Total: 1]
      - [stat.ML](#stat.ML) [Total: 1]


      <div id='cs.LG'></div>

      # cs.LG [[Back]](#toc)

      ### [1] [Fast $x_i$ Sorting](https://arxiv.org/abs/2601.00001)
      *Ada Lovelace,Alan Turing*

      Main category: cs.LG

      [pdf](https://arxiv.org/pdf/2601.00001v2) · [html](https://arxiv.org/html/2601.00001v2) · [code](https://github.com/ada/sort)

      Comment: 9 pages; code at https://github.com/ada/sort.

      TL;DR: Small TL;DR.


      <details>
        <summary>Details</summary>
      Motivation: Small motivation.

      Method: Small method.

      Result: Small result.

      Conclusion: Small conclusion.

      Abstract: We study small things. We find they are small.

      </details>


      <div id='stat.ML'></div>

      # stat.ML [[Back]](#toc)

      ### [2] [A Small Paper](https://arxiv.org/abs/2601.00002)
      *Grace Hopper*

      Main category: cs.LG (cross-listed in stat.ML)

      [pdf](https://arxiv.org/pdf/2601.00002v3) · [html](https://arxiv.org/html/2601.00002v3)

      Announce type: replace-cross (v3) · First listed: 2026-01-28

      TL;DR: Small TL;DR.


      <details>
        <summary>Details</summary>
      Motivation: Small motivation.

      Method: Small method.

      Result: Small result.

      Conclusion: Small conclusion.

      Abstract: We study small things. We find they are small.

      </details>


      ---

      *Digest of 2026-01-30: 2 papers. Summaries by built-in summarizer roles-test (en): 2.*

      Thank you to arXiv for use of its open access interoperability.
      "
    `);
  });

  it('labels a fallback TL;DR with its reason and keeps its fields', () => {
    const entry = makeEntry({ summary: makeSummary({ status: 'fallback', reason: 'HTTP 429 after 3 tries' }) });
    const parsed = parseDigest(renderMarkdown(makeDigest([['cs.LG', [entry]]])));
    const e = parsed.sections[0]?.entries[0];
    expect(e?.tldr).toBe('*(built-in summary; LLM failed: HTTP 429 after 3 tries)* Small TL;DR.');
    expect(e?.details.map((d) => d.label)).toEqual(['Motivation', 'Method', 'Result', 'Conclusion', 'Abstract']);
    expect(parsed.trailer[1]).toContain('fallbacks: 1');
  });

  it('marks a failed or missing summary as unavailable and keeps only the abstract in details', () => {
    const failed = makeEntry({ summary: makeSummary({ summarizer: 'llm', status: 'failed', reason: 'invalid <JSON>' }) });
    const missing = makeEntry({ summary: null }, { id: '2601.00002' });
    const markdown = renderMarkdown(makeDigest([['cs.LG', [failed, missing]]]));
    const [a, b] = parseDigest(markdown).sections[0]?.entries ?? [];
    expect(a?.tldr).toBe('*Summary unavailable (invalid &lt;JSON&gt;).*');
    expect(b?.tldr).toBe('*Summary unavailable (no summary was made).*');
    for (const e of [a, b]) expect(e?.details).toEqual([{ label: 'Abstract', text: 'We study small things. We find they are small.' }]);
    expect(markdown).not.toContain('Small method.');
    expect(parseDigest(markdown).trailer[1]).toContain('unavailable: 2');
  });

  it('shows no per-entry label for an ok summary that carries a note', () => {
    const entry = makeEntry({ summary: makeSummary({ reason: 'written in English; de was asked' }) });
    const e = parseDigest(renderMarkdown(makeDigest([['cs.LG', [entry]]]))).sections[0]?.entries[0];
    expect(e?.tldr).toBe('Small TL;DR.');
  });

  it('keeps the configured category order and numbers entries globally', () => {
    const entry = (id: string, section: string) => makeEntry({ section }, { id, primaryCategory: section });
    const digest = makeDigest([
      ['stat.ML', [entry('2601.00005', 'stat.ML')]],
      ['cs.AI', [entry('2601.00003', 'cs.AI'), entry('2601.00004', 'cs.AI')]],
      ['cs.LG', [entry('2601.00001', 'cs.LG')]],
    ]);
    const parsed = parseDigest(renderMarkdown(digest));
    expect(parsed.toc.map((t) => `${t.category}:${t.total}`)).toEqual(['stat.ML:1', 'cs.AI:2', 'cs.LG:1']);
    expect(parsed.sections.map((s) => s.category)).toEqual(['stat.ML', 'cs.AI', 'cs.LG']);
    expect(parsed.sections.flatMap((s) => s.entries.map((e) => `${e.n}:${e.id}`))).toEqual([
      '1:2601.00005',
      '2:2601.00003',
      '3:2601.00004',
      '4:2601.00001',
    ]);
  });

  it('lists an empty category with Total: 0 and a no-papers line', () => {
    const parsed = parseDigest(renderMarkdown(makeDigest([['cs.LG', [makeEntry()]], ['stat.ML', []]])));
    expect(parsed.toc[1]).toEqual({ category: 'stat.ML', anchor: 'stat.ML', total: 0 });
    expect(parsed.sections[1]?.emptyText).toBe(NO_PAPERS);
  });

  it('says when the day was reconstructed, and always ends with the acknowledgement', () => {
    const digest = { ...makeDigest([['cs.LG', [makeEntry()]]]), reconstructed: true };
    const trailer = parseDigest(renderMarkdown(digest)).trailer;
    expect(trailer.some((p) => p.includes('Rebuilt from submission dates'))).toBe(true);
    expect(trailer.at(-1)).toBe(ACKNOWLEDGEMENT);
  });

  it('says after the table of contents that a day is known to be incomplete, with or without extras', () => {
    const digest = { ...makeDigest([['cs.LG', [makeEntry()]]]), incomplete: ['cs.LG: the listing counts 8 new and cross-listed papers, 5 of them in neither the feed nor the listing'] };
    const markdown = renderMarkdown(digest, { extras: false });
    expect(markdown).toContain('\n## Incomplete day\n\nThis digest lacks papers arXiv announced:\n\n- cs.LG: the listing counts 8 new and cross-listed papers, 5 of them in neither the feed nor the listing\n');
    expect(markdown.indexOf('## Incomplete day')).toBeLessThan(markdown.indexOf("<div id='cs.LG'>"));
    expect(parseDigest(markdown).toc).toHaveLength(1);
    expect(renderMarkdown(makeDigest([['cs.LG', [makeEntry()]]]))).not.toContain('Incomplete day');
  });

  it('without extras writes the reference 21-line entry and only the acknowledgement after it', () => {
    const entry = makeEntry(
      { crossList: true, firstSeen: '2026-01-28', announceType: 'replace', section: 'stat.ML' },
      { comment: 'code https://github.com/a/b' },
    );
    const markdown = renderMarkdown(makeDigest([['stat.ML', [entry]]]), { extras: false });
    const parsed = parseDigest(markdown);
    const e = parsed.sections[0]?.entries[0];
    expect(e?.extras).toEqual([]);
    expect(e?.mainCategoryLine).toBe('Main category: cs.LG');
    expect(parsed.trailer).toEqual([ACKNOWLEDGEMENT]);
    const body = markdown.slice(markdown.indexOf('### [1]'), markdown.indexOf('</details>') + '</details>'.length);
    expect(body.split('\n')).toHaveLength(21);
  });

  it('writes a placeholder for an empty title and author list instead of breaking the lines', () => {
    const entry = makeEntry({}, { title: ' \n ', authors: ['', '\u0000'] });
    const e = parseDigest(renderMarkdown(makeDigest([['cs.LG', [entry]]]))).sections[0]?.entries[0];
    expect(e?.title).toBe('(untitled)');
    expect(e?.authorsLine).toBe('*(no authors listed)*');
  });

  describe('ranked digests', () => {
    const rel = (score: number, reasons: string[], inLibrary = false) => ({ relevance: { score, reasons, inLibrary } });
    const ranked = {
      ...makeDigest([
        [
          'cs.LG',
          [
            makeEntry(rel(0.834, ['matched "diffusion"', 'follows A. Author', 'similar to 2401.12345 (0.41)']), { id: '2601.00003', title: 'Diffusion *Everywhere*' }),
            makeEntry(rel(0.91, ['in your library', 'similar to 2401.12345 (0.52)'], true), { id: '2601.00001' }),
            makeEntry(rel(0, []), { id: '2601.00002', title: 'Unrelated' }),
          ],
        ],
        ['stat.ML', [makeEntry({ ...rel(0.5, ['matched "<b>x</b>"']), section: 'stat.ML' }, { id: 'hep-th/9901001', title: 'Old style' })]],
      ]),
      forYou: ['2601.00003', 'hep-th/9901001'],
    };
    const markdown = renderMarkdown(ranked);
    const block = /\n## For you\n\n[\s\S]*?\n(?=\n\n<div id=')/.exec(markdown)?.[0] ?? '';

    it('puts a For you list between the table of contents and the first section, linking to entry anchors', () => {
      expect(block.split('\n').filter(Boolean)).toEqual([
        '## For you',
        '1. [Diffusion &#42;Everywhere&#42;](#paper-2601.00003) · 0.83 · matched "diffusion"; follows A. Author',
        '2. [Old style](#paper-hep-th/9901001) · 0.50 · matched "&lt;b&gt;x&lt;/b&gt;"',
      ]);
      expect(markdown.indexOf(block)).toBeGreaterThan(markdown.indexOf('- [stat.ML](#stat.ML) [Total: 1]'));
      expect(markdown.indexOf(block)).toBeLessThan(markdown.indexOf("<div id='cs.LG'></div>"));
      for (const id of ranked.forYou) expect(markdown.split(`<a id='paper-${id}'></a>`)).toHaveLength(2);
    });

    it('keeps the reference layout once the For you block is set aside, with a Relevance paragraph per entry', () => {
      const parsed = parseDigest(markdown.replace(block, ''));
      const entries = parsed.sections.flatMap((s) => s.entries);
      expect(entries.map((e) => [e.n, e.id])).toEqual([[1, '2601.00003'], [2, '2601.00001'], [3, '2601.00002'], [4, 'hep-th/9901001']]);
      expect(entries[0]?.extras.at(-1)).toBe(
          "<a id='paper-2601.00003'></a>Relevance: 0.83 · matched \"diffusion\" · follows A. Author · similar to 2401.12345 (0.41)",
      );
      expect(entries[1]?.extras.at(-1)).toBe("<a id='paper-2601.00001'></a>Relevance: 0.91 · in your library · similar to 2401.12345 (0.52)");
      expect(entries[2]?.extras.at(-1)).toBe("<a id='paper-2601.00002'></a>Relevance: 0.00");
    });

    it('says so when nothing matched, and leaves unranked digests and extras-off output unchanged', () => {
      expect(renderMarkdown({ ...ranked, forYou: [] })).toContain('## For you\n\nNo paper matched your interest profile today.\n');
      const plain = makeDigest([['cs.LG', [makeEntry()]]]);
      expect(renderMarkdown(plain)).not.toMatch(/For you|Relevance:|<a id=/);
      expect(renderMarkdown(ranked, { extras: false })).not.toMatch(/For you|Relevance:|<a id=/);
    });
  });
});
