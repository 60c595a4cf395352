/**
 * Parser for rss.arxiv.org feeds, RSS 2.0 and Atom (arxiv.md §3): one batch of announced papers with their
 * announce type. Error feeds, empty days and cut-off bodies each end in their own error.
 */
import { NoAnnouncementError, SourceError } from '../errors.js';
import { canonicalCategories } from '../taxonomy/index.js';
import type { FeedBatch, FeedItem, Problem } from '../types.js';
import { asArray, attr, childrenByNs, isNode, NS, parseXml, parseXmlConcurrently, q, scopeOf, text } from './_xml.js';
import type { Scope, XmlNode } from './_xml.js';
import { toFeedItem } from './_feed-item.js';
import type { RawFeedItem } from './_feed-item.js';
import { cleanText } from '../render/escape.js';
import { feedDate } from './schedule.js';

/** arXiv's feed service returns at most this many items; a feed this long has lost its lowest-id new papers. */
export const FEED_ITEM_CAP = 2000;

export interface ParseFeedOptions {
  /** Recorded as `FeedBatch.source`. @default 'rss' or 'atom', by the document's layout */
  source?: FeedBatch['source'];
  /** Return an empty batch instead of throwing `NoAnnouncementError`. @default false */
  allowEmpty?: boolean;
  /** Where the body came from, for error messages. @default undefined */
  url?: string;
}

interface Envelope {
  layout: 'rss' | 'atom';
  title: string;
  link: string;
  description: string;
  /** The channel's pubDate / the first entry's published date, as written. */
  stamp: string;
  builtAt: string | null;
  items: RawFeedItem[];
}

const first = (c: Map<string, unknown[]>, name: string): unknown => c.get(name)?.[0];

function rssEnvelope(rss: XmlNode, scope: Scope): Envelope {
  const channel = isNode(rss.channel) ? rss.channel : {};
  const items = asArray(channel.item).filter(isNode).map((item): RawFeedItem => {
    const c = childrenByNs(item, scope);
    return {
      id: text(first(c, '{}guid')) || text(first(c, '{}link')),
      title: first(c, '{}title'),
      summary: first(c, '{}description'),
      categories: (c.get('{}category') ?? []).map(text),
      announceType: text(first(c, q(NS.arxiv, 'announce_type'))),
      creator: text(first(c, q(NS.dc, 'creator'))),
      rights: text(first(c, q(NS.dc, 'rights'))),
      doi: text(first(c, q(NS.arxiv, 'DOI'))),
      journalRef: text(first(c, q(NS.arxiv, 'journal_reference'))),
    };
  });
  const pubDate = text(channel.pubDate) || text(channel.lastBuildDate);
  const built = text(channel.lastBuildDate);
  return {
    layout: 'rss',
    title: text(channel.title),
    link: text(channel.link),
    description: text(channel.description),
    stamp: pubDate,
    builtAt: isoOrNull(built),
    items,
  };
}

function atomEnvelope(feed: XmlNode, scope: Scope): Envelope {
  const top = childrenByNs(feed, scope);
  const A = (local: string) => q(NS.atom, local);
  let published = '';
  const items = (top.get(A('entry')) ?? []).filter(isNode).map((entry): RawFeedItem => {
    const c = childrenByNs(entry, scopeOf(entry, scope));
    published ||= text(first(c, A('published')));
    const authors = (c.get(A('author')) ?? []).filter(isNode).map((a) => text(a.name)).join(', ');
    return {
      id: text(first(c, A('id'))) || (attr(first(c, A('link')), 'href') ?? ''),
      title: first(c, A('title')),
      summary: first(c, A('summary')),
      categories: (c.get(A('category')) ?? []).map((x) => attr(x, 'term') ?? ''),
      announceType: text(first(c, q(NS.arxiv, 'announce_type'))),
      creator: text(first(c, q(NS.dc, 'creator'))) || authors,
      rights: text(first(c, q(NS.dc, 'rights'))) || text(first(c, A('rights'))),
      doi: text(first(c, q(NS.arxiv, 'DOI'))),
      journalRef: text(first(c, q(NS.arxiv, 'journal_reference'))),
    };
  });
  const updated = text(first(top, A('updated')));
  const selfLink = (top.get(A('link')) ?? []).find((l) => attr(l, 'rel') === 'self');
  const stamp = published || updated;
  return {
    layout: 'atom',
    title: text(first(top, A('title'))),
    link: attr(selfLink, 'href') ?? text(first(top, A('id'))),
    description: text(first(top, A('subtitle'))),
    stamp,
    builtAt: isoOrNull(updated),
    items,
  };
}

