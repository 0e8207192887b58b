import { describe, expect, it } from 'vitest';
import { ParseError, SiglumError } from '../../../edition/errors.ts';
import { sentenceOf } from '../../../renderer/stores/notices.ts';

describe('the sentence a user sees for an error', () => {
  it("keeps a SiglumError's sentence and puts what was being done before it", () => {
    const e = new ParseError('a DOCTYPE that declares entities is refused', 2, 1, 'laughs.xml');
    expect(sentenceOf(e, 'Could not import laughs.xml')).toBe(
      'Could not import laughs.xml: laughs.xml:2:1: a DOCTYPE that declares entities is refused.',
    );
  });

  it('shows only the first line of an error, never its stack', () => {
    const e = new Error('Unexpected token\n    at parse (file.js:1:2)\n    at run (file.js:3:4)');
    expect(sentenceOf(e)).toBe('Unexpected token.');
  });

  it('says something went wrong for values that are not errors', () => {
    expect(sentenceOf(undefined)).toBe('Something went wrong.');
    expect(sentenceOf(new SiglumError('io', 'Siglum cannot reach its server.'))).toBe(
      'Siglum cannot reach its server.',
    );
  });
});
