/**
 * Math in an answer. The model is asked to copy tokens (`⟦M1⟧`); whatever else it writes that renders as math
 * must be one of the abstract's own formulas, however it is delimited (`$…$`, `\(…\)`, `\[…\]`, `$$…$$`, or a
 * bare `\frac{a}{b}`), so no changed formula is stored. Formulas are found by math-split.ts, as the renderers
 * find them. A token copied with other brackets (`【M1】`, `[M1]`) is put right when that is unambiguous.
 */
import { groupEnd } from '../../latex-text.js';
import { mathRanges } from '../../math-split.js';
import type { MathRange } from '../../math-split.js';
import { COMMANDS, hasCommand } from './check-control.js';
import { withoutTokens } from './check-text.js';
import type { AnswerProblem, Summary, SummaryField } from './types.js';
import { SUMMARY_FIELDS } from '../../types.js';

const TOKEN = /⟦M\d+⟧/g;
const OPEN = '⟦〚[［【〖〘〔(（<＜〈《⟨«‹{｛「『';
const CLOSE = '⟧〛]］】〗〙〕)）>＞〉》⟩»›}｝」』';
/** `M<n>` in some pair of brackets (Ｍ and full-width digits too), spaces allowed inside. */
const PLACEHOLDER = new RegExp(`[${escapeClass(OPEN)}]\\s*[MＭ]\\s*([0-9０-９]+)\\s*[${escapeClass(CLOSE)}]`, 'gu');
/** A command with its `{…}`/`[…]` arguments and `_`/`^` scripts: bare LaTeX outside any math span. */
const COMMAND = /\\[A-Za-z]+\*?/y;
/** A word glued to a brace: a command whose backslash (or escape letter) was lost (`rac{a}{b}`, `frac{a}{b}`). */
const GLUED = /(?<![\\\p{L}])\p{L}+\{/gu;
/** Command tails that are words too ("angle" from `\rangle`). */
const ENGLISH = new Set(['angle', 'box', 'brace', 'ceil', 'floor', 'lat', 'mid', 'mod', 'vert']);

/**
 * Tokens written with other brackets, as `⟦Mn⟧` again: only when `n` is one of the abstract's tokens and the
 * title and abstract (`source`, masked) have neither that bracketed text nor a word `Mn` of their own.
 */
export function repairPlaceholders(text: string, tokens: readonly string[], source: string): string {
  return text.replace(PLACEHOLDER, (found, digits: string) => {
    const token = `⟦M${Number(digits.normalize('NFKC'))}⟧`;
    return tokens.includes(token) && !isText(found, digits, source) ? token : found;
  });
}

/** A bracketed `M<n>` that the title or abstract has as text: written so, or `Mn` as a word of their own. */
function isText(found: string, digits: string, source: string): boolean {
  const word = new RegExp(`(?<![\\p{L}\\p{N}])M${Number(digits.normalize('NFKC'))}(?!\\p{N})`, 'u');
  return source.includes(found) || word.test(withoutTokens(source));
}

/**
 * Tokens not in the abstract were invented; broken brackets, formulas the abstract does not have (compared
 * without their delimiters, spaces collapsed) and LaTeX that lost its backslash mean the model did not copy
 * tokens. `original` is the title and abstract as written (LaTeX in place), `source` the same masked.
 */
export function mathProblems(summary: Summary, tokens: readonly string[], original: string, source: string): AnswerProblem[] {
  const formulas = new Set(lines(original).flatMap((line) => mathRanges(line).map((r) => normalize(r.tex))));
  const known = new Set(tokens);
  const problems: AnswerProblem[] = [];
  for (const field of SUMMARY_FIELDS) {
    const problem = fieldProblem(field, summary[field], { known, formulas, original, source });
    if (problem) problems.push(problem);
  }
  return problems;
}

interface Known {
  known: ReadonlySet<string>;
  formulas: ReadonlySet<string>;
  original: string;
  source: string;
}

function fieldProblem(field: SummaryField, text: string, k: Known): AnswerProblem | null {
  const invented = [...new Set(text.match(TOKEN) ?? [])].filter((t) => !k.known.has(t));
  if (invented.length > 0) {
    const which = `${invented.join(', ')} ${invented.length > 1 ? 'are' : 'is'} not in the abstract`;
    return { code: 'math', field, message: `field "${field}" refers to a formula the abstract does not have`, fix: `${which}; copy only the math tokens the abstract has` };
  }
  const placeholder = [...text.matchAll(PLACEHOLDER)].find((m) => m[0] !== `⟦M${m[1]}⟧` && !isText(m[0], m[1]!, k.source));
  if (/[⟦⟧]/.test(text.replace(TOKEN, '')) || placeholder !== undefined) {
    return { code: 'math', field, message: `field "${field}" has a broken formula`, fix: 'copy tokens like ⟦M1⟧ exactly, with these brackets' };
  }
  const latex = foreignLatex(text, k);
  if (latex === undefined) return null;
  return { code: 'math', field, message: `field "${field}" writes LaTeX the abstract does not have ("${latex}")`, fix: "copy the abstract's ⟦M…⟧ tokens instead" };
}

/** The first formula, bare command or backslash-less command in `text` that the abstract does not have. */
function foreignLatex(text: string, k: Known): string | undefined {
  const outside: string[] = [];
  const ranges = lines(text).flatMap((line) => {
    const found = mathRanges(line);
    outside.push(...gaps(line, found));
    return found.map((r) => ({ source: line.slice(r.start, r.end), tex: r.tex }));
  });
  const formula = ranges.find((r) => !k.formulas.has(normalize(r.tex)));
  if (formula) return formula.source;
  const wholeOriginal = normalize(k.original);
  const command = outside.flatMap(bareCommands).find((c) => !wholeOriginal.includes(normalize(c)));
  if (command !== undefined) return command;
  return [...text.matchAll(GLUED)].map((m) => m[0]).find((g) => !hasGlued(k.original, g)) ?? lostEscape(text, k.original);
}

/** Commands with their arguments and scripts in text outside math: `\frac{b}{a}`, `\sum_{i=1}^{n}`. */
function bareCommands(text: string): string[] {
  const out: string[] = [];
  for (let i = text.indexOf('\\'); i >= 0; i = text.indexOf('\\', i + 1)) {
    COMMAND.lastIndex = i;
    const name = COMMAND.exec(text);
    if (!name) continue;
    let j = i + name[0].length;
    for (let next = argumentEnd(text, j); next !== null; next = argumentEnd(text, j)) j = next;
    out.push(text.slice(i, j));
    i = j - 1;
  }
  return out;
}

/** End of a `{…}` or `[…]` argument, or a `_`/`^` script (a group, a command or one character), at `j`. */
function argumentEnd(text: string, j: number): number | null {
  const c = text[j];
  if (c === '{') return groupEnd(text, j);
  if (c === '[') return groupEnd(text, j, '[', ']');
  if (c !== '_' && c !== '^') return null;
  const after = text[j + 1];
  if (after === '{') return groupEnd(text, j + 1);
  COMMAND.lastIndex = j + 1;
  const command = COMMAND.exec(text);
  if (command) return j + 1 + command[0].length;
  return after !== undefined && /\S/.test(after) ? j + 2 : null;
}

/** `glued` (`word{`) occurs in the original as written, not as the tail of a command or a longer word. */
function hasGlued(original: string, glued: string): boolean {
  for (let at = original.indexOf(glued); at >= 0; at = original.indexOf(glued, at + 1)) {
    if (!/[\\\p{L}]/u.test(original[at - 1] ?? ' ')) return true;
  }
  return false;
}

/**
 * A command whose escape letter a proxy dropped with its control character: "heta" where the abstract has
 * `\theta`, "abla" for `\nabla` (check-control.ts restores those whose control character is still there).
 * Not when the abstract has the word itself, or as a command of its own (`\eta` and `\beta`).
 */
function lostEscape(text: string, original: string): string | undefined {
  for (const [word] of text.matchAll(/(?<![\\A-Za-z])[A-Za-z]{3,}(?![A-Za-z])/g)) {
    const escape = Object.keys(COMMANDS).find((e) => COMMANDS[e]!.includes(word) && hasCommand(original, `\\${e}${word}`));
    if (escape === undefined || ENGLISH.has(word) || hasCommand(original, `\\${word}`)) continue;
    if (!new RegExp(`(?<![\\\\A-Za-z])${word}(?![A-Za-z])`).test(original)) return word;
  }
  return undefined;
}

function gaps(line: string, ranges: MathRange[]): string[] {
  const out: string[] = [];
  let at = 0;
  for (const r of ranges) {
    out.push(line.slice(at, r.start));
    at = r.end;
  }
  out.push(line.slice(at));
  return out;
}

function lines(text: string): string[] {
  return text.split('\n');
}

function normalize(tex: string): string {
  return tex.replace(/\s+/g, ' ').trim();
}

function escapeClass(chars: string): string {
  return chars.replace(/[\]\\[^-]/g, '\\$&');
}
