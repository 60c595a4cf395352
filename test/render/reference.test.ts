/**
 * The Markdown digest checked against the reference file itself (`../shared/reference/reference-digest.md`):
 * the bundled sample day holds the same 189 papers, so structure, totals, numbering, authors, categories and
 * abstracts must agree with what the reference shows.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACKNOWLEDGEMENT, renderMarkdown } from '../../src/render/index.js';
import type { Digest } from '../../src/types.js';
import { decodeEntities, parseDigest, squash } from './parse-digest.js';
import type { ParsedDigest } from './parse-digest.js';
import { REFERENCE_FILE, sampleDigest } from './sample-digest.js';

/**
 * Text equality "modulo escaping": our entities decoded, control characters and whitespace runs normalised, and
 * text-mode LaTeX read as a reader sees it — our `<b>`/`<i>`/`<code>` tags dropped, the reference's formatting
 * macros unwrapped, `\url`/`\href` read, `\%`-style escapes and TeX dashes read (written out here, independently of
 * src/latex-text.ts).
 */
function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return squash(decodeEntities(readLatex(text.replace(/<\/?(?:b|i|code)>/g, ''))).replace(/[\u0000-\u001F\u007F]/g, ' '));
}

const FORMATTING = /\\(?:textbf|textit|emph|textsl|texttt|textsc|textrm|textsf|textup|textmd|textnormal|text|mbox|underline)\s*\{((?:[^{}]|\{[^{}]*\})*)\}/g;

