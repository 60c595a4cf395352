/**
 * The archive search's query language, shared by every driver: plain words AND-ed, `"quoted phrases"`.
 * Users type anything, so nothing they type is passed through as engine syntax: the query is cut into words and
 * phrases here and each driver rebuilds it from those parts in its own quoted form (FTS5 strings, PostgreSQL
 * `phraseto_tsquery` calls), so operators, column filters, brackets or stray quotes can never cause a syntax error.
 */

/** A word or a phrase of the query: its text as typed (a word is a one-word phrase). */
export interface QueryPart {
  text: string;
  phrase: boolean;
}

/** Longer queries are cut: search is for finding a paper, not for pasting abstracts. */
export const MAX_QUERY_PARTS = 16;

const HAS_TEXT = /[\p{L}\p{N}]/u;

/**
 * Cut a user's query into words and phrases. A quote left open runs to the end; parts without any letter or digit
 * are dropped (they would match nothing, or everything); repeated parts count once.
 */
export function parseSearchQuery(query: string): QueryPart[] {
  const parts: QueryPart[] = [];
  const seen = new Set<string>();
  const add = (text: string, phrase: boolean): void => {
    const clean = text.trim().replace(/\s+/g, ' ');
    const key = clean.toLowerCase();
    if (!HAS_TEXT.test(clean) || seen.has(key) || parts.length >= MAX_QUERY_PARTS) return;
    seen.add(key);
    parts.push({ text: clean, phrase: phrase && clean.includes(' ') });
  };
  // Curly quotes count as quotes: people paste titles from PDFs and web pages.
  const normalised = query.replace(/[\u201c\u201d\u201e\u00ab\u00bb]/g, '"');
  const pattern = /"([^"]*)"?|([^\s"]+)/g;
  for (const m of normalised.matchAll(pattern)) {
    if (m[1] !== undefined) add(m[1], true);
    else if (m[2] !== undefined) add(m[2], false);
  }
  return parts;
}

/**
 * The parts as an FTS5 query: each one a double-quoted string (quotes doubled inside), which FTS5 tokenizes like
 * the indexed text and matches as a phrase; strings side by side are AND-ed. Null when there is nothing to find.
 */
export function toFts5Query(parts: readonly QueryPart[]): string | null {
  if (parts.length === 0) return null;
  return parts.map((p) => `"${p.text.replace(/"/g, '""')}"`).join(' ');
}
