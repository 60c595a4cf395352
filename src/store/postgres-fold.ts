/**
 * Accents in PostgreSQL full-text search, folded as the SQLite driver's FTS5 tokenizer folds them
 * (`remove_diacritics 2`): a Latin letter with diacritics counts as its base letter, so "erdos" finds "Erdős" and
 * "Godel" finds "Gödel", in the index and in the query alike. Letters that are not a base letter plus marks (ø, ł,
 * ß, æ, đ) stay as they are, and so do other scripts (й, ά): FTS5 leaves them alone too (checked character by
 * character in test/store/postgres-fold.test.ts). Built-in functions only: the unaccent extension is not installed
 * on every server, and a store must not need one.
 */
import { SEARCH_INDEX_STATE_KEY } from './types.js';

/**
 * The SQL expression `sql` folded: applied to the text the index documents are built from and to each part of a
 * query. The function is IMMUTABLE and PARALLEL SAFE, a single expression: the planner inlines it, and the rebuild's
 * CREATE TABLE AS keeps its parallel workers.
 */
export const fold = (sql: string): string => `preprint_digest_fold(${sql})`;

// NFD splits a letter from its marks; the marks following an ASCII letter go; NFC puts the rest back together.
// Most text has nothing to fold, and normalize() is costly (a folded abstract costs about what its to_tsvector does),
// so plain ASCII (as many bytes as characters) and text without a Latin letter with marks come back untouched.
// Over 100k synthetic papers (3.6 % of the abstracts and 15 % of the author lists with accents) folding adds ~0.9
// CPU-s to the ~19 s of to_tsvector (+5 %); without the second test +25 %; translate() with a table of the ~490
// Latin letters it folds, +480 % (it scans the table for every character).
// normalize() needs a UTF8 database; any other gets an identity function (accents then count, as before).
const V4_FUNCTION = String.raw`
DO $do$ BEGIN
  IF getdatabaseencoding() = 'UTF8' THEN
    CREATE FUNCTION preprint_digest_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
      SELECT CASE WHEN octet_length(t) = char_length(t) OR t !~ '[\u00c0-\u024f\u1e00-\u1eff\u0300-\u036f]' THEN t
        ELSE normalize(regexp_replace(normalize(t, NFD), '([A-Za-z])[\u0300-\u036f]+', '\1', 'g'), NFC) END
    $fn$;
  ELSE
    CREATE FUNCTION preprint_digest_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
      SELECT t
    $fn$;
  END IF;
END $do$;
`;

// Entries indexed before this migration keep their accents, so the unaccented query no longer finds them: the index
// is marked stale (`search` says so, `reindex` rebuilds it) rather than rebuilt here, which would hold every
// command opening the store behind the migration lock for minutes on a large archive (13–25 s per 100k papers on 2 cores).
// An empty index (a new store) has nothing to rebuild; a stale mark already there keeps its time.
export const MARK_INDEX_STALE = `
INSERT INTO state (key, value, updated_at)
  SELECT '${SEARCH_INDEX_STATE_KEY}', 'stale', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
  WHERE EXISTS (SELECT 1 FROM search_docs)
  ON CONFLICT (key) DO NOTHING;
`;

export const V4 = V4_FUNCTION + MARK_INDEX_STALE;