/** Outside `$…$` only: math keeps its source. */
function readLatex(text: string): string {
  return text
    .split(/(\$[^$]+\$)/)
    .map((part, k) => (k % 2 ? part : dashes(unwrap(part).replace(/\\([%&#_])/g, '$1').replace(/``(?=\S)([^`']*?\S)''/g, '“$1”'))))
    .join('');
}

/** TeX's `---` and `--` joining two words (`Kullback--Leibler`, `3--5`): em and en dash. */
function dashes(text: string): string {
  return text.replace(/([\p{L}\p{N}])(-{2,3})(?=[\p{L}\p{N}])/gu, (_, before: string, run: string) => `${before}${run === '---' ? '—' : '–'}`);
}

/** `\url{u}` is u; `\href{u}{t}` is "t (u)", or u when t is u without its scheme. */
function links(text: string): string {
  return text
    .replace(/\\url\s*\{([^{}]*)\}/g, '$1')
    .replace(/\\href\s*\{([^{}]*)\}\s*\{([^{}]*)\}/g, (_, u: string, t: string) => (t === u.replace(/^https?:\/\//, '') ? u : `${t} (${u})`));
}

function unwrap(text: string): string {
  let out = links(text);
  for (let before = ''; before !== out; ) {
    before = out;
    out = out.replace(FORMATTING, '$1');
  }
  return out;
}

const referenceText = readFileSync(REFERENCE_FILE, 'utf8');
let reference: ParsedDigest;
let digest: Digest;
let ours: ParsedDigest;
let oursText: string;

beforeAll(() => {
  reference = parseDigest(referenceText);
  digest = sampleDigest(['cs.LG', 'stat.ML']);
  oursText = renderMarkdown(digest);
  ours = parseDigest(oursText);
});

describe('Markdown digest against the reference digest', () => {
  it('has the same table of contents lines, totals included', () => {
    expect(reference.toc.map((t) => t.total)).toEqual([172, 17]);
    expect(ours.tocLines).toEqual(reference.tocLines);
    expect(oursText.startsWith(referenceText.slice(0, referenceText.indexOf("<div id='cs.LG'>")))).toBe(true);
  });

  it('has the same section anchors and headers, in the configured order', () => {
    expect(ours.sections.map((s) => [s.divLine, s.headerLine])).toEqual(
      reference.sections.map((s) => [s.divLine, s.headerLine]),
    );
  });

  it('lists the same ids in each section, numbered 1..189 across sections', () => {
    for (const [i, section] of ours.sections.entries()) {
      const ids = section.entries.map((e) => e.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect([...ids].sort()).toEqual(reference.sections[i]?.entries.map((e) => e.id).sort());
    }
    const numbers = ours.sections.flatMap((s) => s.entries.map((e) => e.n));
    expect(numbers).toEqual(Array.from({ length: 189 }, (_, k) => k + 1));
    expect(ours.sections[1]?.entries[0]?.n).toBe(173);
    expect(reference.sections[1]?.entries[0]?.n).toBe(173);
  });

  it('renders each paper with the reference title link, authors line and Main category line', () => {
    const refById = new Map(reference.sections.flatMap((s) => s.entries).map((e) => [e.id, e]));
    const all = ours.sections.flatMap((s) => s.entries);
    expect(all).toHaveLength(refById.size);
    for (const entry of all) {
      const ref = refById.get(entry.id);
      expect(ref, entry.id).toBeDefined();
      expect(entry.url).toBe(ref?.url);
      expect(plain(entry.title)).toBe(plain(ref?.title ?? ''));
      expect(entry.authorsLine).toBe(ref?.authorsLine);
      expect(entry.mainCategoryLine).toBe(ref?.mainCategoryLine);
    }
  });

  it('keeps the details block: Motivation, Method, Result, Conclusion, then the reference abstract', () => {
    const refById = new Map(reference.sections.flatMap((s) => s.entries).map((e) => [e.id, e]));
    for (const entry of ours.sections.flatMap((s) => s.entries)) {
      expect(entry.details.map((d) => d.label)).toEqual(['Motivation', 'Method', 'Result', 'Conclusion', 'Abstract']);
      const abstract = entry.details[4]?.text ?? '';
      expect(abstract).not.toContain('\n');
      expect(plain(abstract)).toBe(plain(refById.get(entry.id)?.details[4]?.text ?? ''));
    }
  });

  it('shows the test summaries, escaped, in TL;DR and details', () => {
    const byId = new Map(digest.sections.flatMap((s) => s.entries).map((e) => [e.paper.id, e]));
    for (const entry of ours.sections.flatMap((s) => s.entries)) {
      const summary = byId.get(entry.id)?.summary?.summary;
      expect(plain(entry.tldr)).toBe(plain(summary?.tldr ?? 'missing'));
      expect(plain(entry.details[1]?.text ?? '')).toBe(plain(summary?.method ?? 'missing'));
    }
  });

  it('adds links between Main category and TL;DR and ends with the acknowledgement', () => {
    for (const entry of ours.sections.flatMap((s) => s.entries)) {
      expect(entry.extras[0]).toBe(
        `[pdf](https://arxiv.org/pdf/${entry.id}v1) · [html](https://arxiv.org/html/${entry.id}v1)` +
          (entry.extras[0]?.includes('[code]') ? entry.extras[0].slice(entry.extras[0].indexOf(' · [code]')) : ''),
      );
    }
    expect(ours.trailer.at(-1)).toBe(ACKNOWLEDGEMENT);
    expect(oursText.endsWith(`${ACKNOWLEDGEMENT}\n`)).toBe(true);
  });

  it('gives a code link exactly to the papers whose abstract names a repository, as written there', () => {
    const byId = new Map(digest.sections.flatMap((s) => s.entries).map((e) => [e.paper.id, e.paper.abstract]));
    const host = /(github\.com|gitlab\.com|huggingface\.co|bitbucket\.org|codeberg\.org|sourceforge\.net|anonymous\.4open\.science)\/\w|\.github\.io/i;
    let withCode = 0;
    for (const entry of ours.sections.flatMap((s) => s.entries)) {
      const abstract = byId.get(entry.id) ?? '';
      const code = /\[code\]\((\S+)\)/.exec(entry.extras[0] ?? '')?.[1];
      expect(code !== undefined, entry.id).toBe(host.test(abstract));
      if (code === undefined) continue;
      withCode++;
      expect(abstract).toContain(code);
      expect(code).toMatch(/^https:\/\/[^\s]+[\w/-]$/);
    }
    expect(withCode).toBeGreaterThan(0);
  });

  it('reproduces the reference text when given its order and its own summary texts, without extras', () => {
    const refById = new Map(reference.sections.flatMap((s) => s.entries).map((e) => [e.id, e]));
    const replay = sampleDigest(['cs.LG', 'stat.ML']);
    for (const [i, section] of replay.sections.entries()) {
      const byId = new Map(section.entries.map((e) => [e.paper.id, e]));
      section.entries = (reference.sections[i]?.entries ?? []).map((ref) => {
        const entry = byId.get(ref.id);
        if (!entry?.summary) throw new Error(`sample lacks ${ref.id}`);
        const f = new Map(refById.get(ref.id)?.details.map((d) => [d.label, d.text]));
        const field = (label: string): string => f.get(label) ?? '';
        entry.summary = {
          meta: entry.summary.meta,
          summary: {
            tldr: ref.tldr,
            motivation: field('Motivation'),
            method: field('Method'),
            result: field('Result'),
            conclusion: field('Conclusion'),
          },
        };
        return entry;
      });
    }
    const text = renderMarkdown(replay, { extras: false });
    const ack = `\n\n\n${ACKNOWLEDGEMENT}\n`;
    expect(text.endsWith(ack)).toBe(true);
    const body = text.slice(0, text.length - ack.length + 1);
    // The reference keeps arXiv's line breaks inside a few abstracts; we write every field on one line.
    const refLines = referenceText.replace(/\n {2,}(?!<summary>)/g, ' ').split('\n');
    const ourLines = body.split('\n');
    expect(ourLines).toHaveLength(refLines.length);
    const differing = ourLines.filter((line, k) => plain(line) !== plain(refLines[k] ?? ''));
    expect(differing).toEqual([]);
    // Lines without anything to escape or clean are byte-identical; the others hold a character we encode (a
    // `$` outside math too), a control character, a run of spaces or a TeX dash between words.
    const changed = ourLines.flatMap((line, k) => (line === refLines[k] ? [] : [refLines[k] ?? '']));
    // eslint-disable-next-line no-control-regex
    const why = /[&<>*`[\]~_\\$\u0000-\u001F]| {2}|[\p{L}\p{N}]--[\p{L}\p{N}]/u;
    const content = (line: string): string =>
      line.replace(/^### \[\d+\] \[(.*)\]\(\S+\)$/, '$1').replace(/^\*(.*)\*$/, '$1');
    expect(changed.filter((line) => !why.test(content(line)))).toEqual([]);
    expect(changed.length).toBeLessThan(ourLines.length / 10);
  });
});
