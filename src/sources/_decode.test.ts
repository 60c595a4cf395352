import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { SourceError } from '../errors.js';
import { decodeFeed } from './_decode.js';

const XML = "<?xml version='1.0' encoding='ENC'?>\n<rss><title>Réthinking Zürich</title></rss>";
const decl = (enc: string) => XML.replace('ENC', enc);

function failure(bytes: Uint8Array): SourceError {
  try {
    decodeFeed(bytes, 'feed from f.xml', 'f.xml');
  } catch (err) {
    return err as SourceError;
  }
  throw new Error('expected a failure');
}

describe('decodeFeed', () => {
  it('decodes by the XML declaration (ISO-8859-1, windows-1252), UTF-8 by default', () => {
    expect(decodeFeed(Buffer.from(decl('ISO-8859-1'), 'latin1'), 'feed')).toContain('Réthinking Zürich');
    expect(decodeFeed(Buffer.from(decl('windows-1252'), 'latin1'), 'feed')).toContain('Réthinking Zürich');
    expect(decodeFeed(Buffer.from(XML.replace(" encoding='ENC'", ''), 'utf8'), 'feed')).toContain('Réthinking Zürich');
  });

  it('decodes UTF-16 and UTF-8 by their byte-order mark', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(decl('UTF-16'), 'utf16le')]);
    expect(decodeFeed(le, 'feed')).toBe(decl('UTF-16'));
    const be = Buffer.from(le.subarray(2)).swap16();
    expect(decodeFeed(Buffer.concat([Buffer.from([0xfe, 0xff]), be]), 'feed')).toBe(decl('UTF-16'));
    expect(decodeFeed(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(decl('UTF-8'))]), 'feed')).toBe(decl('UTF-8'));
  });

  it('refuses Latin-1 bytes that claim to be UTF-8 instead of writing replacement characters', () => {
    const err = failure(Buffer.from(decl('UTF-8'), 'latin1'));
    expect(err).toMatchObject({ code: 'E_PARSE', message: "[fetch] feed from f.xml is not valid UTF-8, the encoding it declares (or XML's default)" });
    expect(failure(Buffer.from(decl('x-klingon'))).message).toMatch(/declares the encoding "x-klingon", which is not supported/);
    expect(failure(Buffer.from(decl('UTF-16'))).message).toMatch(/declares UTF-16 but has no byte-order mark/);
  });

  it('names gzip, binary, UTF-16 without a mark, JSON and empty bodies without quoting their bytes', () => {
    const cases: [Uint8Array, RegExp][] = [
      [gzipSync(decl('UTF-8')), /looks like gzip-compressed data; gunzip it first/],
      [Buffer.from([0x1a, 0x91, 0x45, 0x04, 0x4e, 0x78, 0x00, 0x1b]), /looks like UTF-16 without a byte-order mark, or binary data/],
      [Buffer.from(decl('UTF-8'), 'utf16le'), /looks like UTF-16 without a byte-order mark/],
      [Buffer.from('{"items": []}'), /looks like JSON/],
      [Buffer.from('  \n'), /looks like an empty file/],
      [Buffer.from('\u0007\u001b[2Jhello'), /looks like binary data or plain text/],
    ];
    for (const [bytes, why] of cases) {
      const err = failure(bytes);
      expect(err.code).toBe('E_PARSE');
      expect(err.message).toMatch(/^\[fetch\] feed from f\.xml is not an XML feed \(it looks like/);
      expect(err.message).toMatch(why);
    }
  });
});
