/**
 * The elements at the selection whose attributes the attribute panel shows, and
 * the transactions that change them. ProseMirror only: a node's attribute is an
 * AttrStep, a mark's is the mark removed and added again with new attributes over
 * its whole extent, so every change is undone, saved and shared like typing.
 */
import type { Mark, Node as PMNode } from 'prosemirror-model';
import { NodeSelection, type EditorState, type Transaction } from 'prosemirror-state';
import { elementOf, hasAttributes, isFixed, modelledAttr, withXmlAttr, xmlOf } from '../../edition/attributes/index.ts';

/** A node (at `pos`) or a mark (over `from`..`to`) whose attributes can be shown. */
export type AttrTarget =
  | { kind: 'node'; node: PMNode; pos: number; element: string }
  | { kind: 'mark'; mark: Mark; from: number; to: number; element: string };

/** The node or mark of a target. */
export function itemOf(target: AttrTarget): PMNode | Mark {
  return target.kind === 'node' ? target.node : target.mark;
}

/** The run of `parent`'s children around child `index` that carry `mark`, as document positions. */
function markExtent(parent: PMNode, start: number, index: number, mark: Mark): { from: number; to: number } {
  let first = index;
  let last = index;
  while (first > 0 && mark.isInSet(parent.child(first - 1).marks)) first--;
  while (last < parent.childCount - 1 && mark.isInSet(parent.child(last + 1).marks)) last++;
  let from = start;
  for (let i = 0; i < first; i++) from += parent.child(i).nodeSize;
  let to = from;
  for (let i = first; i <= last; i++) to += parent.child(i).nodeSize;
  return { from, to };
}

/**
 * What is at the selection, innermost first: the marks on the text at the caret
 * (the text after it, and before it when the selection is empty), a selected inline
 * node (a note, a page break, an unmodelled empty element), then the blocks that
 * hold the caret. Only elements that TEI export writes and that carry attributes.
 */
export function targetsAt(state: EditorState): AttrTarget[] {
  const { selection } = state;
  const $from = selection.$from;
  const out: AttrTarget[] = [];
  const parent = $from.parent;
  const start = $from.start();
  if (parent.inlineContent) {
    const seen: Mark[] = [];
    const indexAfter = $from.index();
    const candidates: number[] = [];
    if (indexAfter < parent.childCount) candidates.push(indexAfter);
    if (selection.empty && $from.textOffset === 0 && indexAfter > 0) candidates.push(indexAfter - 1);
    for (const index of candidates) {
      const child = parent.child(index);
      if (selection instanceof NodeSelection && child === selection.node) continue;
      for (const mark of child.marks) {
        if (seen.some((m) => m.eq(mark))) continue;
        seen.push(mark);
        const element = elementOf(mark);
        if (element === null || !hasAttributes(mark)) continue;
        out.push({ kind: 'mark', mark, element, ...markExtent(parent, start, index, mark) });
      }
    }
  }
  if (selection instanceof NodeSelection) {
    const element = elementOf(selection.node);
    if (element !== null && hasAttributes(selection.node))
      out.unshift({ kind: 'node', node: selection.node, pos: selection.from, element });
  }
  for (let depth = $from.depth; depth > 0; depth--) {
    const node = $from.node(depth);
    const element = elementOf(node);
    if (element !== null && hasAttributes(node)) out.push({ kind: 'node', node, pos: $from.before(depth), element });
  }
  return out;
}

/**
 * Sets TEI attribute `name` of the target to `value` (null removes it): the
 * schema's own attribute where it models it, else the kept `xml` list. Null when
 * the type fixes the attribute (an italic's rend) and it cannot change here.
 */
export function setAttribute(
  state: EditorState,
  target: AttrTarget,
  name: string,
  value: string | null,
): Transaction | null {
  const item = itemOf(target);
  const typeName = item.type.name;
  if (isFixed(typeName, name)) return null;
  const attr = modelledAttr(typeName, name);
  const changes: Record<string, unknown> =
    attr !== null ? { [attr]: value } : { xml: withXmlAttr(xmlOf(item), name, value) };
  const tr = state.tr;
  if (target.kind === 'node') {
    for (const [key, v] of Object.entries(changes)) tr.setNodeAttribute(target.pos, key, v);
  } else {
    const mark = target.mark.type.create({ ...target.mark.attrs, ...changes });
    tr.removeMark(target.from, target.to, target.mark).addMark(target.from, target.to, mark);
  }
  return tr;
}
