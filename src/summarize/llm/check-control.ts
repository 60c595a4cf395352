/**
 * Control-character audit. A model that writes `\frac` or `\theta` with one backslash inside a JSON string
 * produces valid JSON whose value holds a form feed + "rac" or a TAB + "heta". Such a character is turned back
 * into the command only when that command occurs in the source LaTeX (the unmasked abstract); a newline, TAB
 * or CR that does not start a LaTeX command is plain whitespace; everything else is unrepairable.
 */

/** The escape letter JSON decoded, per control character. */
const ESCAPE_LETTER: Record<string, string> = { '\b': 'b', '\f': 'f', '\t': 't', '\n': 'n', '\r': 'r' };

/** Commands a decoded escape may have started (letters after the escape letter); beyond them a TAB/LF/CR is whitespace. */
export const COMMANDS: Record<string, readonly string[]> = {
  b: ['eta', 'ar', 'oldsymbol', 'f', 'm', 'ig', 'igg', 'igl', 'igr', 'inom', 'ot', 'ullet', 'egin', 'ackslash', 'oxed', 'reve', 'igcup', 'igcap', 'igoplus', 'igotimes', 'mod'],
  f: ['rac', 'orall', 'lat', 'ootnote', 'rown', 'box', 'rak'],
  t: ['heta', 'imes', 'au', 'ext', 'extbf', 'extit', 'extrm', 'exttt', 'extsc', 'extsf', 'ilde', 'op', 'o', 'riangle', 'frac', 'anh', 'an', 'extup', 'iny', 'extstyle', 'herefore', 'ransp'],
  n: ['abla', 'u', 'eq', 'e', 'ewline', 'ot', 'i', 'orm', 'onumber', 'eg', 'mid', 'otin', 'leq', 'geq', 'olimits', 'ewcommand', 'ormalsize'],
  r: ['ho', 'ight', 'angle', 'ceil', 'floor', 'ightarrow', 'm', 'Vert', 'vert', 'brace', 'eal'],
};

export interface ControlRepair {
  text: string;
  /** Something was changed (a command restored or whitespace normalised). */
  repaired: boolean;
  /** Control characters remain that could not be explained; the text must not be stored. */
  unrepairable: boolean;
}

/**
 * Format characters dropped from an answer: bidi marks, overrides and isolates, zero-width space, word joiner,
 * BOM, tags … which reorder or hide text, as render/escape.ts's cleanText drops them. Zero-width (non-)joiners
 * stay: Persian, Indic scripts and emoji sequences need them (کرده‌اند, می‌شود).
 */
const DROPPED_FORMAT = /(?![\u200C\u200D])\p{Cf}/gu;

/** The zero-width (non-)joiners an answer keeps; checks that compare words read the text without them. */
export const JOINERS = /[\u200C\u200D]/g;

/**
 * Restore decoded LaTeX escapes whose command occurs in `source` (the abstract with its LaTeX, or the math
 * table's spans joined); turn other TAB/LF/CR into spaces; report anything else as unrepairable.
 * Invisible format characters other than the joiners are dropped: they carry nothing a reader can see.
 */
export function repairControlChars(s: string, source: string): ControlRepair {
  let repaired = false;
  let unrepairable = false;
  let spaced = false;
  const text = s
    .replace(DROPPED_FORMAT, () => {
      repaired = true;
      return '';
    })
    .replace(/(\p{Cc})([A-Za-z]*)/gu, (match, control: string, letters: string) => {
      const fixed = repairOne(control, letters, source);
      if (fixed === null) {
        unrepairable = true;
        return match;
      }
      repaired = true;
      spaced ||= fixed.startsWith(' ');
      return fixed;
    });
  // A CRLF or a blank line became two spaces.
  return { text: spaced ? text.replace(/ {2,}/g, ' ') : text, repaired, unrepairable };
}

/** The replacement for one control character and the letters after it, or null if it cannot be explained. */
function repairOne(control: string, letters: string, source: string): string | null {
  const escape = ESCAPE_LETTER[control];
  if (escape === undefined) return null;
  const command = `\\${escape}${letters}`;
  if (letters !== '' && hasCommand(source, command)) return command;
  if (letters !== '' && COMMANDS[escape]!.includes(letters)) return null; // LaTeX the abstract does not have
  if (escape === 'b' || escape === 'f') return null;
  return ` ${letters}`;
}

/** `command` occurs in `source` and is not just the start of a longer command name. */
export function hasCommand(source: string, command: string): boolean {
  for (let at = source.indexOf(command); at >= 0; at = source.indexOf(command, at + 1)) {
    if (!/[A-Za-z]/.test(source[at + command.length] ?? '')) return true;
  }
  return false;
}
