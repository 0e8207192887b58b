import { describe, expect, it } from 'vitest';
import type { Node as PMNode } from 'prosemirror-model';
import { collectMentions, entityIndex } from '../../../edition/entities/mentions.ts';
import { acceptSuggestions, findSuggestions } from '../../../edition/entities/suggest.ts';
import { TypeaheadIndex } from '../../../edition/entities/typeahead.ts';
import { validateEntity, type Entity } from '../../../edition/entities/model.ts';
import { seedDoc, seedText } from './helpers.ts';

// What an editor marks in the seed despatch (the entities the issue lists).
const register: Entity[] = [
  { id: 'grew', type: 'person', name: 'Joseph C. Grew', altNames: ['Grew'] },
  { id: 'su', type: 'person', name: 'Su Ping-wen', altNames: ['General Su Ping-wen'] },
  { id: 'stalin', type: 'person', name: 'Joseph Stalin', altNames: ['Stalin'] },
  { id: 'manchuli', type: 'place', name: 'Manchuli', altNames: ['Manzhouli'] },
  { id: 'tokyo', type: 'place', name: 'Tokyo', altNames: ['Tōkyō'] },
  { id: 'siberia', type: 'place', name: 'Siberia', altNames: [] },
  { id: 'jehol', type: 'place', name: 'Jehol Province', altNames: ['Jehol'] },
  { id: 'mongolia', type: 'place', name: 'Outer Mongolia', altNames: [] },
  { id: 'gaimusho', type: 'org', name: 'Japanese Foreign Office', altNames: ['Foreign Office'] },
  {
    id: 'assoc',
    type: 'org',
    name: 'Association for Settlement of the Russian Problem',
    altNames: [],
  },
].map(validateEntity);

/** The seed with every suggestion for every entity accepted, as an editor would in the queue. */
function annotate(doc: PMNode): PMNode {
  let annotated = doc;
  for (const entity of register) {
    const found = findSuggestions(entity, [{ id: 'd63', doc: annotated }], { caseSensitive: true });
    annotated = acceptSuggestions(annotated, found, { kind: entity.type, ref: entity.id }).doc;
  }
  return annotated;
}

describe('annotating the seed despatch', () => {
  const annotated = annotate(seedDoc());
  const mentions = collectMentions(annotated, { firstPage: '68' });

  it('marks each entity as often as the text names it, and leaves the text unchanged', () => {
    const count = (re: RegExp): number => [...seedText.matchAll(re)].length;
    const byRef = (ref: string): number => mentions.filter((m) => m.ref === ref).length;
    expect(byRef('tokyo')).toBe(count(/\bTokyo\b/g));
    expect(byRef('su')).toBe(count(/\bSu Ping-wen\b/g));
    expect(byRef('stalin')).toBe(count(/\bStalin\b/g));
    expect(byRef('jehol')).toBe(count(/\bJehol\b/g));
    expect(byRef('gaimusho')).toBe(count(/\bForeign Office\b/g));
    expect(byRef('grew')).toBe(count(/\bGrew\b/g));
    expect(annotated.textContent).toBe(seedDoc().textContent);
  });

  it('leaves nothing more to suggest once everything is accepted', () => {
    for (const entity of register) expect(findSuggestions(entity, [{ id: 'd63', doc: annotated }])).toEqual([]);
  });

  it('gives the index view the printed pages of each entity', () => {
    const index = entityIndex([{ id: 'd63', mentions }]);
    const pages = (ref: string): Array<string | null> | undefined => index.get(ref)?.[0]?.pages;
    expect(pages('tokyo')).toEqual(['68', '70']);
    expect(pages('siberia')).toEqual(['68']);
    expect(pages('stalin')).toEqual(['69']);
    expect(pages('jehol')).toEqual(['69', '70']);
    expect(pages('mongolia')).toEqual(['69']);
    expect(pages('grew')).toEqual(['68', '70']);
  });

  it('finds every register entry by typing the first letters of any of its words', () => {
    const typeahead = new TypeaheadIndex(register);
    for (const entity of register) {
      for (const word of entity.name.split(/[\s-]+/)) {
        const hits = typeahead.search(word.slice(0, 3));
        expect(
          hits.map((h) => h.id),
          word,
        ).toContain(entity.id);
      }
    }
  });
});
