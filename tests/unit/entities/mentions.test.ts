import { Transform } from 'prosemirror-transform';
import { describe, expect, it } from 'vitest';
import { collectMentions, entityIndex, numberNotes, relinkMentions } from '../../../edition/entities/mentions.ts';
import { schema } from '../../../edition/schema.ts';
import { doc, find, marked, mention, note, p, pb, seedDoc } from './helpers.ts';

/** The seed despatch with Tokyo (twice), Stalin, an organisation with a place in its name, and a date marked. */
function annotatedSeed() {
  let d = seedDoc();
  d = marked(d, 'Tokyo', mention('place', 'tokyo'), 0);
  d = marked(d, 'Tokyo', mention('place', 'tokyo'), 1);
  d = marked(d, 'Joseph Stalin', mention('person', 'stalin'));
  d = marked(d, 'Association for Settlement of the Russian Problem', mention('org', 'assoc'));
  d = marked(d, 'Russian Problem', mention('term', 'russian-problem'));
  d = marked(d, 'December 21–22, 1932', mention('date', null, { from: '1932-12-21', to: '1932-12-22' }));
  return d;
}

describe('collectMentions', () => {
  const seed = annotatedSeed();
  const mentions = collectMentions(seed, { firstPage: '68' });

  it('lists every mention in document order, nested ones after the mention that holds them', () => {
    expect(mentions.map((m) => m.text)).toEqual([
      'December 21–22, 1932',
      'Tokyo',
      'Association for Settlement of the Russian Problem',
      'Russian Problem',
      'Joseph Stalin',
      'Tokyo',
    ]);
    for (const m of mentions) expect(seed.textBetween(m.from, m.to)).toBe(m.text);
  });

  it('gives each mention its entity, TEI element, date value and context', () => {
    const [date, tokyo, org] = mentions;
    expect(date).toMatchObject({
      ref: null,
      kind: 'date',
      element: 'date',
      date: { from: '1932-12-21', to: '1932-12-22' },
    });
    expect(tokyo).toMatchObject({ ref: 'tokyo', element: 'placeName', before: 'Japanese were put Up in ', date: null });
    expect(org).toMatchObject({ ref: 'assoc', element: 'orgName', before: 'Up in Tokyo by the “' });
    expect(org?.after).toBe('” denouncing the Soviets and calling');
  });

  it('takes the page from the last page break before each mention', () => {
    // Tokyo and the Association come before [Page 69], Stalin after it, the second Tokyo after [Page 70].
    expect(mentions.map((m) => m.page)).toEqual(['68', '68', '68', '68', '69', '70']);
    expect(collectMentions(seed)[0]?.page).toBeNull();
  });

  it('keeps one mention across other marks and page breaks inside it, and two where the mark differs', () => {
    const italic = schema.marks.italic.create();
    const person = mention('person', 'su');
    const d = doc(
      p(
        schema.text('General ', [person]),
        schema.text('Su', [person, italic]),
        schema.text(' Ping-', [person]),
        pb('69'),
        schema.text('wen', [person]),
        ' and ',
        schema.text('Su', [mention('person', 'su', { nest: 1 })]),
        schema.text(' Ping-wen', [mention('person', 'su', { nest: 2 })]),
      ),
    );
    const found = collectMentions(d);
    expect(found.map((m) => [m.text, m.page])).toEqual([
      ['General Su Ping-wen', null],
      ['Su', '69'],
      ['Ping-wen', '69'],
    ]);
  });

  it('gives the range of the text when a mention also covers a note callout after it', () => {
    const d = doc(p('Ambassador Grew', note('Joseph C. Grew.'), ' reported.'));
    const withGrew = new Transform(d).addMark(
      find(d, 'Grew').from,
      find(d, 'Grew').to + 1,
      mention('person', 'grew'),
    ).doc;
    const [grew] = collectMentions(withGrew);
    expect(grew).toMatchObject({ text: 'Grew', after: ' reported.' });
    expect(grew && [grew.from, grew.to]).toEqual([find(d, 'Grew').from, find(d, 'Grew').to]);
  });

  it('finds mentions in notes and says so', () => {
    const d = doc(p('As reported', note('Grew to Hull, January 6.'), '.'));
    const withHull = marked(d, 'Hull', mention('person', 'hull'));
    expect(collectMentions(withHull)).toMatchObject([
      { text: 'Hull', inNote: true, before: 'Grew to ', after: ', January 6.' },
    ]);
  });

  it('reads documents given as JSON the same way', () => {
    expect(collectMentions(seed.toJSON() as never, { firstPage: '68' })).toEqual(mentions);
  });
});

