import { EditorState, TextSelection } from 'prosemirror-state';
import { builders } from 'prosemirror-test-builder';
import { describe, expect, it } from 'vitest';
import { schema } from '../../../edition/schema.ts';
import { dateOfMark, documentDate, fieldsOf, invalidField, valueOf } from '../../../renderer/entities/dateValue.ts';
import { customKinds, isKindName, kindOf } from '../../../renderer/entities/kinds.ts';
import {
  changeMention,
  markableRange,
  markMention,
  mentionsAt,
  mentionsAtSelection,
  unmarkMention,
} from '../../../renderer/entities/marking.ts';
import { groupByDocument } from '../../../renderer/entities/groupByDocument.ts';
import { renumberNotes, setNoteType } from '../../../renderer/notes/noteCommands.ts';
import { apply, dateline, doc, p } from './build.ts';

type Tagged = { tag: Record<string, number> };
const b = builders(schema) as unknown as Record<string, (...args: unknown[]) => import('prosemirror-model').Node>;
const org = (...c: unknown[]) => b['mention']!({ kind: 'org', ref: 'o1' }, ...c);
const place = (...c: unknown[]) => b['mention']!({ kind: 'place', ref: 'p1' }, ...c);
const note = (attrs: Record<string, unknown>, text: string) => b['note']!(attrs, b['paragraph']!(text));

function selected(d: import('prosemirror-model').Node): EditorState {
  const { a, b: end } = (d as unknown as Tagged).tag;
  return EditorState.create({ doc: d, selection: TextSelection.create(d, a!, end ?? a!) });
}

describe('marking a selection', () => {
  it('leaves out the spaces a double-click or drag picked up around a name', () => {
    const state = selected(doc(p('General<a> Su Ping-wen <b>at Manchuli')));
    const range = markableRange(state)!;
    expect(state.doc.textBetween(range.from, range.to)).toBe('Su Ping-wen');
  });

  it('offers nothing to mark for an empty selection or one across blocks', () => {
    expect(markableRange(selected(doc(p('Gr<a>ew'))))).toBeNull();
    expect(markableRange(selected(doc(p('To<a>kyo'), p('Man<b>chuli'))))).toBeNull();
  });

  it('marks a place inside an organisation’s name, and both mentions are found there, outermost first', () => {
    const outer = selected(doc(p('by the <a>Association for Settlement of the Russian Problem<b> denouncing')));
    const withOrg = apply(outer, markMention(outer.selection.from, outer.selection.to, { kind: 'org', ref: 'o1' }));
    const at = withOrg.doc.textContent.indexOf('Russian') + 1;
    const withPlace = apply(withOrg, markMention(at, at + 'Russian'.length, { kind: 'place', ref: 'p1' }));
    const found = mentionsAt(withPlace.doc, at + 2);
    expect(found.map((m) => m.mark.attrs['kind'])).toEqual(['org', 'place']);
    expect(withPlace.doc.textBetween(found[0]!.from, found[0]!.to)).toBe(
      'Association for Settlement of the Russian Problem',
    );
    expect(withPlace.doc.textBetween(found[1]!.from, found[1]!.to)).toBe('Russian');
  });

  it('unmarks the inner mention and keeps the outer one and the text', () => {
    const d = doc(p('the ', org('Association of the ', place('Russian'), ' Problem'), ' said'));
    const state = EditorState.create({ doc: d });
    const inner = mentionsAt(d, 25).find((m) => m.mark.attrs['kind'] === 'place')!;
    const after = apply(state, unmarkMention(inner));
    expect(after.doc.textContent).toBe(d.textContent);
    expect(mentionsAt(after.doc, 25).map((m) => m.mark.attrs['kind'])).toEqual(['org']);
  });

  it('re-links a mention to another entry and keeps its other attributes', () => {
    const d = doc(p('Mr. ', b['mention']!({ kind: 'person', ref: 'a', element: 'name' }, 'Stalin'), '’s admission'));
    const state = EditorState.create({ doc: d });
    const [m] = mentionsAt(d, 6);
    const after = apply(state, changeMention(m!, { kind: 'person', ref: 'b' }));
    const [relinked] = mentionsAt(after.doc, 6);
    expect(relinked!.mark.attrs['ref']).toBe('b');
    expect(relinked!.mark.attrs['element']).toBe('name');
    expect(after.doc.textBetween(relinked!.from, relinked!.to)).toBe('Stalin');
  });

  it('finds the mention at a cursor at its end, but not one that merely touches a selection', () => {
    const d = doc(p('to ', place('Tokyo'), ' by'));
    const end = 1 + 'to Tokyo'.length;
    expect(mentionsAt(d, end).length).toBe(1);
    const across = EditorState.create({ doc: d, selection: TextSelection.create(d, 2, end) });
    expect(mentionsAtSelection(across)).toEqual([]);
  });

  it('writes a date’s value into the mark, and reads it back', () => {
    const state = selected(doc(p('on the night of <a>December 21–22, 1932<b>, posters')));
    const after = apply(
      state,
      markMention(state.selection.from, state.selection.to, {
        kind: 'date',
        ref: null,
        date: { from: '1932-12-21', to: '1932-12-22' },
      }),
    );
    const [m] = mentionsAt(after.doc, state.selection.from + 1);
    expect(dateOfMark(m!.mark.attrs)).toEqual({ from: '1932-12-21', to: '1932-12-22' });
    expect(m!.mark.attrs['when']).toBeNull();
  });
});

