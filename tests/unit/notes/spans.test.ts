/**
 * "Note on selection": the selected words become the span of a new note that
 * stands at their end. One transaction, so undo removes both; text typed in the
 * span joins it; deleting the span's words leaves the note at a point.
 */
import { history, undo } from 'prosemirror-history';
import { EditorState, NodeSelection, TextSelection, type Transaction } from 'prosemirror-state';
import { Step } from 'prosemirror-transform';
import { describe, expect, it } from 'vitest';
import { noteOnSelection } from '../../../edition/notes/command.ts';
import { freshNoteId, noteSpanAt } from '../../../edition/notes/spans.ts';
import { schema } from '../../../edition/schema.ts';
import { goToNoteOrSpan } from '../../../renderer/notes/noteCommands.ts';
import { find, seedDoc } from '../entities/helpers.ts';

/** The seed despatch with "Association for Settlement of the Russian Problem" selected. */
function selected(needle = 'Association for Settlement of the Russian Problem'): EditorState {
  const doc = seedDoc();
  const { from, to } = find(doc, needle);
  return EditorState.create({ doc, plugins: [history()], selection: TextSelection.create(doc, from, to) });
}

function apply(state: EditorState, command: typeof noteOnSelection): EditorState {
  let next = state;
  expect(command(state, (tr) => (next = state.apply(tr)))).toBe(true);
  return next;
}

function notePositions(state: EditorState): number[] {
  const out: number[] = [];
  state.doc.descendants((n, pos) => {
    if (n.type === schema.nodes.note) out.push(pos);
  });
  return out;
}

function newNote(before: EditorState, after: EditorState): number {
  const old = new Set(notePositions(before).map((p) => before.doc.nodeAt(p)!.attrs['id'] as string | null));
  const pos = notePositions(after).find((p) => !old.has(after.doc.nodeAt(p)!.attrs['id'] as string | null));
  if (pos === undefined) throw new Error('no new note');
  return pos;
}

describe('Note on selection', () => {
  it('marks the selected words as the span of a new note inserted at their end, and selects the note', () => {
    const state = selected();
    const next = apply(state, noteOnSelection);
    const pos = newNote(state, next);
    expect(pos).toBe(state.selection.to);
    expect(next.selection).toBeInstanceOf(NodeSelection);
    expect(next.selection.from).toBe(pos);
    expect(noteSpanAt(next.doc, pos)?.text).toBe('Association for Settlement of the Russian Problem');
  });

  it('does not apply to an empty selection or across paragraphs', () => {
    const doc = seedDoc();
    const at = find(doc, 'Manchuli').from;
    expect(noteOnSelection(EditorState.create({ doc, selection: TextSelection.create(doc, at) }))).toBe(false);
    const across = TextSelection.create(doc, find(doc, 'Manchuli').from, find(doc, 'Stalin').to);
    expect(across.$from.sameParent(across.$to)).toBe(false);
    expect(noteOnSelection(EditorState.create({ doc, selection: across }))).toBe(false);
  });

  it('is undone in one step: the note and the span both go', () => {
    const state = selected();
    const next = apply(state, noteOnSelection);
    let undone = next;
    expect(undo(next, (tr) => (undone = next.apply(tr)))).toBe(true);
    expect(undone.doc.eq(state.doc)).toBe(true);
  });

  it('keeps text typed inside the span, or at its end just before the note, in the span', () => {
    const state = selected();
    const next = apply(state, noteOnSelection);
    const pos = newNote(state, next);
    const inside = find(next.doc, 'Settlement').from;
    let typed = next.apply(next.tr.setSelection(TextSelection.create(next.doc, inside)).insertText('early '));
    typed = typed.apply(typed.tr.setSelection(TextSelection.create(typed.doc, pos + 6)).insertText(' Inc.'));
    const at = notePositions(typed).find(
      (p) => typed.doc.nodeAt(p)!.attrs['id'] !== null && noteSpanAt(typed.doc, p) !== null,
    )!;
    expect(noteSpanAt(typed.doc, at)?.text).toBe('Association for early Settlement of the Russian Problem Inc.');
  });

  it("leaves the note anchored at a point when the span's words are deleted", () => {
    const state = selected();
    const next = apply(state, noteOnSelection);
    const pos = newNote(state, next);
    const span = noteSpanAt(next.doc, pos)!;
    const deleted = next.apply(next.tr.delete(span.from, span.to));
    const at = deleted.tr.mapping.map(span.from);
    expect(deleted.doc.nodeAt(at)?.type).toBe(schema.nodes.note);
    expect(noteSpanAt(deleted.doc, at)).toBeNull();
    expect(deleted.doc.rangeHasMark(0, deleted.doc.content.size, schema.marks.noteSpan)).toBe(false);
  });

  it('is gone to from the notes panel by selecting its words; a note at a point is selected itself', () => {
    const state = selected();
    const next = apply(state, noteOnSelection);
    const pos = newNote(state, next);
    const there = apply(next, goToNoteOrSpan(pos));
    expect(there.selection).toBeInstanceOf(TextSelection);
    expect(there.doc.textBetween(there.selection.from, there.selection.to)).toBe(
      'Association for Settlement of the Russian Problem',
    );
    const point = notePositions(next).find((p) => p !== pos)!;
    const atPoint = apply(next, goToNoteOrSpan(point));
    expect(atPoint.selection).toBeInstanceOf(NodeSelection);
    expect(atPoint.selection.from).toBe(point);
  });

  it('gives a new note an id no note of the document has', () => {
    const half = freshNoteId(seedDoc(), () => 0.5);
    const quarter = freshNoteId(seedDoc(), () => 0.25);
    expect(half).not.toBe(quarter);
    const state = selected();
    const next = apply(state, noteOnSelection);
    const withHalf = next.apply(next.tr.setNodeAttribute(newNote(state, next), 'id', half)).doc;
    const draws = [0.5, 0.25];
    expect(freshNoteId(withHalf, () => draws.shift()!)).toBe(quarter);
  });

  it('is made of steps that travel as JSON and give the same document where they are applied (collab)', () => {
    const state = selected();
    let sent: Transaction | null = null;
    noteOnSelection(state, (tr) => (sent = tr));
    const json = JSON.parse(JSON.stringify(sent!.steps.map((step) => step.toJSON()))) as unknown[];
    let doc = seedDoc();
    for (const s of json) doc = Step.fromJSON(schema, s).apply(doc).doc!;
    expect(doc.eq(sent!.doc)).toBe(true);
  });
});
