import type { Node as PMNode } from 'prosemirror-model';
import { EditorState, NodeSelection, TextSelection } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { schema } from '../../../edition/schema.ts';
import { backspaceAtStart, blockKeymap, enter, moveInList } from '../../../renderer/editor/blockKeys.ts';
import {
  apply,
  closer,
  dateline,
  doc,
  heading,
  item,
  label,
  list,
  opener,
  p,
  pb,
  salute,
  signed,
  sourceNote,
  stateAt,
} from './build.ts';

const keys = blockKeymap();
const backspace = keys['Backspace']!;
const del = keys['Delete']!;

function expectDoc(actual: PMNode, expected: PMNode): void {
  expect(actual.toString()).toBe(expected.toString());
  actual.check();
}

/** The text block the cursor is in, by type name, and the text before and after it. */
function caret(s: EditorState): string {
  const { $from } = s.selection;
  return `${$from.parent.type.name}:${$from.parent.textContent.slice(0, $from.parentOffset)}|${$from.parent.textContent.slice($from.parentOffset)}`;
}

describe('Enter in every block type', () => {
  it('makes a paragraph after a paragraph, never a heading', () => {
    const s = apply(stateAt(doc(heading('Title'), p('first<a>'))), enter);
    expectDoc(s.doc, doc(heading('Title'), p('first'), p()));
    expect(caret(s)).toBe('paragraph:|');
  });

  it('splits a paragraph in the middle into two paragraphs, the cursor at the start of the second', () => {
    const s = apply(stateAt(doc(p('one <a>two'))), enter);
    expectDoc(s.doc, doc(p('one '), p('two')));
    expect(caret(s)).toBe('paragraph:|two');
  });

  it('makes a paragraph after a heading and after a source note', () => {
    expectDoc(apply(stateAt(doc(heading('Title<a>'))), enter).doc, doc(heading('Title'), p()));
    expectDoc(
      apply(stateAt(doc(sourceNote('761.94/587<a>'), p('x'))), enter).doc,
      doc(sourceNote('761.94/587'), p(), p('x')),
    );
  });

  it('replaces a selection and splits there', () => {
    const d = doc(p('one <a>two<b> three'));
    const tags = (d as PMNode & { tag: Record<string, number> }).tag;
    const s0 = EditorState.create({ doc: d, selection: TextSelection.create(d, tags['a']!, tags['b']!) });
    expectDoc(apply(s0, enter).doc, doc(p('one '), p(' three')));
  });

  it('drops xml:id from the new half of a split and keeps the other attributes', () => {
    const para = schema.nodes.paragraph.create(
      {
        xml: [
          ['xml:id', 'p1'],
          ['rend', 'center'],
        ],
      },
      schema.text('onetwo'),
    );
    const d = schema.nodes.doc.create(null, para);
    const s = apply(EditorState.create({ doc: d, selection: TextSelection.create(d, 4) }), enter);
    expect(s.doc.child(0).attrs['xml']).toEqual([
      ['xml:id', 'p1'],
      ['rend', 'center'],
    ]);
    expect(s.doc.child(1).attrs['xml']).toEqual([['rend', 'center']]);
  });

  it('goes from a list label to its item', () => {
    const s = apply(stateAt(doc(list(label('1.<a>'), item('first')))), enter);
    expectDoc(s.doc, doc(list(label('1.'), item('first'))));
    expect(caret(s)).toBe('item:|first');
  });

  it('starts the next numbered entry at the end of an item', () => {
    const s = apply(stateAt(doc(list(label('1.'), item('first<a>')), p('after'))), enter);
    expectDoc(s.doc, doc(list(label('1.'), item('first'), label('2.'), item()), p('after')));
    expect(caret(s)).toBe('item:|');
  });

  it('carries the rest of a split item into the next entry, numbered on from its own label', () => {
    const s = apply(stateAt(doc(list(label('(4)'), item('one <a>two')))), enter);
    expectDoc(s.doc, doc(list(label('(4)'), item('one '), label('(5)'), item('two'))));
    expect(caret(s)).toBe('item:|two');
  });

  it('leaves the list on an empty item, dropping its number, and splits the list around it', () => {
    const s = apply(
      stateAt(doc(list(label('1.'), item('a'), label('2.'), item('<a>'), label('3.'), item('c')))),
      enter,
    );
    expectDoc(s.doc, doc(list(label('1.'), item('a')), p(), list(label('3.'), item('c'))));
    expect(caret(s)).toBe('paragraph:|');
    const last = apply(stateAt(doc(list(label('1.'), item('a'), label('2.'), item('<a>')))), enter);
    expectDoc(last.doc, doc(list(label('1.'), item('a')), p()));
  });

  it('follows a dateline with a salute inside the opener, and splits a dateline in the middle', () => {
    const s = apply(stateAt(doc(opener(dateline('Moscow, July 12<a>')), p('x'))), enter);
    expectDoc(s.doc, doc(opener(dateline('Moscow, July 12'), salute()), p('x')));
    expect(caret(s)).toBe('salute:|');
    const mid = apply(stateAt(doc(opener(dateline('Moscow, <a>July 12')))), enter);
    expectDoc(mid.doc, doc(opener(dateline('Moscow, '), dateline('July 12'))));
  });

  it('leaves an opener for the first paragraph after its salute', () => {
    const s = apply(stateAt(doc(opener(dateline('Moscow'), salute('Sir:<a>')), p('text'))), enter);
    expectDoc(s.doc, doc(opener(dateline('Moscow'), salute('Sir:')), p(), p('text')));
    expect(caret(s)).toBe('paragraph:|');
  });

  it('leaves an opener on an empty last part', () => {
    const s = apply(stateAt(doc(opener(dateline('Moscow'), salute('<a>')), p('text'))), enter);
    expectDoc(s.doc, doc(opener(dateline('Moscow')), p(), p('text')));
  });

  it('splits a salute in a closer in two and follows it with a signature; nothing leaves a closer', () => {
    const mid = apply(stateAt(doc(p('x'), closer(salute('I have the honor to be, <a>Sir,')))), enter);
    expectDoc(mid.doc, doc(p('x'), closer(salute('I have the honor to be, '), salute('Sir,'))));
    const end = apply(stateAt(doc(p('x'), closer(salute('Sir,<a>')))), enter);
    expectDoc(end.doc, doc(p('x'), closer(salute('Sir,'), signed())));
    const sig = apply(stateAt(doc(p('x'), closer(signed('Grew<a>')))), enter);
    expectDoc(sig.doc, doc(p('x'), closer(signed('Grew'), signed())));
    // An empty last part of a closer stays: a paragraph after a closer is invalid TEI.
    const empty = stateAt(doc(p('x'), closer(signed('Grew'), signed('<a>'))));
    let changed = false;
    expect(enter(empty, () => (changed = true))).toBe(true);
    expect(changed).toBe(false);
  });

  it('splits a note’s bare text into paragraphs', () => {
    const run = schema.nodes.teiText.create({ name: null }, schema.text('onetwo'));
    const note = schema.nodes.note.create(null, run);
    const s = apply(EditorState.create({ doc: note, selection: TextSelection.create(note, 4) }), enter);
    expectDoc(s.doc, schema.nodes.note.create(null, [p('one'), p('two')]));
  });

  it('splits an element Siglum does not model into two of itself', () => {
    const seg = schema.nodes.teiText.create({ name: 'seg' }, schema.text('abcd'));
    const d = doc(seg);
    const s = apply(EditorState.create({ doc: d, selection: TextSelection.create(d, 3) }), enter);
    expect(s.doc.childCount).toBe(2);
    expect(s.doc.child(1).attrs['name']).toBe('seg');
    expect(s.doc.child(1).textContent).toBe('cd');
  });

  it('goes on after a selected page break, which stays', () => {
    const d = doc(p('one', pb({ n: '69' }), 'two'));
    const s0 = EditorState.create({ doc: d, selection: NodeSelection.create(d, 4) });
    const s = apply(s0, enter);
    expect(s.doc.child(0).lastChild?.type.name).toBe('pageBreak');
    expect(s.doc.child(1).textContent).toBe('two');
  });

  it('puts a paragraph after a selected list', () => {
    const d = doc(list(label('1.'), item('a')));
    const s = apply(EditorState.create({ doc: d, selection: NodeSelection.create(d, 0) }), enter);
    expectDoc(s.doc, doc(list(label('1.'), item('a')), p()));
  });
});

