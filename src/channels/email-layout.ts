/**
 * The email's page frame and inline styles. Mail clients drop `<style>` blocks and external CSS, so every element
 * carries its style attribute; one column, at most 720 px wide, readable on a phone.
 */
import { escapeHtml } from './_text.js';

const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

/**
 * Inline styles by role (constants: no string from a paper ever goes into a style attribute). The frame lets an
 * unbroken word (a URL, a long identifier) wrap, `break-word` for clients that do not know `anywhere`.
 */
export const S = {
  body: 'margin:0;padding:0;background:#f6f7f9;',
  frame: `max-width:720px;margin:0 auto;padding:16px 20px;background:#ffffff;font-family:${FONT};font-size:15px;line-height:1.5;color:#1f2328;word-wrap:break-word;overflow-wrap:anywhere;`,
  h1: 'font-size:22px;line-height:1.3;margin:0 0 4px 0;',
  h2: 'font-size:18px;line-height:1.3;margin:24px 0 8px 0;padding-bottom:4px;border-bottom:1px solid #d0d7de;',
  entry: 'margin:0 0 18px 0;',
  title: 'margin:0;font-size:16px;font-weight:600;',
  p: 'margin:4px 0;',
  muted: 'margin:2px 0;color:#57606a;font-size:13px;',
  why: 'margin:4px 0;color:#1a7f37;font-size:13px;',
  small: 'margin:4px 0;color:#57606a;font-size:12px;',
  link: 'color:#0b57d0;text-decoration:none;',
  hr: 'border:none;border-top:1px solid #d0d7de;margin:24px 0 8px 0;',
} as const;

/**
 * A complete HTML document around the given body lines. Its language is English (the labels, and the titles
 * from arXiv); each summary's text says its own language and direction (email-entry.ts).
 */
export function emailPage(title: string, body: readonly string[]): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    '</head>',
    `<body style="${S.body}">`,
    `<div style="${S.frame}">`,
    ...body,
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
