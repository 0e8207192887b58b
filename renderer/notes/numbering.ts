/**
 * Note numbers kept in reading order as the editor types: whenever a
 * transaction adds, removes or moves a note, one appended transaction gives
 * every note the number it has in reading order (edition/entities `numberNotes`
 * from `noteNumberingStart`), so the number in the text, the notes panel and the
 * export always agree and no "Renumber" is needed. The appended steps join the
 * same undo event. A document opened with numbers out of order is left as it is
 * until a note is added or removed (FRUS volumes round-trip exactly); the panel
 * offers to renumber it. Notes that carry no numbers at all stay without: each shows
 * its place in reading order (`shownNumbers`).
 */
import { Plugin, PluginKey, type Transaction } from 'prosemirror-state';
import { ReplaceAroundStep, ReplaceStep } from 'prosemirror-transform';
import type { Node as PMNode } from 'prosemirror-model';
import { Decoration, DecorationSet } from 'prosemirror-view';
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
      const notes = numberNotes(state.doc, { start: noteNumberingStart(state.doc) });
      // Notes that carry no number (a letter's, numbered by their place) are left so: the
      // text and the panel show each its place, and export writes no n.
      if (notes.every((n) => n.current === null)) return null;
      const wrong = notes.filter((n) => n.n !== n.current);
      if (wrong.length === 0) return null;
      const tr = state.tr;
      for (const n of wrong) tr.setNodeAttribute(n.pos, 'n', n.n);
      return tr;
    },
  });
}

/** The notes with no number of their own, each decorated with its place in reading order (`spec.noteNumber`). */
function shownNumbers(doc: PMNode): DecorationSet {
  const found: Decoration[] = [];
  for (const n of numberNotes(doc, { start: noteNumberingStart(doc) })) {
    if (n.current !== null || n.n === null) continue;
    const note = doc.nodeAt(n.pos)!;
    found.push(Decoration.node(n.pos, n.pos + note.nodeSize, {}, { noteNumber: n.n }));
  }
  return DecorationSet.create(doc, found);
}

const shownNumbersKey = new PluginKey<DecorationSet>('noteShownNumbers');

/**
 * The number a note that carries none (most TEI outside FRUS) shows in the text: its
 * place in reading order, as the notes panel lists it; the note's view reads it from
 * its decoration. A CSS counter cannot: the text's top-level blocks are style-contained
 * (editor.css), which scopes a counter to each note, so every such note showed 1.
 */
export function shownNoteNumbers(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: shownNumbersKey,
    state: {
      init: (_config, state) => shownNumbers(state.doc),
      apply: (tr, set) => {
        if (!tr.docChanged) return set;
        // Typing moves the numbers along; a note added, removed or renumbered changes them.
        const plain = tr.steps.every((step) => step instanceof ReplaceStep || step instanceof ReplaceAroundStep);
        return plain && !touchesNotes(tr) ? set.map(tr.mapping, tr.doc) : shownNumbers(tr.doc);
      },
    },
    props: { decorations: (state) => shownNumbersKey.getState(state) },
  });
}

/** The number a note's decorations give it to show, or null. */
export function shownNumberOf(decorations: readonly Decoration[]): string | null {
  for (const d of decorations) {
    const n = (d.spec as { noteNumber?: unknown }).noteNumber;
    if (typeof n === 'string') return n;
  }
  return null;
}
