/**
 * Links shown with each paper: abs/pdf/html on arxiv.org, and a code link when the abstract or comment names a
 * repository. Used by the Markdown and JSONL renderers so both always agree.
 */
import { latexPlain } from '../latex-text.js';
import { absUrl, htmlUrl, pdfUrl } from '../papers/ids.js';
import type { Paper } from '../types.js';

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
 * end a URL (LaTeX `\url{…}`, `(code: “https://…”)`).
 */
const PATH_CHARS = String.raw`[^\s<>"'\x60()[\]{}\\|^*“”‘’«»]`;
/**
 * A repository host needs a path (`github.com` alone names no code); a `*.github.io` project page may stand
 * alone. The scheme is optional because abstracts often write `github.com/owner/repo`.
 */
const CODE_URL = new RegExp(
  String.raw`(?<![\w.@/-])(?:https?://)?(?:${CODE_HOSTS}/${PATH_CHARS}+|${PAGES_HOST}(?:/${PATH_CHARS}*)?)`,
  'gi',
);
/** Sentence punctuation that follows a URL in prose and is not part of it. */
const TRAILING = /[.,;:!?'"…]+$/;
/** GitHub pages under the host that are about accounts or the site, not a repository (`github.com/orgs/x`). */
const GITHUB_NOT_OWNERS = new Set(['orgs', 'sponsors', 'topics', 'features', 'marketplace', 'collections', 'settings', 'apps']);

/**
 * Find the first repository URL in the given texts, in order; trailing punctuation stripped, `https://` added.
 * Texts are read as LaTeX first (latex-text.ts), so `bar\_baz` is `bar_baz` and `\href{u}{t}` shows u.
 */
export function findCodeUrl(...texts: (string | null | undefined)[]): string | null {
  for (const text of texts) {
    if (!text) continue;
    for (const m of latexPlain(text).matchAll(CODE_URL)) {
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

export function paperLinks(paper: Paper): PaperLinks {
  return {
    abs: absUrl(paper.id),
    pdf: pdfUrl(paper.id, paper.version),
    html: htmlUrl(paper.id, paper.version),
    code: findCodeUrl(paper.abstract, paper.comment),
  };
}
