/**
 * Notes on a span of text. The note node stands right after its span; the
 * span's text carries a `noteSpan` mark naming the note's `id` (edition/schema).
 * Both live in the main document, so one transaction adds them, undo removes
 * them together, and collab sends them as ordinary steps. Text typed inside the
 * span (or at its end, before the note) joins it; deleting the span's text
 * leaves the note anchored at a point. The editor's command that makes one is in
 * ./command.ts, so that what reads notes (the TEI writer) loads no editor state.
 */
import type { Mark, Node as PMNode } from 'prosemirror-model';
import { schema } from '../schema.ts';

/** The span of a note: document positions and its text (the note's lemma). */
export interface NoteSpan {
  from: number;
  to: number;
  text: string;
}

/** The `noteSpan` mark of `node` that belongs to the note `id`, if any. */
export function spanMarkOf(node: PMNode, id: string): Mark | undefined {
  return node.marks.find((m) => m.type === schema.marks.noteSpan && m.attrs['note'] === id);
}

/**
 * The span of the note at `pos`: the run of inline nodes directly before it
 * that carry its mark. Null for a note anchored at a point (no id, or no
 * marked text right before it). RangeError when no note is at `pos`.
 */
export function noteSpanAt(doc: PMNode, pos: number): NoteSpan | null {
  const $pos = doc.resolve(pos);
  const note = $pos.nodeAfter;
  if (note?.type !== schema.nodes.note) throw new RangeError(`No note at position ${pos}`);
  const id = note.attrs['id'] as string | null;
  if (id === null) return null;
  const parent = $pos.parent;
  let index = $pos.index();
  let from = pos;
  while (index > 0) {
    const before = parent.child(index - 1);
    if (spanMarkOf(before, id) === undefined) break;
    from -= before.nodeSize;
    index--;
  }
  if (from === pos) return null;
  return { from, to: pos, text: doc.textBetween(from, pos, ' ', ' ') };
}

/**
 * An id for a new note: random, because a volume's documents are exported into
 * one file where xml:ids must be unique, and no note of `doc` has it already.
 */
export function freshNoteId(doc: PMNode, random: () => number = Math.random): string {
  const used = new Set<string>();
  doc.descendants((node) => {
    const id = node.attrs['id'];
    if (node.type === schema.nodes.note && typeof id === 'string') used.add(id);
    for (const m of node.marks) if (m.type === schema.marks.noteSpan) used.add(String(m.attrs['note']));
    return true;
  });
  for (;;) {
    const id = `note-${random().toString(36).slice(2, 10).padEnd(8, '0')}`;
    if (!used.has(id)) return id;
  }
}
