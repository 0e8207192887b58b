import type { Node as PMNode } from 'prosemirror-model';
import { EditorState, TextSelection } from 'prosemirror-state';
import { history, undo } from 'prosemirror-history';
import { describe, expect, it } from 'vitest';
import { noteNumberingStart } from '../../../edition/notes/numbering.ts';
import { schema } from '../../../edition/schema.ts';
import { insertNote } from '../../../renderer/editor/inline.ts';
import { noteNumbering } from '../../../renderer/notes/numbering.ts';
import { doc, p } from './build.ts';

function note(n: string | null, text: string): PMNode {
  return schema.nodes.note.create({ n }, schema.nodes.teiText.create({ name: null }, schema.text(text)));
}

function numbers(d: PMNode): (string | null)[] {
  const out: (string | null)[] = [];
  d.descendants((node) => {
    if (node.type === schema.nodes.note) out.push(node.attrs['n'] as string | null);
    return node.type !== schema.nodes.note;
  });
  return out;
}

function stateOf(d: PMNode, pos: number): EditorState {
  return EditorState.create({
    doc: d,
    selection: TextSelection.create(d, pos),
    plugins: [history(), noteNumbering()],
  });
}

function run(s: EditorState, command: typeof insertNote): EditorState {
  let next = s;
  command(s, (tr) => (next = s.apply(tr)));
  return next;
}

describe('note numbers in reading order, kept as the editor types', () => {
  it('starts at the lowest number the notes carry, else at 1', () => {
    expect(noteNumberingStart(doc(p('a', note('90', 'x'), 'b', note('89', 'y'))))).toBe(89);
    expect(noteNumberingStart(doc(p('plain')))).toBe(1);
  });

  it('numbers a note inserted before the seed’s notes 89 and 90 as 89 and moves them on, in one undo step', () => {
    const d = doc(p('one two', note('89', 'first'), ' three', note('90', 'second')));
    const s = run(stateOf(d, 2), insertNote);
    expect(numbers(s.doc)).toEqual(['89', '90', '91']);
    const back = run(s, undo);
    expect(numbers(back.doc)).toEqual(['89', '90']);
  });

  it('numbers a note added at the end one more than the last, and closes the gap when a note is deleted', () => {
    const d = doc(p('one', note('89', 'first'), ' two', note('90', 'second'), ' end'));
    const end = d.content.size - 1;
    const added = run(stateOf(d, end), insertNote);
    expect(numbers(added.doc)).toEqual(['89', '90', '91']);
    // Delete the note numbered 90 (the second): the last becomes 90.
    let pos = -1;
    added.doc.descendants((node, at) => {
      if (node.type === schema.nodes.note && node.attrs['n'] === '90') pos = at;
    });
    const deleted = added.apply(added.tr.delete(pos, pos + added.doc.nodeAt(pos)!.nodeSize));
    expect(numbers(deleted.doc)).toEqual(['89', '90']);
  });

  it('gives no numbers to notes that carry none when one is added or deleted', () => {
    const d = doc(p('one', note(null, 'first'), ' two', note(null, 'second'), ' end'));
    const added = run(stateOf(d, 2), insertNote);
    expect(numbers(added.doc)).toEqual([null, null, null]);
    let pos = -1;
    added.doc.descendants((node, at) => {
      if (node.type === schema.nodes.note && pos < 0) pos = at;
    });
    const deleted = added.apply(added.tr.delete(pos, pos + added.doc.nodeAt(pos)!.nodeSize));
    expect(numbers(deleted.doc)).toEqual([null, null]);
  });

  it('numbers every note once one carries a number, the new one included', () => {
    const d = doc(p('one', note('1', 'first'), ' two', note(null, 'second'), ' end'));
    const added = run(stateOf(d, d.content.size - 1), insertNote);
    expect(numbers(added.doc)).toEqual(['1', '2', '3']);
  });

  it('leaves numbers alone when only text is typed, even numbers out of order', () => {
    const d = doc(p('one', note('7', 'a'), ' two', note('3', 'b')));
    const s = stateOf(d, 2);
    const typed = s.apply(s.tr.insertText('x'));
    expect(numbers(typed.doc)).toEqual(['7', '3']);
  });
});
