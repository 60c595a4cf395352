/**
 * JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). Written here rather than with `feed`'s `json1()`, which
 * emits version 1.0 (a single `author`, no `language`) and reuses the Atom title, which is HTML in Atom but
 * plain text in JSON Feed.
 */
import type { FeedItemView } from './feed-entry.js';

export interface JsonFeedAuthor {
  name: string;
}

export interface JsonFeedItem {
  id: string;
  url: string;
  title: string;
  summary: string;
  content_html: string;
  content_text: string;
  date_published: string;
  date_modified: string;
  authors?: JsonFeedAuthor[];
  tags: string[];
  language?: string;
  /** Extension (JSON Feed extensions start with `_`): arXiv facts a reader app may want. */
  _arxiv: { id: string; version: number; announce_type: string; primary_category: string; reader_url?: string };
}

export interface JsonFeed {
  version: 'https://jsonfeed.org/version/1.1';
  title: string;
  home_page_url?: string;
  feed_url?: string;
  description: string;
  authors: JsonFeedAuthor[];
  language?: string;
  items: JsonFeedItem[];
}

export interface JsonFeedMeta {
  title: string;
  description: string;
  homePageUrl: string;
  feedUrl: string;
  language: string | null;
}

export interface JsonFeedItemInput {
  view: FeedItemView;
  arxiv: { id: string; version: number; announceType: string; primaryCategory: string };
}

export function renderJsonFeed(meta: JsonFeedMeta, items: readonly JsonFeedItemInput[]): string {
  const feed: JsonFeed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: meta.title,
    ...(meta.homePageUrl ? { home_page_url: meta.homePageUrl } : {}),
    ...(meta.feedUrl ? { feed_url: meta.feedUrl } : {}),
    description: meta.description,
    authors: [{ name: meta.title }],
    ...(meta.language ? { language: meta.language } : {}),
    items: items.map(jsonItem),
  };
  return `${JSON.stringify(feed, null, 2)}\n`;
}

function jsonItem({ view, arxiv }: JsonFeedItemInput): JsonFeedItem {
  const date = view.date.toISOString();
  return {
    id: view.id,
    url: view.link,
    title: view.title,
    summary: view.summary,
    content_html: view.contentHtml,
    content_text: view.contentText,
    date_published: date,
    date_modified: date,
    ...(view.authors.length > 0 ? { authors: view.authors.map((name) => ({ name })) } : {}),
    tags: view.categories,
    ...(view.language ? { language: view.language } : {}),
    _arxiv: {
      id: arxiv.id,
      version: arxiv.version,
      announce_type: arxiv.announceType,
      primary_category: arxiv.primaryCategory,
      ...(view.readerLink ? { reader_url: view.readerLink } : {}),
    },
  };
}
