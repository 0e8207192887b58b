/**
 * Bytes to text for XML files. UTF-8 (what TEI files are) is decoded strictly:
 * a malformed byte sequence is an error with the line and column where it
 * starts, never a silent U+FFFD. `decodeXml` also reads what else XML allows:
 * UTF-16 with its byte-order mark, and the encoding an XML declaration names.
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

/** The value of `encoding` in an XML declaration at the start of ASCII-compatible bytes, or null. */
function declaredEncoding(bytes: Uint8Array): string | null {
  let head = '';
  for (let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0; i < bytes.length && i < 512; i++) {
    head += String.fromCharCode(bytes[i]!);
    if (bytes[i] === 0x3e) break; // '>': the declaration ends here if it is one
  }
  const m = /^<\?xml\s[^>]*?\bencoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\1/.exec(head);
  return m ? m[2]! : null;
}

/** The bytes as ISO-8859-1: each byte is the code point of the same number (XML's reading of the IANA name). */
function decodeLatin1(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 0x8000) parts.push(String.fromCharCode(...bytes.subarray(i, i + 0x8000)));
  return parts.join('');
}

const LATIN1 = /^(iso[-_]?8859[-_]1|iso[-_]ir[-_]100|latin[-_]?1|l1|csisolatin1|ibm819|cp819)$/i;
const WINDOWS_1252 = /^(windows-1252|cp1252|x-cp1252)$/i;

// Bytes 0x80-0x9F of windows-1252 (the WHATWG Encoding Standard's index). Node's
// TextDecoder decodes them as ISO-8859-1 since 20.18.3 (nodejs/node#60888), so
// this one encoding is decoded here; every other byte is its own code point.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  const codes = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    codes[i] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b;
  }
  const parts: string[] = [];
  for (let i = 0; i < codes.length; i += 0x8000) parts.push(String.fromCharCode(...codes.subarray(i, i + 0x8000)));
  return parts.join('');
}

/**
 * Decodes an XML file as the XML specification (4.3.3 and appendix F) says: a
 * byte-order mark decides UTF-8, UTF-16LE or UTF-16BE (as does UTF-16 text that
 * starts with `<?` without one); otherwise the XML declaration's `encoding`, and
 * UTF-8 when it names none. ISO-8859-1 is read byte for byte, windows-1252
 * by its table; other names (ISO-8859-15, Shift_JIS...) by the platform's
 * TextDecoder, which refuses names it does not know. UTF-8 and UTF-16 are
 * decoded strictly. A byte-order mark stays in the text (parseXml drops and
 * remembers it).
 *
 * @throws ParseError for malformed UTF-8 or UTF-16, an encoding the platform does
 *   not know, or a declaration that contradicts the byte-order mark.
 */
export function decodeXml(bytes: Uint8Array, fileName?: string): string {
  const b0 = bytes[0];
  const b1 = bytes[1];
  let utf16: 'utf-16le' | 'utf-16be' | null = null;
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0x3c && b1 === 0x00 && bytes[2] === 0x3f && bytes[3] === 0x00))
    utf16 = 'utf-16le';
  else if ((b0 === 0xfe && b1 === 0xff) || (b0 === 0x00 && b1 === 0x3c && bytes[2] === 0x00 && bytes[3] === 0x3f))
    utf16 = 'utf-16be';
  if (utf16 !== null) {
    let text: string;
    try {
      text = new TextDecoder(utf16, { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      throw new ParseError(
        `invalid ${utf16.toUpperCase()} (a broken character or an odd number of bytes); save the file again as UTF-8 or UTF-16 and import it again.`,
        1,
        1,
        fileName,
      );
    }
    const declared = /^\uFEFF?<\?xml\s[^>]*?\bencoding\s*=\s*(["'])([^"']*)\1/.exec(text)?.[2] ?? null;
    if (declared !== null && !/^utf-16/i.test(declared))
      throw new ParseError(
        `the file is in ${utf16.toUpperCase()} but its XML declaration says encoding="${declared}"; correct the declaration and import it again.`,
        1,
        1,
        fileName,
      );
    return text;
  }
  const declared = declaredEncoding(bytes);
  const bom = b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf;
  if (declared === null || /^utf-?8$/i.test(declared)) return decodeUtf8(bytes, fileName);
  if (bom || /^utf-?16/i.test(declared))
    throw new ParseError(
      `the file's bytes ${bom ? 'are UTF-8' : 'have no UTF-16 byte-order mark'} but its XML declaration says encoding="${declared}"; correct the declaration and import it again.`,
      1,
      1,
      fileName,
    );
  if (LATIN1.test(declared)) return decodeLatin1(bytes);
  if (WINDOWS_1252.test(declared)) return decodeWindows1252(bytes);
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(declared, { fatal: true });
  } catch {
    throw new ParseError(
      `the XML declaration names the encoding "${declared}", which Siglum cannot read; save the file as UTF-8 and import it again.`,
      1,
      1,
      fileName,
    );
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new ParseError(
      `the file is not valid ${declared}, as its XML declaration says it is; save it as UTF-8 and import it again.`,
      1,
      1,
      fileName,
    );
  }
}
