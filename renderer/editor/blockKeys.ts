/**
 * Enter, Backspace, Delete and Tab inside every block type, as in a word
 * processor, without ever making a block that TEI does not allow where it lands.
 *
 * ProseMirror's `splitBlock` gives the new block the first type the parent
 * accepts, which in this schema is a heading: Enter at the end of a paragraph
 * made a `<head>` after `<p>`, invalid in TEI. Here the next block's type is
 * chosen per block type instead:
 *
 * - paragraph, source note, heading: a paragraph follows (a block split in the
 *   middle keeps its type on both sides, as a word processor keeps a style);
 * - list: Enter in a label goes to its item; in an item it starts the next
 *   numbered entry (label one more than the last number), and on an empty item it
 *   leaves the list for a paragraph after it; Backspace at the start of an entry
 *   takes it out of the list; Tab and Shift-Tab move between labels and items;
 * - opener and closer: a dateline is followed by a salute, a salute in an opener
 *   by the letter's first paragraph and in a closer by a signature, a signature by
 *   another; an empty last part of an opener leaves it for a paragraph (nothing may
 *   follow a closer in TEI but more of the closer, so there it stays); Backspace at
 *   the start of a first part makes it a paragraph before its container;
 * - a bare run of mixed content (a note's text) splits into paragraphs; any other
 *   element Siglum does not model splits into two of itself.
 *
 * A split copies the block's XML attributes except `xml:id`, which must stay unique.
 */
import { chainCommands, deleteSelection, joinBackward, joinForward, selectNodeBackward } from 'prosemirror-commands';
import { selectNodeForward } from 'prosemirror-commands';
import { Fragment, type Node, type NodeType, type ResolvedPos } from 'prosemirror-model';
import { NodeSelection, TextSelection, type Command, type Transaction } from 'prosemirror-state';
import type { XmlAttrs } from '../../edition/schema.ts';
import { schema } from '../../edition/schema.ts';

const n = schema.nodes;

/** The block's attributes for a copy of it: the same, with `xml:id` dropped. */
function copyAttrs(node: Node): Record<string, unknown> {
  const xml = (node.attrs['xml'] as XmlAttrs).filter(([name]) => name !== 'xml:id');
  return { ...node.attrs, xml };
}

/** A list label that is only a number ("3.", "(iv)"), which an entry's removal takes with it. */
function isNumbering(label: Node): boolean {
  return /^\s*\(?[0-9ivxlcdm]+[.)]?\s*$/i.test(label.textContent);
}

/** The label of the next entry after `label`'s text: "3." → "4.", else one more than the entries. */
function nextLabel(list: Node, upTo: number): string {
  let last: Node | null = null;
  let entries = 0;
  for (let i = 0; i <= upTo && i < list.childCount; i++) {
    const child = list.child(i);
    if (child.type === n.label) last = child;
    else entries++;
  }
  const m = last ? /^(\s*\(?)(\d+)([.)]?\s*)$/.exec(last.textContent) : null;
  if (m) return `${m[1]}${Number(m[2]) + 1}${m[3]}`;
  return `${entries + 1}.`;
}

/** Replaces the container at `depth` (around `$pos`) by its children before `from`, `middle`, and those from `to`. */
function splitContainer(tr: Transaction, $pos: ResolvedPos, depth: number, from: number, to: number, middle: Node[]) {
  const container = $pos.node(depth);
  const before: Node[] = [];
  const after: Node[] = [];
  container.forEach((child, _offset, index) => {
    if (index < from) before.push(child);
    else if (index >= to) after.push(child);
  });
  const parts: Node[] = [];
  if (before.length > 0) parts.push(container.copy(Fragment.fromArray(before)));
  const middleAt = $pos.before(depth) + parts.reduce((s, p) => s + p.nodeSize, 0);
  parts.push(...middle);
  if (after.length > 0) parts.push(container.copy(Fragment.fromArray(after)));
  tr.replaceWith($pos.before(depth), $pos.after(depth), parts);
  return middleAt;
}

/** Whether `type` may stand at `index` of `parent` in place of `count` children. */
function fits(parent: Node, index: number, count: number, types: NodeType[]): boolean {
  return parent.canReplace(index, index + count, Fragment.fromArray(types.map((t) => t.createAndFill()!)));
}

/**
 * Takes the list entry (label and item) at the cursor out of its list as a
 * paragraph holding its text (a label that is only a number is dropped),
 * splitting the list around it.
 */
