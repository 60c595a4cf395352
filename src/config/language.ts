/**
 * Output language: users write a name ("Chinese", "japanese") or a BCP-47 code ("zh-CN", "de");
 * the pipeline only ever sees the canonical code.
 */
import { ConfigError } from '../errors.js';

const DISPLAY = new Intl.DisplayNames(['en'], { type: 'language' });
const SCRIPTS = new Intl.DisplayNames(['en'], { type: 'script' });
const REGIONS = new Intl.DisplayNames(['en'], { type: 'region' });

// Codes whose English names users are likely to type; the names come from ICU, not from this list.
const COMMON_CODES = [
  'ar', 'bg', 'bn', 'ca', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'fa', 'fi', 'fr', 'he', 'hi', 'hr', 'hu',
  'id', 'it', 'ja', 'ko', 'lt', 'lv', 'ms', 'nl', 'no', 'pl', 'pt', 'ro', 'ru', 'sk', 'sl', 'sr', 'sv', 'sw',
  'ta', 'th', 'tr', 'uk', 'ur', 'vi', 'zh', 'zh-CN', 'zh-TW', 'zh-Hans', 'zh-Hant', 'pt-BR',
];

const NAME_TO_CODE = new Map<string, string>([
  ...COMMON_CODES.map((code) => [String(DISPLAY.of(code)).toLowerCase(), code] as const),
  ['chinese', 'zh'],
  ['simplified chinese', 'zh-Hans'],
  ['traditional chinese', 'zh-Hant'],
  ['mandarin', 'zh'],
  ['farsi', 'fa'],
]);

/** Canonical BCP-47 code for a language name or code; ConfigError for anything unknown. */
export function normalizeLanguage(input: string): string {
  const text = input.trim();
  const byName = NAME_TO_CODE.get(text.toLowerCase());
  if (byName) return byName;
  if (/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/.test(text)) {
    try {
      const [code] = Intl.getCanonicalLocales(text.replace(/_/g, '-'));
      if (code && isKnownTag(code)) return code;
    } catch {
      // fall through to the error below
    }
  }
  throw new ConfigError(`unknown language "${input}"; use a name such as English or Chinese, or a code such as en, zh-CN, de`);
}

/**
 * ICU names every subtag it knows and returns an unknown one as given: "qq" stays "qq", but "xx-notreal" becomes
 * "xx (NOTREAL)", so comparing the whole tag's name with the tag would accept it. Each part is checked instead.
 */
function isKnownTag(code: string): boolean {
  const { language, script, region } = new Intl.Locale(code);
  // Node's Intl.Locale reports "und" as no language at all (undefined).
  if (!language || NOT_A_LANGUAGE.test(language) || (script && NOT_A_SCRIPT.test(script)) || region === 'ZZ') return false;
  const known = (names: Intl.DisplayNames, part: string | undefined) => part === undefined || names.of(part) !== part;
  return known(DISPLAY, language) && known(SCRIPTS, script) && known(REGIONS, region);
}

// ISO 639's special codes have ICU names ("und" is "root", "zxx" "No linguistic content") but name no language a
// model could write in: undetermined, multiple, uncoded, none, and the private-use range qaa–qtz. Likewise
// the special scripts (unknown, common, inherited, unwritten, notation, symbols) and the unknown region ZZ.
const NOT_A_LANGUAGE = /^(?:und|mul|mis|zxx|q[a-t][a-z])$/;
const NOT_A_SCRIPT = /^(?:Zzzz|Zyyy|Zinh|Zxxx|Zmth|Zsym|Zsye|Qa[a-b][a-z])$/;

/** English name of a language code, for messages. */
export function languageName(code: string): string {
  return DISPLAY.of(code) ?? code;
}

/** True when the code asks for English (any region). */
export function isEnglish(code: string): boolean {
  return code === 'en' || code.startsWith('en-');
}
