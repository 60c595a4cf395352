/**
 * arXiv ids inside reference metadata (an `eprint` field, an abs/pdf URL, `arXiv:2401.12345` in a note or a
 * journal string, the DataCite DOI 10.48550/arXiv.2401.12345) and the plain id-list format.
 */
import { parseArxivId } from '../../papers/ids.js';
import type { LibraryItem } from '../profile.js';
import { quoted } from './types.js';
import type { ParsedItems } from './types.js';

const ID_BODY = String.raw`(\d{4}\.\d{4,5}|[a-z][a-z-]*(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?`;
const URL_PREFIX = String.raw`(?:https?:\/\/)?(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html)\/`;
const DOI_PREFIX = String.raw`(?:(?:https?:\/\/)?(?:dx\.)?doi\.org\/|doi:\s*)?10\.48550\/arxiv\.`;
const IN_TEXT = new RegExp(String.raw`(?:arxiv\.org\/(?:abs|pdf|html)\/|arxiv:\s*|10\.48550\/arxiv\.)${ID_BODY}`, 'i');
// A whole id-list line: the id alone, or wrapped in one of the forms people paste (query and fragment ignored).
const LINE = new RegExp(String.raw`^(?:${URL_PREFIX}|arxiv:\s*|${DOI_PREFIX})?${ID_BODY}(?:\.pdf)?\/?(?:[?#].*)?$`, 'i');

/**
 * A versionless id that arXiv could have issued: a real month, and 4 digits after the dot up to 1412, 5 from
 * 1501 on (so "2401.1234" is a typo, not a paper).
 */
function issuable(body: string): string | undefined {
  const id = parseArxivId(body)?.id;
  const m = id ? /^(\d{2})(\d{2})\.(\d+)$/.exec(id) : null;
  if (!id || !m) return id ?? undefined;
  const month = Number(m[2]);
  const digits = `${m[1]}${m[2]}` >= '1501' ? 5 : 4;
  return month >= 1 && month <= 12 && m[3]?.length === digits ? id : undefined;
}

/** The first arXiv id mentioned in any of the texts (versionless), or undefined. */
export function findArxivId(...texts: (string | undefined | null)[]): string | undefined {
  for (const t of texts) {
    if (!t) continue;
    const m = IN_TEXT.exec(t);
    const id = m?.[1] ? issuable(m[1]) : undefined;
    if (id) return id;
  }
  return undefined;
}

/** An `eprint`-style field: the bare id itself. */
export function bareArxivId(text: string | undefined): string | undefined {
  return text ? issuable(text.trim().replace(/^arxiv:\s*/i, '')) : undefined;
}

/** One id-list line: a bare or `arXiv:` id, an abs/pdf URL (any host spelling, query ignored), the arXiv DOI. */
export function lineArxivId(line: string): string | undefined {
  const m = LINE.exec(line.trim());
  return m?.[1] ? issuable(m[1]) : undefined;
}

/**
 * A text file of arXiv ids, one per line; blank lines and `#` comments are skipped, and so is (reported with its
 * line number) a line that is not an id: one typo should not cost the rest of the list.
 */
export function parseIdList(text: string, where: string, source: string): ParsedItems {
  const items: LibraryItem[] = [];
  const skipped: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    // "#" starts a comment only at the start or after a space: a URL's "#fragment" is part of the URL.
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') return;
    const id = lineArxivId(line);
    if (id) items.push({ id, source });
    else skipped.push(`${where} line ${i + 1}: ${quoted(raw.trim())} is not an arXiv id (expected e.g. 2401.12345 or hep-th/9901001)`);
  });
  return { items, skipped };
}
