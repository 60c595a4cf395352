/**
 * Links shown with each paper: abs/pdf/html on arxiv.org, and a code link when the abstract or comment names a
 * repository. Used by the Markdown and JSONL renderers so both always agree.
 */
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
/** URL characters we accept; quotes, brackets, braces, angle brackets and backslashes end a URL (LaTeX `\url{…}`). */
const PATH_CHARS = String.raw`[^\s<>"'\x60()[\]{}\\|^*]`;
/**
 * A repository host needs at least one path segment (`github.com` alone names no code); a `*.github.io` project
 * page may stand alone. The scheme is optional because abstracts often write `github.com/owner/repo`.
 */
const CODE_URL = new RegExp(
  String.raw`(?<![\w.@/-])(?:https?://)?(?:${CODE_HOSTS}/${PATH_CHARS}+|${PAGES_HOST}(?:/${PATH_CHARS}*)?)`,
  'gi',
);
/** Sentence punctuation that follows a URL in prose and is not part of it. */
const TRAILING = /[.,;:!?'"]+$/;

/** Find the first repository URL in the given texts, in order; trailing punctuation stripped, `https://` added. */
export function findCodeUrl(...texts: (string | null | undefined)[]): string | null {
  for (const text of texts) {
    if (!text) continue;
    for (const m of text.matchAll(CODE_URL)) {
      const url = m[0].replace(TRAILING, '');
      if (!isUsable(url)) continue;
      return /^https?:\/\//i.test(url) ? url : `https://${url}`;
    }
  }
  return null;
}

/** After stripping punctuation a host-only match (`github.com/`) is left over; it names no repository. */
function isUsable(url: string): boolean {
  const rest = url.replace(/^https?:\/\//i, '');
  const slash = rest.indexOf('/');
  if (/\.github\.io$/i.test(slash < 0 ? rest : rest.slice(0, slash))) return true;
  return slash >= 0 && rest.slice(slash + 1).replace(/\/+$/, '').length > 0;
}

export function paperLinks(paper: Paper): PaperLinks {
  return {
    abs: absUrl(paper.id),
    pdf: pdfUrl(paper.id, paper.version),
    html: htmlUrl(paper.id, paper.version),
    code: findCodeUrl(paper.abstract, paper.comment),
  };
}
