/**
 * Untrusted text (titles, abstracts, summaries) into the page: plain runs as text nodes (with `<mark>` around
 * matched words; `\textbf{…}`-style formatting as <b>/<i>/<code> elements around them; the text of a `\url` or
 * `\href` in an http(s) link), TeX spans through `katex.render` with `trust: false`, so `\href`, `\url` and the `\html…`
 * commands stay inert. KaTeX is a separate chunk, loaded the first time a text has math; until then the
 * source shows as text.
 */
import type katexModule from 'katex';
import { append, h, safeHref } from './dom.js';
import { highlightRanges } from './highlight.js';
import type { Matcher } from './highlight.js';
import { latexRuns } from '../../latex-text.js';
import type { TextStyle } from '../../latex-text.js';

type Katex = typeof katexModule;

let katex: Katex | null = null;
let loading: Promise<Katex> | null = null;
const pending: { el: HTMLElement; tex: string; display: boolean }[] = [];

/**
 * `maxSize` caps every size a formula gives (\rule, \hspace, \kern) at 10 em, so one item fits a phone's column;
 * KaTeX caps only from above, and a negative \kern is kept inside the formula's box by the stylesheet (`.math`
 * clips what leaves it) instead. `maxExpand` bounds macro expansion (`\def\a{\a\a}`).
 */
const KATEX_OPTIONS = { throwOnError: true, trust: false, strict: 'ignore', maxSize: 10, maxExpand: 500 } as const;

/**
 * A formula KaTeX cannot parse stays its source, as text, marked `math-error` (and KaTeX's message as its
 * title): KaTeX's own error span (`throwOnError: false`) colours itself with an inline style, which the page's
 * CSP (`style-src 'self'`) refuses and reports on every such formula.
 */
function typeset(el: HTMLElement, tex: string, display: boolean, k: Katex): void {
  const source = el.textContent ?? '';
  el.replaceChildren();
  try {
    k.render(tex, el, { ...KATEX_OPTIONS, displayMode: display });
  } catch (err) {
    el.replaceChildren(source);
    el.classList.add('math-error');
    el.title = err instanceof Error ? err.message : String(err);
  }
}

function loadKatex(): void {
  loading ??= import('katex').then((m) => {
    katex = m.default;
    for (const p of pending.splice(0)) typeset(p.el, p.tex, p.display, m.default);
    return m.default;
  });
}

function mathNode(tex: string, display: boolean, source: string): HTMLElement {
  const el = h(display ? 'div' : 'span', { class: display ? 'math math-display' : 'math' }, source);
  if (katex) typeset(el, tex, display, katex);
  else {
    pending.push({ el, tex, display });
    loadKatex();
  }
  return el;
}

function marked(text: string, matcher: Matcher | null): (Node | string)[] {
  if (!matcher) return [text];
  const out: (Node | string)[] = [];
  let at = 0;
  for (const [start, end] of highlightRanges(text, matcher)) {
    if (start > at) out.push(text.slice(at, start));
    out.push(h('mark', {}, text.slice(start, end)));
    at = end;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

/** Text-mode LaTeX formatting (`\textbf{…}`, `\emph{…}`, `\texttt{…}`) as <b>, <i>, <code> around the text. */
function styled(nodes: (Node | string)[], style: TextStyle): (Node | string)[] {
  let out = nodes;
  if (style.mono) out = [h('code', {}, ...out)];
  if (style.italic) out = [h('i', {}, ...out)];
  if (style.bold) out = [h('b', {}, ...out)];
  return out;
}

/** A `\url`/`\href` run as a link when its URL is http(s) and it is not inside a link already (titles often are). */
function linked(nodes: (Node | string)[], href: string | undefined, parent: HTMLElement): (Node | string)[] {
  const safe = safeHref(href);
  return safe && !parent.closest('a') ? [h('a', { href: safe, rel: 'noopener noreferrer', target: '_blank' }, ...nodes)] : nodes;
}

/**
 * Append `text` to `parent`: math typeset, formatting macros read, `\url`/`\href` text linked, the rest as text
 * with matches marked.
 */
export function appendRich(parent: HTMLElement, text: string, matcher: Matcher | null = null): HTMLElement {
  for (const run of latexRuns(text)) {
    if (run.kind === 'math') append(parent, mathNode(run.tex, run.display, run.source));
    else append(parent, ...linked(styled(marked(run.text, matcher), run), run.href, parent));
  }
  return parent;
}

/** Only text, matches marked (authors, ids: no math). */
export function appendMarked(parent: HTMLElement, text: string, matcher: Matcher | null): HTMLElement {
  append(parent, ...marked(text, matcher));
  return parent;
}
