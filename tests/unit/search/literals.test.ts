/**
 * The text a regular expression needs, for the trigram index to narrow a regular
 * expression search: right when it finds some (every match contains one of them),
 * null when it cannot be sure. Cross-checked on random strings: no string the
 * expression matches lacks all the literals.
 */
import { describe, expect, it } from 'vitest';
import { requiredLiterals } from '../../../edition/search/literals.ts';

describe('requiredLiterals', () => {
  it('takes the longest literal run of each alternative', () => {
    expect(requiredLiterals('Montevideo')).toEqual(['Montevideo']);
    expect(requiredLiterals('Montevideo|Batista')).toEqual(['Montevideo', 'Batista']);
    expect(requiredLiterals('\\b[A-Z][a-z]+ista\\b')).toEqual(['ista']);
    expect(requiredLiterals('Mr\\. (Hull|Welles)')).toEqual(['Mr. ']);
    expect(requiredLiterals('colou?r')).toEqual(['colo']);
    expect(requiredLiterals('Guatemala+n')).toEqual(['Guatemala']);
    expect(requiredLiterals('a{2}bcd')).toEqual(['bcd']);
    expect(requiredLiterals('(?:The )?Secretary of State')).toEqual(['Secretary of State']);
  });

  it('gives up when some alternative needs no three literal characters', () => {
    for (const source of [
      '\\w+in\\w',
      '[0-9]{4}',
      'ab|Montevideo',
      '.*',
      '(Hull)\\1',
      '(?<=Mr\\. )Hull',
      'x?y?z?',
      '',
    ]) {
      expect(requiredLiterals(source), source).toBeNull();
    }
  });

  it('never names text some match lacks (random strings against random expressions)', () => {
    const pieces = ['ab', 'c', 'de?', 'f+', '(gh|ij)', '[kl]', '\\.', 'mno', '(?:pq)?', 'r{2}', '.', 'st*'];
    const alphabet = 'abcdefghijklmnopqrst.';
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let k = 0; k < 300; k++) {
      let source = '';
      for (let p = random(5) + 2; p > 0; p--) source += pieces[random(pieces.length)];
      if (random(4) === 0) source += '|' + pieces[random(pieces.length)] + pieces[random(pieces.length)];
      const literals = requiredLiterals(source);
      if (literals === null) continue;
      const re = new RegExp(source);
      for (let n = 0; n < 200; n++) {
        let text = '';
        for (let c = random(14); c > 0; c--) text += alphabet[random(alphabet.length)];
        const m = re.exec(text);
        if (m !== null)
          expect(
            literals.some((l) => m[0].includes(l)),
            `${source} on ${text}`,
          ).toBe(true);
      }
      // And on strings built to match: the expression's own literal pieces.
      for (const l of literals) {
        const m = re.exec(`xx${l}xx`);
        if (m !== null) expect(literals.some((x) => m[0].includes(x))).toBe(true);
      }
    }
  });
});

describe('trigramQuery', () => {
  it('finds, in a trigram index without phrases, every passage holding a literal', async () => {
    const { default: Database } = await import('better-sqlite3');
    const { trigramQuery } = await import('../../../edition/search/literals.ts');
    const db = new Database(':memory:');
    db.exec(`CREATE VIRTUAL TABLE g USING fts5(text, tokenize = 'trigram', detail = 'none')`);
    const rows = ['Montevideo conference', 'MONTEVIDEO', 'Batista "quoted"', 'Monte video', 'nothing here'];
    rows.forEach((text, i) => db.prepare('INSERT INTO g (rowid, text) VALUES (?, ?)').run(i + 1, text));
    const find = (literals: string[]) =>
      db.prepare('SELECT rowid FROM g WHERE g MATCH ? ORDER BY rowid').pluck().all(trigramQuery(literals));
    expect(find(['Montevideo'])).toEqual([1, 2]);
    expect(find(['Montevideo', 'tista'])).toEqual([1, 2, 3]);
    expect(find(['"quoted"'])).toEqual([3]);
    db.close();
  });
});
