/**
 * Sentence splitter for arXiv abstracts. Abstracts break the usual rules: LaTeX spans with periods
 * (`$O(n^{1.5})$`), URLs, version numbers, "e.g."/"et al." before capitalised names, hard line breaks
 * inside sentences. Protected spans are masked first so their periods never end a sentence.
 */
import { mathRanges } from '../../math-split.js';

/** Words that end with a period but rarely end a sentence (compared lowercased, without the period). */
const ABBREVIATIONS = new Set([
  'e.g', 'i.e', 'al', 'cf', 'vs', 'viz', 'fig', 'figs', 'eq', 'eqs', 'sec', 'secs', 'tab', 'ref', 'refs', 'no',
  'nos', 'approx', 'resp', 'dr', 'mr', 'mrs', 'ms', 'prof', 'st', 'jr', 'ch', 'thm', 'def', 'lem', 'prop',
  'cor', 'alg', 'app', 'appx', 'esp', 'incl', 'w.r.t', 'a.k.a', 'wrt', 'aka', 'ca', 'vol', 'pp', 'u.s',
]);

const MASK = '\u0001';
const DOMAIN_HINT = /\.(?:com|org|net|io|ai|edu|gov)\b/;

/** Replace periods, `!` and `?` inside LaTeX math and URLs with a mask character. */
function maskSpans(text: string): string {
  const hide = (s: string): string => s.replace(/[.!?]/g, MASK);
  // Each pass only when its trigger is present: these regexes dominate the splitter's cost otherwise.
  if (text.includes('$') || text.includes('\\')) {
    // The renderer's own rules, so a span the reader sets as math is one sentence piece, and money ("costs $5. We
    // show … $x$") opens no span that would swallow the period between two sentences.
    let masked = '';
    let at = 0;
    for (const r of mathRanges(text)) {
      masked += text.slice(at, r.start) + hide(text.slice(r.start, r.end));
      at = r.end;
    }
    text = masked + text.slice(at);
  }
  if (text.includes('://') || text.includes('www.')) {
    text = text.replace(/\b(?:https?:\/\/|www\.)[^\s)]+[^\s).,;:!?]/g, hide);
  }
  if (DOMAIN_HINT.test(text)) text = text.replace(/\b[\w-]+(?:\.[\w-]+)+\.(?:com|org|net|io|ai|edu|gov)\b/g, hide);
  return text;
}

function unmask(masked: string, original: string): string {
  if (!masked.includes(MASK)) return masked;
  let out = '';
  for (let i = 0; i < masked.length; i++) out += masked[i] === MASK ? original[i] : masked[i];
  return out;
}

/**
 * Words that open sentences but not names: "model X. We show" and "Smith et al. We propose" end a sentence,
 * "J. Smith" and "Smith et al. Showed" do not.
 */
const STARTERS =
  /^(?:We|Our|The|This|These|That|Those|It|Its|In|On|For|To|As|By|With|Here|However|Moreover|Furthermore|Further|Finally|Next|Then|Thus|Hence|Therefore|Consequently|Instead|Additionally|Specifically|Overall|Lastly|Also|Notably|Importantly|Experiments?|Results?|Unlike|Using)\b/;

/** True when the period at `end` closes an abbreviation or an initial rather than a sentence. */
function isAbbreviation(text: string, end: number): boolean {
  let start = end;
  while (start > 0 && /[\w.]/.test(text[start - 1]!)) start--;
  const word = text.slice(start, end).toLowerCase();
  // "et al." closes a citation that often ends the sentence; a plain opener after it starts the next one.
  if (ABBREVIATIONS.has(word)) return word !== 'al' || !STARTERS.test(text.slice(end + 2, end + 16));
  // A single capital initial ("J. Smith") or a dotted acronym ("U.S.") unless a typical opener follows.
  const initial = /^[A-Z]$/.test(text.slice(start, end)) || /^(?:[a-z]\.)+[a-z]$/.test(word);
  return initial && !STARTERS.test(text.slice(end + 2, end + 16));
}

const OPENERS = '(?:We|Our|The|This|These|To|In|However|Moreover|Furthermore|Finally|Specifically|Additionally|Experiments?|Results?|Extensive|Despite|Although|While|Unlike|Existing|Compared|Here|Such)';
// "…environments.To address this, we…": a lost space after a period, caught only before a word that plainly
// opens a sentence, so "nn.Module" or "torch.Tensor" stay whole.
const GLUED = `\\.(?<=[a-z]{2}\\.)(?=${OPENERS} )`;
// "…KG structuresTo address this challenge, we…": a line break lost with its period, caught before such a word
// followed by a lowercase one (no false split in CSAbstruct's 12,000 sentences); the first part gets its period.
const LOST = `(?<=[a-z]{3})(?=${OPENERS} [a-z])`;
const BOUNDARY = new RegExp(`[.!?]+["'”’)\\]]*(?= )|${GLUED}`, 'g');
// Only a text with a lowercase letter right before a capitalised word needs the costlier pattern.
const BOUNDARY_OR_LOST = new RegExp(`${BOUNDARY.source}|${LOST}`, 'g');
const CASE_CHANGE = /[a-z][A-Z][a-z]* [a-z]/;

// "mBERT", "iPhone", "word2vec", "pH": a name written lowercase-first, told from a plain word by an inner capital or digit.
const LOWER_NAME = /^[a-z]+[A-Z0-9]/;

/** Can a sentence start at `i` (after whitespace)? Capitals, digits, quotes, brackets, LaTeX, "mBERT"-like names. */
function startsSentence(text: string, i: number): boolean {
  const c = text[i];
  return c !== undefined && (/[A-Z0-9"'“‘([{$\\]/.test(c) || LOWER_NAME.test(text.slice(i, i + 24)));
}

/** Split an abstract into sentences; whitespace (including line breaks) inside a sentence becomes one space. */
export function splitSentences(abstract: string): string[] {
  const text = abstract.replace(/\s+/g, ' ').trim();
  if (text === '') return [];
  const masked = maskSpans(text);
  const out: string[] = [];
  let from = 0;
  for (const m of masked.matchAll(CASE_CHANGE.test(masked) ? BOUNDARY_OR_LOST : BOUNDARY)) {
    const end = m.index + m[0].length;
    const next = masked[end] === ' ' ? end + 1 : end;
    if (!startsSentence(masked, next)) continue;
    if (m[0].startsWith('.') && m[0].length === 1 && isAbbreviation(masked, m.index)) continue;
    const sentence = unmask(masked.slice(from, end), text.slice(from, end)).trim();
    // A LOST boundary matches empty: the sentence gets back the period it lost.
    out.push(m[0] === '' ? `${sentence}.` : sentence);
    from = next;
  }
  const rest = text.slice(from).trim();
  if (rest !== '') out.push(rest);
  return out;
}
