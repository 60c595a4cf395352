import { describe, expect, it } from 'vitest';
import { makeEntry, makePaper } from '../../test/fixtures/render/entries.js';
import { hrefs, toHtml } from '../../test/render/html.js';
import { renderEntry } from './entry.js';
import { findCodeUrl, markdownDestination, paperLinks } from './links.js';

describe('findCodeUrl', () => {
  it.each([
    ['Code is at https://github.com/owner/repo.', 'https://github.com/owner/repo'],
    ['(see https://github.com/owner/repo)', 'https://github.com/owner/repo'],
    ['Code: github.com/owner/repo, data elsewhere', 'https://github.com/owner/repo'],
    ['\\url{https://github.com/owner/repo}', 'https://github.com/owner/repo'],
    ['\\href{https://github.com/a/b}{github.com/a/b}.', 'https://github.com/a/b'],
    ['at https://gitlab.com/group/sub/project!', 'https://gitlab.com/group/sub/project'],
    ['weights: https://huggingface.co/org/model;', 'https://huggingface.co/org/model'],
    ['https://bitbucket.org/team/repo', 'https://bitbucket.org/team/repo'],
    ['https://codeberg.org/user/repo?', 'https://codeberg.org/user/repo'],
    ['Project page: https://someone.github.io/project/.', 'https://someone.github.io/project/'],
    ['Page: someone.github.io', 'https://someone.github.io'],
    ['http://github.com/owner/repo_name-2', 'http://github.com/owner/repo_name-2'],
    ['"https://github.com/owner/repo"', 'https://github.com/owner/repo'],
    ['project at https://anonymous.4open.science/r/ICML_READY-747F.', 'https://anonymous.4open.science/r/ICML_READY-747F'],
    ['https://sourceforge.net/projects/tool/', 'https://sourceforge.net/projects/tool/'],
    ['Code is released at github.com/foo/bar\\_baz.', 'https://github.com/foo/bar_baz'],
    ['We propose QuoteNet (code: “https://github.com/q/r”).', 'https://github.com/q/r'],
    ["code at ‘https://github.com/q/r’…", 'https://github.com/q/r'],
    ['our lab https://github.com/openai and code https://github.com/openai/gym', 'https://github.com/openai/gym'],
    ['\\href{https://github.com/a/b}{our code}', 'https://github.com/a/b'],
    ['data: https://huggingface.co/datasets/org/set', 'https://huggingface.co/datasets/org/set'],
    ['Page: https://x.github.io. More text.', 'https://x.github.io'],
    // Format characters are cleaned out as from every shown field (the abstract beside the link reads `repo`).
    ['code: https://github.com/acme/re\u200Bpo', 'https://github.com/acme/repo'],
    ['code: github.com/x/y\u202Egnp.exe', 'https://github.com/x/ygnp.exe'],
    ['code: https://x.github.io/a\u2066b\u2069', 'https://x.github.io/ab'],
  ])('finds the repository in %j', (text, url) => {
    expect(findCodeUrl(text)).toBe(url);
  });

  it.each([
    'no links here',
    'we use github.com for hosting',
    'see https://github.com/ and more',
    'https://example.com/github.com/owner/repo',
    'mail me at someone@github.com/',
    'https://arxiv.org/abs/2601.00001',
    'We propose OrgNet, see https://github.com/openai for our lab.',
    'https://gitlab.com/group/ and https://huggingface.co/org, https://bitbucket.org/team',
    'https://github.com/orgs/openai/people',
    'See https://x.github.io.evil.example/p',
    'See x.github.io-cdn.example/p and https://github.com.evil.example/owner/repo',
    'https://x.github.io@evil.example/p or https://x.github.io:pw@evil.example/p',
  ])('finds none in %j', (text) => {
    expect(findCodeUrl(text)).toBeNull();
  });

  it('takes the first text that has one, abstract before comment', () => {
    expect(findCodeUrl('none', 'code https://github.com/c/d')).toBe('https://github.com/c/d');
    expect(findCodeUrl('a https://github.com/a/b', 'code https://github.com/c/d')).toBe('https://github.com/a/b');
    expect(findCodeUrl(null, undefined, '')).toBeNull();
  });
});

describe('paperLinks', () => {
  it('links the versionless abs page and the exact version as pdf and html', () => {
    const paper = makePaper({ id: 'hep-th/9901001', version: 3, comment: 'code: https://github.com/x/y' });
    expect(paperLinks(paper)).toEqual({
      abs: 'https://arxiv.org/abs/hep-th/9901001',
      pdf: 'https://arxiv.org/pdf/hep-th/9901001v3',
      html: 'https://arxiv.org/html/hep-th/9901001v3',
      code: 'https://github.com/x/y',
    });
  });
});

describe('markdownDestination', () => {
  it('writes an & that would begin a character reference as &amp; and percent-encodes what ends a destination', () => {
    expect(markdownDestination('https://github.com/x/y&#34;onmouseover=alert')).toBe('https://github.com/x/y&amp;#34;onmouseover=alert');
    expect(markdownDestination('https://github.com/x/y?a=1&b=2&amp;c&#x22;')).toBe('https://github.com/x/y?a=1&b=2&amp;amp;c&amp;#x22;');
    expect(markdownDestination('https://github.com/x/y z(1)<b>\\')).toBe('https://github.com/x/y%20z%281%29%3Cb%3E%5C');
  });

  it('links the Markdown [code] to the very URL the other outputs carry, as a CommonMark renderer reads it', () => {
    for (const comment of [
      'code: https://github.com/x/y&#34;onmouseover=alert',
      'code: https://github.com/x/y&amp;z and more',
      'code: github.com/x/y\u202Egnp.exe',
      'code: https://github.com/acme/re\u200Bpo',
    ]) {
      const entry = makeEntry({}, { comment, abstract: 'No link here.' });
      const code = paperLinks(entry.paper).code!;
      expect(code).not.toMatch(/[\u200B\u202E]/);
      const html = toHtml(renderEntry(entry, 1, true));
      const href = hrefs(html).find((h) => h.startsWith('https://github.com/'));
      // micromark writes the href attribute-escaped and percent-encodes non-URL characters, as browsers read it.
      expect(decodeURI(href!.replace(/&quot;/g, '"').replace(/&amp;/g, '&'))).toBe(code);
    }
  });
});
