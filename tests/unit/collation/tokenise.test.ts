import { describe, expect, test } from 'vitest';
import {
  COLLATEX_JAVA,
  composeNormalisers,
  normaliser,
  tokenise,
  witnessText,
} from '../../../edition/collation/index.ts';

const texts = (s: string, pattern?: RegExp) => tokenise(s, pattern ? { pattern } : {}).tokens.map((t) => t.text);

describe('tokenise', () => {
  test('splits words from punctuation and keeps trailing whitespace and offsets', () => {
    const { leading, tokens } = tokenise('  He was agast, so.\n');
    expect(leading).toBe('  ');
    expect(tokens.map((t) => [t.text, t.trailing, t.start])).toEqual([
      ['He', ' ', 2],
      ['was', ' ', 5],
      ['agast', '', 9],
      [',', ' ', 14],
      ['so', '', 16],
      ['.', '\n', 18],
    ]);
  });

  test('keeps combining marks with their letter and inner apostrophes and hyphens with their word', () => {
    expect(texts('ο ι̅σ̅ parent-species don’t')).toEqual(['ο', 'ι̅σ̅', 'parent-species', 'don’t']);
  });

  test('keeps a run of the same punctuation mark together', () => {
    expect(texts('wait... -- no')).toEqual(['wait', '...', '--', 'no']);
  });

  test('handles scripts without case and decomposed accents', () => {
    expect(texts('και αποκριθεισ, e\u0301te')).toEqual(['και', 'αποκριθεισ', ',', 'e\u0301te']);
  });

  test('follows a custom pattern, giving skipped characters to the token before', () => {
    expect(texts('ο(υ μη α)φεθη.', COLLATEX_JAVA)).toEqual(['ο(υ', 'μη', 'α)φεθη', '.']);
    const odd = tokenise('a#b', { pattern: /[a-z]/u });
    expect(odd.tokens.map((t) => [t.text, t.trailing])).toEqual([
      ['a', '#'],
      ['b', ''],
    ]);
  });

  test('rebuilds every witness exactly from its tokens', () => {
    for (const text of ['', '   ', ' a  b\t\nc ', 'Were in this world, were right ynogh to me\n', 'x#y#', '«Ça va?»']) {
      const { leading, tokens } = tokenise(text);
      expect(witnessText({ siglum: 'W', leading, tokens })).toBe(text);
    }
  });

  test('rejects a pattern that matches the empty string', () => {
    expect(() => tokenise('abc', { pattern: /x*/u })).toThrow(RangeError);
  });
});

describe('normalise', () => {
  test('lower-cases by default and can keep case', () => {
    expect(normaliser()('The')).toBe('the');
    expect(normaliser({ caseFold: false })('The')).toBe('The');
  });

  test('strips diacritics when asked, whether composed or decomposed', () => {
    const n = normaliser({ diacritics: true });
    expect(n('Café')).toBe('cafe');
    expect(n('e\u0301te\u0301')).toBe('ete');
    expect(n('ἀρχῇ')).toBe('αρχη');
    expect(normaliser()('Café')).toBe('café');
  });

  test('strips punctuation when asked', () => {
    expect(normaliser({ punctuation: true })('world,')).toBe('world');
    expect(normaliser({ punctuation: true })(';')).toBe('');
  });

  test('applies a regularisation table of whole tokens and of characters, after the other steps', () => {
    const n = normaliser({
      regularisations: [
        { from: '&', to: 'and' },
        { from: 'Vnto', to: 'unto' },
        { from: 'v', to: 'u', scope: 'character' },
      ],
    });
    expect(n('&')).toBe('and');
    expect(n('VNTO')).toBe('unto');
    expect(n('haue')).toBe(n('have'));
    expect(() => normaliser({ regularisations: [{ from: '', to: 'x' }] })).toThrow(RangeError);
  });

  test('composes normalisers left to right', () => {
    const n = composeNormalisers(normaliser(), (s) => s.replace(/ie$/, 'y'));
    expect(n('Pitie')).toBe('pity');
  });
});
