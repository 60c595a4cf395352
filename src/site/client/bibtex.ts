/**
 * BibTeX for favourites, in the shape arXiv's own export uses (`@misc` with eprint, archivePrefix,
 * primaryClass). Text is escaped for LaTeX; text-mode formatting (`\textbf{…}`, `\emph{…}`, `\texttt{…}`) is
 * written again as those macros, and math spans are kept when their braces balance and they only typeset
 * (bibtex-math.ts), with `%`, `#`, `&` escaped. BibTeX counts every brace, even after a backslash, to find where
 * a field ends, so `\{` alone does not protect a stray brace: a title `a} , note = {b` would end the field early.
 * A brace is written `\{`/`\}` only when it pairs up with another in the same text, else as `\textbraceleft{}`/
 * `\textbraceright{}`, and math is kept only when its raw braces balance, so every field balances whatever the
 * input. Pure, unit-tested in Node.
 */
import { latexRuns } from '../../latex-text.js';
import { safeMathTex } from './bibtex-math.js';
import type { TextStyle } from '../../latex-text.js';
import type { FavouriteRef } from './state.js';

const SPECIAL: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

/** Indices of the braces that pair up with another (a stack match, as TeX and BibTeX nest them). */
function pairedBraces(text: string): Set<number> {
  const paired = new Set<number>();
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '{') open.push(i);
    else if (text[i] === '}' && open.length) paired.add(open.pop()!).add(i);
  }
  return paired;
}

/** Text escaped for LaTeX; a brace that pairs up is `\{`/`\}`, a lone one `\textbraceleft{}`/`\textbraceright{}`. */
function escapeText(text: string): string {
  const paired = pairedBraces(text);
  return text.replace(/[\\{}&%$#_~^]/g, (ch, i: number) => {
    if (ch === '{') return paired.has(i) ? '\\{' : '\\textbraceleft{}';
    if (ch === '}') return paired.has(i) ? '\\}' : '\\textbraceright{}';
    return SPECIAL[ch] ?? ch;
  });
}

/** Whether the braces pair up as BibTeX counts them: every brace, escaped (`\{`) or not. */
function balanced(tex: string): boolean {
  let depth = 0;
  for (const c of tex) {
    if (c === '{') depth++;
    else if (c === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

/** A run of styled text as LaTeX: the text escaped, inside the macros of its style. */
function styledText(text: string, style: TextStyle): string {
  let tex = escapeText(text);
  if (style.mono) tex = `\\texttt{${tex}}`;
  if (style.italic) tex = `\\emph{${tex}}`;
  if (style.bold) tex = `\\textbf{${tex}}`;
  return tex;
}

/** A math span as math when its braces balance and it only typesets (bibtex-math.ts), else as escaped text. */
function mathValue(tex: string, source: string): string {
  const safe = balanced(tex) ? safeMathTex(tex) : null;
  return safe === null ? escapeText(source) : `$${safe}$`;
}

/** A field value: one line, LaTeX-safe, text-mode formatting and math kept. */
export function bibtexValue(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return latexRuns(flat)
    .map((r) => (r.kind === 'text' ? styledText(r.text, r) : mathValue(r.tex, r.source)))
    .join('');
}

/** The year of the first version, from the id (`2601.…` → 2026, `hep-th/9901001` → 1999). */
export function arxivYear(id: string, fallbackDate: string): string {
  const m = /(?:^|\/)(\d{2})\d{2}[.\d]/.exec(id);
  if (!m?.[1]) return fallbackDate.slice(0, 4);
  const yy = Number(m[1]);
  return String(yy >= 91 ? 1900 + yy : 2000 + yy);
}

export function bibtexEntry(f: FavouriteRef): string {
  const fields: [string, string][] = [
    ['title', bibtexValue(f.title)],
    ['author', f.authors.map(bibtexValue).join(' and ')],
    ['year', arxivYear(f.id, f.date)],
    ['eprint', f.id],
    ['archivePrefix', 'arXiv'],
    ['primaryClass', escapeText(f.primary)],
    ['url', `https://arxiv.org/abs/${f.id}v${f.version}`],
  ];
  const body = fields.map(([k, v]) => `  ${k.padEnd(13)} = {${v}}`).join(',\n');
  return `@misc{arXiv:${f.id.replace('/', '_')},\n${body}\n}\n`;
}

export function toBibtex(favourites: readonly FavouriteRef[]): string {
  return favourites.map(bibtexEntry).join('\n');
}
