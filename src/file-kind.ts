/**
 * What an input file is when it is not the text a command reads: a compressed download or binary data, told by
 * its first bytes, so `import-kaggle`, `import-jsonl` and `profile import` refuse it in one line instead of
 * parsing it (and quoting its bytes in the errors).
 */

/** Leading bytes of the formats a download comes in, with what the message calls them. */
const PACKED: readonly [number[], string][] = [
  [[0x1f, 0x8b], 'gzip-compressed'],
  [[0x50, 0x4b], 'a zip archive'],
  [[0x42, 0x5a, 0x68], 'bzip2-compressed'],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 'xz-compressed'],
  [[0x28, 0xb5, 0x2f, 0xfd], 'zstd-compressed'],
];

/** The packed format `bytes` (a file's first bytes) are in, as a message calls it ("gzip-compressed"), if any. */
export function packedFormat(bytes: Uint8Array): string | undefined {
  return PACKED.find(([magic]) => magic.every((b, i) => bytes[i] === b))?.[1];
}

/**
 * Whether `bytes` (a file's start, or all of it) are not UTF-8 text: a NUL byte (binary data, or UTF-16) or a
 * sequence that does not decode. A multi-byte character cut at the end of a slice is not counted against it.
 */
export function notUtf8Text(bytes: Uint8Array): boolean {
  if (bytes.subarray(0, 8192).includes(0)) return true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return false;
  } catch {
    return true;
  }
}

/**
 * Why `bytes` cannot be read as `kind` ("JSON Lines"), or undefined when they are UTF-8 text: the message's
 * tail after the file name, e.g. "is gzip-compressed, not JSON Lines: decompress it first".
 */
export function notTextReason(bytes: Uint8Array, kind: string): string | undefined {
  const packed = packedFormat(bytes);
  if (packed) return `is ${packed}, not ${kind}: decompress it first`;
  return notUtf8Text(bytes) ? `is not UTF-8 text (binary data?), so not ${kind}` : undefined;
}
