/**
 * TeX accents in PostgreSQL full-text search (schema 6): the text a document is built from reads `Schr\"odinger`,
 * `Poincar{\'e}` and `{\o}` as the letters they make, as the SQLite driver's index text does (`texToUnicode` of
 * src/backfill/authors.ts), so "schrodinger" and "Müller" find them. An accent command is dropped and its letter
 * kept: the fold of postgres-fold.ts would take the accent off anyway. Letters of their own (`\o` ø, `\ss` ß, `\l` ł)
 * become those letters, which the fold keeps, as FTS5 does. Text without a backslash or brace comes back untouched.
 */
import { MARK_INDEX_STALE } from './postgres-fold.js';

/** The SQL expression `sql` read through the function (documents only: a query has no TeX). */
export const detex = (sql: string): string => `preprint_digest_detex(${sql})`;

const LETTERS: [string, string][] = [
  ['ss', 'ß'], ['ae', 'æ'], ['AE', 'Æ'], ['aa', 'å'], ['AA', 'Å'], ['oe', 'œ'], ['OE', 'Œ'],
  ['o', 'ø'], ['O', 'Ø'], ['l', 'ł'], ['L', 'Ł'], ['i', 'i'], ['j', 'j'],
];
const NAMED = String.raw`\\(ss|ae|AE|aa|AA|oe|OE|[oOlLij])(?![A-Za-z])`;
// One pass per named letter, run only when the text has any (rare: most TeX is math).
const named = LETTERS.reduce((sql, [name, letter]) => String.raw`regexp_replace(${sql}, '\\${name}(?![A-Za-z])\s?', '${letter}', 'g')`, 't');

// `\"o`, `\'{e}`, `\"\i`: the letter (a command letter like `\i` stays for the named pass, ended by `{}`).
// `\v{C}`, `\c c`: the same for the accents named by a letter.
// The letters are not in every server encoding: another than UTF8 keeps `\o` and co. as they are.
const V6_FUNCTION = String.raw`
DO $do$ BEGIN
  IF getdatabaseencoding() = 'UTF8' THEN
    CREATE OR REPLACE FUNCTION preprint_digest_tex_letters(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
      SELECT CASE WHEN t ~ '${NAMED}' THEN ${named} ELSE t END
    $fn$;
  ELSE
    CREATE OR REPLACE FUNCTION preprint_digest_tex_letters(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
      SELECT t
    $fn$;
  END IF;
END $do$;
CREATE OR REPLACE FUNCTION preprint_digest_detex(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
  SELECT CASE WHEN strpos(t, '\') = 0 AND strpos(t, '{') = 0 THEN t
    ELSE translate(preprint_digest_tex_letters(
      regexp_replace(regexp_replace(t, '\\([''${'`'}^"~=.])\s*\{?\s*(\\?[A-Za-z])\}?', '\2{}', 'g'),
        '\\([uvHckr])(?:\s+|\{\s*)(\\?[A-Za-z])\}?', '\2{}', 'g')), '{}', '') END
$fn$;
`;

// Entries indexed before keep their TeX: the index is marked stale (`search` says so, `reindex` rebuilds it), as in
// schema 4; an empty index has nothing to rebuild, and a mark already there keeps its time.
export const V6 = V6_FUNCTION + MARK_INDEX_STALE;
