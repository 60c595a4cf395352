/**
 * arXiv identifiers: new style `2601.20868v2`, old style `hep-th/9901001v3` or `math.GT/0309136`.
 * The version is split off with an anchored `v<digits>` suffix, never at the first "v" (archives like `solv-int`).
 */

const NEW_STYLE = /^(\d{4}\.\d{4,5})(?:v(\d+))?$/;
const OLD_STYLE = /^([a-z][a-z-]*(?:\.[A-Z]{2})?\/\d{7})(?:v(\d+))?$/;

export interface ParsedId {
  /** Versionless id in external form (`math/0309136`: the old-style subject class is dropped). */
  id: string;
  /** Version number, or null when the id carries none. */
  version: number | null;
}

/**
 * Parse an arXiv id from any of the forms sources use: bare, `arXiv:` prefixed, `oai:arXiv.org:` prefixed,
 * or an abs/pdf URL. Returns null when the text holds no valid id.
 */
export function parseArxivId(text: string): ParsedId | null {
  let s = text.trim();
  s = s.replace(/^oai:arXiv\.org:/i, '').replace(/^arXiv:/i, '');
  s = s.replace(/^https?:\/\/(?:export\.)?arxiv\.org\/(?:abs|pdf|html)\//i, '').replace(/\.pdf$/i, '');
  const m = NEW_STYLE.exec(s) ?? OLD_STYLE.exec(s);
  if (!m?.[1]) return null;
  const id = m[1].replace(/^([a-z-]+)\.[A-Z]{2}\//, '$1/');
  return { id, version: m[2] ? Number(m[2]) : null };
}

export function absUrl(id: string, version?: number): string {
  return `https://arxiv.org/abs/${id}${version ? `v${version}` : ''}`;
}

export function pdfUrl(id: string, version?: number): string {
  return `https://arxiv.org/pdf/${id}${version ? `v${version}` : ''}`;
}

export function htmlUrl(id: string, version?: number): string {
  return `https://arxiv.org/html/${id}${version ? `v${version}` : ''}`;
}
