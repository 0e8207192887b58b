/**
 * Notes as the notes panel changes them: a note's type, and the numbers of all
 * notes in reading order (edition/entities `numberNotes`). Each is one
 * transaction of the main editor, so undo, collab and saving cover it.
 */
import type { Node as PMNode } from 'prosemirror-model';
import type { Command } from 'prosemirror-state';
import { NodeSelection, TextSelection } from 'prosemirror-state';
import { numberNotes } from '../../edition/entities/index.ts';
import { noteSpanAt } from '../../edition/notes/spans.ts';
import { schema } from '../../edition/schema.ts';

/** The types the panel offers (TEI `note/@type`), with their labels. */
export const NOTE_TYPES: ReadonlyArray<readonly [string, string]> = [
  ['source', 'Source footnote'],
  ['editorial', 'Editorial note'],
  ['commentary', 'Commentary'],
  ['review', 'Review comment'],
];

/** Label of a note type; a type of the source's own is shown as it is. */
export function noteTypeLabel(type: string | null): string {
  if (type === null) return 'Footnote';
  return NOTE_TYPES.find(([t]) => t === type)?.[1] ?? type;
}

/** Sets the type of the note at `pos` (null: none). */
export function setNoteType(pos: number, type: string | null): Command {
  return (state, dispatch) => {
    const node = state.doc.nodeAt(pos);
    if (node?.type !== schema.nodes.note) return false;
    if (dispatch) dispatch(state.tr.setNodeAttribute(pos, 'type', type));
    return true;
  };
}

/** Gives every note the number it has in reading order from `start`; false when all already have it. */
export function renumberNotes(start: number): Command {
  return (state, dispatch) => {
    const wrong = numberNotes(state.doc, { start }).filter((n) => n.n !== n.current);
    if (wrong.length === 0) return false;
    if (dispatch) {
      const tr = state.tr;
      for (const n of wrong) tr.setNodeAttribute(n.pos, 'n', n.n);
      dispatch(tr);
    }
    return true;
  };
}

/** Selects the note at `pos` (which opens its editor) and scrolls to it. */
export function goToNote(pos: number): Command {
  return (state, dispatch) => {
    if (state.doc.nodeAt(pos)?.type !== schema.nodes.note) return false;
    if (dispatch) dispatch(state.tr.setSelection(NodeSelection.create(state.doc, pos)).scrollIntoView());
    return true;
  };
}

/**
 * Goes to the note at `pos`: a note on a span selects its span's text (the
 * note's own editor is a click on its call-out away); a note at a point is
 * selected itself, as `goToNote`.
 */
export function goToNoteOrSpan(pos: number): Command {
  return (state, dispatch) => {
    // A source note (FRUS `note type="source"` at block level) is a block: put the cursor in it.
    if (state.doc.nodeAt(pos)?.type === schema.nodes.sourceNote) {
      if (dispatch) dispatch(state.tr.setSelection(TextSelection.create(state.doc, pos + 1)).scrollIntoView());
      return true;
    }
    if (state.doc.nodeAt(pos)?.type !== schema.nodes.note) return false;
    const span = noteSpanAt(state.doc, pos);
    if (span === null) return goToNote(pos)(state, dispatch);
    if (dispatch) dispatch(state.tr.setSelection(TextSelection.create(state.doc, span.from, span.to)).scrollIntoView());
    return true;
  };
}

/** The document's source notes (archival file numbers), which are blocks, not numbered notes. */
export function sourceNotes(doc: PMNode): { pos: number; preview: string }[] {
  const out: { pos: number; preview: string }[] = [];
  doc.descendants((node, pos) => {
    if (node.type === schema.nodes.sourceNote) out.push({ pos, preview: node.textContent.replace(/\s+/g, ' ').trim() });
    return node.isBlock && !node.isTextblock;
  });
  return out;
}
