/**
 * Commands that insert inline structures at the cursor: page break, line break
 * and note. Marks (italic, bold, small caps, superscript) use ProseMirror's
 * `toggleMark` directly.
 */
import type { Command } from 'prosemirror-state';
import { NodeSelection, TextSelection } from 'prosemirror-state';
import type { Node } from 'prosemirror-model';
import { schema } from '../../edition/schema.ts';

/** Where a printed page (or facsimile page) begins: its number and image. */
export interface PageBreakAttrs {
  n: string | null;
  facs: string | null;
}

/** Inserts a page break with the given number and facsimile at the cursor. */
export function insertPageBreak(attrs: PageBreakAttrs): Command {
  return (state, dispatch) => {
    const type = schema.nodes.pageBreak;
    const { $from } = state.selection;
    if (!$from.parent.canReplaceWith($from.index(), $from.index(), type)) return false;
    if (dispatch) {
      const clean = { n: blankToNull(attrs.n), facs: blankToNull(attrs.facs) };
      dispatch(state.tr.replaceSelectionWith(type.create(clean)).scrollIntoView());
    }
    return true;
  };
}

/** Changes the number and facsimile of the page break at `pos`. */
export function changePageBreak(pos: number, attrs: PageBreakAttrs): Command {
  return (state, dispatch) => {
    const node = state.doc.nodeAt(pos);
    if (node?.type !== schema.nodes.pageBreak) return false;
    if (dispatch) {
      const clean = { ...node.attrs, n: blankToNull(attrs.n), facs: blankToNull(attrs.facs) };
      dispatch(state.tr.setNodeMarkup(pos, null, clean));
    }
    return true;
  };
}

/** Whether a page break fits at the cursor (to enable its button before asking n and facs). */
export const canInsertPageBreak: Command = (state) => {
  const { $from } = state.selection;
  return $from.parent.canReplaceWith($from.index(), $from.index(), schema.nodes.pageBreak);
};

/** Inserts a line break (`<lb/>`) at the cursor. */
export const insertLineBreak: Command = (state, dispatch) => {
  const type = schema.nodes.lineBreak;
  const { $from } = state.selection;
  if (!$from.parent.canReplaceWith($from.index(), $from.index(), type)) return false;
  if (dispatch) dispatch(state.tr.replaceSelectionWith(type.create()).scrollIntoView());
  return true;
};

/**
 * Inserts a note at the cursor, holding the selected text if any (else empty),
 * and selects it so that its editor opens.
 */
export const insertNote: Command = (state, dispatch) => {
  const type = schema.nodes.note;
  const { $from, from, to, empty } = state.selection;
  if (!$from.parent.canReplaceWith($from.index(), $from.index(), type)) return false;
  if (dispatch) {
    const text = empty ? null : state.doc.textBetween(from, to, ' ');
    const run = schema.nodes.teiText.create({ name: null }, text ? schema.text(text) : null);
    const note = type.create(null, run);
    const tr = state.tr.replaceSelectionWith(note);
    const at = tr.mapping.map(from, -1);
    const $at = tr.doc.resolve(at);
    if ($at.nodeAfter?.type === type) tr.setSelection(NodeSelection.create(tr.doc, at));
    else tr.setSelection(TextSelection.near($at));
    dispatch(tr.scrollIntoView());
  }
  return true;
};

/** "069" + 1 → "070", keeping the width; null when `n` is not a number. */
function increment(n: string): string | null {
  if (!/^\d+$/.test(n)) return null;
  return String(Number(n) + 1).padStart(n.length, '0');
}

/**
 * What the page-break dialog proposes at `pos`: the page after the nearest page
 * break before it (70 after [Page 69]), and its facsimile with the last number in
 * the name moved on likewise (`page-069.png` → `page-070.png`). Before the first
 * numbered break, the page before the next one; nothing when no break says.
 */
export function proposedPageBreak(doc: Node, pos: number): PageBreakAttrs {
  let before: Node | null = null;
  let after: Node | null = null;
  doc.descendants((node, at) => {
    if (node.type !== schema.nodes.pageBreak || node.attrs['n'] === null) return true;
    if (at < pos) before = node;
    else if (after === null) after = node;
    return false;
  });
  const prev = before as Node | null;
  const next = after as Node | null;
  if (prev) {
    const facs = prev.attrs['facs'] as string | null;
    const moved = facs?.replace(/(\d+)(?=\D*$)/, (d) => increment(d) ?? d) ?? null;
    return { n: increment(String(prev.attrs['n'])), facs: moved !== facs ? moved : null };
  }
  const n = next ? Number(next.attrs['n']) : NaN;
  return { n: Number.isInteger(n) && n > 1 ? String(n - 1) : null, facs: null };
}

function blankToNull(v: string | null): string | null {
  if (v === null) return null;
  const t = v.trim();
  return t === '' ? null : t;
}
