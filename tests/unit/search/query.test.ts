/**
 * The search box's query language: words, "phrases" and prefix* only. Whatever a user
 * types becomes an FTS5 expression that runs (no syntax error) and means the words
 * typed: FTS5's own operators are looked for as words, never obeyed.
 */
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { parseQuery } from '../../../edition/search/query.ts';

const db = new Database(':memory:');
db.exec(`CREATE VIRTUAL TABLE t USING fts5(text, tokenize = 'unicode61 remove_diacritics 2')`);
const rows = [
  'Salt AND pepper were sent NEAR the frontier',
  'The communiqué of the Soviet press',
  'Lake Khasan and the region of Changkufeng',
  'the region of the lake',
  'He said "no" to the U.S. proposal',
  'An OR-gate of the telegraph: column one',
];
rows.forEach((text, i) => db.prepare('INSERT INTO t (rowid, text) VALUES (?, ?)').run(i + 1, text));
afterAll(() => db.close());

/** The rows (1-based) a user's query finds. */
function found(input: string): number[] {
  const q = parseQuery(input);
  if (q === null) return [];
  return db.prepare('SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid').pluck().all(q.fts) as number[];
}

describe('parseQuery', () => {
  it('finds rows holding every word, in any order, case and diacritics folded', () => {
    expect(found('region lake')).toEqual([3, 4]);
    expect(found('COMMUNIQUE')).toEqual([2]);
    expect(found('communiqué soviet')).toEqual([2]);
  });

  it('reads quoted words as a phrase', () => {
    expect(found('"region of the"')).toEqual([4]);
    expect(found('"Lake Khasan"')).toEqual([3]);
    expect(found('"Khasan Lake"')).toEqual([]);
  });

  it('reads a trailing star as a prefix, of a word or of a phrase', () => {
    expect(found('Chang*')).toEqual([3]);
    expect(found('Chang')).toEqual([]);
    expect(found('"lake kha"*')).toEqual([3]);
    expect(found('"lake kha*"')).toEqual([3]);
  });

  it('looks for FTS5 operators as words rather than obeying them', () => {
    expect(found('AND')).toEqual([1, 3]);
    expect(found('NEAR')).toEqual([1]);
    expect(found('OR')).toEqual([6]);
    expect(found('NOT')).toEqual([]);
    expect(found('salt NEAR pepper')).toEqual([1]);
    expect(parseQuery('a AND b')?.terms.map((t) => t.text)).toEqual(['a', 'AND', 'b']);
  });

  it('never lets input break out of a string: quotes, parentheses, column filters, carets, stars', () => {
    const nasty = [
      '"',
      '""',
      '"unclosed phrase',
      'say "no',
      'he said ""no""',
      'NEAR(salt pepper, 2)',
      'text: salt',
      '{text}: salt',
      '^salt',
      '(salt',
      'salt)',
      'salt -pepper',
      '*',
      '**salt',
      'salt***',
      'U.S.',
      "'; DROP TABLE t; --",
      '\\"salt\\"',
      '+',
      'column:one',
    ];
    for (const input of nasty) expect(() => found(input), input).not.toThrow();
    expect(found('text: salt')).toEqual([]); // "text" is a word to find, not a column
    expect(found('NEAR(salt pepper, 2)')).toEqual([]); // "2" is a word to find too
    expect(found('(salt) (pepper)')).toEqual([1]);
    expect(found('column:one')).toEqual([6]);
    expect(found('U.S.')).toEqual([5]);
    expect(found('said "no')).toEqual([5]);
  });

  it('returns null when there is nothing to look for', () => {
    for (const input of ['', '   ', '*', '""', '" "', '-- ,;', '"*"']) expect(parseQuery(input), input).toBeNull();
  });

  it('keeps each term with its kind', () => {
    expect(parseQuery('Grew "Lake Khasan" Chang*')?.terms).toEqual([
      { text: 'Grew', phrase: false, prefix: false },
      { text: 'Lake Khasan', phrase: true, prefix: false },
      { text: 'Chang', phrase: false, prefix: true },
    ]);
  });
});