describe('date values in the popup', () => {
  it('round-trips each shape through the fields', () => {
    for (const v of [{ when: '1933-01-11' }, { from: '1932-12-21', to: '1932-12-22' }, { notBefore: '1933-06' }]) {
      expect(valueOf(fieldsOf(v))).toEqual(v);
    }
    expect(valueOf({ shape: 'range', first: '1932', second: '' })).toBeNull();
  });

  it('names a field that is not an ISO date', () => {
    expect(invalidField({ shape: 'when', first: '21 Dec 1932', second: '' })).toBe('21 Dec 1932');
    expect(invalidField({ shape: 'when', first: '1933-01-06T16:00:00', second: '' })).toBeNull();
  });

  it('takes the document’s date from its dateline when the metadata has none', () => {
    const d = doc(dateline('Tokyo, January 13, 1933.'), p('On January 11th the spokesman said'));
    expect(documentDate(d, null)).toBe('1933-01-13');
    expect(documentDate(d, '1933-02-01')).toBe('1933-02-01');
  });
});

describe('kinds', () => {
  it('keeps an editor’s own types after the built-in ones, each once', () => {
    expect(customKinds(['person', 'ship', 'ship', 'archive']).map((k) => k.id)).toEqual(['archive', 'ship']);
    expect(kindOf('ship').label).toBe('Ship');
    expect(isKindName('Ship')).toBe(false);
  });

  it('groups items by document in the order first met', () => {
    const groups = groupByDocument([{ documentId: 'b' }, { documentId: 'a' }, { documentId: 'b' }]);
    expect(groups.map((g) => g.length)).toEqual([2, 1]);
  });
});

describe('notes from the panel', () => {
  const d = doc(p('first', note({ n: '89' }, 'Not printed.'), ' then', note({ n: '7' }, 'See file.')));

  it('renumbers notes in reading order from the first one’s number, in one undoable transaction', () => {
    const state = EditorState.create({ doc: d });
    const after = apply(state, renumberNotes(89));
    const numbers: unknown[] = [];
    after.doc.descendants((n) => {
      if (n.type === schema.nodes.note) numbers.push(n.attrs['n']);
    });
    expect(numbers).toEqual(['89', '90']);
    expect(renumberNotes(89)(after)).toBe(false);
  });

  it('changes a note’s type and nothing else', () => {
    const state = EditorState.create({ doc: d });
    const pos = 1 + 'first'.length;
    const after = apply(state, setNoteType(pos, 'editorial'));
    expect(after.doc.nodeAt(pos)!.attrs['type']).toBe('editorial');
    expect(after.doc.nodeAt(pos)!.textContent).toBe('Not printed.');
    expect(setNoteType(pos + 1, 'editorial')(after)).toBe(false);
  });
});
