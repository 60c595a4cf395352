/**
 * Test helper: the bundled sample day (`data/sample/rss-…-2026-01-30.xml`) as a `Digest`, parsed here with
 * fast-xml-parser so the render tests do not depend on the sources stage. Summaries are a stand-in built from
 * the abstract's sentences (model "test-sentence-picker"); they only need to be distinct, real text.
 */
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import type { AnnounceType, Digest, DigestEntry, Paper, SummaryResult } from '../../src/types.js';

export const SAMPLE_FILE = new URL('../../data/sample/rss-cs.LG+stat.ML-2026-01-30.xml', import.meta.url);
export const REFERENCE_FILE = new URL('../../../shared/reference/reference-digest.md', import.meta.url);

interface RssItem {
  title: string;
  link: string;
  description: string;
  category: string;
  'arxiv:announce_type': string;
  'dc:rights'?: string;
  'dc:creator': string;
}

const DESCRIPTION = /^arXiv:(\S+?)v(\d+)\s+Announce Type:\s*(\S+)\s*Abstract:\s*([\s\S]*)$/;

export function sentences(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .split(/(?<=[.!?])\s+(?=[A-Z(])/)
    .filter((s) => s.length > 0);
}

/** Clearly a test stand-in: first sentence as TL;DR and motivation, then the second, penultimate and last. */
export function testSummary(abstract: string): SummaryResult {
  const s = sentences(abstract);
  const pick = (i: number): string => s[Math.max(0, Math.min(s.length - 1, i))] ?? '';
  return {
    summary: {
      tldr: pick(0),
      motivation: pick(0),
      method: pick(1),
      result: pick(s.length - 2),
      conclusion: pick(s.length - 1),
    },
    meta: { summarizer: 'builtin', model: 'test-sentence-picker', language: 'en', status: 'ok', reason: null },
  };
}

function toPaper(item: RssItem): { paper: Paper; announceType: AnnounceType } {
  const m = DESCRIPTION.exec(item.description);
  if (!m?.[1] || !m[2] || !m[3] || m[4] === undefined) throw new Error(`unexpected description: ${item.link}`);
  const category = item.category;
  return {
    announceType: m[3] as AnnounceType,
    paper: {
      id: m[1],
      version: Number(m[2]),
      title: item.title,
      authors: item['dc:creator'].split(', '),
      abstract: m[4],
      categories: [category],
      primaryCategory: category,
      primaryConfirmed: false,
      comment: null,
      journalRef: null,
      doi: null,
      license: item['dc:rights'] ?? null,
      submitted: null,
      updated: null,
    },
  };
}

/** The sample day as a digest: sections in `order`, entries in feed order, each with a test summary. */
export function sampleDigest(order: string[] = ['cs.LG', 'stat.ML']): Digest {
  const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    isArray: (name) => name === 'item',
  });
  const doc = parser.parse(readFileSync(SAMPLE_FILE, 'utf8')) as { rss: { channel: { item: RssItem[] } } };
  const entries: DigestEntry[] = doc.rss.channel.item.map((item) => {
    const { paper, announceType } = toPaper(item);
    return {
      paper,
      announceType,
      section: paper.primaryCategory,
      crossList: false,
      firstSeen: null,
      summary: testSummary(paper.abstract),
    };
  });
  return {
    date: '2026-01-30',
    categories: order,
    reconstructed: false,
    sections: order.map((category) => ({ category, entries: entries.filter((e) => e.section === category) })),
  };
}
