/**
 * Text typed into a run that holds only breaks between blocks (a letter's `<pb n="1"/>`
 * before its opener: a `teiText` with no name, whose content the exporter writes straight
 * into the `<div>`) goes into a paragraph of its own, rather than staying in the run, where
 * it would stand as bare text in the div, which TEI does not allow. The paragraph comes
 * before the run when the text was typed at the run's start, else after it; an empty run
 * becomes the paragraph. Runs that held text already (mixed content) are left as they are.
 *
 * Done after the typing (an appended transaction, in the same undo step) rather than in
 * `handleTextInput`, which Chromium's typing before an uneditable page-break marker does
 * not reach.
 */
import type { Node as PMNode } from 'prosemirror-model';
import { Plugin, TextSelection, type EditorState, type Transaction } from 'prosemirror-state';
import { schema } from '../../edition/schema.ts';

/** True for a run with no name that holds no text: breaks, comments and the like only. */
function isLayoutRun(node: PMNode): boolean {
  if (node.type !== schema.nodes.teiText || node.attrs['name'] !== null) return false;
  let text = false;
  node.forEach((child) => {
    if (child.isText) text = true;
  });
  return !text;
}

/**
 * The transaction that moves text just typed into a layout run (`before`, the state the
 * typing, `transactions`, started from, had the cursor in one) into a paragraph of its own;
 * null where there is none to move.
 */
export function textOutOfLayoutRun(
  before: EditorState,
  after: EditorState,
  transactions: readonly Transaction[],
): Transaction | null {
  const was = before.selection.$head;
  const { $head, empty } = after.selection;
  if (!empty || $head.depth < 1 || was.depth < 1 || !isLayoutRun(was.parent)) return null;
  const run = $head.parent;
  if (run.type !== schema.nodes.teiText || run.attrs['name'] !== null) return null;
  const container = $head.node($head.depth - 1);
  const index = $head.index($head.depth - 1);
  if (container.type === schema.nodes.note) return null;
  // The same run, with the same breaks, and new text in one piece among them.
  const start = $head.before();
  if (transactions.reduce((pos, tr) => tr.mapping.map(pos), was.before()) !== start) return null;
  const texts: PMNode[] = [];
  const others: PMNode[] = [];
  let first = -1;
  let last = -1;
  let offset = -1;
  run.forEach((child, at, index) => {
    if (!child.isText) return others.push(child);
    if (first < 0) [first, offset] = [index, at];
    last = index;
    texts.push(child);
  });
  if (texts.length === 0 || last - first + 1 !== texts.length || others.length !== was.parent.childCount) return null;
  if (others.some((c, i) => !c.eq(was.parent.child(i)))) return null;
  // Where a paragraph may stand (not in an opener, whose parts are letter parts).
  const place = others.length === 0 ? [index, index + 1] : first === 0 ? [index, index] : [index + 1, index + 1];
  if (!container.canReplaceWith(place[0]!, place[1]!, schema.nodes.paragraph)) return null;

  const from = start + 1 + offset;
  const size = texts.reduce((n, t) => n + t.nodeSize, 0);
  const caret = $head.pos - from;
  const paragraph = schema.nodes.paragraph.create({ spaceBefore: run.attrs['spaceBefore'] as string | null }, texts);
  const tr = after.tr.delete(from, from + size);
  let at: number;
  if (others.length === 0) {
    at = start;
    tr.replaceWith(
      start,
      start + run.nodeSize - size,
      paragraph.type.create({ ...paragraph.attrs, spaceAfter: run.attrs['spaceAfter'] }, paragraph.content),
    );
  } else {
    at = first === 0 ? start : start + run.nodeSize - size;
    tr.insert(at, paragraph);
  }
  return tr.setSelection(TextSelection.create(tr.doc, at + 1 + caret)).scrollIntoView();
}

/** The plugin that moves text typed into a layout run into a paragraph of its own. */
export function layoutRuns(): Plugin {
  return new Plugin({
    appendTransaction(transactions, before, after) {
      if (!transactions.some((tr) => tr.docChanged)) return null;
      // Steps from the other editors, undo or redo, and text still being composed (an
      // accent from a dead key, an input method) are taken as they are.
      const asIs = (tr: Transaction) => tr.getMeta('collab$') || tr.getMeta('history$') || tr.getMeta('composition');
      if (transactions.some(asIs)) return null;
      return textOutOfLayoutRun(before, after, transactions);
    },
  });
}
