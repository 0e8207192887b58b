import { describe, expect, it } from 'vitest';
import { fold, foldWithMap, hashText, lowerAligned, words } from '../../../edition/entities/fold.ts';

describe('fold', () => {
  it('takes off diacritics, including letters that do not decompose, and lower-cases unless asked not to', () => {
    expect(fold('Tōkyō')).toBe('tokyo');
    expect(fold('Łódź Øresund Straße Æthelred')).toBe('lodz oresund strasse aethelred');
    expect(fold('Ōsaka', true)).toBe('Osaka');
    expect(fold('Stalin’s')).toBe("stalin's");
  });

  it('maps every folded unit back to the character it came from', () => {
    const { text, map } = foldWithMap('Straße in Ōsaka');
    expect(text).toBe('strasse in osaka');
    expect(map.length).toBe(text.length + 1);
    expect([...map.slice(4, 7)]).toEqual([4, 4, 5]); // "ss" both from "ß"
    expect(map[text.indexOf('osaka')]).toBe('Straße in '.length);
    expect(map[text.length]).toBe('Straße in Ōsaka'.length);
  });

  it('keeps lengths aligned when lower-casing', () => {
    const s = 'İstanbul Ünye';
    expect(lowerAligned(s)).toHaveLength(s.length);
    expect(lowerAligned(s)).toBe('İstanbul ünye');
  });

  it('splits folded text into words, keeping inner apostrophes', () => {
    expect(words(fold("Su Ping-wen, Stalin’s O'Brien."))).toEqual(['su', 'ping', 'wen', "stalin's", "o'brien"]);
  });

  it('hashes text stably and tells near texts apart', () => {
    expect(hashText('put Up in|Tokyo|by the')).toBe(hashText('put Up in|Tokyo|by the'));
    expect(hashText('put Up in|Tokyo|by the')).not.toBe(hashText('put up in|Tokyo|by the'));
  });
});
