/**
 * Note numbers kept in reading order as the editor types: whenever a
 * transaction adds, removes or moves a note, one appended transaction gives
 * every note the number it has in reading order (edition/entities `numberNotes`
 * from `noteNumberingStart`), so the number in the text, the notes panel and the
 * export always agree and no "Renumber" is needed. The appended steps join the
 * same undo event. A document opened with numbers out of order is left as it is
 * until a note is added or removed (FRUS volumes round-trip exactly); the panel
 * offers to renumber it.
 */
import { Plugin, type Transaction } from 'prosemirror-state';
import { ReplaceAroundStep, ReplaceStep } from 'prosemirror-transform';
import type { Node as PMNode } from 'prosemirror-model';
import { numberNotes } from '../../edition/entities/index.ts';
import { noteNumberingStart } from '../../edition/notes/numbering.ts';
import { schema } from '../../edition/schema.ts';

function containsNote(node: PMNode): boolean {
  if (node.type === schema.nodes.note) return true;
  let found = false;
  node.descendants((child) => {
    if (child.type === schema.nodes.note) found = true;
    return !found;
  });
  return found;
}

/** Whether a transaction inserted or deleted a note (steps inside a note's own text do not count). */
export function touchesNotes(tr: Transaction): boolean {
  if (!tr.docChanged) return false;
  for (let i = 0; i < tr.steps.length; i++) {
    const step = tr.steps[i];
    if (!(step instanceof ReplaceStep || step instanceof ReplaceAroundStep)) continue;
    const before = tr.docs[i]!;
    const { from, to, slice } = step as unknown as { from: number; to: number; slice: { content: PMNode['content'] } };
    let inserted = false;
    slice.content.forEach((child) => {
      if (containsNote(child)) inserted = true;
    });
    if (inserted) return true;
    if (to > from && hasDeletedNote(before, from, to)) return true;
  }
  return false;
}

function hasDeletedNote(doc: PMNode, from: number, to: number): boolean {
  let found = false;
  doc.nodesBetween(from, to, (child, pos) => {
    if (found) return false;
    // A note only partly in the range is edited inside, not removed.
    if (child.type === schema.nodes.note) {
      if (pos >= from && pos + child.nodeSize <= to) found = true;
      return false;
    }
    return true;
  });
  return found;
}

/** The plugin that renumbers notes after a transaction added or removed one. Remote steps are numbered by their sender. */
export function noteNumbering(): Plugin {
  return new Plugin({
    appendTransaction(transactions, _old, state) {
      if (!transactions.some((tr) => touchesNotes(tr) && !tr.getMeta('collab$'))) return null;
      const wrong = numberNotes(state.doc, { start: noteNumberingStart(state.doc) }).filter((n) => n.n !== n.current);
      if (wrong.length === 0) return null;
      const tr = state.tr;
      for (const n of wrong) tr.setNodeAttribute(n.pos, 'n', n.n);
      return tr;
    },
  });
}