function isoOrNull(stamp: string): string | null {
  const t = stamp ? Date.parse(stamp) : Number.NaN;
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** Categories a feed covers, from its URL (`…/rss/cs.LG+stat.ML`) or else its title ("cs.LG, stat.ML updates …"). */
export function feedCategories(link: string, title: string): string[] {
  const m = /\/(?:rss|atom)\/([^/?#]+)/.exec(link);
  const raw = m?.[1] ? safeDecode(m[1]).split('+') : title.replace(/ updates on arXiv\.org$/, '').split(', ');
  // Shaped like an arXiv id (`cs.LG`, `astro-ph`, `q-bio.NC`); not checked against the taxonomy, so a category
  // arXiv adds later still works, but a crafted feed's `<script>` never becomes a section.
  return canonicalCategories(raw.map((s) => s.trim()).filter((s) => CATEGORY_SHAPE.test(s)));
}

const CATEGORY_SHAPE = /^[a-z][a-z-]*(?:\.[A-Za-z][A-Za-z-]*)?$/;

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const describe = (url: string | undefined) => (url ? `feed from ${url}` : 'feed');

function readEnvelope(doc: XmlNode, url?: string): Envelope {
  if (isNode(doc.rss)) return rssEnvelope(doc.rss, scopeOf(doc.rss));
  if (isNode(doc.feed)) return atomEnvelope(doc.feed, scopeOf(doc.feed));
  throw new SourceError('E_PARSE', `${describe(url)} is neither RSS nor Atom`, { url });
}

/** Parse one day's feed into a batch (see module comment for the errors). */
export function parseFeed(xml: string, options: ParseFeedOptions = {}): FeedBatch {
  return toBatch(parseXml(xml, describe(options.url), options.url), options);
}

/** {@link parseFeed}, with a large feed's well-formedness check on a worker thread meanwhile (the ingest path). */
export function readFeed(xml: string, options: ParseFeedOptions = {}): Promise<FeedBatch> {
  return parseXmlConcurrently(xml, describe(options.url), options.url, (doc) => toBatch(doc, options));
}

function toBatch(doc: XmlNode, options: ParseFeedOptions): FeedBatch {
  const env = readEnvelope(doc, options.url);
  if (env.title.startsWith('Feed error for query')) {
    throw new SourceError('E_FEED_ERROR', `arXiv rejected the feed query: ${env.description || env.title}`, {
      url: options.url,
    });
  }
  const categories = feedCategories(env.link, env.title);
  const date = batchDate(env.stamp, options.url);
  if (env.items.length === 0 && !options.allowEmpty) throw noAnnouncement(date, categories);
  const problems: Problem[] = [];
  if (env.items.length === FEED_ITEM_CAP) {
    problems.push({
      stage: 'fetch',
      code: 'truncated',
      message: `the feed holds exactly ${FEED_ITEM_CAP} items, arXiv's cap: its lowest-id new papers may be missing`,
    });
  }
  const seen = new Set<string>();
  const items = [];
  for (const raw of env.items) {
    const item = toFeedItem(raw, problems);
    if (!item) continue;
    if (seen.has(item.paper.id)) {
      problems.push({ stage: 'fetch', code: 'duplicate', message: `the feed lists ${item.paper.id} twice; kept the first`, paperId: item.paper.id });
      continue;
    }
    seen.add(item.paper.id);
    items.push(item);
  }
  const covered = categories.length > 0 ? categories : itemCategories(items, problems);
  return { date, categories: covered, items, source: options.source ?? env.layout, reconstructed: false, builtAt: env.builtAt, problems };
}

/** The batch's New York date, from the feed's own timestamp; a feed without a plausible one is malformed. */
function batchDate(stamp: string, url: string | undefined): string {
  if (!stamp) throw new SourceError('E_PARSE', 'feed states no announcement date (pubDate)', { url });
  const date = feedDate(stamp);
  if (date) return date;
  const shown = cleanText(stamp).slice(0, 80);
  throw new SourceError('E_PARSE', `feed states an announcement date that is not one arXiv could give ("${shown}"; expected a date from 1991 to next year)`, { url });
}

/** A feed whose link and title name no category: its papers' own primaries stand in, so none goes unlisted. */
function itemCategories(items: readonly FeedItem[], problems: Problem[]): string[] {
  const found = [...new Set(items.map((i) => i.paper.primaryCategory || i.paper.categories[0] || '').filter((c) => CATEGORY_SHAPE.test(c)))];
  if (found.length > 0) {
    problems.push({ stage: 'fetch', code: 'no-coverage', message: `the feed names no category; listed its papers under their own (${found.join(', ')})` });
  }
  return found;
}

export function noAnnouncement(date: string | null, categories: readonly string[]): NoAnnouncementError {
  const cats = categories.length ? categories.join(', ') : 'the requested categories';
  return new NoAnnouncementError(`no announcement for ${date ?? 'this day'} in ${cats} (weekend, holiday or quiet category)`, date);
}
