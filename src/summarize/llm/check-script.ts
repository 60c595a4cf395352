/**
 * Scripts for the language check: which scripts the requested code is written in, letters counted per script,
 * English terms told from English prose inside a non-Latin sentence, and the characters that tell Simplified
 * from Traditional Chinese.
 */
import { FUNCTION_WORDS, scriptOfData } from './function-words.js';
import { HAN, HANGUL, KANA } from './check-text.js';

// Written in Latin or Cyrillic alike; a script subtag (sr-Latn, sr-Cyrl) narrows it to one.
const BISCRIPTAL = new Set(['sr', 'bs', 'cnr', 'sh', 'uz']);

/**
 * ISO 15924 scripts a code may be written in: its script subtag, else the likely script ICU gives (sr → Cyrl,
 * ky → Cyrl, fa → Arab), both for languages written in two. Hans/Hant/Jpan/Kore stand for the CJK checks.
 */
export function targetScripts(code: string): string[] {
  let scripts = SCRIPTS_OF.get(code);
  if (!scripts) SCRIPTS_OF.set(code, (scripts = scriptsOf(code)));
  return scripts;
}

const SCRIPTS_OF = new Map<string, string[]>();

function scriptsOf(code: string): string[] {
  try {
    const locale = new Intl.Locale(code);
    if (locale.script) return [locale.script];
    if (BISCRIPTAL.has(locale.language)) return ['Cyrl', 'Latn'];
    return [locale.maximize().script ?? 'Latn'];
  } catch {
    return ['Latn'];
  }
}

/** Letters of the target's scripts other than Latin (Latin is counted apart), or null when there are none or
 * Unicode has no such script property (then the script cannot be checked). */
export function ownPattern(scripts: readonly string[]): RegExp | null {
  const others = scripts.filter((s) => s !== 'Latn');
  if (others.length === 0) return null;
  try {
    return new RegExp(`[${others.map((s) => `\\p{Script=${s}}`).join('')}]`, 'u');
  } catch {
    return null;
  }
}

const LATIN_DATA = Object.keys(FUNCTION_WORDS).filter((l) => scriptOfData(l) === 'Latn');

/**
 * A sentence in another script without its English terms: a run of Latin words ("graph neural network",
 * "state of the art", "learning to rank") is a term unless it reads as prose: at least four words, two function
 * words of one Latin language, one of them more than the glue terms are made with (is, we, which, can …).
 * A sentence with no other letters than Latin ones stays as it is.
 */
export function dropLatinTerms(text: string): string {
  if (!NON_LATIN.test(text)) return text;
  return text.replace(/\p{Script=Latin}+(?:[\s,;:'’()-]+\p{Script=Latin}+)*/gu, (run) => (isProse(run) ? run : ' '));
}

export const NON_LATIN = /(?!\p{Script=Latin})\p{L}/u;

export interface ScriptCounts {
  han: number;
  kana: number;
  hangul: number;
  latin: number;
  /** Letters of the target's own non-Latin script when it is none of the above (Cyrillic for ru …). */
  own: number;
  other: number;
  /** Latin words (a Latin word weighs about as much as two CJK characters). */
  latinWords: number;
}

export function countScripts(text: string, own: RegExp | null): ScriptCounts {
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

function isProse(run: string): boolean {
  const words = run.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 4) return false;
  return LATIN_DATA.some((l) => {
    const hits = words.filter((w) => FUNCTION_WORDS[l]!.has(w));
    return hits.length >= 2 && hits.some((w) => !TERM_GLUE.has(w));
  });
}

// Function words that also join the words of a term: "mixture of experts", "question and answer", "sequence to
// sequence", "learning from human feedback".
const TERM_GLUE = new Set('of the a an and or to for on in with from by via at over under into without using de la le des du der die das und von'.split(' '));
