/**
 * An endpoint URL fit for a report, a log line or a cache key: `http://user:pass@host/v1` and
 * `…/v1?api-key=…` carry credentials, and the base URL is recorded in run-report.json, the runs table and
 * the capability cache, and printed in messages.
 */

/** Query parameters whose value is a secret (api-key, access_token, sig, X-Amz-Signature …). */
const SECRET_PARAM = /key|token|secret|passw|pwd|auth|sig|credential|session/i;

/** The URL with userinfo and secret-looking query values replaced by `***`; unchanged when it has neither. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not a URL: still hide anything between the scheme and an @.
    return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@?#]*@/i, '$1***@');
  }
  const secretParams = [...parsed.searchParams.keys()].filter((k) => SECRET_PARAM.test(k));
  if (!parsed.username && !parsed.password && secretParams.length === 0) return url;
  if (parsed.username || parsed.password) {
    parsed.username = '***';
    parsed.password = '';
  }
  for (const k of secretParams) parsed.searchParams.set(k, '***');
  // URLSearchParams encodes * as %2A; keep the mark readable.
  return parsed.toString().replace(/%2A%2A%2A/g, '***');
}

/** The secret parts of a URL (userinfo, secret query values), to remove from an error text that echoes the URL. */
export function urlSecrets(url: string): string[] {
  try {
    const u = new URL(url);
    const values = [...u.searchParams.entries()].filter(([k]) => SECRET_PARAM.test(k)).map(([, v]) => v);
    return [u.username, u.password, ...values, ...values.map(encodeURIComponent)].filter((v) => v.length >= 4);
  } catch {
    return [];
  }
}

/** `<baseUrl>/<path>` with the base URL's query kept after the path (OpenAI-compatible endpoints). */
export function endpointUrl(baseUrl: string, path: string): string {
  const url = new URL(baseUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${path}`;
  return url.toString();
}
