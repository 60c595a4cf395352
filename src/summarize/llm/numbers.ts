/**
 * Faithfulness of numbers: every number a summary states must be in the title or abstract. Compared as
 * values after NFKC (`４０％` = `40%`) with every decimal digit read as ASCII (`١٣`, `۱۳`, `१३` = `13`), so `1,000` = `1000`, `92,3` = `92.3` where the language writes a
 * decimal comma, and `%`, `％` and "percent" are all just the number. Number words ("two") are not checked.
 */
import type { SummaryField } from '../../types.js';
import { primaryLanguage, withoutTokens } from './check-text.js';

// Languages that write a decimal comma; a point is accepted everywhere (copied from the English abstract).
const DECIMAL_COMMA = new Set([
  'de', 'fr', 'es', 'pt', 'ru', 'it', 'nl', 'pl', 'cs', 'sk', 'sv', 'da', 'nb', 'no', 'fi', 'tr', 'uk', 'bg', 'ro',
  'hu', 'id', 'vi', 'el', 'hr', 'sl', 'sr', 'lt', 'lv', 'et', 'ca', 'be', 'kk', 'az',
]);

// A space groups thousands only before exactly three digits ("1 000"); otherwise it separates numbers.
const NUMBER = /\d+(?:(?:[.,'’]|[ ](?=\d{3}(?!\d)))\d+)*/g;
// Names with digits ("GPT-4", "F1", "Llama-3", "Qwen2.5-7B"): skipped when the source has them.
const NAME = /[A-Za-z0-9][A-Za-z0-9._+-]*[A-Za-z0-9]/g;

// Every decimal digit of any script; Unicode assigns them in runs of ten, 0 to 9 (a stability guarantee).
const DIGIT = /\p{Nd}/u;
const DIGITS = /\p{Nd}/gu;
// The Arabic decimal and thousands separators (Arabic, Persian, Urdu numbers).
const ARABIC_SEPARATORS: Record<string, string> = { '\u066B': '.', '\u066C': ',' };

const NUMBER_WORDS: Record<string, number> = {
  zero: 0, one: 1, single: 1, first: 1, two: 2, second: 2, twice: 2, double: 2, both: 2, three: 3, third: 3,
  thrice: 3, triple: 3, four: 4, fourth: 4, five: 5, fifth: 5, six: 6, sixth: 6, seven: 7, seventh: 7,
  eight: 8, eighth: 8, nine: 9, ninth: 9, ten: 10, tenth: 10, eleven: 11, twelve: 12, dozen: 12, thirteen: 13,
  fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30,
  forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, thousand: 1000,
  million: 1e6, billion: 1e9, half: 50, quarter: 25,
};

/** Every value a number in the source could mean, plus number words ("three benchmarks" allows "3"). */
export function sourceNumbers(...texts: string[]): Set<string> {
  const values = new Set<string>();
  for (const raw of texts) {
    const text = plainDigits(withoutTokens(raw));
    for (const m of text.matchAll(NUMBER)) {
      for (const reading of readings(m[0], true)) values.add(reading);
      for (const group of m[0].split(/[^\d]+/)) values.add(canonical(group));
    }
    for (const w of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
      const n = NUMBER_WORDS[w.replace(/fold$/, '')];
      if (n !== undefined) values.add(String(n));
    }
  }
  return values;
}

/** Numbers in `text` (as written) that the source does not have. */
export function unsupportedNumbers(text: string, source: ReadonlySet<string>, sourceText: string, language: string): string[] {
  const known = plainDigits(sourceText).toLowerCase();
  const plain = plainDigits(withoutTokens(text)).replace(NAME, (name) => (/\d/.test(name) && /[A-Za-z]/.test(name) && known.includes(name.toLowerCase()) ? ' ' : name));
  const comma = DECIMAL_COMMA.has(primaryLanguage(language));
  const out: string[] = [];
  for (const m of plain.matchAll(NUMBER)) {
    const written = m[0];
    const whole = readings(written, comma).some((v) => source.has(v));
    // "1,2" in English and "2020 500" are two numbers; "92.3" is never 92 and 3.
    const seps = written.match(/[^\d]+/g) ?? [];
    const list = seps.length > 0 && seps.every((s) => s === ' ' || (s === ',' && !comma));
    const parts = list && written.split(/[^\d]+/).every((g) => source.has(canonical(g)));
    if (!whole && !parts && !out.includes(written)) out.push(written);
  }
  return out;
}

/** NFKC, then every decimal digit as its ASCII digit and the Arabic separators as `.` and `,`. */
function plainDigits(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u066B\u066C]/g, (c) => ARABIC_SEPARATORS[c]!)
    .replace(DIGITS, (d) => (d >= '0' && d <= '9' ? d : String(digitValue(d.codePointAt(0)!))));
}

/** The value of a non-ASCII decimal digit: its place in the run of digits it belongs to. */
function digitValue(code: number): number {
  let start = code;
  while (DIGIT.test(String.fromCodePoint(start - 1))) start--;
  return (code - start) % 10;
}

/**
 * Values a written number can stand for: itself as written, with every separator as a thousands mark ("1,000"), or with the last
 * `.` (or `,` when `comma`) as the decimal mark and the others as thousands marks ("1.234,5", "92.3").
 */
function readings(written: string, comma: boolean): string[] {
  const groups = written.split(/[^\d]+/);
  const seps = written.match(/[^\d]+/g) ?? [];
  if (seps.length === 0) return [canonical(written)];
  const out: string[] = [written]; // as written: versions and codes ("SDG 4.2.1", "1.2.3")
  const thousands = (gs: string[]) => gs.length > 0 && gs[0]!.length <= 3 && gs.slice(1).every((g) => g.length === 3);
  if (new Set(seps).size === 1 && thousands(groups)) out.push(canonical(groups.join('')));
  const last = seps[seps.length - 1]!;
  if (last === '.' || (comma && last === ',')) {
    const head = groups.slice(0, -1);
    if (head.length === 1 || (thousands(head) && !seps.slice(0, -1).includes(last))) out.push(canonical(`${head.join('')}.${groups[groups.length - 1]}`));
  }
  return out;
}

function canonical(digits: string): string {
  const n = Number(digits);
  return Number.isFinite(n) ? String(n) : digits;
}

export function numbersProblem(field: SummaryField, numbers: string[]): { message: string; fix: string } {
  const list = numbers.length === 1 ? numbers[0]! : `${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
  const verb = numbers.length === 1 ? 'which is' : 'which are';
  return { message: `field "${field}" mentions ${list}, ${verb} not in the title or abstract`, fix: 'use only numbers stated there' };
}
