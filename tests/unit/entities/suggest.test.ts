import { describe, expect, it } from 'vitest';
import { collectMentions } from '../../../edition/entities/mentions.ts';
import {
  acceptSuggestions,
  findSuggestions,
  prepareDocument,
  type Suggestion,
} from '../../../edition/entities/suggest.ts';
import { br, doc, find, inserted, marked, mention, note, p, pb, seedDoc, seedText } from './helpers.ts';

const tokyo = { id: 'tokyo', name: 'Tokyo', altNames: ['Tōkyō'] };
const grew = { id: 'grew', name: 'Joseph C. Grew', altNames: ['Grew'] };

const texts = (s: Suggestion[]): string[] => s.map((x) => x.text);

describe('findSuggestions on the seed despatch', () => {
  const seed = seedDoc();
  const docs = [{ id: 'd63', doc: seed }];

  it('finds each occurrence of a name with its positions and a few words either side', () => {
    const found = findSuggestions(tokyo, docs);
    expect(texts(found)).toEqual(['Tokyo', 'Tokyo']);
    for (const s of found) expect(seed.textBetween(s.from, s.to)).toBe('Tokyo');
    expect(found[0]).toMatchObject({
      documentId: 'd63',
      name: 'Tokyo',
      before: 'Japanese were put Up in ',
      after: ' by the “Association for Settlement',
      inNote: false,
      insideMentionOf: null,
    });
    expect(found[1]?.before).toBe('believed by some observers in ');
  });

  it('matches whole words only, as often as the text has them', () => {
    const count = (re: RegExp): number => [...seedText.matchAll(re)].length;
    expect(findSuggestions({ id: 'japan', name: 'Japan', altNames: [] }, docs)).toHaveLength(count(/\bJapan\b/g));
    expect(findSuggestions({ id: 'soviet', name: 'Soviet', altNames: [] }, docs)).toHaveLength(count(/\bSoviet\b/g));
    expect(findSuggestions({ id: 'su', name: 'Su', altNames: [] }, docs)).toHaveLength(count(/\bSu\b/g));
    // "Stalin’s": the apostrophe ends the word.
    expect(texts(findSuggestions({ id: 'stalin', name: 'Stalin', altNames: ['Joseph Stalin'] }, docs))).toEqual([
      'Joseph Stalin',
      'Stalin',
    ]);
  });

  it('prefers the longest name where names overlap', () => {
    const found = findSuggestions(grew, docs);
    expect(texts(found)).toEqual(['Grew', 'Joseph C. Grew']);
    expect(found.map((s) => s.name)).toEqual(['Grew', 'Joseph C. Grew']);
  });

  it('ignores case unless asked to match it', () => {
    const plan = { id: 'plan', name: 'five year plan', altNames: [] };
    expect(texts(findSuggestions(plan, docs))).toEqual(['Five Year Plan']);
    expect(findSuggestions(plan, docs, { caseSensitive: true })).toEqual([]);
    expect(texts(findSuggestions({ ...plan, name: 'Five Year Plan' }, docs, { caseSensitive: true }))).toEqual([
      'Five Year Plan',
    ]);
  });

  it('leaves out text already marked as a mention of the entity, even partly', () => {
    const withMention = marked(seed, 'Tokyo', mention('place', 'tokyo'));
    const found = findSuggestions(tokyo, [{ id: 'd63', doc: withMention }]);
    expect(found).toHaveLength(1);
    expect(found[0]?.before).toBe('believed by some observers in ');
    const partly = marked(seed, 'Grew', mention('person', 'grew'), 1);
    expect(texts(findSuggestions(grew, [{ id: 'd63', doc: partly }]))).toEqual(['Grew']);
  });

  it('suggests text inside another entity’s mention, and says whose', () => {
    const org = marked(seed, 'Association for Settlement of the Russian Problem', mention('org', 'assoc'));
    const [found] = findSuggestions({ id: 'rp', name: 'Russian Problem', altNames: [] }, [{ id: 'd63', doc: org }]);
    expect(found?.insideMentionOf).toBe('assoc');
    const unlinked = marked(seed, 'Tokyo', mention('place', null));
    expect(findSuggestions(tokyo, [{ id: 'd63', doc: unlinked }])[0]?.insideMentionOf).toBeNull();
  });

  it('remembers a rejection by its words, so it holds after edits elsewhere but not after edits around it', () => {
    const [first] = findSuggestions(tokyo, docs);
    if (first === undefined) throw new Error('no suggestion');
    const rejection = { documentId: 'd63', text: first.text, contextHash: first.contextHash };
    expect(findSuggestions(tokyo, docs, { rejections: [rejection] })).toHaveLength(1);

    const editedElsewhere = inserted(seed, find(seed, 'Sir:').from, 'Confidential. ');
    const after = findSuggestions(tokyo, [{ id: 'd63', doc: editedElsewhere }], { rejections: [rejection] });
    expect(after).toHaveLength(1);
    expect(after[0]?.from).toBe((findSuggestions(tokyo, docs)[1]?.from ?? 0) + 'Confidential. '.length);

    const editedNearby = inserted(seed, find(seed, 'Up in Tokyo').from, 'hastily ');
    expect(findSuggestions(tokyo, [{ id: 'd63', doc: editedNearby }], { rejections: [rejection] })).toHaveLength(2);
    // A rejection in one document does not hide the same text in another.
    expect(findSuggestions(tokyo, [...docs, { id: 'other', doc: seed }], { rejections: [rejection] })).toHaveLength(3);
  });
});

