/**
 * Mentions in the editor, as ProseMirror commands: mark a selection as a
 * mention, find the mentions under a position (nested ones too), re-link one to
 * another register entry or unmark it (the text stays). No Solid here; the
 * popup and the register call these.
 *
 * A mention's extent is the run of adjacent inline nodes in one textblock that
 * carry an equal mark, as edition/entities reads it; so italic inside a name or
 * a nested mention does not split it.
 */
import type { Mark, Node as PMNode } from 'prosemirror-model';
import type { Command, EditorState } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { DateValue } from '../../edition/entities/index.ts';
import { schema } from '../../edition/schema.ts';

/** One mention mark and the stretch of text it covers. */
export interface MentionRange {
  from: number;
  to: number;
  mark: Mark;
}

/** What the marking popup is asked: mark `from`–`to` as `kind`, or re-link/re-date an existing mention. */
export interface MentionRequest {
  view: EditorView;
  kind: string;
  from: number;
  to: number;
  /** The mention being changed (re-link, or a date's value corrected), if any. */
  existing?: MentionRange;
}

/** The attributes a new or changed mention gets (the others keep their defaults). */
export interface MentionValue {
  kind: string;
  ref: string | null;
  date?: DateValue | null;
}

const DATE_ATTRS = ['when', 'from', 'to', 'notBefore', 'notAfter'] as const;

function mentionAttrs(value: MentionValue, base: Record<string, unknown> = {}): Record<string, unknown> {
  const attrs: Record<string, unknown> = {
    ...base,
    kind: value.kind,
    ref: value.ref,
  };
  if (value.date !== undefined) {
    const date = (value.date ?? {}) as Record<string, string | undefined>;
    for (const key of DATE_ATTRS) attrs[key] = date[key] ?? null;
  }
  return attrs;
}

/** The selection as a range to mark, or null when it is empty or spans blocks. */
export function markableRange(state: EditorState): { from: number; to: number } | null {
  const { from, to, empty, $from, $to } = state.selection;
  if (empty || !$from.sameParent($to) || !$from.parent.inlineContent) return null;
  if (state.doc.textBetween(from, to).trim() === '') return null;
  // Spaces picked up by a double-click or a drag are not part of a name.
  const text = state.doc.textBetween(from, to, '\ufffc', '\ufffc');
  const lead = text.length - text.trimStart().length;
  const trail = text.length - text.trimEnd().length;
  return { from: from + lead, to: to - trail };
}

/** Marks `from`–`to` as a mention. Nested inside another mention, both stay. */
export function markMention(from: number, to: number, value: MentionValue): Command {
  return (state, dispatch) => {
    if (from >= to || to > state.doc.content.size) return false;
    if (dispatch) {
      const mark = schema.marks.mention.create(mentionAttrs(value));
      dispatch(state.tr.addMark(from, to, mark).scrollIntoView());
    }
    return true;
  };
}

/** Removes one mention; its text and any mention nested in or around it stay. */
export function unmarkMention(range: MentionRange): Command {
  return (state, dispatch) => {
    if (dispatch) dispatch(state.tr.removeMark(range.from, range.to, range.mark));
    return true;
  };
}

/** Points a mention at another entry, or gives a date another value; its other attributes stay. */
export function changeMention(range: MentionRange, value: MentionValue): Command {
  return (state, dispatch) => {
    if (dispatch) {
      const mark = schema.marks.mention.create(mentionAttrs(value, range.mark.attrs));
      dispatch(state.tr.removeMark(range.from, range.to, range.mark).addMark(range.from, range.to, mark));
    }
    return true;
  };
}

function extent(parent: PMNode, parentStart: number, index: number, mark: Mark): { from: number; to: number } {
  let start = index;
  while (start > 0 && mark.isInSet(parent.child(start - 1).marks)) start--;
  let end = index + 1;
  while (end < parent.childCount && mark.isInSet(parent.child(end).marks)) end++;
  let from = parentStart;
  for (let i = 0; i < start; i++) from += parent.child(i).nodeSize;
  let to = from;
  for (let i = start; i < end; i++) to += parent.child(i).nodeSize;
  return { from, to };
}

/**
 * The mentions covering the inline node at `pos` (the one after it, else the
 * one before), outermost first.
 */
export function mentionsAt(doc: PMNode, pos: number): MentionRange[] {
  const $pos = doc.resolve(Math.max(0, Math.min(pos, doc.content.size)));
  const parent = $pos.parent;
  if (!parent.inlineContent || parent.childCount === 0) return [];
  const after = $pos.index() < parent.childCount ? $pos.index() : -1;
  const candidates = [after, $pos.index() - 1].filter((i) => i >= 0 && i < parent.childCount);
  for (const index of candidates) {
    const node = parent.child(index);
    const found = node.marks
      .filter((m) => m.type === schema.marks.mention)
      .map((mark) => ({ ...extent(parent, $pos.start(), index, mark), mark }));
    if (found.length > 0) return found.sort((a, b) => b.to - b.from - (a.to - a.from));
    // Only look before the position when it sits at the end of a mention.
    if ($pos.textOffset > 0) break;
  }
  return [];
}

/** The mentions at the selection: under the cursor, or covering the selected text. */
export function mentionsAtSelection(state: EditorState): MentionRange[] {
  const { from, to } = state.selection;
  const here = mentionsAt(state.doc, from);
  return here.filter((m) => m.from <= from && m.to >= to);
}

/** The text of a range, with a note or break inside it as one space. */
export function rangeText(doc: PMNode, from: number, to: number): string {
  return doc.textBetween(from, to, ' ', ' ').replace(/\s+/g, ' ').trim();
}
