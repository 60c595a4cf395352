/**
 * Builders for scenario payloads in arXiv's real formats (rss.arxiv.org RSS 2.0, export-API Atom 2026,
 * arxiv-browse listing HTML), for fetch tests that need feeds, listings and API answers that agree.
 * Shapes copied from the recorded payloads in ../shared/fixtures/arxiv; contents are synthetic.
 */
import type { AnnounceType } from '../../src/types.js';

export interface FakePaper {
  id: string;
  version?: number;
  /** Primary first. */
  categories: string[];
  type?: AnnounceType;
  title?: string;
  doi?: string;
  comment?: string;
  /** The abstract as XML text, written as given (escape it yourself). */
  rawAbstract?: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const titleOf = (p: FakePaper) => p.title ?? `Synthetic fixture paper ${p.id}`;

/** RSS 2.0 as rss.arxiv.org serves it; `pubDate` like "Thu, 29 Jan 2026 00:00:00 -0500". */
export function rssFeed(categories: string[], pubDate: string, papers: FakePaper[]): string {
  const items = papers.map((p) => {
    const full = `${p.id}v${p.version ?? 1}`;
    const cats = p.categories.map((c) => `      <category>${c}</category>`).join('\n');
    const doi = p.doi ? `\n      <arxiv:DOI>${p.doi}</arxiv:DOI>` : '';
    return `    <item>
      <title>${esc(titleOf(p))}</title>
      <link>https://arxiv.org/abs/${p.id}</link>
      <description>arXiv:${full} Announce Type: ${p.type ?? 'new'} \nAbstract: ${p.rawAbstract ?? `Abstract of ${p.id}.`}</description>
      <guid isPermaLink="false">oai:arXiv.org:${full}</guid>
${cats}
      <pubDate>${pubDate}</pubDate>
      <arxiv:announce_type>${p.type ?? 'new'}</arxiv:announce_type>
      <dc:rights>http://arxiv.org/licenses/nonexclusive-distrib/1.0/</dc:rights>${doi}
      <dc:creator>Author One, Author Two (Some Lab, Somewhere)</dc:creator>
    </item>`;
  });
  const q = categories.join('+');
  return `<?xml version='1.0' encoding='UTF-8'?>
<rss xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" version="2.0">
  <channel>
    <title>${categories.join(', ')} updates on arXiv.org</title>
    <link>http://rss.arxiv.org/rss/${q}</link>
    <description>${categories.join(', ')} updates on the arXiv.org e-print archive.</description>
    <atom:link href="http://rss.arxiv.org/rss/${q}" rel="self" type="application/rss+xml"/>
    <lastBuildDate>${pubDate}</lastBuildDate>
    <managingEditor>rss-help@arxiv.org</managingEditor>
    <pubDate>${pubDate}</pubDate>
${items.join('\n')}
  </channel>
</rss>
`;
}

/** Export-API Atom, 2026 serialization, for the given papers (`totalResults` overridable for empty-page tests). */
export function apiFeed(papers: FakePaper[], totalResults = papers.length, startIndex = 0): string {
  const entries = papers.map((p) => {
    const full = `${p.id}v${p.version ?? 1}`;
    const cats = p.categories.map((c) => `    <category term="${c}" scheme="http://arxiv.org/schemas/atom"/>`).join('\n');
    const comment = p.comment ? `\n    <arxiv:comment>${esc(p.comment)}</arxiv:comment>` : '';
    const doi = p.doi ? `\n    <arxiv:doi>${p.doi}</arxiv:doi>` : '';
    return `  <entry>
    <id>http://arxiv.org/abs/${full}</id>
    <title>${esc(titleOf(p))}</title>
    <updated>2026-01-28T10:00:00Z</updated>
    <link href="https://arxiv.org/abs/${full}" rel="alternate" type="text/html"/>
    <summary>${p.rawAbstract ?? `Abstract of ${p.id}.`}</summary>
${cats}
    <published>2026-01-27T18:30:00Z</published>${comment}
    <arxiv:primary_category term="${p.categories[0]}"/>
    <author>
      <name>Author One</name>
    </author>${doi}
  </entry>`;
  });
  return `<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">
  <id>https://arxiv.org/api/synthetic</id>
  <title>arXiv Query: synthetic</title>
  <updated>2026-01-29T12:00:00Z</updated>
  <opensearch:itemsPerPage>${papers.length}</opensearch:itemsPerPage>
  <opensearch:totalResults>${totalResults}</opensearch:totalResults>
  <opensearch:startIndex>${startIndex}</opensearch:startIndex>
${entries.join('\n')}
</feed>
`;
}

function listingItem(p: FakePaper, n: number, cross: boolean): string {
  const [primary, ...rest] = p.categories;
  const subjects = [`<span class="primary-subject">Subject (${primary})</span>`, ...rest.map((c) => `Other (${c})`)].join('; ');
  return `<dt>
      <a name='item${n}'>[${n}]</a>
      <a href ="/abs/${p.id}" title="Abstract" id="${p.id}">
        arXiv:${p.id}
      </a>${cross ? `\n          (cross-list from ${primary})` : ''}
        [<a href="/pdf/${p.id}" title="Download PDF" id="pdf-${p.id}" aria-labelledby="pdf-${p.id}">pdf</a>, <a href="https://arxiv.org/html/${p.id}v${p.version ?? 1}" title="View HTML" id="html-${p.id}" aria-labelledby="html-${p.id}" rel="noopener noreferrer" target="_blank">html</a>]
    </dt>
    <dd>
      <div class='meta'>
        <div class='list-title mathjax'><span class='descriptor'>Title:</span>
          ${esc(titleOf(p))}
        </div>
        <div class='list-authors'><a href="https://arxiv.org/search/cs?searchtype=author&amp;query=One,+A">Author One</a></div>
        <div class='list-subjects'><span class='descriptor'>Subjects:</span>
          ${subjects}
        </div>
        <p class='mathjax'>
          Abstract of ${p.id}.
        </p>
      </div>
    </dd>`;
}

/** `/list/<cat>/new` in the arxiv-browse markup; `date` like "Thursday, 29 January 2026". */
export function listingPage(date: string, news: FakePaper[], crosses: FakePaper[]): string {
  const head = `<html><body><div id='dlpage'><h3>Showing new listings for ${date}</h3>\n`;
  if (news.length + crosses.length === 0) return `${head}<p>No updates today.</p></div></body></html>`;
  const section = (label: string, papers: FakePaper[], from: number, cross: boolean) =>
    papers.length
      ? `<dl id='articles'>\n<h3>${label} submissions for ${date} (showing ${papers.length} of ${papers.length} entries )</h3>\n` +
        papers.map((p, i) => listingItem(p, from + i, cross)).join('\n') +
        '\n</dl>\n'
      : '';
  return head + section('New', news, 1, false) + section('Cross', crosses, news.length + 1, true) + '</div></body></html>';
}

/** Synthetic new-style ids `2601.<n>` (5 digits). */
export function fakeIds(count: number, from = 10000): string[] {
  return Array.from({ length: count }, (_, i) => `2601.${String(from + i).padStart(5, '0')}`);
}
