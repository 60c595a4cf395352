/**
 * One OAI-PMH record's metadata → Paper, for arXiv's two rich formats (arxiv.md §6):
 * - `arXiv` (http://arxiv.org/OAI/arXiv/): structured authors, `created`/`updated` dates, no version number;
 * - `arXivRaw` (http://arxiv.org/OAI/arXivRaw/): every version with its submission time, authors as one string.
 * Categories come primary first (the record's own order), aliases collapsed; the primary counts as confirmed.
 */
import { parseArxivId } from '../papers/ids.js';
import { attr, childrenByNs, isNode, q, rawText, scopeOf, text } from '../sources/_xml.js';
import type { Scope, XmlNode } from '../sources/_xml.js';
import { canonicalCategories } from '../taxonomy/index.js';
import type { Paper } from '../types.js';
import { authorName, splitAuthors } from './authors.js';

export const OAI_FORMATS = {
  arXiv: 'http://arxiv.org/OAI/arXiv/',
  arXivRaw: 'http://arxiv.org/OAI/arXivRaw/',
} as const;
export type OaiFormat = keyof typeof OAI_FORMATS;

type Children = Map<string, unknown[]>;
const first = (c: Children, name: string): unknown => c.get(name)?.[0];

const MONTHS: Record<string, string> = { Jan: '01', Feb: '02', Mar: '03', Apr: '04', May: '05', Jun: '06', Jul: '07', Aug: '08', Sep: '09', Oct: '10', Nov: '11', Dec: '12' };
// arXiv's own shape ("%a, %d %b %Y %H:%M:%S GMT" in arXiv/oaipmh; the Kaggle snapshot alike), read without Date.
const ARXIV_TIME = /^[A-Z][a-z]{2}, (\d{1,2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}:\d{2}:\d{2}) GMT$/;

/** RFC 2822 time ("Tue, 2 Jan 2024 09:15:00 GMT") → ISO 8601; null when unreadable. */
export function rfc2822ToIso(value: string): string | null {
  const m = ARXIV_TIME.exec(value);
  const month = m ? MONTHS[m[2] as string] : undefined;
  // The fast path for millions of snapshot records; anything else (other zones, no weekday) goes through Date.
  if (m && month && Number(m[1]) <= 31) return `${m[3]}-${month}-${(m[1] as string).padStart(2, '0')}T${m[4]}.000Z`;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** The fields both formats share, read from the metadata element's children. */
function common(c: Children, uri: string, id: string): Omit<Paper, 'version' | 'authors' | 'submitted' | 'updated'> {
  const field = (local: string) => text(first(c, q(uri, local)));
  const categories = canonicalCategories(field('categories').split(' ').filter(Boolean));
  return {
    id,
    title: field('title'),
    abstract: field('abstract'),
    categories,
    primaryCategory: categories[0] ?? '',
    primaryConfirmed: categories.length > 0,
    comment: field('comments') || null,
    journalRef: field('journal-ref') || null,
    doi: field('doi') || null,
    license: field('license') || null,
  };
}

function arXivPaper(c: Children, id: string, scope: Scope): Paper {
  const uri = OAI_FORMATS.arXiv;
  const authorsNode = first(c, q(uri, 'authors'));
  const authors = isNode(authorsNode)
    ? (childrenByNs(authorsNode, scope).get(q(uri, 'author')) ?? []).filter(isNode).map((a) => {
        const parts = childrenByNs(a, scope);
        const part = (local: string) => text(first(parts, q(uri, local)));
        return authorName(part('keyname'), part('forenames'), part('suffix'));
      })
    : [];
  const created = text(first(c, q(uri, 'created')));
  const updated = text(first(c, q(uri, 'updated')));
  // The format states no version; a record without `updated` has only ever had v1. Otherwise the version is
  // unknown and recorded as 1 (Paper's rule); harvest with arXivRaw when exact versions matter.
  return { ...common(c, uri, id), version: 1, authors, submitted: created || null, updated: updated || created || null };
}

function arXivRawPaper(c: Children, id: string, scope: Scope): Paper {
  const uri = OAI_FORMATS.arXivRaw;
  const versions = (c.get(q(uri, 'version')) ?? [])
    .filter(isNode)
    .map((v) => ({
      n: Number(/^v(\d+)$/.exec(attr(v, 'version') ?? '')?.[1] ?? NaN),
      date: rfc2822ToIso(text(first(childrenByNs(v, scope), q(uri, 'date')))),
    }))
    .filter((v) => Number.isSafeInteger(v.n) && v.n >= 1)
    .sort((a, b) => a.n - b.n);
  const latest = versions[versions.length - 1];
  return {
    ...common(c, uri, id),
    version: latest?.n ?? 1,
    authors: splitAuthors(rawText(first(c, q(uri, 'authors')))),
    submitted: versions[0]?.date ?? null,
    updated: latest?.date ?? null,
  };
}

/**
 * The Paper in a record's `<metadata>` child (`arXiv` or `arXivRaw`), or null when it holds neither format or no
 * valid id. `fallbackId` is the header's identifier (`oai:arXiv.org:…`), used when the metadata lacks `<id>`.
 */
export function recordPaper(metadata: XmlNode, scope: Scope, fallbackId: string): Paper | null {
  const c = childrenByNs(metadata, scope);
  for (const [format, uri] of Object.entries(OAI_FORMATS) as [OaiFormat, string][]) {
    const node = first(c, q(uri, format));
    if (!isNode(node)) continue;
    // The format element declares its own default namespace: its children resolve in that scope.
    const inner = scopeOf(node, scope);
    const children = childrenByNs(node, inner);
    const parsed = parseArxivId(text(first(children, q(uri, 'id'))) || fallbackId);
    if (!parsed) return null;
    return format === 'arXiv' ? arXivPaper(children, parsed.id, inner) : arXivRawPaper(children, parsed.id, inner);
  }
  return null;
}