describe('findSuggestions on small documents', () => {
  it('ignores diacritics in the text and in the name', () => {
    const d = doc(p('From Ōsaka to Tokyo and Tōkyō.'));
    expect(texts(findSuggestions({ id: 'o', name: 'Osaka', altNames: [] }, [{ id: 'a', doc: d }]))).toEqual(['Ōsaka']);
    expect(texts(findSuggestions({ id: 't', name: 'Tōkyō', altNames: [] }, [{ id: 'a', doc: d }]))).toEqual([
      'Tokyo',
      'Tōkyō',
    ]);
  });

  it('reads across line breaks and runs of spaces, and across a page break inside a word', () => {
    const d = doc(p('Soviet', br(), 'Russia and Soviet   Russia; Tok', pb('70'), 'yo.'));
    const found = findSuggestions({ id: 'sr', name: 'Soviet Russia', altNames: ['Tokyo'] }, [{ id: 'a', doc: d }]);
    expect(found.map((s) => s.name)).toEqual(['Soviet Russia', 'Soviet Russia', 'Tokyo']);
    const split = found[2];
    expect(split && d.textBetween(split.from, split.to)).toBe('Tokyo');
    expect(split && split.to - split.from).toBe('Tokyo'.length + 1);
  });

  it('finds names inside notes and says so', () => {
    const d = doc(p('As reported', note('Grew to Hull, January 6.', { n: '90' }), ' earlier.'));
    const [found] = findSuggestions(grew, [{ id: 'a', doc: d }]);
    expect(found).toMatchObject({ text: 'Grew', inNote: true, after: ' to Hull, January 6.' });
    expect(found && d.textBetween(found.from, found.to)).toBe('Grew');
  });

  it('gives the same result for prepared documents and for JSON', () => {
    const seed = seedDoc();
    const prepared = prepareDocument('d63', seed);
    const fromJson = findSuggestions(tokyo, [{ id: 'd63', doc: seed.toJSON() as never }]);
    expect(findSuggestions(tokyo, [prepared])).toEqual(fromJson);
    expect(fromJson).toHaveLength(2);
  });
});

describe('acceptSuggestions', () => {
  it('marks accepted suggestions as mentions of the entity, after which they are no longer suggested', () => {
    const seed = seedDoc();
    const found = findSuggestions(grew, [{ id: 'd63', doc: seed }]);
    const tr = acceptSuggestions(seed, found, { kind: 'person', ref: 'grew' });
    expect(tr.steps).toHaveLength(2);
    expect(collectMentions(tr.doc).map((m) => [m.ref, m.kind, m.text])).toEqual([
      ['grew', 'person', 'Grew'],
      ['grew', 'person', 'Joseph C. Grew'],
    ]);
    expect(findSuggestions(grew, [{ id: 'd63', doc: tr.doc }])).toEqual([]);
    expect(() =>
      acceptSuggestions(seed, [{ ...found[0]!, to: seed.content.size + 5 }], { kind: 'person', ref: 'grew' }),
    ).toThrow(RangeError);
  });
});
