/**
 * Text helpers shared by the answer checks: sentences, words and scripts, in any language.
 */
import { MATH_TOKEN_RE } from './types.js';

export const HAN = /\p{Script=Han}/u;
export const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}\u30FC]/u;
export const HANGUL = /\p{Script=Hangul}/u;

/** zh, ja, zh-Hant-TW → zh …; lower case. */
export function primaryLanguage(code: string): string {
  return (code.split(/[-_]/)[0] ?? code).toLowerCase();
}

/** Written without spaces between words: lengths are counted in characters. */
export function isUnspaced(code: string): boolean {
  return ['zh', 'ja', 'th', 'lo', 'km', 'my'].includes(primaryLanguage(code));
}

/** Math tokens removed (they are not words of any language). */
export function withoutTokens(text: string): string {
  return text.replace(new RegExp(MATH_TOKEN_RE.source, 'g'), ' ');
}

// Abbreviations after which ICU's sentence break is wrong ("e.g. ImageNet", "z. B.").
const ABBREVIATION = /(?:^|[\s(])(?:e\.g|i\.e|et al|vs|cf|etc|approx|resp|incl|Fig|Figs|Eq|Eqs|Sec|Tab|Ref|No|Dr|Prof|bzw|ca|vgl|ggf|usw|Nr|bspw|[A-Za-z])\.$/;

/** Sentences by `Intl.Segmenter`, with ICU's breaks after abbreviations and before lower case or digits undone. */
export function sentences(text: string, language: string): string[] {
  const out: string[] = [];
  for (const { segment } of segmenter(language, 'sentence').segment(text)) {
    const s = segment.trim();
    if (!s) continue;
    const prev = out[out.length - 1];
    if (prev !== undefined && (ABBREVIATION.test(prev) || /^[\p{Ll}\p{N}(,;:%)\]]/u.test(s))) out[out.length - 1] = `${prev} ${s}`;
    else out.push(s);
  }
  return out;
}

/** Word-like segments (a CJK word is one or two characters). */
export function words(text: string, language: string): string[] {
  const out: string[] = [];
  for (const seg of segmenter(language, 'word').segment(withoutTokens(text))) if (seg.isWordLike) out.push(seg.segment);
  return out;
}

/** Length in the unit the language counts in: characters (without spaces) when unspaced, else words. */
export function lengthOf(text: string, language: string): number {
  const plain = withoutTokens(text);
  if (!isUnspaced(language)) return plain.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return [...plain.replace(/\s+/g, '')].length;
}

/** Lower-cased letters and digits only, spaces collapsed: for comparing fields. */
export function normalizeForCompare(text: string): string {
  return withoutTokens(text)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const SEGMENTERS = new Map<string, Intl.Segmenter>();

function segmenter(language: string, granularity: 'sentence' | 'word'): Intl.Segmenter {
  const key = `${language}|${granularity}`;
  let s = SEGMENTERS.get(key);
  if (!s) {
    let locale = 'en';
    try {
      locale = Intl.getCanonicalLocales(language)[0] ?? 'en';
    } catch {
      // an odd code: segment by the root rules
    }
    s = new Intl.Segmenter(locale, { granularity });
    SEGMENTERS.set(key, s);
  }
  return s;
}
