/**
 * Where in the document a validator's message about its TEI export points.
 *
 * A validator names a line and column of the exported XML. To find the place in the
 * editor's document, the document is exported for validation with a processing
 * instruction `<?siglum-pos N?>` at the start of every text block, N being the block's
 * position in the document. Processing instructions are ignored by RELAX NG, so the
 * verdict is the export's own; and a message's place is the marker of the block it
 * falls in. A message on a start tag that opens a block (an element not allowed
 * there: `head` after `p`) points at that block, the marker just after it.
 */
import type { Node as PMNode } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import { schema } from '../schema.ts';

const TARGET = 'siglum-pos';
const MARKER = /<\?siglum-pos (\d+)\?>/gu;

/** The document with a position marker at the start of every text block (positions of the original). */
export function withPositionMarkers(doc: PMNode): PMNode {
  const starts: number[] = [];
  doc.descendants((node, pos) => {
    if (node.isTextblock) starts.push(pos + 1);
    return !node.isTextblock;
  });
  // Inserted from the end, so each earlier position still holds.
  const tr = new Transform(doc);
  for (let i = starts.length - 1; i >= 0; i--) {
    const at = starts[i]!;
    tr.insert(at, schema.nodes.teiInline.create({ name: '#pi', text: `${TARGET} ${at}` }));
  }
  return tr.doc;
}

/** The offset in `text` of 1-based `line` and `column` (column 0: the line's start). */
function offsetOf(text: string, line: number, column: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', at);
    if (next < 0) return text.length;
    at = next + 1;
  }
  return Math.min(text.length, at + Math.max(0, column - 1));
}

/**
 * The document position a message at `line`:`column` of `xml` (exported with
 * `withPositionMarkers`) is about, or null when it is outside the document's text
 * (the header, the frame of a volume).
 */
export function positionOfMessage(xml: string, line: number, column: number): number | null {
  if (line <= 0) return null;
  const at = offsetOf(xml, line, column);
  let before: { pos: number; end: number } | null = null;
  let after: { pos: number; index: number } | null = null;
  for (const m of xml.matchAll(MARKER)) {
    if (m.index < at) before = { pos: Number(m[1]), end: m.index + m[0].length };
    else {
      after = { pos: Number(m[1]), index: m.index };
      break;
    }
  }
  // On a start tag that opens the next block (nothing closes between them): that block.
  if (after !== null) {
    const between = xml.slice(at, after.index);
    if (!between.includes('</') && between.replace(/<[^>]*>/gu, '').trim() === '') return after.pos;
  }
  if (before === null) return null;
  // Past the end of the document's text (into the back matter or the header's end): nowhere.
  if (after === null && /<\/body>/u.test(xml.slice(before.end, at))) return null;
  return before.pos;
}

/**
 * `column` of 1-based `line` in `xml` (exported with `withPositionMarkers`) as it is in
 * the file export writes, without the markers that stand before it on that line.
 */
export function columnWithoutMarkers(xml: string, line: number, column: number): number {
  if (line <= 0 || column <= 0) return column;
  const before = xml.slice(offsetOf(xml, line, 0), offsetOf(xml, line, column));
  return column - (before.length - withoutPositionMarkers(before).length);
}

/** The exported XML without the position markers (what export writes). */
export function withoutPositionMarkers(xml: string): string {
  return xml.replace(MARKER, '');
}