function leaveList(tr: Transaction, $pos: ResolvedPos): boolean {
  const depth = $pos.depth - 1;
  const list = $pos.node(depth);
  const host = $pos.node(depth - 1);
  if (!fits(host, $pos.index(depth - 1), 1, [n.paragraph])) return false;
  let first = $pos.index(depth);
  let last = first;
  const block = list.child(first);
  if (block.type === n.item && first > 0 && list.child(first - 1).type === n.label) first--;
  if (block.type === n.label && list.maybeChild(first + 1)?.type === n.item) last++;
  const label = list.child(first).type === n.label ? list.child(first) : null;
  const item = list.child(last);
  let content = item.type === n.item ? item.content : Fragment.empty;
  if (label && !isNumbering(label) && label.content.size > 0) {
    content = content.size > 0 ? label.content.append(Fragment.from(schema.text(' '))).append(content) : label.content;
  }
  const at = splitContainer(tr, $pos, depth, first, last + 1, [n.paragraph.create(null, content)]);
  tr.setSelection(TextSelection.create(tr.doc, at + 1));
  return true;
}

/** Takes the part of an opener or closer at the cursor out, as a paragraph before or after its container. */
function leaveLetter(tr: Transaction, $pos: ResolvedPos): boolean {
  const depth = $pos.depth - 1;
  const host = $pos.node(depth - 1);
  if (!fits(host, $pos.index(depth - 1), 1, [n.paragraph])) return false;
  const index = $pos.index(depth);
  const at = splitContainer(tr, $pos, depth, index, index + 1, [n.paragraph.create(null, $pos.parent.content)]);
  tr.setSelection(TextSelection.create(tr.doc, at + 1));
  return true;
}

/** What follows a letter part when Enter is pressed at its end: a part's type, or 'leave' for a paragraph after. */
function nextLetterPart(part: NodeType, container: NodeType, isLast: boolean): NodeType | 'leave' {
  if (part === n.dateline) return n.salute;
  if (part === n.salute) return container === n.opener ? (isLast ? 'leave' : n.salute) : n.signed;
  return part;
}

/** Splits the text block at `$pos`, the second half of type `type` (its attributes copied when the type is the same). */
function splitAs(tr: Transaction, $pos: ResolvedPos, type: NodeType): boolean {
  const block = $pos.parent;
  const attrs = type === block.type ? copyAttrs(block) : null;
  const host = $pos.node($pos.depth - 1);
  const index = $pos.index($pos.depth - 1);
  if (!host.canReplace(index + 1, index + 1, Fragment.from(type.create(attrs)))) return false;
  tr.split($pos.pos, 1, [{ type, attrs }]);
  return true;
}

/** Inserts an empty block of `type` after the text block at `$pos` and puts the cursor in it. */
function blockAfter(tr: Transaction, $pos: ResolvedPos, type: NodeType, depth = $pos.depth): boolean {
  const host = $pos.node(depth - 1);
  const index = $pos.index(depth - 1);
  const created = type.createAndFill();
  if (!created || !host.canReplace(index + 1, index + 1, Fragment.from(created))) return false;
  const at = $pos.after(depth);
  tr.insert(at, created);
  tr.setSelection(TextSelection.create(tr.doc, at + 1));
  return true;
}

/** Enter in the text block at `$pos` (the selection already deleted). */
function enterAt(tr: Transaction, $pos: ResolvedPos): boolean {
  const block = $pos.parent;
  if (!block.isTextblock || $pos.depth === 0) return false;
  const depth = $pos.depth;
  const container = $pos.node(depth - 1);
  const index = $pos.index(depth - 1);
  const atEnd = $pos.parentOffset === block.content.size;
  const type = block.type;

  if (type === n.label) {
    // A label is followed by its item: go there.
    const next = container.maybeChild(index + 1);
    if (next?.type !== n.item) return false;
    tr.setSelection(TextSelection.create(tr.doc, $pos.after(depth) + 1));
    return true;
  }
  if (type === n.item) {
    if (block.content.size === 0) return leaveList(tr, $pos);
    const rest = block.content.cut($pos.parentOffset);
    const label = n.label.create(null, schema.text(nextLabel(container, index)));
    const entry = [label, n.item.create(copyAttrs(block), rest)];
    tr.delete($pos.pos, $pos.end(depth));
    const at = tr.mapping.map($pos.after(depth));
    tr.insert(at, entry);
    tr.setSelection(TextSelection.create(tr.doc, at + label.nodeSize + 1));
    return true;
  }
  if (container.type === n.opener || container.type === n.closer) {
    const isLast = index === container.childCount - 1;
    if (block.content.size === 0) {
      // An empty last part of an opener leaves it; a closer ends the text, so its parts stay in it.
      if (isLast && container.type === n.opener) return leaveLetter(tr, $pos);
      return false;
    }
    if (!atEnd) return splitAs(tr, $pos, type);
    const next = nextLetterPart(type, container.type, isLast);
    if (next === 'leave') return blockAfter(tr, $pos, n.paragraph, depth - 1) || blockAfter(tr, $pos, n.salute);
    return blockAfter(tr, $pos, next);
  }
  if (type === n.teiText && block.attrs['name'] === null) {
    // A bare run of mixed content (a note's text): its two halves become paragraphs.
    if (!fits(container, index, 1, [n.paragraph, n.paragraph])) return false;
    const start = $pos.before(depth);
    tr.setNodeMarkup(start, n.paragraph, { xml: [] });
    return splitAs(tr, tr.doc.resolve(tr.mapping.map($pos.pos)), n.paragraph);
  }
  if (atEnd && (type === n.paragraph || type === n.heading || type === n.sourceNote)) {
    return splitAs(tr, $pos, n.paragraph) || splitAs(tr, $pos, type);
  }
  return splitAs(tr, $pos, type);
}

