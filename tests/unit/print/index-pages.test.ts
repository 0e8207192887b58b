import { describe, expect, it } from 'vitest';
import { indexEntries, indexHtml } from '../../../edition/print/index-pages.ts';

const entities = [
  { kind: 'place' as const, name: 'Tokyo' },
  { kind: 'person' as const, name: 'Stalin, Joseph' },
  { kind: 'person' as const, name: 'Grew, Joseph C.' },
  { kind: 'org' as const, name: 'Foreign Office' },
];
const refs = [
  [
    { page: 4, line: 21 },
    { page: 3, line: 25 },
    { page: 4, line: 21 },
  ],
  [{ page: 4, line: 1 }],
  [{ page: 4, line: null }],
  [],
];

describe('the index of names', () => {
  it('keeps names mentioned on a page, with their pages in order and without repeats', () => {
    const index = indexEntries(entities, refs);
    expect(index.map((e) => [e.name, e.pages])).toEqual([
      ['Tokyo', [3, 4]],
      ['Stalin, Joseph', [4]],
      ['Grew, Joseph C.', [4]],
    ]);
  });

  it('sets each kind under its heading, sorted by name, every locator a link to its page', () => {
    const html = indexHtml(indexEntries(entities, refs), false);
    const text = html.replace(/<\/(h2|div)>/g, '\n').replace(/<[^>]+>/g, '');
    expect(text).toBe('Index of persons\nGrew, Joseph C., 4\nStalin, Joseph, 4\nIndex of places\nTokyo, 3, 4\n');
    expect(html).toContain('<a class="loc" href="#page-3">3</a>');
  });

  it('gives page and line when asked, the page alone for an unnumbered line', () => {
    const html = indexHtml(indexEntries(entities, refs), true);
    const text = html.replace(/<\/(h2|div)>/g, '\n').replace(/<[^>]+>/g, '');
    expect(text).toContain('Tokyo, 3.25, 4.21\n');
    expect(text).toContain('Grew, Joseph C., 4\n');
  });
});