describe('relinkMentions', () => {
  it('moves the mentions of a merged entity to the one kept, keeping their other attributes', () => {
    const seed = marked(annotatedSeed(), 'Tokyo', mention('place', 'tokio', { element: 'name' }), 1);
    const tr = relinkMentions(seed, 'tokio', 'tokyo');
    expect(tr.docChanged).toBe(true);
    const tokyos = collectMentions(tr.doc).filter((m) => m.text === 'Tokyo');
    expect(tokyos.map((m) => [m.ref, m.element])).toEqual([
      ['tokyo', 'placeName'],
      ['tokyo', 'placeName'],
      ['tokyo', 'name'],
    ]);
    expect(collectMentions(tr.doc).some((m) => m.ref === 'tokio')).toBe(false);
  });

  it('unmarks the mentions of an entity and leaves the text as it was', () => {
    const seed = annotatedSeed();
    const tr = relinkMentions(seed, 'tokyo', null);
    expect(collectMentions(tr.doc).map((m) => m.ref)).toEqual([null, 'assoc', 'russian-problem', 'stalin']);
    expect(tr.doc.textContent).toBe(seed.textContent);
    expect(relinkMentions(seed, 'nobody', 'tokyo').docChanged).toBe(false);
  });
});

describe('entityIndex', () => {
  it('lists, for each entity, the documents and printed pages where it is mentioned', () => {
    const seed = annotatedSeed();
    const index = entityIndex([
      { id: 'd63', mentions: collectMentions(seed, { firstPage: '68' }) },
      {
        id: 'd64',
        mentions: collectMentions(marked(seedDoc(), 'Tokyo', mention('place', 'tokyo'), 1), { firstPage: '71' }),
      },
    ]);
    expect(index.get('tokyo')).toEqual([
      { documentId: 'd63', pages: ['68', '70'], mentions: 2 },
      { documentId: 'd64', pages: ['70'], mentions: 1 },
    ]);
    expect(index.get('stalin')).toEqual([{ documentId: 'd63', pages: ['69'], mentions: 1 }]);
    expect([...index.keys()]).not.toContain(null);
  });
});

describe('numberNotes', () => {
  it("numbers the seed's two footnotes 89 and 90 when the volume's count is at 89", () => {
    const seed = seedDoc();
    const notes = numberNotes(seed, { start: 89 });
    expect(notes.map((n) => [n.n, n.current, n.preview])).toEqual([
      ['89', '89', 'Not printed.'],
      ['90', '90', 'Not printed.'],
    ]);
    expect(notes.map((n) => seed.nodeAt(n.pos)?.type.name)).toEqual(['note', 'note']);
    expect(seed.textBetween(notes[0]!.pos - 'enclosed.'.length, notes[0]!.pos)).toBe('enclosed.');
  });

  it('renumbers in reading order when a note is added before the others', () => {
    const seed = seedDoc();
    const at = find(seed, 'Manchuli').to;
    const withNote = new Transform(seed).insert(at, note('Manzhouli, on the Soviet border.')).doc;
    const notes = numberNotes(withNote, { start: 89 });
    expect(notes.map((n) => [n.n, n.current])).toEqual([
      ['89', null],
      ['90', '89'],
      ['91', '90'],
    ]);
    expect(notes[0]?.preview).toBe('Manzhouli, on the Soviet border.');
  });

  it('leaves notes printed inline (FRUS source notes) unnumbered, and numbers from 1 by default', () => {
    const d = doc(
      p('Memorandum', note('File No. 837.00/4692.', { type: 'source', xml: [['rend', 'inline']] })),
      p('The Ambassador', note('Not printed.', { n: '7' }), ' said', note('See document 12.')),
    );
    expect(numberNotes(d).map((n) => [n.n, n.type])).toEqual([
      [null, 'source'],
      ['1', null],
      ['2', null],
    ]);
    expect(numberNotes(d, { numbered: () => true }).map((n) => n.n)).toEqual(['1', '2', '3']);
  });
});
