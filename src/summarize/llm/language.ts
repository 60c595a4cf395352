/**
 * Is every sentence in the requested language? Per sentence (`Intl.Segmenter`), after removing what is
 * not language: math tokens, numbers, URLs, acronyms and names taken from the abstract (`LoRA`, `GPT-4`,
 * `ImageNet`, `Transformer`). zh/ja/ko and other non-Latin scripts are judged by Unicode script (kana makes
 * Japanese, Han without kana Chinese); Latin-script languages by tinyld, restricted to a few candidates and
 * confirmed by function words. Short or undetermined sentences pass: only a clear wrong language fails.
 */
import { detectAll, supportedLanguages, toISO2 } from 'tinyld';
import { languageName } from '../../config/language.js';
import { SUMMARY_FIELDS } from '../../types.js';
import type { AnswerProblem, Summary, SummaryField } from './types.js';
import { FUNCTION_WORDS, HANS_ONLY, HANT_ONLY, SCRIPT_OF, chineseScript, countScripts, functionWordRatio } from './check-script.js';
import type { ScriptCounts } from './check-script.js';
import { primaryLanguage, sentences, withoutTokens } from './check-text.js';

const TINYLD = new Set(supportedLanguages.map((l) => toISO2(l)));
/** Candidates tinyld chooses among besides the target: the languages a model drifts into. */
const MAJOR = ['en', 'de', 'fr', 'es', 'it', 'pt', 'nl'];
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
      const what = wrong === 'und' ? `not in ${languageName(language)}` : `in ${languageName(wrong)}, not ${languageName(language)}`;
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
  const clean = stripTerms(sentence, terms);
  const c = countScripts(clean, SCRIPT_OF[target]);
  const cjk = c.han + c.kana + c.hangul;
  if (2 * cjk + c.latin + c.own + c.other < MIN_WEIGHT) return null;
  if (target === 'zh' || target === 'ja' || target === 'ko') return cjkVerdict(target, c, clean);
  const mine = SCRIPT_OF[target] ? c.own : c.latin;
  if (mine / (c.latin + c.own + c.other + 2 * cjk) < MIN_SHARE) return guess(clean, c);
  return SCRIPT_OF[target] ? null : latinVerdict(clean, target);
}

function cjkVerdict(target: 'zh' | 'ja' | 'ko', c: ScriptCounts, clean: string): string | null {
  // Korean may carry a few Hanja, but Han text without Hangul is Chinese.
  const own = target === 'zh' ? c.han : target === 'ja' ? c.han + c.kana : c.hangul + Math.min(c.han, c.hangul);
  const others = c.han + c.kana + c.hangul - own + 2 * c.latinWords + c.own + c.other;
  if (own / (own + others) < MIN_SHARE) return guess(clean, c);
  if (target === 'zh' && c.kana >= 2 && c.kana >= 0.05 * (c.han + c.kana)) return 'ja';
  if (target === 'ja' && c.kana === 0 && c.han >= 8) return 'zh';
  return null;
}

/** tinyld's choice among the target and the usual drifts, believed only if its function words agree. */
function latinVerdict(clean: string, target: string): string | null {
  const code = target === 'nb' || target === 'nn' ? 'no' : target;
  if (FUNCTION_WORDS[code]) {
    // Most sentences settle here: the target's own function words lead clearly, no model needed.
    const mine = functionWordRatio(clean, code);
    if (mine >= 0.1 && Object.keys(FUNCTION_WORDS).every((l) => l === code || functionWordRatio(clean, l) < mine)) return null;
  }
  const only = [...new Set([code, ...MAJOR])].filter((l) => TINYLD.has(l));
  const top = detectAll(clean.slice(0, 300), { only })[0];
  if (!top || top.lang === code) return null;
  const theirs = functionWordRatio(clean, top.lang);
  if (FUNCTION_WORDS[code] && FUNCTION_WORDS[top.lang]) return theirs > functionWordRatio(clean, code) ? top.lang : null;
  return top.lang === 'en' && theirs >= 0.15 ? 'en' : null;
}

/** A name for the language of a sentence in the wrong script. */
function guess(clean: string, c: ScriptCounts): string {
  if (c.kana > 0) return 'ja';
  if (c.hangul > c.han) return 'ko';
  if (c.han > 0) return 'zh';
  if (c.latin > c.own + c.other) return detectAll(clean, { only: MAJOR })[0]?.lang ?? 'und';
  return 'und';
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
