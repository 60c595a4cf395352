/**
 * Data for the language check: which script a language is written in, letters counted per script, the
 * characters that tell Simplified from Traditional Chinese, and a few function words per language (an
 * independent second opinion next to tinyld, whose guesses on one technical sentence can be wrong).
 */
import { HAN, HANGUL, KANA } from './check-text.js';

export const SCRIPT_OF: Record<string, string> = {
  ru: 'Cyrillic', uk: 'Cyrillic', bg: 'Cyrillic', be: 'Cyrillic', mk: 'Cyrillic', kk: 'Cyrillic', mn: 'Cyrillic',
  el: 'Greek', ar: 'Arabic', fa: 'Arabic', ur: 'Arabic', he: 'Hebrew', yi: 'Hebrew', hi: 'Devanagari',
  mr: 'Devanagari', ne: 'Devanagari', bn: 'Bengali', ta: 'Tamil', te: 'Telugu', kn: 'Kannada', ml: 'Malayalam',
  gu: 'Gujarati', pa: 'Gurmukhi', th: 'Thai', hy: 'Armenian', ka: 'Georgian', km: 'Khmer', my: 'Myanmar',
  am: 'Ethiopic', si: 'Sinhala', lo: 'Lao',
};

export interface ScriptCounts {
  han: number;
  kana: number;
  hangul: number;
  latin: number;
  /** Letters of the target's own script when it is none of the above (Cyrillic for ru …). */
  own: number;
  other: number;
  /** Latin words (a Latin word weighs about as much as two CJK characters). */
  latinWords: number;
}

export function countScripts(text: string, ownScript: string | undefined): ScriptCounts {
  const own = ownScript ? new RegExp(`\\p{Script=${ownScript}}`, 'u') : null;
  const c: ScriptCounts = { han: 0, kana: 0, hangul: 0, latin: 0, own: 0, other: 0, latinWords: 0 };
  for (const ch of text) {
    if (HAN.test(ch)) c.han++;
    else if (KANA.test(ch)) c.kana++;
    else if (HANGUL.test(ch)) c.hangul++;
    else if (/\p{Script=Latin}/u.test(ch)) c.latin++;
    else if (own?.test(ch)) c.own++;
    else if (/\p{L}/u.test(ch)) c.other++;
  }
  c.latinWords = text.match(/\p{Script=Latin}+/gu)?.length ?? 0;
  return c;
}

// Aligned pairs of frequent characters written differently in Simplified and Traditional Chinese.
const SIMPLIFIED =
  '这们与说时为个来对会国学发经过还进实现问题应关样种长动开门间见观计记设认论话语读调选边运达专业东两从体价优传区医华单变号员图场导将层张归总战数无术机条极构标检欢气点电画简类级组结给统继续维网职联虽规视觉议证识词译试该请谈负质购费资车转较输连遗释针钱链阶队难领风验练习络训据础于么测预损稳';
const TRADITIONAL =
  '這們與說時為個來對會國學發經過還進實現問題應關樣種長動開門間見觀計記設認論話語讀調選邊運達專業東兩從體價優傳區醫華單變號員圖場導將層張歸總戰數無術機條極構標檢歡氣點電畫簡類級組結給統繼續維網職聯雖規視覺議證識詞譯試該請談負質購費資車轉較輸連遺釋針錢鏈階隊難領風驗練習絡訓據礎於麼測預損穩';
export const HANS_ONLY = new Set(SIMPLIFIED);
export const HANT_ONLY = new Set(TRADITIONAL);

/** 'Hans', 'Hant', or null when the code allows either (plain "zh"). */
export function chineseScript(code: string): 'Hans' | 'Hant' | null {
  const parts = code.split(/[-_]/).slice(1).map((p) => p.toLowerCase());
  if (parts.some((p) => ['hant', 'tw', 'hk', 'mo'].includes(p))) return 'Hant';
  if (parts.some((p) => ['hans', 'cn', 'sg', 'my'].includes(p))) return 'Hans';
  return null;
}

/** Frequent function words; a sentence in a language has several of its own. */
export const FUNCTION_WORDS: Record<string, ReadonlySet<string>> = Object.fromEntries(
  Object.entries({
    en: 'the of and to a an is are was were for on with that by we this as from be which our it at or can these than not both over into its such their while under between across via using without more has have been only when how',
    de: 'der die das den dem des und ist sind ein eine einen einem einer zu mit von für auf im nicht wir sich auch als dass durch bei aus wird werden wie oder zur zum über diese dieser',
    fr: 'le la les de des du un une et est sont pour dans sur avec que qui par au aux nous ce cette ces plus pas son sa ses leur leurs il elle en une où mais',
    es: 'el la los las de del un una y es son para en con que por al se su sus lo como más pero este esta estos estas entre sobre nuestro',
    pt: 'o a os as de do da dos das um uma e é são para em com que por ao se seu sua como mais mas este esta no na nos nas entre sobre',
    it: 'il lo la i gli le di del della dei delle un una e è sono per in con che da al nel nella si come più ma questo questa tra sul',
    nl: 'de het een en van is zijn voor op met dat die wordt worden door bij naar ook niet we deze dit als aan te om',
  }).map(([lang, list]) => [lang, new Set(list.split(' '))]),
);

/** Share of the words of `text` that are function words of `lang` (0 when there is no list). */
export function functionWordRatio(text: string, lang: string): number {
  const list = FUNCTION_WORDS[lang];
  const tokens = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (!list || tokens.length === 0) return 0;
  return tokens.filter((t) => list.has(t)).length / tokens.length;
}
