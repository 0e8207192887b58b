/**
 * The editor's command for a note on a span (see ./spans.ts for how such a note is
 * kept in the document).
 */
import { NodeSelection, type Command } from 'prosemirror-state';
import { schema } from '../schema.ts';
import { freshNoteId } from './spans.ts';

/**
 * "Note on selection": the selected text becomes the span of a new, empty note
 * inserted at the span's end and selected (which opens its editor). Applies to
 * a non-empty text selection within one textblock where a note may stand.
 */
export const noteOnSelection: Command = (state, dispatch) => {
  const { from, to, empty, $from, $to } = state.selection;
  if (empty || state.selection instanceof NodeSelection || !$from.sameParent($to)) return false;
  const parent = $from.parent;
  if (!parent.inlineContent || !parent.canReplaceWith($to.index(), $to.index(), schema.nodes.note)) return false;
  if (dispatch) {
    const id = freshNoteId(state.doc);
    const note = schema.nodes.note.create({ id }, schema.nodes.teiText.create({ name: null }));
    const tr = state.tr.addMark(from, to, schema.marks.noteSpan.create({ note: id })).insert(to, note);
    tr.setSelection(NodeSelection.create(tr.doc, to));
    dispatch(tr.scrollIntoView());
  }
  return true;
};
