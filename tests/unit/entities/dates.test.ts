import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { proposeDate, type DateValue } from '../../../edition/entities/dates.ts';

const corpus = new URL('../../../../shared/corpus/', import.meta.url);
const seed = readFileSync(new URL('seed/frus1933v03-d63-grew-256.txt', corpus), 'utf8');
/** The despatch is dated Tokyo, January 13, 1933 (its heading in the printed volume). */
const despatch = { documentDate: '1933-01-13' };

describe('proposeDate on the seed despatch', () => {
  // Every date the despatch mentions, as an editor would select it.
  const seedDates: Array<[string, DateValue | null]> = [
    ['December, 1932', { when: '1932-12' }],
    ['December', { when: '1932-12' }],
    ['the end of the year', null],
    ['early in December', { notBefore: '1932-12-01', notAfter: '1932-12-10' }],
    ['December 21–22, 1932', { from: '1932-12-21', to: '1932-12-22' }],
    ['January 11th', { when: '1933-01-11' }],
    ['January 6, 4 p.m.', { when: '1933-01-06T16:00:00' }],
    ['before the spring of 1933', { notAfter: '1933-02-28' }],
    ['the spring of 1933', { notBefore: '1933-03-01', notAfter: '1933-05-31' }],
    ['the summer of 1933', { notBefore: '1933-06-01', notAfter: '1933-08-31' }],
  ];

  it('lists every month name and year the despatch contains', () => {
    const covered: Array<[number, number]> = [];
    for (const [phrase] of seedDates) {
      expect(seed).toContain(phrase);
      for (let at = seed.indexOf(phrase); at >= 0; at = seed.indexOf(phrase, at + 1)) {
        covered.push([at, at + phrase.length]);
      }
    }
    const dateWords = [
      ...seed.matchAll(
        /\b(?:January|February|March|April|May|June|July|August|September|October|November|December|spring|summer|autumn|winter|1[89]\d\d)\b/g,
      ),
    ];
    expect(dateWords.length).toBeGreaterThanOrEqual(12);
    for (const m of dateWords) {
      expect(
        covered.some(([from, to]) => m.index >= from && m.index < to),
        `"${m[0]}" at ${m.index}`,
      ).toBe(true);
    }
  });

  it.each(seedDates)('proposes a value for "%s" in a despatch of 13 January 1933', (text, value) => {
    expect(proposeDate(text, despatch)).toEqual(value);
  });
});

describe('proposeDate', () => {
  it.each<[string, DateValue]>([
    ['May 28, 1938', { when: '1938-05-28' }],
    ['December 15, 1938', { when: '1938-12-15' }],
    ['1932', { when: '1932' }],
    ['December 1932', { when: '1932-12' }],
    ['21 December 1932', { when: '1932-12-21' }],
    ['the 21st of December, 1932', { when: '1932-12-21' }],
    ['Dec. 22d, 1932', { when: '1932-12-22' }],
    ['1932-12-21', { when: '1932-12-21' }],
    ['January 29-30, 1954', { from: '1954-01-29', to: '1954-01-30' }],
    ['21–22 December 1932', { from: '1932-12-21', to: '1932-12-22' }],
    ['November 28 – December 3, 1932', { from: '1932-11-28', to: '1932-12-03' }],
    ['December 1932–January 1933', { from: '1932-12', to: '1933-01' }],
    ['1932–33', { from: '1932', to: '1933' }],
    ['from May 1 to May 5, 1934', { from: '1934-05-01', to: '1934-05-05' }],
    ['between May 1 and May 5, 1934', { notBefore: '1934-05-01', notAfter: '1934-05-05' }],
    ['mid-December 1932', { notBefore: '1932-12-11', notAfter: '1932-12-20' }],
    ['late February 1932', { notBefore: '1932-02-21', notAfter: '1932-02-29' }],
    ['late 1932', { notBefore: '1932-09-01', notAfter: '1932-12-31' }],
    ['the winter of 1932–33', { notBefore: '1932-12-01', notAfter: '1933-02-28' }],
    ['after May 5, 1934', { notBefore: '1934-05-06' }],
    ['August 18, 1938—11 a.m.', { when: '1938-08-18T11:00:00' }],
    ['May 15, 1934—noon', { when: '1934-05-15T12:00:00' }],
    ['February 27 [26], 1934—midnight', { when: '1934-02-27T00:00:00' }],
    ['August 29, 1954, 0040Z', { when: '1954-08-29T00:40:00Z' }],
    ['September 15, 1953, 12:15 p.m.', { when: '1953-09-15T12:15:00' }],
  ])('reads "%s"', (text, value) => {
    expect(proposeDate(text)).toEqual(value);
  });

  it('takes a missing year from the document date, choosing the nearest year', () => {
    expect(proposeDate('December 31–January 2', despatch)).toEqual({ from: '1932-12-31', to: '1933-01-02' });
    expect(proposeDate('February 3', despatch)).toEqual({ when: '1933-02-03' });
    expect(proposeDate('early December', { documentDate: '1932-11-20' })).toEqual({
      notBefore: '1932-12-01',
      notAfter: '1932-12-10',
    });
    expect(proposeDate('the summer', { documentDate: '1932-11-20' })).toEqual({
      notBefore: '1932-06-01',
      notAfter: '1932-08-31',
    });
  });

  it.each([
    ['January 11th', {}],
    ['undated', despatch],
    ['the end of the year', despatch],
    ['February 30, 1933', despatch],
    ['13 p.m. January 6, 1933', despatch],
    ['circa 1932', despatch],
    ['12/11/1932', despatch],
    ['the summer of 1932–33', despatch],
    ['the winter of 1932–34', despatch],
    ['Manchuli', despatch],
    ['', despatch],
  ])('returns null for "%s" when it cannot tell', (text, context) => {
    expect(proposeDate(text, context)).toBeNull();
  });
});

describe('proposeDate against the FRUS encoders', () => {
  it("agrees with the @when, @from/@to, @notBefore/@notAfter of the FRUS volumes' <date> elements", () => {
    const dir = new URL('frus/', corpus);
    let compared = 0;
    let agreed = 0;
    const disagreements: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.xml'))) {
      const xml = readFileSync(new URL(file, dir), 'utf8');
      for (const m of xml.matchAll(/<date\b([^>]*)>([\s\S]*?)<\/date>/g)) {
        const expected: Record<string, string> = {};
        for (const a of (m[1] ?? '').matchAll(/\b(when|from|to|notBefore|notAfter)="([^"]*)"/g)) {
          expected[a[1] as string] = a[2] as string;
        }
        if (Object.keys(expected).length === 0) continue; // "undated": nothing to compare with
        const text = (m[2] ?? '').replace(/<[^>]*>/g, '');
        compared++;
        const proposed = proposeDate(text);
        if (JSON.stringify(sorted(proposed)) === JSON.stringify(sorted(expected))) agreed++;
        else
          disagreements.push(
            `${file}: "${text.replace(/\s+/g, ' ')}" ${JSON.stringify(expected)} -> ${JSON.stringify(proposed)}`,
          );
      }
    }
    const rate = agreed / compared;
    console.log(
      `FRUS <date> agreement: ${agreed}/${compared} (${(rate * 100).toFixed(2)}%)\n${disagreements.join('\n')}`,
    );
    expect(compared).toBeGreaterThan(900);
    expect(rate).toBeGreaterThan(0.995);
  });
});

function sorted(v: object | null): Array<[string, unknown]> | null {
  return v === null ? null : Object.entries(v).sort(([a], [b]) => a.localeCompare(b));
}
