/**
 * Bytes of a saved feed → text. XML says how it is encoded: a byte-order mark, else the XML declaration's
 * `encoding`, else UTF-8. A body that is not text (gzip, random bytes) or does not decode is refused in one line
 * that quotes none of its bytes; nothing is ever decoded into replacement characters silently.
 */
import { SourceError } from '../errors.js';

const BOMS: readonly [number[], string][] = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

/** What a non-XML body looks like, by its first bytes, for the error message. */
function looksLike(bytes: Uint8Array): string {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return 'gzip-compressed data; gunzip it first';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'a zip archive';
  if (bytes.subarray(0, 512).includes(0)) return 'UTF-16 without a byte-order mark, or binary data';
  if (bytes[0] === 0x7b || bytes[0] === 0x5b) return 'JSON';
  return bytes.length === 0 ? 'an empty file' : 'binary data or plain text';
}

/** The encoding named by `<?xml … encoding="…"?>` (read as ASCII, which every candidate agrees on). */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = String.fromCharCode(...bytes.subarray(0, 200));
  return /^<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
}

function decode(bytes: Uint8Array, label: string, what: string, url?: string, source = "the encoding it declares (or XML's default)"): string {
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    throw new SourceError('E_PARSE', `${what} declares the encoding "${label}", which is not supported`, { url });
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new SourceError('E_PARSE', `${what} is not valid ${decoder.encoding.toUpperCase()}, ${source}`, { url });
  }
}

/** The `charset` parameter of a Content-Type header, if any. */
function charsetOf(contentType: string | null): string | undefined {
  return /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1];
}

/**
 * Decode an HTTP body (feed, listing page, API answer): a byte-order mark, else the Content-Type's charset, else
 * an XML declaration's encoding, else UTF-8, always strictly. Gzip the server did not label is refused by name.
 * @throws SourceError E_PARSE
 */
export function decodeBody(bytes: Uint8Array, contentType: string | null, what: string, url?: string): string {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    throw new SourceError('E_PARSE', `${what} is gzip-compressed data sent without a Content-Encoding header`, { url });
  }
  const bom = BOMS.find(([mark]) => mark.every((b, i) => bytes[i] === b));
  if (bom) return decode(bytes.subarray(bom[0].length), bom[1], what, url);
  const charset = charsetOf(contentType);
  if (charset) return decode(bytes, charset, what, url, 'the encoding its Content-Type names');
  const start = bytes.findIndex((b) => b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d);
  const declared = start >= 0 ? declaredEncoding(bytes.subarray(start)) : undefined;
  if (declared && !/^utf-?16/i.test(declared)) return decode(bytes, declared, what, url);
  return decode(bytes, 'utf-8', what, url, 'the default with no charset or declaration');
}

/** Decode a feed file's bytes (see the module comment). @throws SourceError E_PARSE */
export function decodeFeed(bytes: Uint8Array, what: string, url?: string): string {
  const bom = BOMS.find(([mark]) => mark.every((b, i) => bytes[i] === b));
  if (bom) return decode(bytes.subarray(bom[0].length), bom[1], what, url);
  const start = bytes.findIndex((b) => b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d);
  // A NUL this early: UTF-16 without its byte-order mark, or not text at all.
  if (start < 0 || bytes[start] !== 0x3c || bytes.subarray(0, 512).includes(0)) {
    throw new SourceError('E_PARSE', `${what} is not an XML feed (it looks like ${looksLike(start < 0 ? new Uint8Array(0) : bytes.subarray(start))})`, { url });
  }
  const declared = declaredEncoding(bytes.subarray(start)) ?? 'utf-8';
  // The declaration was just read as one byte per character, so the body is not UTF-16 whatever it claims.
  if (/^utf-?16/i.test(declared)) throw new SourceError('E_PARSE', `${what} declares ${declared} but has no byte-order mark`, { url });
  return decode(bytes, declared, what, url);
}
