/**
 * The text side of transcribing against a page, in ProseMirror terms only: where the
 * page break of a surface is, the line the caret is on (the text after a line break,
 * TEI's `<lb/>` starting a line), stepping from line to line, and starting the next
 * line linked to the next line zone of the page. No Solid, no viewer: tests drive
 * these with documents alone.
 */
import type { Node as PMNode } from 'prosemirror-model';
import type { EditorState, Selection, Transaction } from 'prosemirror-state';
import type { Surface } from '../../edition/facsimile/api.ts';
import { facsIds, facsOf, zoneAt } from '../../edition/facsimile/links.ts';
import { schema } from '../../edition/schema.ts';

/** The position of the first page break whose `facs` names `surfaceId`, or null. */
export function pageBreakOf(doc: PMNode, surfaceId: string): number | null {
  let found: number | null = null;
  doc.descendants((node, pos) => {
    if (found !== null) return false;
    if (node.type === schema.nodes.pageBreak && facsIds(facsOf(node)).includes(surfaceId)) found = pos;
    return true;
  });
  return found;
}

/** The positions of every line break of the document, in order. */
export function lineBreaks(doc: PMNode): number[] {
  const out: number[] = [];
  doc.descendants((node, pos) => {
    if (node.type === schema.nodes.lineBreak) out.push(pos);
    return !node.isInline;
  });
  return out;
}

/** The line break that starts the line `pos` is on (the last one before it in its textblock), or null. */
export function lineBreakBefore(doc: PMNode, pos: number): number | null {
  const $pos = doc.resolve(pos);
  if (!$pos.parent.isTextblock) return null;
  const start = $pos.start();
  let found: number | null = null;
  $pos.parent.forEach((child, offset) => {
    if (child.type === schema.nodes.lineBreak && start + offset < pos) found = start + offset;
  });
  return found;
}

/**
 * Where the caret goes to step one line down (+1) or up (-1): just after the next line
 * break, or after the one that starts the previous line. Null at the first or last line.
 */
export function stepLine(doc: PMNode, pos: number, direction: 1 | -1): number | null {
  const breaks = lineBreaks(doc);
  if (direction > 0) {
    const next = breaks.find((b) => b >= pos);
    return next === undefined ? null : next + 1;
  }
  // The line the caret is on starts after its block's last break before it, or at the block's start.
  const $pos = doc.resolve(pos);
  const lineStart = lineBreakBefore(doc, pos) ?? ($pos.parent.isTextblock ? $pos.start() : pos);
  const previous = breaks.filter((b) => b < lineStart).pop();
  return previous === undefined ? null : previous + 1;
}

/** Whether an empty selection sits at the end of its line: before a line or page break, or the block's end. */
export function atLineEnd(state: EditorState): boolean {
  const { selection } = state;
  if (!selection.empty) return false;
  const $pos = selection.$head;
  if (!$pos.parent.isTextblock) return false;
  const after = $pos.nodeAfter;
  return after === null || after.type === schema.nodes.lineBreak || after.type === schema.nodes.pageBreak;
}

/** The zone ids line breaks point at, anywhere in the document. */
export function linkedLineZones(doc: PMNode): Set<string> {
  const out = new Set<string>();
  doc.descendants((node) => {
    if (node.type === schema.nodes.lineBreak) for (const id of facsIds(facsOf(node))) out.add(id);
    return !node.isInline;
  });
  return out;
}

/**
 * The line zone the next line of `surface` should link to: the one after `current` in
 * reading order, or (no current line zone) the first line zone no line break links to yet.
 */
export function nextLineZone(surface: Surface, current: string | null, linked: ReadonlySet<string>): string | null {
  const lines = surface.zones.filter((z) => z.kind === 'line').sort((a, b) => a.position - b.position);
  const at = current === null ? -1 : lines.findIndex((z) => z.id === current);
  if (at >= 0) return lines[at + 1]?.id ?? null;
  return lines.find((z) => !linked.has(z.id))?.id ?? null;
}

/** Inserts a line break at the caret pointing at `zoneId` (or at no zone), the caret after it. */
export function insertLinkedLineBreak(state: EditorState, zoneId: string | null): Transaction | null {
  const { $from } = state.selection;
  const type = schema.nodes.lineBreak;
  if (!$from.parent.canReplaceWith($from.index(), $from.index(), type)) return null;
  const node = type.create({ facs: zoneId === null ? null : `#${zoneId}` });
  return state.tr.replaceSelectionWith(node).scrollIntoView();
}

/**
 * Points the line the caret is on at `zoneId`: its line break's `facs` is set, or,
 * on a line with no break before it in its block, a linked break is inserted at the
 * line's start (the block's start).
 */
export function linkLine(state: EditorState, zoneId: string): Transaction | null {
  const pos = state.selection.from;
  const lb = lineBreakBefore(state.doc, pos);
  if (lb !== null) return state.tr.setNodeAttribute(lb, 'facs', `#${zoneId}`);
  const $pos = state.doc.resolve(pos);
  if (!$pos.parent.isTextblock) return null;
  return state.tr.insert($pos.start(), schema.nodes.lineBreak.create({ facs: `#${zoneId}` }));
}

/** Points the page break before the caret at `surfaceId`; null when there is none before it. */
export function linkPage(state: EditorState, surfaceId: string): Transaction | null {
  let found: number | null = null;
  state.doc.nodesBetween(0, state.selection.from, (node, pos) => {
    if (node.type === schema.nodes.pageBreak && pos < state.selection.from) found = pos;
    return true;
  });
  return found === null ? null : state.tr.setNodeAttribute(found, 'facs', `#${surfaceId}`);
}

/**
 * The zone of the selection: for a caret, the zone of the text it is in, or of a linked
 * span it stands at the start of (`zoneAt` reads the marks before a position, and a
 * link's mark does not reach back over its start); for a range, its first character's.
 */
export function selectionZone(doc: PMNode, selection: Selection): string | null {
  if (!selection.empty) return zoneAt(doc, Math.min(selection.from + 1, selection.to));
  const after = selection.$head.nodeAfter;
  if (after?.isText && after.marks.some((m) => facsIds(facsOf(m)).length > 0)) return zoneAt(doc, selection.head + 1);
  return zoneAt(doc, selection.head);
}
