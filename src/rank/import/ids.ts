/**
 * arXiv ids inside reference metadata (an `eprint` field, an abs/pdf URL, `arXiv:2401.12345` in a note or a
 * journal string, the DataCite DOI 10.48550/arXiv.2401.12345) and the plain id-list format.
 */
import { UsageError } from '../../errors.js';
import { parseArxivId } from '../../papers/ids.js';
import type { LibraryItem } from '../profile.js';
import type { ParsedItems } from './types.js';

const ID_BODY = String.raw`(\d{4}\.\d{4,5}|[a-z][a-z-]*(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?`;
const IN_TEXT = new RegExp(String.raw`(?:arxiv\.org\/(?:abs|pdf|html)\/|arxiv:\s*|10\.48550\/arxiv\.)${ID_BODY}`, 'i');

/** The first arXiv id mentioned in any of the texts (versionless), or undefined. */
export function findArxivId(...texts: (string | undefined | null)[]): string | undefined {
  for (const t of texts) {
    if (!t) continue;
    const m = IN_TEXT.exec(t);
    const parsed = m?.[1] ? parseArxivId(m[1]) : null;
    if (parsed) return parsed.id;
  }
  return undefined;
}

/** An `eprint`-style field: the bare id itself. */
export function bareArxivId(text: string | undefined): string | undefined {
  return text ? (parseArxivId(text)?.id ?? undefined) : undefined;
}

/**
 * A text file of arXiv ids, one per line (bare, `arXiv:`-prefixed or abs/pdf URLs); blank lines and `#` comments
 * are skipped; anything else is an error naming the line.
 */
export function parseIdList(text: string, where: string, source: string): ParsedItems {
  const items: LibraryItem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') return;
    const parsed = parseArxivId(line);
    if (!parsed) throw new UsageError(`${where} line ${i + 1}: ${JSON.stringify(raw.trim())} is not an arXiv id (expected e.g. 2401.12345 or hep-th/9901001)`);
    items.push({ id: parsed.id, source });
  });
  return { items, skipped: [] };
}
