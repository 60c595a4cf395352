import { describe, expect, it } from 'vitest';
import { textLang } from './text-lang.js';

describe('textLang', () => {
  it('is right to left for RTL languages and scripts, auto otherwise', () => {
    expect(['ar', 'he', 'fa-IR', 'ur', 'pa-Arab', 'ks-Deva', 'en', 'zh-CN', 'ja'].map((l) => textLang(l).dir)).toEqual(['rtl', 'rtl', 'rtl', 'rtl', 'rtl', 'auto', 'auto', 'auto', 'auto']);
    expect(textLang('zh-Hant-TW')).toEqual({ lang: 'zh-Hant-TW', dir: 'auto' });
  });

  it('gives an unknown language (none, or not a code) as lang=""', () => {
    for (const l of [null, undefined, '', 'ar"><b>', 'Arabic language']) expect(textLang(l)).toEqual({ lang: '', dir: 'auto' });
  });
});
