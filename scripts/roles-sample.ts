/** Abstracts of the bundled sample day (text after "Abstract:" in each RSS item's description). */
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';

export const SAMPLE_DAY = new URL('../data/sample/rss-cs.LG+stat.ML-2026-01-30.xml', import.meta.url);

export function sampleAbstracts(): string[] {
  const xml = readFileSync(SAMPLE_DAY, 'utf8');
  const doc = new XMLParser({ ignoreAttributes: true }).parse(xml) as { rss: { channel: { item: { description: string }[] } } };
  return doc.rss.channel.item.map((it) => String(it.description).split('Abstract:')[1]!.trim());
}
