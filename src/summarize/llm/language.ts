/**
 * Is every sentence in the requested language? Per sentence (`Intl.Segmenter`), after removing what is
 * not language: math tokens, numbers, URLs, acronyms and names taken from the abstract (`LoRA`, `GPT-4`,
 * `ImageNet`, `Transformer`), and in a sentence of another script its English terms ("graph neural network").
 * First the script: the code's own (its script subtag, else ICU's likely script; sr takes Latin or Cyrillic),
 * zh/ja/ko by kana, Hangul and Han. Then, within the script, the other languages it is written in
 * (same-script.ts). Short or undetermined sentences pass: only a clear wrong language fails.
 */
import { detectAll, supportedLanguages, toISO2 } from 'tinyld';
import { languageName } from '../../config/language.js';
import { SUMMARY_FIELDS } from '../../types.js';
import type { AnswerProblem, Summary, SummaryField } from './types.js';
import { HANS_ONLY, HANT_ONLY, NON_LATIN, chineseScript, countScripts, dropLatinTerms, ownPattern, targetScripts } from './check-script.js';
import type { ScriptCounts } from './check-script.js';
import { primaryLanguage, sentences, withoutTokens } from './check-text.js';
import { FUNCTION_WORDS } from './function-words.js';
import { bestByFunctionWords, sameScriptVerdict } from './same-script.js';

/** Latin-script languages tinyld knows, for naming a sentence no function word places. */
const LATIN_TINYLD = supportedLanguages.map((l) => toISO2(l)).filter((l) => targetScripts(l)[0] === 'Latn');
const NON_LATIN_ALL = new RegExp(NON_LATIN, 'gu');
const MIN_WEIGHT = 20; // letters, a CJK character counting two
const MIN_SHARE = 0.6;

export interface LanguageContext {
  language: string;
  /** Title, abstract (and the unmasked abstract): names written there are not words of any language. */
  source: string;
}

export function languageProblems(summary: Summary, ctx: LanguageContext): AnswerProblem[] {
  const terms = namesIn(ctx.source);
  const problems: AnswerProblem[] = [];
  for (const field of SUMMARY_FIELDS) {
    const problem = fieldProblem(field, summary[field], ctx.language, terms);
    if (problem) problems.push(problem);
  }
  return problems;
}

function fieldProblem(field: SummaryField, text: string, language: string, terms: ReadonlySet<string>): AnswerProblem | null {
  const want = `${languageName(language)} (${language})`;
  for (const sentence of sentences(text, language)) {
    const wrong = sentenceLanguage(sentence, language, terms);
    if (wrong) {
      const quote = sentence.length > 50 ? `${sentence.slice(0, 47)}…` : sentence;
      // Serbian in Cyrillic where sr-Latn is asked is "not in Serbian (Latin)", never "in Serbian, not Serbian (Latin)".
      const named = wrong !== 'und' && primaryLanguage(wrong) !== primaryLanguage(language);
      const what = named ? `in ${languageName(wrong)}, not ${languageName(language)}` : `not in ${languageName(language)}`;
      return { code: 'language', field, message: `field "${field}" has a sentence ${what} ("${quote}")`, fix: `write it in ${want}` };
    }
  }
  const script = primaryLanguage(language) === 'zh' ? chineseScript(language) : null;
  if (script && chineseVariant(text) === (script === 'Hans' ? 'Hant' : 'Hans')) {
    const [have, need] = script === 'Hans' ? ['Traditional', 'Simplified'] : ['Simplified', 'Traditional'];
    return { code: 'language', field, message: `field "${field}" is written in ${have} Chinese characters`, fix: `write it in ${need} Chinese (${language})` };
  }
  return null;
}

/** The language a sentence is clearly in when that is not `language` ('und' if unnamed), else null. */
export function sentenceLanguage(sentence: string, language: string, terms: ReadonlySet<string> = new Set()): string | null {
  const target = primaryLanguage(language);
  const scripts = targetScripts(language);
  const cjk = cjkOf(target, scripts);
  const latinOwn = scripts.includes('Latn');
  const own = ownPattern(scripts);
  if (!cjk && !latinOwn && !own) return null; // a script Unicode has no property for: nothing to check against
  // In a sentence of another script, English terms are not English: a Russian sentence naming a "graph neural
  // network" is Russian, for a Latin target too. A stray letter or two (a Greek variable) does not count.
  const stripped = stripTerms(sentence, terms);
  const clean = !latinOwn || (stripped.match(NON_LATIN_ALL)?.length ?? 0) >= 8 ? dropLatinTerms(stripped) : stripped;
  const c = countScripts(clean, own);
  const weight = 2 * (c.han + c.kana + c.hangul) + c.latin + c.own + c.other;
  if (weight < MIN_WEIGHT) return null;
  if (cjk) return cjkVerdict(cjk, c, clean);
  if ((c.own + (latinOwn ? c.latin : 0)) / weight < MIN_SHARE) return guess(clean, c, target);
  const script = latinOwn && c.latin >= c.own ? 'Latn' : scripts.find((s) => s !== 'Latn')!;
  return sameScriptVerdict(clean, target, script);
}

