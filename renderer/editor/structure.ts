/**
 * Commands that turn the text block at the cursor into another structure of the
 * edition schema: heading, paragraph, source note, a numbered list entry
 * (label + item), or a part of a letter's opener or closer (dateline, salute,
 * signed).
 *
 * ProseMirror's `setBlockType` only works where the parent accepts the new type;
 * these commands also move a block into or out of its container (`list`,
 * `opener`, `closer`), so that every structure can be reached from every other
 * one and nothing the user typed is lost on the way.
 */
import { Fragment, type Node, type NodeType, type ResolvedPos } from 'prosemirror-model';
import { TextSelection, type Command, type EditorState, type Transaction } from 'prosemirror-state';
import { schema } from '../../edition/schema.ts';

/** A block that stands on its own in the document. */
export type PlainBlock = 'heading' | 'paragraph' | 'sourceNote';
/** A part that lives inside a container. */
export type LetterPart = 'dateline' | 'salute' | 'signed';

const containers = new Set<NodeType>([schema.nodes.list, schema.nodes.opener, schema.nodes.closer]);

/** The text block at the cursor, with its depth, or null outside one. */
function textblockAt($pos: ResolvedPos): { node: Node; depth: number } | null {
  const node = $pos.parent;
  return node.isTextblock ? { node, depth: $pos.depth } : null;
}

/**
 * What to take out of a container when a block leaves it: a list's label goes
 * together with its item (their texts joined by a space), so that the list left
 * behind stays valid (`(label? item)+`).
 */
function unitAround($pos: ResolvedPos, depth: number): { from: number; to: number; content: Fragment } {
  const container = $pos.node(depth - 1);
  const index = $pos.index(depth - 1);
  const block = container.child(index);
  const start = $pos.before(depth);
  const end = $pos.after(depth);
  if (container.type === schema.nodes.list) {
    if (block.type === schema.nodes.item && index > 0) {
      const label = container.child(index - 1);
      if (label.type === schema.nodes.label) {
        return {
          from: start - label.nodeSize,
          to: end,
          content: joinInline(label, block),
        };
      }
    }
    if (block.type === schema.nodes.label && index + 1 < container.childCount) {
      const item = container.child(index + 1);
      if (item.type === schema.nodes.item) {
        return {
          from: start,
          to: end + item.nodeSize,
          content: joinInline(block, item),
        };
      }
    }
  }
  return { from: start, to: end, content: block.content };
}

function joinInline(a: Node, b: Node): Fragment {
  if (a.content.size === 0) return b.content;
  if (b.content.size === 0) return a.content;
  return a.content.append(Fragment.from(schema.text(' '))).append(b.content);
}

/**
 * Replaces `[unitFrom, unitTo)` inside the container at `depth - 1` with `blocks`,
 * splitting the container around them. Returns the position where the first
 * inserted block starts.
 */
function liftOut(
  tr: Transaction,
  $pos: ResolvedPos,
  depth: number,
  unit: { from: number; to: number },
  blocks: Node[],
): number {
  const container = $pos.node(depth - 1);
  const cStart = $pos.before(depth - 1);
  const cEnd = $pos.after(depth - 1);
  const before: Node[] = [];
  const after: Node[] = [];
  let offset = cStart + 1;
  container.forEach((child) => {
    if (offset + child.nodeSize <= unit.from) before.push(child);
    else if (offset >= unit.to) after.push(child);
    offset += child.nodeSize;
  });
  const parts: Node[] = [];
  if (before.length > 0) parts.push(container.copy(Fragment.fromArray(before)));
  parts.push(...blocks);
  if (after.length > 0) parts.push(container.copy(Fragment.fromArray(after)));
  tr.replaceWith(cStart, cEnd, parts);
  return cStart + (before.length > 0 ? parts[0]!.nodeSize : 0);
}

function placeCursor(tr: Transaction, blockStart: number, offsetInBlock: number): void {
  const pos = Math.min(blockStart + 1 + offsetInBlock, tr.doc.content.size);
  tr.setSelection(TextSelection.near(tr.doc.resolve(pos)));
}

/** Whether the cursor's text block is `type` (for a toolbar's active state). */
export function isBlockActive(state: EditorState, type: NodeType): boolean {
  return state.selection.$from.parent.type === type;
}

/** Turns the text block at the cursor into a heading, paragraph or source note. */
export function setPlainBlock(name: PlainBlock): Command {
  const type = schema.nodes[name];
  return (state, dispatch) => {
    const { $from } = state.selection;
    const tb = textblockAt($from);
    if (!tb) return false;
    if (tb.node.type === type) return false;
    const parent = $from.node(tb.depth - 1);
    const inContainer = containers.has(parent.type);
    if (!inContainer) {
      if (!parent.canReplaceWith($from.index(tb.depth - 1), $from.index(tb.depth - 1) + 1, type)) return false;
      if (dispatch) {
        const start = $from.before(tb.depth);
        dispatch(state.tr.setBlockType(start, start + tb.node.nodeSize, type).scrollIntoView());
      }
      return true;
    }
    const grand = $from.node(tb.depth - 2);
    if (!grand.type.contentMatch.matchType(type) && grand.type !== schema.nodes.doc) return false;
    if (dispatch) {
      const unit = unitAround($from, tb.depth);
      const tr = state.tr;
      const start = liftOut(tr, $from, tb.depth, unit, [type.create(null, unit.content)]);
      placeCursor(tr, start, $from.parentOffset);
      dispatch(tr.scrollIntoView());
    }
    return true;
  };
}

