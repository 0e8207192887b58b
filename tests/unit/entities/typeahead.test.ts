import { describe, expect, it } from 'vitest';
import { TypeaheadIndex, type TypeaheadEntry } from '../../../edition/entities/typeahead.ts';

// Entities of the seed despatch, with a few near neighbours.
const register: TypeaheadEntry[] = [
  { id: 'grew', type: 'person', name: 'Joseph C. Grew', altNames: ['Grew', 'Ambassador Grew'] },
  { id: 'grewe', type: 'person', name: 'Wilhelm Grewe', altNames: [] },
  { id: 'su', type: 'person', name: 'Su Ping-wen', altNames: ['General Su', 'Su Bingwen'] },
  { id: 'stalin', type: 'person', name: 'Joseph Stalin', altNames: ['Iosif Vissarionovich Dzhugashvili', 'Stalin'] },
  { id: 'tokyo', type: 'place', name: 'Tokyo', altNames: ['Tōkyō', 'Edo'] },
  { id: 'tokyo-bay', type: 'place', name: 'Tokyo Bay', altNames: [] },
  { id: 'osaka', type: 'place', name: 'Ōsaka', altNames: [] },
  { id: 'hsinking', type: 'place', name: 'Hsinking', altNames: ['Shinkyō', 'Changchun'] },
  { id: 'manchuli', type: 'place', name: 'Manchuli', altNames: ['Manzhouli'] },
  { id: 'mongolia', type: 'place', name: 'Outer Mongolia', altNames: ['Mongolian People’s Republic'] },
  { id: 'fo', type: 'org', name: 'Japanese Foreign Office', altNames: ['Gaimushō', 'Foreign Office'] },
  { id: 'assoc', type: 'org', name: 'Association for Settlement of the Russian Problem', altNames: [] },
];

const ids = (hits: Array<{ id: string }>): string[] => hits.map((h) => h.id);

describe('TypeaheadIndex', () => {
  const index = new TypeaheadIndex(register);

  it('ranks an exact name above a name that begins with the query', () => {
    const hits = index.search('tokyo');
    expect(ids(hits)).toEqual(['tokyo', 'tokyo-bay']);
    expect(hits.map((h) => h.kind)).toEqual(['exact', 'name-prefix']);
  });

  it('ranks a name beginning with the query above one with a later word beginning with it, and both above alternative names', () => {
    const hits = index.search('s');
    expect(ids(hits)).toEqual(['su', 'stalin', 'assoc', 'hsinking']);
    expect(hits.map((h) => h.kind)).toEqual(['name-prefix', 'word-prefix', 'word-prefix', 'alt-prefix']);
  });

  it('ranks an exact alternative name above names that only begin with the query', () => {
    const hits = index.search('grew');
    expect(ids(hits)).toEqual(['grew', 'grewe']);
    expect(hits[0]).toMatchObject({ matched: 'Grew', kind: 'alt-exact' });
    expect(hits[1]).toMatchObject({ matched: 'Wilhelm Grewe', kind: 'word-prefix' });
  });

  it('matches alternative names, and says which name matched', () => {
    const [hit] = index.search('gaimu');
    expect(hit).toEqual({
      id: 'fo',
      type: 'org',
      name: 'Japanese Foreign Office',
      matched: 'Gaimushō',
      kind: 'alt-prefix',
    });
    expect(ids(index.search('dzhu'))).toEqual(['stalin']);
  });

  it('ignores case and diacritics in both directions', () => {
    expect(ids(index.search('OSAKA'))).toEqual(['osaka']);
    expect(ids(index.search('Tōkyō'))).toEqual(['tokyo', 'tokyo-bay']);
    expect(ids(index.search('gaimusho'))).toEqual(['fo']);
  });

  it('requires every query word to begin a word of the same name, in any order', () => {
    expect(ids(index.search('gr jos'))).toEqual(['grew']);
    expect(ids(index.search('ping-wen'))).toEqual(['su']);
    expect(ids(index.search('russian problem'))).toEqual(['assoc']);
    expect(index.search('grew stalin')).toEqual([]);
    expect(index.search('rew')).toEqual([]);
  });

  it('prefers whole words within a rank, and lists each entity once', () => {
    // Both match by a later word; "Grew" is a whole word of Joseph C. Grew, "Grewe" is longer than the query.
    const hits = index.search('c grew');
    expect(ids(hits)).toEqual(['grew']);
    const byWord = index.search('gre');
    expect(ids(byWord)).toEqual(['grewe', 'grew']);
    expect(new Set(ids(index.search('o'))).size).toBe(index.search('o').length);
  });

  it('filters by type and limits the number of hits', () => {
    expect(ids(index.search('o', { types: ['org'] }))).toEqual(['fo', 'assoc']);
    expect(index.search('o', { limit: 2 })).toHaveLength(2);
    expect(index.search('   ')).toEqual([]);
  });

  it('follows changes: added, renamed and deleted entities', () => {
    const live = new TypeaheadIndex(register);
    expect(ids(live.search('tokyo'))).toEqual(['tokyo', 'tokyo-bay']);
    live.set({ id: 'jehol', type: 'place', name: 'Jehol Province', altNames: ['Rehe'] });
    expect(ids(live.search('jeh'))).toEqual(['jehol']);
    live.set({ id: 'tokyo', type: 'place', name: 'Edo', altNames: [] });
    expect(ids(live.search('tokyo'))).toEqual(['tokyo-bay']);
    expect(ids(live.search('edo'))).toEqual(['tokyo']);
    live.delete('tokyo-bay');
    expect(live.search('tokyo')).toEqual([]);
    expect(live.size).toBe(register.length);
    for (const e of register) live.delete(e.id);
    expect(live.search('j')).toEqual([
      { id: 'jehol', type: 'place', name: 'Jehol Province', matched: 'Jehol Province', kind: 'name-prefix' },
    ]);
    expect(live.size).toBe(1);
  });
});