/** zh, ja or ko when the code is checked by CJK script (yue and other Han-written codes as Chinese). */
function cjkOf(target: string, scripts: readonly string[]): 'zh' | 'ja' | 'ko' | null {
  if (target === 'ja' || scripts.includes('Jpan')) return 'ja';
  if (target === 'ko' || scripts.includes('Kore')) return 'ko';
  if (target === 'zh' || scripts.some((s) => s === 'Hans' || s === 'Hant' || s === 'Hani')) return 'zh';
  return null;
}

function cjkVerdict(target: 'zh' | 'ja' | 'ko', c: ScriptCounts, clean: string): string | null {
  // Korean may carry a few Hanja, but Han text without Hangul is Chinese.
  const own = target === 'zh' ? c.han : target === 'ja' ? c.han + c.kana : c.hangul + Math.min(c.han, c.hangul);
  const others = c.han + c.kana + c.hangul - own + 2 * c.latinWords + c.own + c.other;
  if (own / (own + others) < MIN_SHARE) return guess(clean, c, target);
  if (target === 'zh' && c.kana >= 2 && c.kana >= 0.05 * (c.han + c.kana)) return 'ja';
  if (target === 'ja' && c.kana === 0 && c.han >= 8) return 'zh';
  return null;
}

/**
 * A name for what a sentence mostly is instead of the target's script, never the target itself (a refusal
 * saying "in Chinese, not Chinese" gives the model nothing to fix): the CJK language its characters show,
 * else the Latin language its function words show, else 'und'.
 */
function guess(clean: string, c: ScriptCounts, target: string): string {
  if (2 * (c.han + c.kana + c.hangul) >= c.latin + c.other + c.own) {
    if (c.kana > 0 && target !== 'ja') return 'ja';
    if (c.hangul > c.han && target !== 'ko') return 'ko';
    if (c.han > 0 && target !== 'zh' && target !== 'ja') return 'zh';
    return 'und';
  }
  if (c.latin < c.other + c.own) return bestByFunctionWords(clean, /\p{Script=Cyrillic}/u.test(clean) ? 'Cyrl' : 'Arab', target) ?? 'und';
  const best = bestByFunctionWords(clean, 'Latn', target) ?? detectAll(clean, { only: LATIN_TINYLD })[0];
  if (typeof best === 'string') return best;
  // tinyld's guess names the language only when it is sure; a wrong name would mislead the model more than none.
  return best && best.lang !== target && best.accuracy >= 0.5 ? best.lang : 'und';
}

function chineseVariant(text: string): 'Hans' | 'Hant' | null {
  let hans = 0;
  let hant = 0;
  for (const ch of text) {
    if (HANS_ONLY.has(ch)) hans++;
    else if (HANT_ONLY.has(ch)) hant++;
  }
  if (hans >= 2 && hans > 2 * hant) return 'Hans';
  if (hant >= 2 && hant > 2 * hans) return 'Hant';
  return null;
}

/** Capitalised words used mid-sentence in the source (names like "Transformer", "Gaussian"), not function words. */
function namesIn(source: string): Set<string> {
  const out = new Set<string>();
  for (const m of source.matchAll(/(?<=[\p{Ll}\p{N},;:)] )\p{Lu}\p{Ll}+(?:-\p{L}+)*/gu)) {
    if (!FUNCTION_WORDS.en!.has(m[0].toLowerCase())) out.add(m[0]);
  }
  return out;
}

/** The sentence without math tokens, URLs, numbers, acronyms (`LoRA`, `F1`) and names from the source. */
function stripTerms(sentence: string, terms: ReadonlySet<string>): string {
  return withoutTokens(sentence)
    .replace(/https?:\/\/\S+|\S+@\S+\.\S+/g, ' ')
    .replace(/[\p{Script=Latin}\p{N}][\p{Script=Latin}\p{N}'’._+/-]*/gu, (token) => {
      const word = token.replace(/[.'’_+/-]+$/, '');
      const acronym = /\p{N}/u.test(word) || (word.match(/\p{Lu}/gu)?.length ?? 0) >= 2;
      return acronym || terms.has(word) ? ' ' : token;
    });
}
