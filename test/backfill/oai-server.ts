/**
 * A fake OAI-PMH repository for backfill tests, in the markup arXiv/oaipmh renders (templates list_records.xml,
 * record_formats.xml, token.xml): ListRecords in `arXivRaw`, records in datestamp order, `pageSize` a page,
 * a resumption token for the rest, `noRecordsMatch`, `badArgument` and `badResumptionToken` errors. Contents are
 * synthetic; the route plugs into test/helpers/arxiv-server.ts.
 */
import type { RecordedRequest, ScriptedResponse } from '../helpers/arxiv-server.js';

export interface FakeRecord {
  id: string;
  /** `YYYY-MM-DD`, last modification. */
  datestamp: string;
  /** Primary first. */
  categories: string[];
  versions: number;
  title: string;
  deleted?: boolean;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** `count` records in cs.LG (every third cross-listed from stat.ML), datestamps spread over `days` from `from`. */
export function fakeRecords(count: number, from = '2024-01-01', days = 5): FakeRecord[] {
  const t0 = Date.parse(`${from}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => ({
    id: `2401.${String(10000 + i)}`,
    datestamp: new Date(t0 + Math.floor((i * days) / count) * 86_400_000).toISOString().slice(0, 10),
    categories: i % 3 === 2 ? ['stat.ML', 'cs.LG'] : ['cs.LG'],
    versions: 1 + (i % 2),
    title: `Synthetic harvested paper number ${i}`,
  }));
}

function rawRecord(r: FakeRecord): string {
  const header = `<header${r.deleted ? ' status="deleted"' : ''}>
                <identifier>oai:arXiv.org:${r.id}</identifier>
                <datestamp>${r.datestamp}</datestamp>
                <setSpec>cs:cs:LG</setSpec>
            </header>`;
  if (r.deleted) return `        <record>\n            ${header}\n        </record>`;
  const versions = Array.from({ length: r.versions }, (_, v) => {
    const day = new Date(Date.parse(`${r.datestamp}T10:00:00Z`) - (r.versions - 1 - v) * 86_400_000).toUTCString();
    return `<version version="v${v + 1}">
                <date>${day}</date>
                <size>512kb</size>
                <source_type>D</source_type>
            </version>`;
  });
  return `        <record>
            ${header}
            <metadata>
    <arXivRaw xmlns="http://arxiv.org/OAI/arXivRaw/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://arxiv.org/OAI/arXivRaw/ http://arxiv.org/OAI/arXivRaw.xsd">
        <id>${r.id}</id>
        <submitter>Ada Fixture</submitter>
        ${versions.join('\n        ')}
        <title>${esc(r.title)}</title>
        <authors>Ada Fixture, Bo Test (Somewhere U.) and C. D\\'iaz</authors>
        <categories>${r.categories.join(' ')}</categories>
        <license>http://creativecommons.org/licenses/by/4.0/</license>
        <abstract>  An abstract for ${esc(r.title)} &amp; nothing more.
</abstract>
    </arXivRaw>
            </metadata>
        </record>`;
}

function envelope(inner: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">
    <responseDate>2024-01-06T10:00:00Z</responseDate>
    <request>https://oaipmh.arxiv.org/oai</request>
${inner}
</OAI-PMH>
`;
}

export function oaiErrorXml(code: string, message: string): string {
  return envelope(`    <error code='${code}'>${esc(message)}</error>`);
}

export function listRecordsXml(records: readonly FakeRecord[], token: string | null): string {
  const tokenXml = token === null ? '<resumptionToken/>' : `<resumptionToken expires='2024-01-07T00:00:00Z'>${token}</resumptionToken>`;
  return envelope(`    <ListRecords>\n${records.map(rawRecord).join('\n')}\n        ${tokenXml}\n    </ListRecords>`);
}

export interface OaiRouteOptions {
  /** @default 5 */
  pageSize?: number;
  /** Tokens issued before this call number (0-based) are refused as expired (a harvest crossing UTC midnight). */
  expireTokensBefore?: () => number;
}

interface TokenState {
  from: string;
  until: string;
  set: string;
  skip: number;
  issuedAt: number;
}

const xml = (body: string, status = 200): ScriptedResponse => ({ status, body, headers: { 'content-type': 'text/xml; charset=utf-8' } });

/** A route answering ListRecords over `records` (filtered by from/until datestamps), page by page. */
export function oaiRoute(records: readonly FakeRecord[], options: OaiRouteOptions = {}): (req: RecordedRequest, call: number) => ScriptedResponse {
  const pageSize = options.pageSize ?? 5;
  const sorted = [...records].sort((a, b) => a.datestamp.localeCompare(b.datestamp) || a.id.localeCompare(b.id));
  const tokens = new Map<string, TokenState>();
  return (req, call) => {
    const q = req.query;
    if (q.verb !== 'ListRecords') return xml(oaiErrorXml('badVerb', 'Illegal verb'), 400);
    let state: TokenState;
    if (q.resumptionToken !== undefined) {
      const known = tokens.get(q.resumptionToken);
      if (!known || known.issuedAt < (options.expireTokensBefore?.() ?? 0) || Object.keys(q).length !== 2) {
        return xml(oaiErrorXml('badResumptionToken', 'The value of the resumptionToken argument is invalid or expired.'));
      }
      state = known;
    } else {
      if (q.metadataPrefix !== 'arXivRaw' || !q.from) return xml(oaiErrorXml('badArgument', 'The request includes illegal arguments.'));
      state = { from: q.from, until: q.until ?? '9999-12-31', set: q.set ?? '', skip: 0, issuedAt: call };
    }
    const matching = sorted.filter((r) => r.datestamp >= state.from && r.datestamp <= state.until);
    if (matching.length === 0) return xml(oaiErrorXml('noRecordsMatch', 'The combination of the values results in an empty list.'));
    const page = matching.slice(state.skip, state.skip + pageSize);
    let token: string | null = null;
    if (state.skip + pageSize < matching.length) {
      token = `verb%3DListRecords%26set%3D${encodeURIComponent(state.set)}%26skip%3D${state.skip + pageSize}%26n%3D${tokens.size}`;
      tokens.set(token, { ...state, skip: state.skip + pageSize, issuedAt: call });
    }
    return xml(listRecordsXml(page, token));
  };
}
