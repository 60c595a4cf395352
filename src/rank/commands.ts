/**
 * What the `profile` commands do, as library functions the CLI adapts: `profile import FILE` (read a library
 * file, merge it into the profile, fetch and store missing abstracts) and `profile show` (a summary).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SourceError, UsageError } from '../errors.js';
import { notTextReason } from '../file-kind.js';
import type { ArxivClient } from '../sources/http.js';
import type { Store } from '../store/types.js';
import { detectFormat, parseLibrary } from './import/index.js';
import type { LibraryFile, LibraryFormat } from './import/index.js';
import { fetchLibraryPapers, mergeIntoProfile } from './library.js';
import type { ProfileList } from './library.js';
import { readProfile, writeProfile } from './profile.js';
import type { Profile } from './profile.js';

export interface ImportOptions {
  /** The library file: BibTeX, CSL-JSON, Zotero RDF or a text file of arXiv ids. */
  file: string;
  /** Profile to create or extend. */
  profilePath: string;
  /** Format, when detection by content and extension is not wanted. */
  format?: LibraryFormat;
  /** The file already read by `readImport` (a caller reads it before opening the store). */
  library?: LibraryFile;
  /** Add to the library (default) or to the not-interested papers. */
  list?: ProfileList;
  store: Store;
  /** Polite arXiv client for abstracts the store lacks; null imports offline (ids kept, fetched later). */
  client?: ArxivClient | null;
  apiUrl?: string;
}

export interface ImportResult {
  format: LibraryFormat;
  /** Items read from the file. */
  read: number;
  added: number;
  merged: number;
  /** The list imported into, and items taken out of the other one (the later mark wins). */
  list: ProfileList;
  moved: number;
  /** arXiv ids whose abstracts were stored already / fetched now / could not be had. */
  stored: number;
  fetched: number;
  missing: string[];
  /** Items without an arXiv id (ranked by the text the file gave). */
  withoutId: number;
  /** References left out, one line each naming file and line (see LibraryFile.skipped). */
  skipped: string[];
  profile: Profile;
}

const KIND = 'a library file (BibTeX, CSL-JSON, Zotero RDF or a list of arXiv ids)';

/**
 * Read and parse a library file, refusing one with nothing to import (a folder, an empty file, compressed or
 * binary data) in one line that quotes none of its bytes. Done before the store is opened, so a wrong file
 * leaves nothing behind (not even a new empty database).
 */
export function readImport(file: string, format?: LibraryFormat): LibraryFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'EISDIR' ? `${file} is a folder, not ${KIND}` : `cannot read ${file}: ${code ?? (err as Error).message}`, { cause: err });
  }
  const odd = notTextReason(bytes, KIND);
  if (odd) throw new UsageError(`${file} ${odd}`);
  const text = bytes.toString('utf8');
  const library = parseLibrary(text, file, format ?? detectFormat(file, text));
  // An empty file, or one read in the wrong format, must not create (or touch) the profile as if it had worked.
  if (library.items.length === 0) {
    const { skipped } = library;
    const why = skipped.length > 0 ? `; ${skipped.length} skipped, first: ${skipped[0]}` : '';
    throw new UsageError(`${path.basename(file)}: no library items found (read as ${library.format})${why}`);
  }
  return library;
}

/** Read FILE (unless given read), merge it into the profile (written back), and make sure library abstracts are in the store. */
export async function importLibrary(options: ImportOptions): Promise<ImportResult> {
  const { format, items, skipped } = options.library ?? readImport(options.file, options.format);
  const before = readProfile(options.profilePath, { missingOk: true });
  const list = options.list ?? 'library';
  const { profile, added, merged, moved } = mergeIntoProfile(before, items, list);
  const got = await fetchLibraryPapers(items, { store: options.store, client: options.client ?? null, apiUrl: options.apiUrl });
  writeProfile(options.profilePath, profile);
  const { failure, ...fetched } = got;
  if (failure) throw importFailure(failure, added, fetched.missing);
  return { format, list, read: items.length, added, merged, moved, ...fetched, withoutId: items.filter((x) => !x.id).length, skipped, profile };
}

/** The export API failed: the import itself is saved, and a later run of the same import fetches the rest. */
function importFailure(failure: SourceError, added: number, missing: readonly string[]): SourceError {
  const reason = failure.message.replace(/^\[\w+\] /, '');
  const ids = `${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}`;
  const message = `${reason}; the profile was saved (${added} added), but ${missing.length} arXiv ids have no metadata yet (${ids}): run the same import again later to fetch them`;
  return new SourceError(failure.code as ConstructorParameters<typeof SourceError>[0], message, { url: failure.url, status: failure.status, cause: failure });
}

/** One line per import, for the terminal. */
export function importSummary(r: ImportResult, profilePath: string): string {
  const parts = [`${count(r.read, 'item')} read (${r.format})`, `${r.added} added`, `${r.merged} already there`];
  if (r.moved > 0) parts.push(`${r.moved} moved from ${r.list === 'library' ? '"not interested"' : 'the library'}`);
  if (r.fetched > 0) parts.push(`${count(r.fetched, 'abstract')} fetched from arXiv`);
  if (r.missing.length > 0) parts.push(`${count(r.missing.length, 'arXiv id')} without metadata (${r.missing.slice(0, 3).join(', ')}${r.missing.length > 3 ? ', …' : ''})`);
  if (r.withoutId > 0) parts.push(`${r.withoutId} not on arXiv (ranked by their own title/abstract)`);
  if (r.skipped.length > 0) parts.push(`${r.skipped.length} skipped (${r.skipped.slice(0, 3).join('; ')}${r.skipped.length > 3 ? '; …' : ''})`);
  return `${parts.join('; ')} → ${profilePath}`;
}

/** A readable summary of a profile (`profile show`). */
export function describeProfile(profile: Profile): string {
  const w = (x: { weight: number }) => (x.weight !== 1 ? ` ×${x.weight}` : '');
  const lines = [
    `keywords (${profile.keywords.length}): ${profile.keywords.map((k) => `"${k.term}"${w(k)}`).join(', ') || '—'}`,
    `negative keywords (${profile.negativeKeywords.length}): ${profile.negativeKeywords.map((k) => `"${k.term}"${w(k)}`).join(', ') || '—'}`,
    `followed authors (${profile.authors.length}): ${profile.authors.map((a) => `${a.name}${w(a)}`).join(', ') || '—'}`,
    `library: ${profile.library.length} papers (${profile.library.filter((x) => x.id).length} with an arXiv id)`,
    `not interested: ${profile.notInterested.length} papers`,
  ];
  return lines.join('\n');
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
