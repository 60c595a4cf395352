/**
 * Links into the published reader (the static site). One module so the reader's URL scheme is decided in one
 * place: `index.html?day=DATE#ID` works from any static host and under a sub-path (GitHub Pages project sites).
 */

/** Site URL without a trailing slash, or '' when it is not an absolute http(s) URL (feed ids and links need one). */
export function siteBase(siteUrl: string): string {
  let url: URL;
  try {
    url = new URL(siteUrl);
  } catch {
    return '';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return '';
  return url.href.replace(/\/+$/, '');
}

/** The reader's page for a day, and the paper's card on it when `paperId` is given; '' without a usable site URL. */
export function readerUrl(siteUrl: string, date: string, paperId?: string): string {
  const base = siteBase(siteUrl);
  if (!base) return '';
  const hash = paperId ? `#${encodeURIComponent(paperId)}` : '';
  return `${base}/index.html?day=${encodeURIComponent(date)}${hash}`;
}
