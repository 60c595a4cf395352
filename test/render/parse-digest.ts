/**
 * Test helper: a strict line-based parser of the reference digest layout (§3 of reference-system.md), used on
 * the reference file itself and on our output, so both are read by the same rules. Throws on any deviation.
 */

export interface ParsedEntry {
  n: number;
  title: string;
  url: string;
  /** arXiv id from the abs URL. */
  id: string;
  authorsLine: string;
  mainCategoryLine: string;
  /** Paragraphs between `Main category:` and `TL;DR:` (our extras; none in the reference). */
  extras: string[];
  tldr: string;
  /** Labelled paragraphs inside <details>, in order, continuation lines joined with "\n". */
  details: { label: string; text: string }[];
}

export interface ParsedSection {
  category: string;
  divLine: string;
  headerLine: string;
  entries: ParsedEntry[];
  /** Text of a section without entries. */
  emptyText: string | null;
}

export interface ParsedDigest {
  tocLines: string[];
  toc: { category: string; anchor: string; total: number }[];
  sections: ParsedSection[];
  /** Paragraphs after the last section (our footer). */
  trailer: string[];
}

const HEADING = /^### \[(\d+)\] \[(.*)\]\((https:\/\/arxiv\.org\/abs\/([^)\s]+))\)$/;
const TOC_BULLET = /^- \[([^\]]+)\]\(#([^)]+)\) \[Total: (\d+)\]$/;
const DIV = /^<div id='([^']+)'><\/div>$/;
const FIELD = /^(Motivation|Method|Result|Conclusion|Abstract): /;

function fail(i: number, line: string | undefined, what: string): never {
  throw new Error(`line ${i + 1}: expected ${what}, got ${JSON.stringify(line)}`);
}

class Lines {
  i = 0;
  readonly lines: string[];
  constructor(lines: string[]) {
    this.lines = lines;
  }
  peek(): string | undefined {
    return this.lines[this.i];
  }
  next(): string | undefined {
    return this.lines[this.i++];
  }
  expect(test: string | RegExp, what: string): string {
    const line = this.next();
    const ok = typeof test === 'string' ? line === test : line !== undefined && test.test(line);
    if (!ok || line === undefined) fail(this.i - 1, line, what);
    return line;
  }
  /** A paragraph: this line plus following non-blank lines, joined with "\n". */
  paragraph(): string {
    const out = [this.next() ?? ''];
    while (this.peek() !== undefined && this.peek() !== '') out.push(this.next() ?? '');
    return out.join('\n');
  }
}

function parseDetails(r: Lines): ParsedEntry['details'] {
  r.expect('<details>', '<details>');
  r.expect('  <summary>Details</summary>', 'summary line');
  const details: ParsedEntry['details'] = [];
  while (r.peek() !== '</details>') {
    const start = r.i;
    const para = r.paragraph();
    const m = FIELD.exec(para);
    if (!m?.[1]) fail(start, para, 'a labelled details field');
    details.push({ label: m[1], text: para.slice(m[0].length) });
    r.expect('', 'blank after a details field');
  }
  r.expect('</details>', '</details>');
  return details;
}

function parseEntry(r: Lines): ParsedEntry {
  const h = HEADING.exec(r.expect(HEADING, 'entry heading'));
  const authorsLine = r.expect(/^\*.*\*$/, 'authors in italics');
  r.expect('', 'blank after authors');
  const mainCategoryLine = r.expect(/^Main category: /, 'Main category line');
  r.expect('', 'blank after Main category');
  const extras: string[] = [];
  while (r.peek() !== undefined && !r.peek()?.startsWith('TL;DR: ')) {
    extras.push(r.paragraph());
    r.expect('', 'blank after an extra paragraph');
  }
  const tldr = r.expect(/^TL;DR: /, 'TL;DR line').slice('TL;DR: '.length);
  r.expect('', 'first blank after TL;DR');
  r.expect('', 'second blank after TL;DR');
  const details = parseDetails(r);
  return {
    n: Number(h?.[1]),
    title: h?.[2] ?? '',
    url: h?.[3] ?? '',
    id: h?.[4] ?? '',
    authorsLine,
    mainCategoryLine,
    extras,
    tldr,
    details,
  };
}

function parseSection(r: Lines): ParsedSection {
  const divLine = r.expect(DIV, "<div id='cat'></div>");
  const category = DIV.exec(divLine)?.[1] ?? '';
  r.expect('', 'blank after section div');
  const headerLine = r.expect(`# ${category} [[Back]](#toc)`, 'section header');
  r.expect('', 'blank after section header');
  const section: ParsedSection = { category, divLine, headerLine, entries: [], emptyText: null };
  if (!r.peek()?.startsWith('### ')) {
    section.emptyText = r.paragraph();
    return section;
  }
  section.entries.push(parseEntry(r));
  while (r.peek() === '' && r.lines[r.i + 1] === '' && r.lines[r.i + 2]?.startsWith('### ')) {
    r.i += 2;
    section.entries.push(parseEntry(r));
  }
  return section;
}

export function parseDigest(markdown: string): ParsedDigest {
  if (!markdown.endsWith('\n')) throw new Error('digest does not end with a newline');
  const r = new Lines(markdown.slice(0, -1).split('\n'));
  const tocLines = [r.expect('<div id=toc></div>', 'toc anchor'), r.expect('', 'blank'), r.expect('# Table of Contents', 'TOC heading'), r.expect('', 'blank')];
  const toc: ParsedDigest['toc'] = [];
  while (r.peek()?.startsWith('- ')) {
    const line = r.expect(TOC_BULLET, 'TOC bullet');
    tocLines.push(line);
    const m = TOC_BULLET.exec(line);
    toc.push({ category: m?.[1] ?? '', anchor: m?.[2] ?? '', total: Number(m?.[3]) });
  }
  const sections: ParsedSection[] = [];
  while (r.peek() === '' && r.lines[r.i + 1] === '' && DIV.test(r.lines[r.i + 2] ?? '')) {
    r.i += 2;
    sections.push(parseSection(r));
  }
  const trailer: string[] = [];
  while (r.peek() !== undefined) {
    if (r.peek() === '') {
      r.next();
      continue;
    }
    trailer.push(r.paragraph());
  }
  return { tocLines, toc, sections, trailer };
}

/** Undo our character references (numeric and the three HTML ones) to compare text with the reference's. */
export function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
