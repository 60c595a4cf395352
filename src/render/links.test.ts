import { describe, expect, it } from 'vitest';
import { makePaper } from '../../test/fixtures/render/entries.js';
import { findCodeUrl, paperLinks } from './links.js';

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
