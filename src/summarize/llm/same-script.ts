/**
 * A sentence in the target's own script may still be another language of that script: German for Polish,
 * Spanish for Catalan, Russian for Ukrainian, Serbian for Macedonian, Arabic for Persian. Each candidate of the
 * script is weighed against the target on what only one of the two writes: its function words and its
 * letters (ą, ñ, і, ы, ђ, ќ, پ, ة …). The target loses only on clear evidence; when the two are close or
 * nothing tells them apart the sentence passes, as a false refusal costs the user three paid calls.
 */
import { detectAll, supportedLanguages, toISO2 } from 'tinyld';
import { FUNCTION_WORDS, LETTERS, foldArabic, scriptOfData } from './function-words.js';

const TINYLD = new Set(supportedLanguages.map((l) => toISO2(l)));
/** Words with telling letters count at most this much: one sentence of Vietnamese is not 30 pieces of evidence. */
const LETTER_CAP = 3;

interface Words {
  /** Every word, lower-cased, for function words. */
  all: string[];
  /** Words written in lower case, for letters: capitalised ones may be names (Schrödinger, Erdős, Fréchet). */
  lower: string[];
}

/** The other language of `script` this sentence is clearly in instead of `target`, or null. */
export function sameScriptVerdict(text: string, target: string, script: string): string | null {
  const words = wordsOf(text);
  const key = dataKey(target, script);
  if (!key) return script === 'Latn' ? unknownLatinTarget(text, words, target) : null;
  let best: string | null = null;
  let bestScore = 0;
  let weak: string | null = null; // one piece of evidence ahead and none for the target: tinyld decides
  for (const other of Object.keys(LETTERS)) {
    if (other === key || scriptOfData(other) !== script) continue;
    const { score, sure } = evidence(words, key, other);
    if (sure && score > bestScore) [best, bestScore] = [other, score];
    else if (!sure && score > 0 && !weak) weak = other;
  }
  // tinyld costs ~3 ms a call: asked once, about the first weak candidate only.
  return best ?? (weak && tinyldPrefers(text, weak, key) ? weak : null);
}

/** The language of `script` with the most function words in the text (at least two), other than `exclude`. */
export function bestByFunctionWords(text: string, script: string, exclude: string): string | null {
  const { all } = wordsOf(text);
  let best: string | null = null;
  let most = 1;
  for (const [lang, list] of Object.entries(FUNCTION_WORDS)) {
    if (lang === exclude || scriptOfData(lang) !== script) continue;
    const hits = all.filter((w) => list.has(w)).length;
    if (hits > most) [best, most] = [lang, hits];
  }
  return best;
}

/** The data key for a requested language in a script (see function-words.ts), or null without data. */
function dataKey(target: string, script: string): string | null {
  if (script === 'Latn' && ['hr', 'bs', 'sr', 'cnr', 'sh'].includes(target)) return 'hr';
  if (script === 'Cyrl' && ['sr', 'bs', 'cnr', 'sh'].includes(target)) return 'sr';
  if (['nb', 'nn', 'no'].includes(target)) return 'no';
  if (target === 'ms') return 'id';
  return LETTERS[target] !== undefined && scriptOfData(target) === script ? target : null;
}

/**
 * How clearly `other` beats `key` on these words. Sure: two pieces of evidence ahead, or one with nothing at all
 * for the target and plenty of their function words. One ahead with nothing for the target is left to tinyld
 * ("Adaptive ranks make fine-tuning practical at scale." is English, not German, on a single "at").
 */
function evidence(words: Words, key: string, other: string): { score: number; sure: boolean } {
  const mine = FUNCTION_WORDS[key]!;
  const theirs = FUNCTION_WORDS[other]!;
  const wordsOnlyTheirs = words.all.filter((w) => theirs.has(w) && !mine.has(w)).length;
  const wordsOnlyMine = words.all.filter((w) => mine.has(w) && !theirs.has(w)).length;
  const lettersTheirs = Math.min(LETTER_CAP, words.lower.filter((w) => hasLetterOf(w, other, key)).length);
  const lettersMine = Math.min(LETTER_CAP, words.lower.filter((w) => hasLetterOf(w, key, other)).length);
  const forMe = wordsOnlyMine + lettersMine;
  const score = wordsOnlyTheirs + lettersTheirs - forMe;
  if (score >= 2) return { score, sure: true };
  if (score < 1 || forMe > 0) return { score: 0, sure: false };
  return { score, sure: words.all.filter((w) => theirs.has(w)).length >= 3 };
}

/** tinyld, choosing between the two only, picks `a` (false when it knows only one of them). */
function tinyldPrefers(text: string, a: string, b: string): boolean {
  return TINYLD.has(a) && TINYLD.has(b) && detectAll(text, { only: [a, b] })[0]?.lang === a;
}

/** The word has a letter language `a` writes and `b` never does. */
function hasLetterOf(word: string, a: string, b: string): boolean {
  for (const ch of word) if (inAlphabet(ch, a) && !inAlphabet(ch, b)) return true;
  return false;
}

function inAlphabet(ch: string, lang: string): boolean {
  return (ch >= 'a' && ch <= 'z') || LETTERS[lang]!.includes(ch);
}

/**
 * A Latin-script target without data (Galician, Afrikaans, Irish …): only a sentence that is plainly English,
 * or that tinyld places in the other language when it knows the target too, is refused; a close relative
 * shares too many function words to be judged by them.
 */
function unknownLatinTarget(text: string, words: Words, target: string): string | null {
  const best = bestByFunctionWords(text, 'Latn', target);
  if (!best) return null;
  const hits = words.all.filter((w) => FUNCTION_WORDS[best]!.has(w)).length;
  if (hits < 4 || hits / words.all.length < 0.3) return null;
  if (best === 'en') return best;
  if (!TINYLD.has(target) || !TINYLD.has(best)) return null;
  return detectAll(text, { only: [target, best] })[0]?.lang === best ? best : null;
}

function wordsOf(text: string): Words {
  const all: string[] = [];
  const lower: string[] = [];
  for (const word of text.normalize('NFC').match(/\p{L}+/gu) ?? []) {
    const folded = word.toLowerCase();
    all.push(foldArabic(folded));
    if (!/^\p{Lu}/u.test(word)) lower.push(folded);
  }
  return { all, lower };
}
