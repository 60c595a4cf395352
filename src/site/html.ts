/**
 * The reader's one HTML page: a static shell (header, main, footer with arXiv's acknowledgement) that the
 * bundled script fills in. The Content-Security-Policy allows only this site's own files, so no remote code,
 * style, font or request can ever load, even through a bug.
 */
import { escapeAttribute } from '../render/escape.js';

/**
 * KaTeX is rendered with `katex.render` into DOM nodes, which sets its inline sizes through the CSSOM
 * (`element.style.x = …`); CSP does not govern that, so `style-src 'self'` needs no 'unsafe-inline'.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export const ACKNOWLEDGEMENT = 'Thank you to arXiv for use of its open access interoperability.';

export interface PageOptions {
  title: string;
  siteUrl: string | null;
  /** Appended to asset URLs so a new build is never served stale scripts. */
  assetVersion: string;
}

function esc(text: string): string {
  return escapeAttribute(text);
}

function header(title: string): string {
  return `<header class="top" id="top">
  <a class="brand" href="#/">${esc(title)}</a>
  <nav class="daynav" aria-label="Days">
    <button type="button" id="prev-day" aria-label="Previous day" title="Previous day (p)">‹</button>
    <select id="day-select" aria-label="Announcement day"></select>
    <button type="button" id="next-day" aria-label="Next day" title="Next day (n)">›</button>
  </nav>
  <form class="searchbox" role="search" id="search-form">
    <input type="search" id="search" name="q" placeholder="Search all days  ( / )" aria-label="Search all days" autocomplete="off">
  </form>
  <nav class="tools" aria-label="Reader">
    <a href="#/favourites" id="favourites-link">★ Favourites</a>
    <details class="menu">
      <summary>Data</summary>
      <div class="menu-body">
        <button type="button" id="export-json">Export favourites &amp; read state (JSON)</button>
        <label class="file-button">Import JSON<input type="file" id="import-json" accept="application/json,.json"></label>
        <button type="button" id="export-bibtex">Export favourites (BibTeX)</button>
      </div>
    </details>
    <button type="button" id="theme-toggle" aria-label="Colour theme">◐</button>
  </nav>
</header>`;
}

/** The page is English (its labels, arXiv's titles and abstracts); a summary says its own language (text-lang.ts). */
export function renderPage(o: PageOptions): string {
  const v = encodeURIComponent(o.assetVersion);
  const canonical = o.siteUrl ? `\n<link rel="canonical" href="${esc(o.siteUrl)}">` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light dark">
<title>${esc(o.title)}</title>${canonical}
<link rel="icon" href="assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="assets/reader.css?v=${v}">
<script src="assets/theme.js?v=${v}"></script>
<script type="module" src="assets/reader.js?v=${v}"></script>
</head>
<body>
<a class="skip" href="#main">Skip to papers</a>
${header(o.title)}
<main id="main" tabindex="-1">
<p class="status" id="loading">Loading…</p>
<noscript><p class="status">This reader needs JavaScript. The papers are also here as data: each day in <code>data/days/YYYY-MM-DD.json</code>, the days listed in <a href="data/manifest.json">data/manifest.json</a>. A digest folder made by <code>run --out DIR</code> (its reader in <code>DIR/site</code>) holds each day as Markdown too, <code>DIR/YYYY-MM-DD.md</code>.</p></noscript>
</main>
<footer class="foot">
<p>${ACKNOWLEDGEMENT}</p>
<p>Summaries are generated and may be wrong; the abstract and the paper are the source. Keys: <kbd>j</kbd>/<kbd>k</kbd> move, <kbd>Enter</kbd> expand, <kbd>f</kbd> favourite, <kbd>r</kbd> read, <kbd>/</kbd> search, <kbd>n</kbd>/<kbd>p</kbd> day.</p>
</footer>
</body>
</html>
`;
}