describe('Backspace and Delete', () => {
  it('takes a list entry out of its list at the start of its item, dropping the number', () => {
    const s = apply(stateAt(doc(list(label('1.'), item('a'), label('2.'), item('<a>b')))), backspace);
    expectDoc(s.doc, doc(list(label('1.'), item('a')), p('b')));
    expect(caret(s)).toBe('paragraph:|b');
  });

  it('keeps a label that is not only a number with the text', () => {
    const s = apply(stateAt(doc(list(label('First,'), item('<a>b')))), backspaceAtStart);
    expectDoc(s.doc, doc(p('First, b')));
  });

  it('makes the first part of a closer a paragraph before it', () => {
    const s = apply(stateAt(doc(p('x'), closer(salute('<a>Sir,'), signed('Grew')))), backspace);
    expectDoc(s.doc, doc(p('x'), p('Sir,'), closer(signed('Grew'))));
  });

  it('joins a paragraph with the one before, and a later letter part with the part before', () => {
    expectDoc(apply(stateAt(doc(p('one'), p('<a>two'))), backspace).doc, doc(p('onetwo')));
    expectDoc(
      apply(stateAt(doc(opener(dateline('Moscow'), salute('<a>Sir:')))), backspace).doc,
      doc(opener(dateline('MoscowSir:'))),
    );
  });

  it('joins the next paragraph at the end of one with Delete', () => {
    expectDoc(apply(stateAt(doc(p('one<a>'), p('two'))), del).doc, doc(p('onetwo')));
  });

  it('keeps the line breaks and indentation a TEI source wrapped a joined paragraph with', () => {
    // A paragraph read from a pretty-printed file holds its source's line ends as text.
    const second = 'Der treue Herr u. Heiland dem Du\n               nun heut selbst';
    expectDoc(
      apply(stateAt(doc(p('Segenswünsche. '), p(`<a>${second}`))), backspace).doc,
      doc(p(`Segenswünsche. ${second}`)),
    );
    expectDoc(apply(stateAt(doc(p('Segenswünsche. <a>'), p(second))), del).doc, doc(p(`Segenswünsche. ${second}`)));
  });

  it('leaves every document valid after Backspace or Delete at any position', () => {
    const d = doc(
      heading('T'),
      opener(dateline('M'), salute('S')),
      p('a'),
      list(label('1.'), item('i'), label('2.'), item('j')),
      p('b'),
      closer(salute('c'), signed('d')),
    );
    for (let pos = 0; pos <= d.content.size; pos++) {
      const $pos = d.resolve(pos);
      if (!$pos.parent.isTextblock) continue;
      const s = EditorState.create({ doc: d, selection: TextSelection.create(d, pos) });
      for (const command of [backspace, del, enter]) {
        command(s, (tr) => tr.doc.check());
      }
    }
  });
});

describe('Tab in a list', () => {
  it('moves from label to item to the next label and back, and lets focus go on at the end', () => {
    const s = stateAt(doc(list(label('1.<a>'), item('a'), label('2.'), item('b'))));
    const toItem = apply(s, moveInList(1));
    expect(toItem.selection.$from.parent.textContent).toBe('a');
    const toLabel = apply(toItem, moveInList(1));
    expect(toLabel.selection.$from.parent.textContent).toBe('2.');
    expect(apply(toLabel, moveInList(-1)).selection.$from.parent.textContent).toBe('a');
    expect(moveInList(1)(stateAt(doc(list(label('1.'), item('a<a>')))))).toBe(false);
    expect(moveInList(1)(stateAt(doc(p('a<a>'))))).toBe(false);
  });
});
