/**
 * Quoted phrases in the reader's search (`"differential privacy"`), as the archive search has them. A search shard
 * holds no text to check a phrase against (the abstracts would make it much bigger), so each document carries a
 * small Bloom filter of its adjacent word pairs (title, each author, abstract: where the archive search matches
 * phrases; words as the index sees them). A phrase matches when every pair of its consecutive words is in the
 * filter: never a false negative, about 2 % false positives per pair. Pure, shared by the builder and the reader.
 */
import { parseSearchQuery } from '../store/search-query.js';
import { TOKEN, processTerm } from './search-options.js';

/**
 * Bits per pair, and probes: ≈ 2 % false positives. The bits do not compress, and the first search of a visit
 * waits for its shard: 10 bits (1 %) would make the filters a quarter bigger.
 */
const BITS_PER_PAIR = 8;
const HASHES = 5;

function terms(text: string): string[] {
  return [...text.matchAll(TOKEN)].map((m) => processTerm(m[0])).filter((t): t is string => t !== null);
}

function pairs(text: string): string[] {
  const t = terms(text);
  return t.slice(1).map((b, i) => `${t[i]} ${b}`);
}

/** FNV-1a with the given offset basis: two of them give the probes by double hashing. */
function fnv(s: string, basis: number): number {
  let h = basis;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

function probes(pair: string, bits: number): number[] {
  const a = fnv(pair, 2166136261);
  const b = (fnv(pair, 84696351) | 1) >>> 0;
  return Array.from({ length: HASHES }, (_, i) => (a + i * b) % bits);
}

/** The filter of a document's texts (no pair spans two of them), base64; empty when no text has two words. */
export function pairFilter(texts: readonly string[]): string {
  const all = [...new Set(texts.flatMap(pairs))];
  if (all.length === 0) return '';
  const bytes = new Uint8Array(Math.ceil((all.length * BITS_PER_PAIR) / 8));
  for (const pair of all) for (const bit of probes(pair, bytes.length * 8)) bytes[bit >> 3] = (bytes[bit >> 3] ?? 0) | (1 << (bit & 7));
  return btoa(String.fromCharCode(...bytes));
}

/** The word pairs each quoted phrase of `query` needs; a phrase of one indexed word needs none. */
export function queryPhrasePairs(query: string): string[] {
  return [...new Set(parseSearchQuery(query).flatMap((p) => (p.phrase ? pairs(p.text) : [])))];
}

/** Whether a document's filter holds every pair; a document without one (an older shard) is not ruled out. */
export function hasPairs(filter: string | undefined, needed: readonly string[]): boolean {
  if (needed.length === 0 || filter === undefined) return true;
  if (filter === '') return false;
  const bytes = Uint8Array.from(atob(filter), (c) => c.charCodeAt(0));
  return needed.every((pair) => probes(pair, bytes.length * 8).every((bit) => ((bytes[bit >> 3] ?? 0) >> (bit & 7)) & 1));
}
