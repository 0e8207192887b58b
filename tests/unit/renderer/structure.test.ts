import { describe, expect, it } from 'vitest';
import { changePageBreak, insertLineBreak, insertNote, insertPageBreak } from '../../../renderer/editor/inline.ts';
import { setLetterPart, setListEntry, setPlainBlock } from '../../../renderer/editor/structure.ts';
import {
  apply,
  closer,
  cursorAt,
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

describe('block structure commands', () => {
  it('turns a paragraph into a heading and a source note, keeping its text', () => {
    const s = stateAt(doc(p('761.94/<a>587'), p('text')));
    expect(apply(s, setPlainBlock('sourceNote')).doc.eq(doc(sourceNote('761.94/587'), p('text')))).toBe(true);
    expect(apply(s, setPlainBlock('heading')).doc.eq(doc(heading('761.94/587'), p('text')))).toBe(true);
  });

  it('keeps the line breaks a TEI source wrapped the block with when it changes type', () => {
    const wrapped = 'The Ambassador in Japan\n          (<a>Grew) to the Secretary';
    const out = apply(stateAt(doc(p(wrapped), p('text'))), setPlainBlock('heading')).doc;
    expect(out.child(0).textContent).toBe('The Ambassador in Japan\n          (Grew) to the Secretary');
  });

  it('does nothing when the block already has that type', () => {
    expect(setPlainBlock('paragraph')(stateAt(doc(p('a<a>b'))))).toBe(false);
  });

  it('takes a list entry out of its list as a paragraph, joining label and item, and splits the list', () => {
    const s = stateAt(
      doc(list(label('1.'), item('first'), label('2.'), item('sec<a>ond'), label('3.'), item('third'))),
    );
    const out = apply(s, setPlainBlock('paragraph')).doc;
    expect(out.eq(doc(list(label('1.'), item('first')), p('2. second'), list(label('3.'), item('third'))))).toBe(true);
  });

  it('makes a paragraph a numbered entry of the list just before it', () => {
    const s = stateAt(doc(list(label('1.'), item('first')), p('sec<a>ond')));
    const out = apply(s, setListEntry()).doc;
    expect(out.eq(doc(list(label('1.'), item('first'), label('2.'), item('second'))))).toBe(true);
  });

  it('starts a new list numbered 1. when no list comes before', () => {
    const out = apply(stateAt(doc(p('only<a>'))), setListEntry()).doc;
    expect(out.eq(doc(list(label('1.'), item('only'))))).toBe(true);
  });

  it('adds an empty entry after the current one inside a list', () => {
    const s = stateAt(doc(list(label('1.'), item('fi<a>rst'))));
    const next = apply(s, setListEntry());
    expect(next.doc.eq(doc(list(label('1.'), item('first'), label('2.'), item())))).toBe(true);
    expect(next.selection.$from.parent.type.name).toBe('item');
  });
});

describe('letter parts', () => {
  it("puts a salute and a signature after it into one closer, as at a despatch's end", () => {
    let s = stateAt(doc(p('body'), p('Respectfully<a> yours,'), p('Joseph C. Grew')));
    s = apply(s, setLetterPart('salute'));
    expect(s.doc.eq(doc(p('body'), closer(salute('Respectfully yours,')), p('Joseph C. Grew')))).toBe(true);
    s = apply(cursorAt(s, s.doc.content.size - 3), setLetterPart('signed'));
    expect(s.doc.eq(doc(p('body'), closer(salute('Respectfully yours,'), signed('Joseph C. Grew'))))).toBe(true);
  });

  it('puts a dateline in a new opener and changes part kinds in place', () => {
    const s = apply(stateAt(doc(p('Tokyo, <a>January 13, 1933'))), setLetterPart('dateline'));
    expect(s.doc.eq(doc(opener(dateline('Tokyo, January 13, 1933'))))).toBe(true);
    const again = apply(stateAt(doc(opener(dateline('Si<a>r:')))), setLetterPart('salute'));
    expect(again.doc.eq(doc(opener(salute('Sir:'))))).toBe(true);
  });

  it('moves a part out of its opener when it becomes a paragraph', () => {
    const s = stateAt(doc(opener(dateline('Tokyo'), salute('S<a>ir:')), p('text')));
    expect(apply(s, setPlainBlock('paragraph')).doc.eq(doc(opener(dateline('Tokyo')), p('Sir:'), p('text')))).toBe(
      true,
    );
  });
});

describe('inline commands', () => {
  it('inserts a page break with its number and facsimile, blanks as absent', () => {
    const out = apply(stateAt(doc(p('in <a>all'))), insertPageBreak({ n: ' 69 ', facs: '' })).doc;
    expect(out.eq(doc(p('in ', pb({ n: '69', facs: null }), 'all')))).toBe(true);
  });

  it("changes a page break's number and facsimile, and refuses a position that holds none", () => {
    const s = stateAt(doc(p('in <a>', pb({ n: '69' }), 'all')));
    const at = s.selection.from;
    const out = apply(s, changePageBreak(at, { n: '69a', facs: 'f069.png' })).doc;
    expect(out.eq(doc(p('in ', pb({ n: '69a', facs: 'f069.png' }), 'all')))).toBe(true);
    expect(changePageBreak(at - 1, { n: '1', facs: null })(s)).toBe(false);
  });

  it('inserts a line break and an empty note at the cursor', () => {
    const withBreak = apply(stateAt(doc(p('a<a>b'))), insertLineBreak).doc;
    expect(withBreak.child(0).child(1).type.name).toBe('lineBreak');
    const withNote = apply(stateAt(doc(p('enclosed.<a>'))), insertNote);
    const note = withNote.doc.child(0).lastChild!;
    expect(note.type.name).toBe('note');
    expect(withNote.selection.from).toBe(withNote.doc.child(0).content.size - note.nodeSize + 1);
  });
});
