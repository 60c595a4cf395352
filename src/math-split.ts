/**
 * Split text into plain runs and TeX math spans: `$$…$$`, `\[…\]` (display), `$…$`, `\(…\)` (inline).
 * Pure, so it is unit-tested in Node. `$` follows Pandoc's rule so prices stay text ("$5 and $10"): the opening
 * `$` has a non-space after it, the closing one a non-space before it and no digit after it; `\$` is a dollar.
 */

export type Segment = { kind: 'text'; text: string } | { kind: 'math'; tex: string; display: boolean; source: string };

/** Longer spans are almost surely a stray `$`, and KaTeX time grows with length. */
const MAX_MATH = 2000;

interface Found {
  end: number;
  tex: string;
  display: boolean;
}

function closing(text: string, from: number, close: string): number {
  let i = text.indexOf(close, from);
  while (i > 0 && text[i - 1] === '\\' && close.startsWith('$')) i = text.indexOf(close, i + 1);
  return i;
}

function matchAt(text: string, i: number): Found | null {
  const pairs: [string, string, boolean][] = [
    ['$$', '$$', true],
    ['\\[', '\\]', true],
    ['\\(', '\\)', false],
  ];
  for (const [open, close, display] of pairs) {
    if (!text.startsWith(open, i)) continue;
    const j = closing(text, i + open.length, close);
    if (j < 0 || j - i > MAX_MATH) return null;
    const tex = text.slice(i + open.length, j);
    return tex.trim() ? { end: j + close.length, tex, display } : null;
  }
  if (text[i] !== '$' || /\s/.test(text[i + 1] ?? ' ')) return null;
  let j = closing(text, i + 1, '$');
  while (j > 0 && (/\s/.test(text[j - 1] ?? '') || /\d/.test(text[j + 1] ?? ''))) j = closing(text, j + 1, '$');
  if (j < 0 || j - i > MAX_MATH) return null;
  return { end: j + 1, tex: text.slice(i + 1, j), display: false };
}

export function splitMath(text: string): Segment[] {
  const out: Segment[] = [];
  let plain = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\' && text[i + 1] === '$') {
      plain += '$';
      i += 2;
      continue;
    }
    const found = ch === '$' || ch === '\\' ? matchAt(text, i) : null;
    if (!found) {
      plain += ch;
      i += 1;
      continue;
    }
    if (plain) out.push({ kind: 'text', text: plain });
    plain = '';
    out.push({ kind: 'math', tex: found.tex, display: found.display, source: text.slice(i, found.end) });
    i = found.end;
  }
  if (plain) out.push({ kind: 'text', text: plain });
  return out;
}

export function hasMath(text: string): boolean {
  return splitMath(text).some((s) => s.kind === 'math');
}
