/**
 * Links shown with each paper: abs/pdf/html on arxiv.org, and a code link when the abstract or comment names a
 * repository. Used by the Markdown and JSONL renderers so both always agree.
 */
import { latexPlain } from '../latex-text.js';
import { absUrl, htmlUrl, pdfUrl } from '../papers/ids.js';
import type { Paper } from '../types.js';
import { cleanText } from './escape.js';

export interface PaperLinks {
  /** Versionless abstract page (the reference's heading link). */
  abs: string;
  /** PDF and HTML of exactly the version that was summarized. */
  pdf: string;
  html: string;
  /** First repository URL named in the abstract, else in the comment; null if none. */
  code: string | null;
}

// anonymous.4open.science: the anonymised GitHub mirrors papers under review link to.
const CODE_HOSTS = String.raw`(?:www\.)?(?:github\.com|gitlab\.com|huggingface\.co|bitbucket\.org|codeberg\.org|sourceforge\.net|anonymous\.4open\.science)`;
const PAGES_HOST = String.raw`[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.github\.io`;
/**
 * URL characters we accept; quotes (straight and typographic), brackets, braces, angle brackets and backslashes
 * end a URL (LaTeX `\url{…}`, `(code: “https://…”)`), and so do controls and format characters (bidi overrides,
 * zero-width joiners) the text cleaning leaves.
 */
const PATH_CHARS = String.raw`[^\s\p{Cc}\p{Cf}<>"'\x60()[\]{}\\|^*“”‘’«»]`;
/**
 * Where a `*.github.io` host ends: not inside a longer name (`x.github.io.evil.example`, `x.github.io-cdn.net`),
 * nor as the user part of another host (`x.github.io@evil.example`, `x.github.io:pw@evil.example`). A sentence's
 * full stop may follow it.
 */
const HOST_END = String.raw`(?![\w@-]|\.[\w-]|:[^\s/]*@)`;
/**
 * A repository host needs a path (`github.com` alone names no code); a `*.github.io` project page may stand
 * alone. The scheme is optional because abstracts often write `github.com/owner/repo`.
 */
const CODE_URL = new RegExp(
  String.raw`(?<![\w.@/-])(?:https?://)?(?:${CODE_HOSTS}/${PATH_CHARS}+|${PAGES_HOST}${HOST_END}(?:/${PATH_CHARS}*)?)`,
  'giu',
);
/** Sentence punctuation that follows a URL in prose and is not part of it. */
const TRAILING = /[.,;:!?'"…]+$/;
/** GitHub pages under the host that are about accounts or the site, not a repository (`github.com/orgs/x`). */
const GITHUB_NOT_OWNERS = new Set(['orgs', 'sponsors', 'topics', 'features', 'marketplace', 'collections', 'settings', 'apps']);

/**
 * Find the first repository URL in the given texts, in order; trailing punctuation stripped, `https://` added.
 * Texts are cleaned as every shown field is (`cleanText`: a zero-width space or bidi override inside a URL is
 * gone, as it is from the abstract shown beside the link), then read as LaTeX (latex-text.ts), so `bar\_baz` is
 * `bar_baz` and `\href{u}{t}` shows u.
 */
export function findCodeUrl(...texts: (string | null | undefined)[]): string | null {
  for (const text of texts) {
    if (!text) continue;
    for (const m of latexPlain(cleanText(text)).matchAll(CODE_URL)) {
      const url = m[0].replace(TRAILING, '');
      if (!namesCode(url)) continue;
      return /^https?:\/\//i.test(url) ? url : `https://${url}`;
    }
  }
  return null;
}

/**
 * A `*.github.io` page names code on its own; on a repository host the path must name a repository, which is
 * owner/name (GitLab groups, `huggingface.co/datasets/x/y`, `sourceforge.net/projects/x` and
 * `anonymous.4open.science/r/id` have at least two segments too): `github.com/openai` is an account, not code.
 */
function namesCode(url: string): boolean {
  const [host = '', ...path] = url.replace(/^https?:\/\//i, '').split('/');
  if (/\.github\.io$/i.test(host)) return true;
  const segments = path.filter((s) => s.length > 0);
  if (/(?:^|\.)github\.com$/i.test(host) && GITHUB_NOT_OWNERS.has(segments[0]?.toLowerCase() ?? '')) return false;
  return segments.length >= 2;
}

/**
 * A URL as a Markdown link destination that every renderer reads as the same URL the other outputs link to:
 * CommonMark decodes character references (`&#34;`, `&amp;`) in a destination, so an `&` that would begin one is
 * written `&amp;`; spaces, angle brackets, parentheses and backslashes (which end or escape a destination) are
 * percent-encoded. `findCodeUrl` already stops at most of these; this holds for any URL.
 */
export function markdownDestination(url: string): string {
  return url
    .replace(/&(?=#\d{1,7};|#x[\da-f]{1,6};|[a-z][a-z\d]{1,31};)/gi, '&amp;')
    .replace(/[()]/g, (ch) => (ch === '(' ? '%28' : '%29'))
    .replace(/[\s<>\\]/g, encodeURIComponent);
}

export function paperLinks(paper: Paper): PaperLinks {
  return {
    abs: absUrl(paper.id),
    pdf: pdfUrl(paper.id, paper.version),
    html: htmlUrl(paper.id, paper.version),
    code: findCodeUrl(paper.abstract, paper.comment),
  };
}
