/** Small helpers for the benchmarks: medians, timing, a synthetic large feed built from real excerpts. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const REPO = path.resolve(import.meta.dirname, '..');
export const SHARED = path.resolve(REPO, '../shared');

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * A feed of `count` items in rss.arxiv.org's layout, made of the real items of the recorded excerpt and the
 * sample day, repeated with fresh ids so every item is a distinct paper (no item is parsed from cache).
 */
export function largeFeed(count: number): string {
  const sources = [
    readFileSync(path.join(SHARED, 'fixtures/arxiv/rss-all-archives-2024-11-28.excerpt.xml'), 'utf8'),
    readFileSync(path.join(REPO, 'data/sample/rss-cs.LG+stat.ML-2026-01-30.xml'), 'utf8'),
  ];
  const items = sources.flatMap((xml) => xml.match(/<item>[\s\S]*?<\/item>/g) ?? []);
  const head = (sources[1] as string).slice(0, (sources[1] as string).indexOf('<item>'));
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = `2611.${String(10000 + i).padStart(5, '0')}`;
    const item = (items[i % items.length] as string).replace(/(\d{4}\.\d{4,5}|[a-z-]+\/\d{7})(v\d+)/g, `${id}$2`).replace(/abs\/[^<]+</, `abs/${id}<`);
    out.push(item);
  }
  return `${head}${out.join('\n    ')}\n  </channel>\n</rss>\n`;
}
