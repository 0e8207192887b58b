/**
 * Bytes to text for XML files. UTF-8 only (what TEI files are), decoded strictly:
 * a malformed byte sequence is an error with the line and column where it
 * starts, never a silent U+FFFD.
 */
import { ParseError } from '../errors.ts';

/**
 * Index of the first byte that does not begin a well-formed UTF-8 sequence
 * (Unicode table 3-7), or -1 when all of `bytes` is well-formed.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * Decodes a UTF-8 file. The byte-order mark, if any, stays in the text (parseXml
 * drops and remembers it).
 *
 * @throws ParseError at the line and column (1-based, in characters) of the first
 *   malformed byte sequence.
 */
export function decodeUtf8(bytes: Uint8Array, fileName?: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const bad = Math.max(firstInvalidUtf8(bytes), 0);
    const before = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(0, bad));
    const lineStart = before.lastIndexOf('\n') + 1;
    const line = before.split('\n').length;
    const column = [...before.slice(lineStart)].length + 1;
    const hex = bytes[bad]?.toString(16).padStart(2, '0') ?? '??';
    throw new ParseError(
      `invalid UTF-8 (byte 0x${hex} at offset ${bad}); save the file as UTF-8 and import it again.`,
      line,
      column,
      fileName,
    );
  }
}
