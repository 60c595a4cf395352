/**
 * The `lang` and `dir` of a summary's text in HTML (the reader's cards, the email). The pages themselves are
 * English — their labels and buttons, and the titles and abstracts from arXiv — so `<html lang="en">` stays;
 * a summary is in the language it was written in (`--language`), and says so on its own element. Without
 * that, an Arabic TL;DR is laid out left to right (its final period lands next to its first word) and a
 * Chinese one is read and hyphenated as English. Pure: the reader's bundle uses it too.
 */

export interface TextLang {
  /** BCP-47 code; '' (unknown) when the summary names none, or not one that reads as a code. */
  lang: string;
  /** `rtl` for a right-to-left language or script; otherwise `auto` (the first strong letter decides). */
  dir: 'rtl' | 'auto';
}

/** Languages written right to left by default (their ISO 639 codes). */
const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ji', 'ks', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);
/** Right-to-left scripts (ISO 15924), which decide when a code names one (`ks-Deva` is not, `pa-Arab` is). */
const RTL_SCRIPTS = new Set(['arab', 'hebr', 'thaa', 'syrc', 'nkoo', 'adlm', 'rohg', 'mand', 'samr']);
const CODE = /^[a-z]{2,8}(?:-[a-z0-9]{1,8})*$/i;

export function textLang(language: string | null | undefined): TextLang {
  if (!language || !CODE.test(language)) return { lang: '', dir: 'auto' };
  const [primary = '', ...rest] = language.toLowerCase().split('-');
  const script = rest.find((s) => /^[a-z]{4}$/.test(s));
  const rtl = script ? RTL_SCRIPTS.has(script) : RTL_LANGUAGES.has(primary);
  return { lang: language, dir: rtl ? 'rtl' : 'auto' };
}
