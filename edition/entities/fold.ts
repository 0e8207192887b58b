/**
 * Folding text for matching: diacritics off (NFD, combining marks removed, plus the
 * few Latin letters that have no decomposition), and optionally case off, one
 * source character at a time so that every folded character knows where it came
 * from. Type-ahead and suggestions both match on folded text and report positions
 * in the original; the static HTML edition's search index is folded here, and its
 * page script folds queries with this same code (`makeFolding`, carried as source).
 */

/** Letters NFD leaves whole, spelled the way an English-language index would. */
const EXTRA: Readonly<Record<string, string>> = {
  ß: 'ss',
  ẞ: 'SS',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  þ: 'th',
  Þ: 'Th',
  ı: 'i',
  ʻ: "'",
  ʼ: "'",
  '\u2018': "'",
  '\u2019': "'",
};

/** `fold`, `foldWithMap` and the rest, as `makeFolding` makes them. */
export interface Folding {
  /** One character (a code point) without its diacritics; case kept. */
  foldChar(ch: string): string;
  /** `text` without diacritics, lower-cased unless `keepCase`. */
  fold(text: string, keepCase?: boolean): string;
  /**
   * Folds `source` and records, for each folded unit, the source index it came
   * from. Lower-casing (`lowerAligned`) keeps a character whose lower case would
   * change its length (Turkish dotted İ), so both foldings of a text align.
   */
  foldWithMap(source: string, keepCase?: boolean): Folded;
  /**
   * Lower case, one character at a time, keeping the length: a character whose lower
   * case is longer stays as it is. The result aligns unit for unit with `text`.
   */
  lowerAligned(text: string): string;
}

export interface Folded {
  /** The folded text. */
  text: string;
  /**
   * For each UTF-16 unit of `text`, the index in the source string of the
   * character it came from; one more entry at the end, the source length.
   */
  map: Int32Array;
}

/**
 * The folding functions over `extra`, the letters NFD leaves whole. The function refers
 * to nothing outside its own body and parameters, so that its source text (`String(
 * makeFolding)`) runs as is in the HTML edition's page script (edition/publish/html/
 * assets.ts), which then folds a query exactly as the index was folded here.
 */
export function makeFolding(extra: Readonly<Record<string, string>>): Folding {
  const COMBINING = /\p{M}/gu;
  const ASCII = /^[\t\n\r\x20-\x7e]*$/;
  const cache = new Map<string, string>();
  const own = Object.prototype.hasOwnProperty;

  function foldChar(ch: string): string {
    const cached = cache.get(ch);
    if (cached !== undefined) return cached;
    // A character that is all marks (a lone combining accent) folds to nothing.
    const out = own.call(extra, ch) ? (extra[ch] as string) : ch.normalize('NFD').replace(COMBINING, '');
    if (cache.size < 4096) cache.set(ch, out);
    return out;
  }

  function lowerAligned(text: string): string {
    if (ASCII.test(text)) return text.toLowerCase();
    // Lower-case whole stretches at a time; only characters whose lower case changes length need care.
    const parts: string[] = [];
    let from = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code < 0x80) continue;
      const width = code >= 0xd800 && code < 0xdc00 ? 2 : 1;
      const ch = text.slice(i, i + width);
      const lower = ch.toLowerCase();
      if (lower.length !== ch.length) {
        parts.push(text.slice(from, i).toLowerCase(), ch);
        from = i + width;
      }
      i += width - 1;
    }
    parts.push(text.slice(from).toLowerCase());
    return parts.join('');
  }

  function fold(text: string, keepCase = false): string {
    if (ASCII.test(text)) return keepCase ? text : text.toLowerCase();
    let out = '';
    for (const ch of text) out += ch.charCodeAt(0) < 0x80 ? ch : foldChar(ch);
    return keepCase ? out : lowerAligned(out);
  }

  function foldWithMap(source: string, keepCase = false): Folded {
    if (ASCII.test(source)) {
      const map = new Int32Array(source.length + 1);
      for (let i = 0; i <= source.length; i++) map[i] = i;
      return { text: keepCase ? source : source.toLowerCase(), map };
    }
    let text = '';
    const map: number[] = [];
    for (let i = 0; i < source.length;) {
      const code = source.codePointAt(i) ?? 0;
      const width = code > 0xffff ? 2 : 1;
      const out = code < 0x80 ? (source[i] as string) : foldChar(source.slice(i, i + width));
      for (let k = 0; k < out.length; k++) map.push(i);
      text += out;
      i += width;
    }
    map.push(source.length);
    return { text: keepCase ? text : lowerAligned(text), map: Int32Array.from(map) };
  }

  return { foldChar, fold, foldWithMap, lowerAligned };
}

/** Folding as the register, search and the editions' indexes do it. */
export const { foldChar, fold, foldWithMap, lowerAligned } = makeFolding(EXTRA);

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Whether a character (or undefined, beyond either end) counts as part of a word. */
export function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && WORD_CHAR.test(ch);
}

/** The words of a folded text: runs of letters and digits (apostrophes inside kept). */
export function words(folded: string): string[] {
  return folded.match(/[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu) ?? [];
}

/** A short, stable hash of a string (cyrb53), as base-36 text. */
export function hashText(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
