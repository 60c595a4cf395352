import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { configJsonSchema } from './json-schema.js';
import { normalizeLanguage } from './language.js';
import { UserConfigSchema } from './schema.js';
import { envName, resolveConfig, splitAddresses } from './resolve.js';

function dirWith(config?: unknown): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pd-config-'));
  if (config !== undefined) writeFileSync(path.join(dir, 'preprint-digest.config.json'), JSON.stringify(config));
  return dir;
}

describe('resolveConfig', () => {
  it('applies defaults', () => {
    const c = resolveConfig({ env: {}, cwd: dirWith() });
    expect(c.announceTypes).toEqual(['new', 'cross']);
    // The default does not overrule the types a stored day was run with; asked-for types do.
    expect(c.announceTypesSet).toBe(false);
    expect(resolveConfig({ env: { PREPRINT_DIGEST_ANNOUNCE_TYPES: 'new,cross' }, cwd: dirWith() }).announceTypesSet).toBe(true);
    expect(c.rssUrl).toBe('https://rss.arxiv.org');
    expect(c.apiUrl).toBe('https://export.arxiv.org');
    expect(c.listUrl).toBe('https://arxiv.org');
    expect(c.minIntervalMs).toBe(3000);
    expect(c.language).toBe('en');
    expect(c.categories).toEqual([]);
  });

  it('layers flags over env over file over defaults', () => {
    const cwd = dirWith({ categories: ['cs.AI'], language: 'German', out: 'from-file', contact: 'file@x.org' });
    const env = { PREPRINT_DIGEST_CATEGORIES: 'cs.CL, cs.LG', PREPRINT_DIGEST_OUT: 'from-env' };
    const c = resolveConfig({ env, cwd, flags: { out: 'from-flag' } });
    expect(c.categories).toEqual(['cs.CL', 'cs.LG']);
    expect(c.out).toBe(path.join(cwd, 'from-flag'));
    expect(c.language).toBe('de');
    expect(c.contact).toBe('file@x.org');
    expect(c.configFile).toBe(path.join(cwd, 'preprint-digest.config.json'));
  });

  it('reads every arXiv base URL from the environment', () => {
    const env = {
      PREPRINT_DIGEST_RSS_URL: 'http://127.0.0.1:9/rss/',
      PREPRINT_DIGEST_API_URL: 'http://127.0.0.1:9/api',
      PREPRINT_DIGEST_LIST_URL: 'http://127.0.0.1:9/list',
      PREPRINT_DIGEST_MIN_INTERVAL_MS: '50',
    };
    const c = resolveConfig({ env, cwd: dirWith() });
    expect([c.rssUrl, c.apiUrl, c.listUrl]).toEqual(['http://127.0.0.1:9/rss', 'http://127.0.0.1:9/api', 'http://127.0.0.1:9/list']);
    expect(c.minIntervalMs).toBe(50);
  });

  it('reads the email\'s cap on listed papers from the file and the environment (none by default)', () => {
    expect(resolveConfig({ env: {}, cwd: dirWith() }).emailMaxPapers).toBeNull();
    expect(resolveConfig({ env: {}, cwd: dirWith({ emailMaxPapers: 80 }) }).emailMaxPapers).toBe(80);
    expect(resolveConfig({ env: { PREPRINT_DIGEST_EMAIL_MAX_PAPERS: '50' }, cwd: dirWith({ emailMaxPapers: 80 }) }).emailMaxPapers).toBe(50);
    expect(() => resolveConfig({ env: { PREPRINT_DIGEST_EMAIL_MAX_PAPERS: '0' }, cwd: dirWith() })).toThrow(/PREPRINT_DIGEST_EMAIL_MAX_PAPERS must be at least 1, got 0/);
  });

  it('splits recipients on commas only, so named ones (`Name <address>`) survive', () => {
    const env = { PREPRINT_DIGEST_EMAIL_TO: 'Ada Lovelace <ada@example.org>, bob@example.org,"Turing, Alan" <alan@example.net>' };
    expect(resolveConfig({ env, cwd: dirWith() }).emailTo).toEqual(['Ada Lovelace <ada@example.org>', 'bob@example.org', '"Turing, Alan" <alan@example.net>']);
    expect(splitAddresses(' a@example.org ,, b@example.org ')).toEqual(['a@example.org', 'b@example.org']);
  });

  it('never goes below 3 s between requests against arXiv itself', () => {
    const c = resolveConfig({ env: { PREPRINT_DIGEST_MIN_INTERVAL_MS: '100' }, cwd: dirWith() });
    expect(c.minIntervalMs).toBe(3000);
  });

  it('collapses category aliases and rejects typos with a suggestion', () => {
    expect(resolveConfig({ env: {}, cwd: dirWith(), flags: { categories: ['cs.SY', 'eess.SY', 'math.IT'] } }).categories).toEqual([
      'eess.SY',
      'cs.IT',
    ]);
    expect(() => resolveConfig({ env: {}, cwd: dirWith(), flags: { categories: ['cs.LGG'] } })).toThrow(/did you mean cs\.LG\?/);
    expect(() => resolveConfig({ env: {}, cwd: dirWith(), flags: { categories: ['cs.lg'] } })).toThrow(/did you mean cs\.LG\?/);
  });

  it('rejects unknown keys, bad values and broken files with one line naming the place', () => {
    expect(() => resolveConfig({ env: {}, cwd: dirWith({ categorys: ['cs.LG'] }) })).toThrow(/config file .*: unknown key "categorys"; did you mean "categories"\?$/);
    expect(() => resolveConfig({ env: {}, cwd: dirWith({ announceTypes: ['brand-new'] }) })).toThrow(/config file .*: announceTypes\[0\] must be one of "new", "cross"/);
    expect(() => resolveConfig({ env: { PREPRINT_DIGEST_RETRIES: 'many' }, cwd: dirWith() })).toThrow(/PREPRINT_DIGEST_RETRIES must be a number/);
    expect(() => resolveConfig({ env: { PREPRINT_DIGEST_RSS_URL: 'ftp://x' }, cwd: dirWith() })).toThrow(ConfigError);
    const cwd = dirWith();
    writeFileSync(path.join(cwd, 'preprint-digest.config.json'), '{ "out": ');
    expect(() => resolveConfig({ env: {}, cwd })).toThrow(/not valid JSON/);
    expect(() => resolveConfig({ env: {}, cwd: dirWith(), configPath: 'missing.json' })).toThrow(/config file not found/);
    const folder = dirWith();
    mkdirSync(path.join(folder, 'conf.json'));
    expect(() => resolveConfig({ env: {}, cwd: folder, configPath: 'conf.json' })).toThrow(`cannot read config file ${path.join(folder, 'conf.json')}: it is a folder`);
  });

  it('suggests the key meant for a misspelt one, nested keys too, and none for a name far from every key', () => {
    const where = (cwd: string) => `config file ${path.join(cwd, 'preprint-digest.config.json')}`;
    let cwd = dirWith({ categoris: ['cs.LG'] });
    expect(() => resolveConfig({ env: {}, cwd })).toThrow(`${where(cwd)}: unknown key "categoris"; did you mean "categories"?`);
    cwd = dirWith({ prices: { inptu: 1, output: 2 } });
    expect(() => resolveConfig({ env: {}, cwd })).toThrow(`${where(cwd)}: unknown key "prices.inptu"; did you mean "prices.input"?`);
    cwd = dirWith({ zzzzzzzzzz: 1 });
    expect(() => resolveConfig({ env: {}, cwd })).toThrow(new RegExp(`unknown key "zzzzzzzzzz"; the keys are listed in config\\.schema\\.json$`));
  });

  it('warns about PREPRINT_DIGEST_ variables it does not read, with the name meant, and about two names set for one key', () => {
    const warnings: string[] = [];
    const warn = (line: string) => warnings.push(line);
    const c = resolveConfig({ env: { PREPRINT_DIGEST_CATEGRIES: 'cs.LG', PREPRINT_DIGEST_SMTP_URL: 'smtp://h', PREPRINT_DIGEST_DB_URL: ':memory:', PREPRINT_DIGEST_CONFIG: '' }, cwd: dirWith(), warn });
    expect(c.categories).toEqual([]);
    expect(warnings).toEqual(['warning: PREPRINT_DIGEST_CATEGRIES is not a setting preprint-digest reads (ignored); did you mean PREPRINT_DIGEST_CATEGORIES?']);
    warnings.length = 0;
    const db = resolveConfig({ env: { PREPRINT_DIGEST_DB: ':memory:', PREPRINT_DIGEST_DB_URL: 'postgres://h/d' }, cwd: dirWith(), warn }).db;
    expect(db).toBe(':memory:');
    expect(warnings).toEqual(['warning: PREPRINT_DIGEST_DB and PREPRINT_DIGEST_DB_URL are both set, to different values; using PREPRINT_DIGEST_DB']);
    warnings.length = 0;
    resolveConfig({ env: { PREPRINT_DIGEST_DB: ':memory:', PREPRINT_DIGEST_DB_URL: ':memory:' }, cwd: dirWith(), warn });
    expect(warnings).toEqual([]);
  });

  it('reads the object keys (prices, embeddings) from the environment as JSON', () => {
    const env = { PREPRINT_DIGEST_PRICES: '{"input": 0.15, "output": 0.6}', PREPRINT_DIGEST_EMBEDDINGS: '{"baseUrl": "http://127.0.0.1:9/v1", "model": "e"}', PREPRINT_DIGEST_MAX_COST: '1' };
    const c = resolveConfig({ env, cwd: dirWith() });
    expect(c.prices).toEqual({ input: 0.15, output: 0.6 });
    expect(c.embeddings).toEqual({ baseUrl: 'http://127.0.0.1:9/v1', model: 'e' });
    expect(() => resolveConfig({ env: { PREPRINT_DIGEST_PRICES: 'cheap' }, cwd: dirWith() })).toThrow('environment: PREPRINT_DIGEST_PRICES must be a JSON object, like {"input": 0.15, "output": 0.6}, got "cheap"');
  });

  it('names the layer and the name typed there, in words rather than zod\'s "Too big"', () => {
    const cwd = dirWith();
    const file = (config: unknown) => {
      writeFileSync(path.join(cwd, 'pd.json'), JSON.stringify(config));
      return path.join(cwd, 'pd.json');
    };
    const where = `config file ${path.join(cwd, 'pd.json')}`;
    const fails = (options: Parameters<typeof resolveConfig>[0]) => () => resolveConfig({ env: {}, cwd, ...options });
    expect(fails({ configPath: file({ categories: ['cs.LX'] }) })).toThrow(`${where}: categories: "cs.LX" is not an arXiv category`);
    expect(fails({ configPath: file({ language: 'klingonx' }) })).toThrow(`${where}: language: unknown language "klingonx"`);
    expect(fails({ configPath: file({ prices: { input: -1, output: 1 } }) })).toThrow(`${where}: prices.input must be at least 0, got -1`);
    expect(fails({ env: { PREPRINT_DIGEST_CATEGORIES: 'cs.LG,cs.LX' } })).toThrow('environment: PREPRINT_DIGEST_CATEGORIES: "cs.LX" is not an arXiv category');
    expect(fails({ env: { PREPRINT_DIGEST_RETRIES: '11' } })).toThrow('environment: PREPRINT_DIGEST_RETRIES must be at most 10, got 11');
    expect(fails({ env: { PREPRINT_DIGEST_DB_URL: 'mysql://h/d' } })).toThrow('environment: PREPRINT_DIGEST_DB_URL: unknown database location');
    expect(fails({ env: { OPENAI_BASE_URL: 'ftp://x' } })).toThrow('environment: OPENAI_BASE_URL must be an http:// or https:// URL, got "ftp://x"');
    expect(fails({ flags: { concurrency: 0 } })).toThrow('command line: --concurrency must be at least 1, got 0');
    expect(fails({ flags: { language: 'klingonx' } })).toThrow('command line: --language: unknown language "klingonx"');
    expect(fails({ flags: { maxCost: 0 } })).toThrow('command line: --max-cost must be more than 0, got 0');
    expect(fails({ flags: { announceTypes: ['new', 'brand-new'] } })).toThrow('command line: an item of --announce-types must be one of');
  });

  it('refuses a cost budget without the prices that count cost', () => {
    expect(() => resolveConfig({ env: {}, cwd: dirWith(), flags: { maxCost: 0.000001 } })).toThrow(/a cost budget \(maxCost or --max-cost, here 0\.000001\) needs "prices"/);
    // A command that only shows stored summaries never counts cost.
    expect(resolveConfig({ env: {}, cwd: dirWith(), flags: { maxCost: 0.000001 }, showsStoredOnly: true }).maxCost).toBe(0.000001);
    expect(() => resolveConfig({ env: {}, cwd: dirWith({ maxCost: 2 }) })).toThrow(ConfigError);
    expect(() => resolveConfig({ env: { PREPRINT_DIGEST_MAX_COST: '2' }, cwd: dirWith() })).toThrow(/needs "prices"/);
    const priced = resolveConfig({ env: {}, cwd: dirWith({ prices: { input: 0.1, output: 0.4 } }), flags: { maxCost: 2 } });
    expect([priced.maxCost, priced.prices]).toEqual([2, { input: 0.1, output: 0.4 }]);
  });

  it('reads a config file saved with a byte order mark', () => {
    const cwd = dirWith();
    writeFileSync(path.join(cwd, 'preprint-digest.config.json'), '\uFEFF{ "language": "German" }');
    expect(resolveConfig({ env: {}, cwd }).language).toBe('de');
  });

  it('maps keys to PREPRINT_DIGEST_ names', () => {
    expect(envName('minIntervalMs')).toBe('PREPRINT_DIGEST_MIN_INTERVAL_MS');
    expect(envName('rssUrl')).toBe('PREPRINT_DIGEST_RSS_URL');
  });

  it('keeps the committed JSON schema in step with the zod schema', () => {
    const committed = JSON.parse(readFileSync(new URL('../../config.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(configJsonSchema());
  });

  it('the committed JSON schema takes the URLs the program takes, and refuses the others', () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats.default(ajv);
    const check = ajv.compile(JSON.parse(readFileSync(new URL('../../config.schema.json', import.meta.url), 'utf8')) as object);
    const samples = ['https://rss.arxiv.org', 'HTTP://127.0.0.1:9/v1', 'ftp://x', 'mailto:a@b', 'urn:x', 'file:///etc/passwd'];
    for (const value of samples) {
      for (const config of [{ rssUrl: value }, { siteUrl: value }, { baseUrl: value }, { embeddings: { baseUrl: value, model: 'm' } }]) {
        expect([value, check(config)]).toEqual([value, UserConfigSchema.safeParse(config).success]);
      }
    }
    expect(check({ rssUrl: 'ftp://x' })).toBe(false);
    for (const siteUrl of ['https://example.org/digest/?utm=x', 'https://example.org/#top']) {
      expect([siteUrl, check({ siteUrl })]).toEqual([siteUrl, UserConfigSchema.safeParse({ siteUrl }).success]);
    }
  });

  it('refuses a site URL with a query or fragment: feed ids and reader links are built by appending to it', () => {
    const cwd = dirWith();
    for (const value of ['https://example.org/digest/?utm_source=x', 'https://example.org/digest#top']) {
      expect(() => resolveConfig({ env: {}, cwd, flags: { siteUrl: value } })).toThrow(/^\[config\] command line: --site-url must not have a query \(\?…\) or fragment \(#…\)/);
    }
    expect(resolveConfig({ env: {}, cwd, flags: { siteUrl: 'https://example.org/digest/' } }).siteUrl).toBe('https://example.org/digest/');
  });
});

describe('normalizeLanguage', () => {
  it('accepts names and BCP-47 codes', () => {
    expect(normalizeLanguage('English')).toBe('en');
    expect(normalizeLanguage('Chinese')).toBe('zh');
    expect(normalizeLanguage('zh-cn')).toBe('zh-CN');
    expect(normalizeLanguage('japanese')).toBe('ja');
    expect(normalizeLanguage('de')).toBe('de');
    for (const tag of ['pt-BR', 'zh-Hant', 'sr-Latn', 'en-GB', 'es-419', 'yue-Hant-HK', 'de-CH-1996']) expect(normalizeLanguage(tag)).toBe(tag);
    expect(normalizeLanguage('en_gb')).toBe('en-GB');
  });

  it('rejects what is not a language', () => {
    expect(() => normalizeLanguage('Klingonese')).toThrow(/unknown language/);
    expect(() => normalizeLanguage('en_US:en')).toThrow(/unknown language/);
    // A subtag after an unknown language used to hide it: ICU names "xx-notreal" "xx (NOTREAL)".
    for (const tag of ['qq', 'xx-notreal', 'qq-Latn', 'en-XX', 'zh-Xyzw']) expect(() => normalizeLanguage(tag), tag).toThrow(/unknown language/);
    // ISO 639 special codes name no language to write in, though ICU names them ("und" is "root").
    for (const tag of ['und', 'mul', 'zxx', 'mis', 'qaa', 'qtz', 'qab-Latn', 'en-Zzzz', 'en-Zyyy', 'de-ZZ', 'UND', 'und-Latn']) expect(() => normalizeLanguage(tag), tag).toThrow(/unknown language/);
    for (const tag of ['qu', 'tlh', 'ru-Latn', 'zh-Hans-SG']) expect(normalizeLanguage(tag), tag).toBe(tag);
    expect(() => resolveConfig({ env: {}, cwd: dirWith(), flags: { language: 'xx-notreal' } })).toThrow('command line: --language: unknown language "xx-notreal"');
  });
});

describe('resolveConfig: paths', () => {
  it('reads relative paths in a config file from the file\'s folder, wherever the command starts', () => {
    const home = dirWith();
    writeFileSync(path.join(home, 'pd.json'), JSON.stringify({ db: 'store.sqlite', out: 'dg', profile: 'me/profile.json' }));
    mkdirSync(path.join(home, 'a'));
    for (const cwd of [path.join(home, 'a'), dirWith()]) {
      const c = resolveConfig({ env: {}, cwd, configPath: path.join(home, 'pd.json') });
      expect([c.db, c.out, c.profile]).toEqual([path.join(home, 'store.sqlite'), path.join(home, 'dg'), path.join(home, 'me/profile.json')]);
    }
  });

  it('keeps URLs, :memory: and ~/ as they are meant; environment and flags stay relative to the working directory', () => {
    const home = dirWith();
    const cwd = dirWith();
    const file = (config: unknown) => {
      writeFileSync(path.join(home, 'pd.json'), JSON.stringify(config));
      return resolveConfig({ env: {}, cwd, configPath: path.join(home, 'pd.json') });
    };
    expect(file({ db: 'sqlite:rel/d.sqlite' }).db).toBe(path.join(home, 'rel/d.sqlite'));
    expect(file({ db: 'postgres://u@h/db' }).db).toBe('postgres://u@h/db');
    expect(file({ db: ':memory:' }).db).toBe(':memory:');
    expect(file({ db: '~/d.sqlite', out: '~/dg', profile: '~/p.json' })).toMatchObject({ db: path.join(homedir(), 'd.sqlite'), out: path.join(homedir(), 'dg'), profile: path.join(homedir(), 'p.json') });
    const env = { PREPRINT_DIGEST_OUT: 'env-out', PREPRINT_DIGEST_DB: 'env.sqlite' };
    const c = resolveConfig({ env, cwd, configPath: path.join(home, 'pd.json'), flags: { profile: 'flag.json' } });
    expect([c.db, c.out, c.profile]).toEqual([path.join(cwd, 'env.sqlite'), path.join(cwd, 'env-out'), path.join(cwd, 'flag.json')]);
    expect(resolveConfig({ env: {}, cwd: home }).out).toBe(path.join(home, 'digest'));
  });
});

describe('resolveConfig: database location', () => {
  it('resolves relative SQLite paths against the working directory and keeps URLs', () => {
    const cwd = dirWith();
    expect(resolveConfig({ env: {}, cwd, flags: { db: 'data/d.sqlite' } }).db).toBe(path.join(cwd, 'data/d.sqlite'));
    expect(resolveConfig({ env: {}, cwd, flags: { db: 'sqlite:rel/d.sqlite' } }).db).toBe(path.join(cwd, 'rel/d.sqlite'));
    expect(resolveConfig({ env: {}, cwd, flags: { db: ':memory:' } }).db).toBe(':memory:');
    expect(resolveConfig({ env: { PREPRINT_DIGEST_DB_URL: 'postgres://u@h/db' }, cwd }).db).toBe('postgres://u@h/db');
    expect(resolveConfig({ env: {}, cwd }).db).toMatch(/preprint-digest[/\\]digest\.sqlite$/);
  });
});