/**
 * Enter: splits the block at the cursor into the block type that should follow
 * it there (see the module comment). Handles every case, so ProseMirror's own
 * Enter, which would make a heading, never runs; where nothing sensible applies
 * it does nothing.
 */
export const enter: Command = (state, dispatch) => {
  const sel = state.selection;
  const tr = state.tr;
  if (sel instanceof NodeSelection) {
    if (sel.node.isBlock) {
      // A selected block (a list, an unmodelled element): a paragraph after it.
      const $end = state.doc.resolve(sel.to);
      const host = $end.parent;
      if (!fits(host, $end.index(), 0, [n.paragraph])) return true;
      if (dispatch) {
        tr.insert(sel.to, n.paragraph.create());
        tr.setSelection(TextSelection.create(tr.doc, sel.to + 1));
        dispatch(tr.scrollIntoView());
      }
      return true;
    }
    // A selected page break or note: Enter goes on after it, the node stays.
    tr.setSelection(TextSelection.create(state.doc, sel.to));
  } else if (!sel.empty) {
    tr.deleteSelection();
  }
  if (!enterAt(tr, tr.selection.$from)) return true;
  try {
    tr.doc.check();
  } catch {
    return true;
  }
  dispatch?.(tr.scrollIntoView());
  return true;
};

/** The cursor, when it is at the start of its text block and nothing is selected. */
function cursorAtStart(state: Parameters<Command>[0]): ResolvedPos | null {
  const sel = state.selection;
  if (!(sel instanceof TextSelection) || !sel.empty) return null;
  return sel.$from.parentOffset === 0 ? sel.$from : null;
}

/**
 * Backspace at the start of a list entry takes it out of the list, and at the
 * start of the first part of an opener or closer makes it a paragraph before
 * its container, as a word processor removes numbering or a style first.
 */
export const backspaceAtStart: Command = (state, dispatch) => {
  const $pos = cursorAtStart(state);
  if (!$pos || $pos.depth < 2) return false;
  const container = $pos.node($pos.depth - 1);
  const index = $pos.index($pos.depth - 1);
  const tr = state.tr;
  if (container.type === n.list) {
    // In an item after its label, or in the label itself: the whole entry leaves.
    if ($pos.parent.type === n.item && index > 0 && container.child(index - 1).type === n.label) {
      if (!leaveList(tr, $pos)) return false;
    } else if ($pos.parent.type === n.label || index === 0) {
      if (!leaveList(tr, $pos)) return false;
    } else return false;
  } else if ((container.type === n.opener || container.type === n.closer) && index === 0) {
    if (!leaveLetter(tr, $pos)) return false;
  } else return false;
  dispatch?.(tr.scrollIntoView());
  return true;
};

/** Tab and Shift-Tab in a list: from label to item to the next label, and back. Elsewhere focus moves on. */
export function moveInList(dir: 1 | -1): Command {
  return (state, dispatch) => {
    const { $from } = state.selection;
    if ($from.depth < 2) return false;
    const list = $from.node($from.depth - 1);
    if (list.type !== n.list) return false;
    const index = $from.index($from.depth - 1);
    const target = index + dir;
    if (target < 0 || target >= list.childCount) return false;
    if (dispatch) {
      let pos = $from.start($from.depth - 1);
      for (let i = 0; i < target; i++) pos += list.child(i).nodeSize;
      const node = list.child(target);
      dispatch(state.tr.setSelection(TextSelection.create(state.doc, pos + 1, pos + 1 + node.content.size)));
    }
    return true;
  };
}

/** The keys of this module, to be bound before ProseMirror's base keymap. */
export function blockKeymap(): Record<string, Command> {
  return {
    Enter: enter,
    Backspace: chainCommands(deleteSelection, backspaceAtStart, joinBackward, selectNodeBackward),
    Delete: chainCommands(deleteSelection, joinForward, selectNodeForward),
    Tab: moveInList(1),
    'Shift-Tab': moveInList(-1),
  };
}
