/**
 * What the user types in the search box, read as a query: words (all must occur, in
 * any order, diacritics and case folded), `"a phrase"` (those words in that order) and
 * `word*` (any word starting so). Everything else is text to look for: FTS5's own
 * syntax (`AND`, `OR`, `NOT`, `NEAR`, `^`, `:`, parentheses, column filters) is never
 * read from user input, so no input can make a query fail or mean something else.
 */

/** One part of a query: a word or a phrase, possibly a prefix. */
export interface QueryTerm {
  /** The words of the term as typed (a phrase has several). */
  text: string;
  phrase: boolean;
  /** `word*`: matches words starting with the last word. */
  prefix: boolean;
}

export interface ParsedQuery {
  terms: QueryTerm[];
  /** The FTS5 MATCH expression: each term a quoted string, joined by AND. */
  fts: string;
}

const WORDISH = /[\p{L}\p{N}]/u;

/** An FTS5 string literal: double quotes doubled, the whole in double quotes. */
export function ftsString(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * Reads a user's query. Returns null when it holds nothing to search for (empty, only
 * punctuation or stars). An unclosed quote runs to the end of the input.
 */
export function parseQuery(input: string): ParsedQuery | null {
  const terms: QueryTerm[] = [];
  let i = 0;
  const s = input.normalize('NFC');
  while (i < s.length) {
    const ch = s[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"') {
      const close = s.indexOf('"', i + 1);
      const end = close === -1 ? s.length : close;
      let text = s.slice(i + 1, end).trim();
      i = end + 1;
      let prefix = false;
      if (s[i] === '*') {
        prefix = true;
        i++;
      } else if (text.endsWith('*')) {
        prefix = true;
        text = text.replace(/\*+$/, '');
      }
      text = text.replace(/\s+/g, ' ');
      if (WORDISH.test(text)) terms.push({ text, phrase: /\s/.test(text), prefix });
      continue;
    }
    let end = i;
    while (end < s.length && !/\s/.test(s[end] as string) && s[end] !== '"') end++;
    let text = s.slice(i, end);
    i = end;
    const prefix = /[\p{L}\p{N}]\*+$/u.test(text);
    text = text.replace(/\*+$/, '');
    if (WORDISH.test(text)) terms.push({ text, phrase: false, prefix });
  }
  if (terms.length === 0) return null;
  // A term's text goes in as an FTS5 string, which the tokenizer splits into words
  // (a phrase when there are several: "U.S." is the phrase u s). Nothing in it is syntax.
  const fts = terms.map((t) => ftsString(t.text) + (t.prefix ? ' *' : '')).join(' AND ');
  return { terms, fts };
}