/**
 * Makes the text block at the cursor a part of a letter's opener or closer.
 * Inside an opener or closer it only changes the part's kind; elsewhere the block
 * joins the opener or closer just before it, or gets a new one (an opener for a
 * dateline, a closer for a salute or signature, as in a despatch's ending).
 */
export function setLetterPart(name: LetterPart, preferred?: 'opener' | 'closer'): Command {
  const partType = schema.nodes[name];
  return (state, dispatch) => {
    const { $from } = state.selection;
    const tb = textblockAt($from);
    if (!tb) return false;
    const parent = $from.node(tb.depth - 1);
    const inLetterPart = parent.type === schema.nodes.opener || parent.type === schema.nodes.closer;
    if (inLetterPart && (!preferred || parent.type === schema.nodes[preferred])) {
      if (tb.node.type === partType) return false;
      if (dispatch) {
        const start = $from.before(tb.depth);
        dispatch(state.tr.setNodeMarkup(start, partType).scrollIntoView());
      }
      return true;
    }
    const containerType = schema.nodes[preferred ?? (name === 'dateline' ? 'opener' : 'closer')];
    return wrapInContainer(state, dispatch, tb.depth, containerType, (content) => [partType.create(null, content)]);
  };
}

/**
 * Makes the text block at the cursor an entry of a numbered list. In a list it
 * adds a new entry after the current one, numbered one more than the last
 * label; elsewhere the block becomes an entry of the list just before it, or of a
 * new list.
 */
export function setListEntry(): Command {
  return (state, dispatch) => {
    const { $from } = state.selection;
    const tb = textblockAt($from);
    if (!tb) return false;
    const parent = $from.node(tb.depth - 1);
    if (parent.type === schema.nodes.list) {
      if (dispatch) {
        const index = $from.index(tb.depth - 1);
        let insertIndex = index + 1;
        if (tb.node.type === schema.nodes.label && parent.maybeChild(index + 1)?.type === schema.nodes.item)
          insertIndex++;
        let pos = $from.start(tb.depth - 1);
        for (let i = 0; i < insertIndex; i++) pos += parent.child(i).nodeSize;
        const label = schema.nodes.label.create(null, schema.text(`${countEntries(parent) + 1}.`));
        const tr = state.tr.insert(pos, [label, schema.nodes.item.create()]);
        placeCursor(tr, pos + label.nodeSize, 0);
        dispatch(tr.scrollIntoView());
      }
      return true;
    }
    return wrapInContainer(state, dispatch, tb.depth, schema.nodes.list, (content, previous) => [
      schema.nodes.label.create(null, schema.text(`${(previous ? countEntries(previous) : 0) + 1}.`)),
      schema.nodes.item.create(null, content),
    ]);
  };
}

function countEntries(list: Node): number {
  let n = 0;
  list.forEach((child) => {
    if (child.type === schema.nodes.item) n++;
  });
  return n;
}

/**
 * Puts the text block at `depth` into a container of `containerType`: appended to
 * the same kind of container just before it, or in a new one. A block already in
 * another container leaves it first.
 */
function wrapInContainer(
  state: EditorState,
  dispatch: ((tr: Transaction) => void) | undefined,
  depth: number,
  containerType: NodeType,
  parts: (content: Fragment, previous: Node | null) => Node[],
): boolean {
  const { $from } = state.selection;
  const parent = $from.node(depth - 1);
  const inContainer = containers.has(parent.type);
  const blockDepth = inContainer ? depth - 1 : depth;
  const host = $from.node(blockDepth - 1);
  if (!host.type.contentMatch.matchType(containerType) && host.type !== schema.nodes.doc) return false;
  if (!dispatch) return true;

  const tr = state.tr;
  const unit = inContainer
    ? unitAround($from, depth)
    : {
        from: $from.before(depth),
        to: $from.after(depth),
        content: $from.parent.content,
      };
  // Where the block will sit once out of any container, and what precedes it there.
  let blockStart: number;
  if (inContainer) {
    blockStart = liftOut(tr, $from, depth, unit, [schema.nodes.paragraph.create(null, unit.content)]);
  } else {
    blockStart = unit.from;
  }
  const $block = tr.doc.resolve(blockStart);
  const block = $block.nodeAfter!;
  const previous = $block.nodeBefore;
  if (previous && previous.type === containerType) {
    const added = parts(unit.content, previous);
    const merged = containerType.create(previous.attrs, previous.content.append(Fragment.fromArray(added)));
    const prevStart = blockStart - previous.nodeSize;
    tr.replaceWith(prevStart, blockStart + block.nodeSize, merged);
    const lastPart = added[added.length - 1]!;
    placeCursor(tr, prevStart + 1 + merged.content.size - lastPart.nodeSize, $from.parentOffset);
  } else {
    const created = parts(unit.content, null);
    tr.replaceWith(blockStart, blockStart + block.nodeSize, containerType.create(null, created));
    const lastPart = created[created.length - 1]!;
    const containerSize = created.reduce((s, n) => s + n.nodeSize, 0);
    placeCursor(tr, blockStart + 1 + containerSize - lastPart.nodeSize, $from.parentOffset);
  }
  dispatch(tr.scrollIntoView());
  return true;
}
