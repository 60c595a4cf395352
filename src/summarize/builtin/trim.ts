/**
 * Trimming of extracted sentences so a field reads on its own: the TL;DR loses a lead-in that says nothing
 * ("In this paper,", "Furthermore,") or points at sentences it does not show ("To address these issues,",
 * "… to address this."); every other field loses a leading connective ("Specifically,", "Finally,"), which
 * points back at a sentence the field does not show either. Nothing is reworded; long text is cut at a word boundary.
 */
import { mathRanges } from '../../math-split.js';
import { FIGURE_RE } from './cues.js';

export const MAX_CHARS = 400;

/**
 * Cut text longer than the cap at a word boundary outside math (`$…$`, `\(…\)`, `\[…\]`, `$$…$$`, found as the
 * renderers find them, so a price such as "$5 per run" is text and not the start of a span), ending with "…".
 */
export function capLength(text: string, max = MAX_CHARS): string {
  if (text.length <= max) return text;
  const spans = mathRanges(text);
  let lastSpace = -1;
  for (let i = 0; i < max; i++) {
    if (text[i] === ' ' && !spans.some((r) => r.start < i && i < r.end)) lastSpace = i;
  }
  if (lastSpace <= 0) return text; // one unbreakable span: keep it whole rather than cut LaTeX
  return text.slice(0, lastSpace).replace(/[,;:]$/, '') + '…';
}

// A clause the authors open after a comma or semicolon: ", and we find that …", "; our method …", ", while results …".
const CLAUSE_RE = /[,;]\s+(?:(?:and|while|but|whereas|where)\s+)?(?=(?:we|our|it|this|these|they|results?|experiments?)\b)/gi;

/**
 * The closing clause of a sentence over the cap that reports what its cut would lose ("…, and we find that our
 * approach … improves accuracy by 4.2% … while reducing cost by 35%"), as "…we find that …"; null when the cut
 * loses no figure or no clause of the authors fits. For a one-sentence abstract's Result: the cut would only
 * repeat the TL;DR, while the reader came for the figures. The earliest clause that fits keeps the most context;
 * the leading "…" says the sentence began earlier. Still the authors' words, in order, nothing added.
 */
export function findingClause(text: string, max = MAX_CHARS): string | null {
  const cut = capLength(text, max);
  if (cut === text || !FIGURE_RE.test(text.slice(cut.length - 1))) return null;
  for (const m of text.matchAll(CLAUSE_RE)) {
    const tail = text.slice(m.index + m[0].length);
    if (tail.length < max && FIGURE_RE.test(tail)) return `…${tail}`;
  }
  return null;
}

// "In this paper, …", and without its comma before the authors' clause ("In this paper we study …").
const EMPTY_LEAD_RE = /^(?:in this (?:paper|work|study|article|note|letter|survey|contribution)|here(?:in)?)(?:\s*,\s*|\s+(?=(?:we|our)\b))/i;
const CONNECTIVE_RE = /^(?:furthermore|moreover|additionally|in addition|further|besides|therefore|thus|hence|consequently|accordingly|specifically|in particular|crucially|notably|importantly|in response|in contrast|instead|to this end|to that end|as a result|first(?:ly)?|second(?:ly)?|third(?:ly)?|next|subsequently|finally|lastly|then|also|however|nevertheless|nonetheless|meanwhile)\s*,\s*/i;
// "(2) Asymmetric dynamics: we …", "(ii) …": an item number whose list the field does not show (not "(5) is solved").
const ITEM_RE = /^\(?(?:\d{1,2}|[ivx]{1,4}|[a-h])\)\s+(?=[A-Z\\$])/;
const ANAPHORIC_LEAD_RE = /^(?:to|motivated by|inspired by|building (?:on|upon)|based on|given|in light of|in response to|guided by|following|against this backdrop|with this in mind)\b[^,.;:]{0,80}?\b(?:this|these|that|those|such|them|it)\b[^,.;:]{0,40},\s*/i;
// "We introduce X to address this." — the tail names a problem only the earlier sentences state.
const ANAPHORIC_TAIL_RE = /,?\s+(?:in order )?to (?:address|tackle|solve|overcome|fill|bridge|mitigate|alleviate|remedy|resolve|close|handle|circumvent|fix) (?:this|these|that|those|such|both|them|it|the above|the aforementioned)(?:\s+(?:[a-z-]+\s+)?(?:issues?|problems?|challenges?|limitations?|gaps?|bottlenecks?|shortcomings?|questions?|needs?|difficult(?:y|ies)|drawbacks?|concerns?))?(?=\.$)/i;
const MID_EMPTY_RE = /^([^,.;:]{8,120}), in this (?:paper|work|study|article), (?=(?:we|our)\b)/i;
// What is left must stand alone: the authors speaking ("we propose…", "our method…", "this paper…").
const STANDS_ALONE_RE = /^(?:we|our|this (?:paper|work|study|article))\b/i;

/** Upper-case the first letter of a plain lowercase word; leave "k-means", "iPhone", "$x$" and the like alone. */
function upperFirst(s: string): string {
  return /^[a-z]+(?=[\s,;:])/.test(s) ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}

/** The TL;DR: drop lead-ins that say nothing or lean on earlier sentences, and a tail that does. */
export function compressLead(s: string): string {
  let rest = s;
  for (let next = dropLead(rest); next !== rest; next = dropLead(rest)) rest = next;
  // "To speed up X on CPUs, in this paper, we propose…": the aside inside goes, the content lead-in stays.
  rest = rest.replace(MID_EMPTY_RE, '$1, ');
  if (STANDS_ALONE_RE.test(rest)) rest = rest.replace(ANAPHORIC_TAIL_RE, '');
  return rest === s ? s : upperFirst(rest);
}

/** One lead-in off the front: an empty one or a connective always, one pointing back only before the authors' clause. */
function dropLead(s: string): string {
  const plain = EMPTY_LEAD_RE.exec(s) ?? CONNECTIVE_RE.exec(s) ?? ITEM_RE.exec(s);
  if (plain) return plain[0].length < s.length ? s.slice(plain[0].length) : s;
  const back = ANAPHORIC_LEAD_RE.exec(s);
  if (!back) return s;
  const after = s.slice(back[0].length);
  return STANDS_ALONE_RE.test(after.replace(EMPTY_LEAD_RE, '')) ? after : s;
}

/** Any other field: drop a leading connective ("Specifically,", "Finally,") or item number whatever follows it. */
export function dropConnective(s: string): string {
  const lead = CONNECTIVE_RE.exec(s) ?? ITEM_RE.exec(s);
  return lead && lead[0].length < s.length ? upperFirst(s.slice(lead[0].length)) : s;
}
