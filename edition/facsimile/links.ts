/**
 * Links from text to zones of a page image, the TEI way: a page break's `facs` names its
 * surface, a line break's `facs` its line zone, and any span of text is linked by a
 * `<seg facs="#zone">` around it. The seg is the schema's generic `teiMark` named `seg`
 * with `facs` among its kept attributes, so a TEI file's own `<seg facs>` (and any other
 * element carrying `@facs`) reads in and writes out exactly as it was, with no model of
 * its own to keep in step.
 *
 * `@facs` is a list of pointers (TEI `teidata.pointer+`); `#id` names a zone or surface of
 * the document, a bare value is an address of another resource and names no zone here.
 */
import type { Mark, Node as PMNode } from 'prosemirror-model';
import type { Transform } from 'prosemirror-transform';
import { schema, type XmlAttrs } from '../schema.ts';

/** The element a span's link to a zone is written as. */
export const ZONE_LINK_ELEMENT = 'seg';

/** The zone ids (without `#`) a `@facs` value points at; bare addresses are skipped. */
export function facsIds(value: string | null | undefined): string[] {
  if (value === null || value === undefined) return [];
  return value
    .split(/\s+/)
    .filter((t) => t.startsWith('#') && t.length > 1)
    .map((t) => t.slice(1));
}

function xmlFacs(xml: unknown): string | null {
  if (!Array.isArray(xml)) return null;
  const pair = (xml as XmlAttrs).find(([name]) => name === 'facs');
  return pair === undefined ? null : pair[1];
}

/** The `@facs` value a node or mark carries (a modelled `facs` attribute or a kept one), or null. */
export function facsOf(item: PMNode | Mark): string | null {
  const own = item.attrs['facs'];
  if (typeof own === 'string') return own;
  return xmlFacs(item.attrs['xml']);
}

/** The mark that links a span to `zoneId`: `<seg facs="#zoneId">`. */
export function zoneLinkMark(zoneId: string): Mark {
  if (zoneId === '' || /\s|#/.test(zoneId)) throw new RangeError(`not a zone id: ${JSON.stringify(zoneId)}`);
  return schema.marks.teiMark.create({ name: ZONE_LINK_ELEMENT, xml: [['facs', `#${zoneId}`]] });
}

/**
 * Links the text from `from` to `to` to the zone `zoneId` (adds a `<seg facs>` over it).
 * Text already linked to that zone next to the range joins the same seg. Answers `tr`.
 */
export function linkZone<T extends Transform>(tr: T, from: number, to: number, zoneId: string): T {
  if (!(from < to)) throw new RangeError(`a zone link needs some text: from ${from} to ${to}`);
  tr.addMark(from, to, zoneLinkMark(zoneId));
  return tr;
}

/** `xml` pairs with `zoneId` taken out of their `facs` (the attribute dropped when nothing is left). */
function withoutZoneInXml(xml: XmlAttrs, zoneId: string): XmlAttrs {
  const out: Array<readonly [string, string]> = [];
  for (const [name, value] of xml) {
    if (name !== 'facs') {
      out.push([name, value]);
      continue;
    }
    const rest = withoutZoneInValue(value, zoneId);
    if (rest !== null) out.push([name, rest]);
  }
  return out;
}

/** A `@facs` value without the pointer `#zoneId`, or null when nothing is left. */
function withoutZoneInValue(value: string, zoneId: string): string | null {
  const rest = value.split(/\s+/).filter((t) => t !== '' && t !== `#${zoneId}`);
  return rest.length === 0 ? null : rest.join(' ');
}

function pointsAt(item: PMNode | Mark, zoneId: string): boolean {
  return facsIds(facsOf(item)).includes(zoneId);
}

/**
 * Removes every link of the text to `zoneId`, as steps on `tr`: a seg that only linked
 * the span goes (its text stays), any other element keeps everything but the pointer
 * (a page or line break's `facs`, a kept `@facs` of another element). Answers `tr`.
 */
export function unlinkZone<T extends Transform>(tr: T, zoneId: string): T {
  const doc = tr.doc;
  const markChanges: Array<{ from: number; to: number; mark: Mark }> = [];
  const nodeChanges: Array<{ pos: number; node: PMNode }> = [];
  doc.descendants((node, pos) => {
    if (pointsAt(node, zoneId)) nodeChanges.push({ pos, node });
    for (const mark of node.marks) {
      if (pointsAt(mark, zoneId)) markChanges.push({ from: pos, to: pos + node.nodeSize, mark });
    }
  });
  for (const { from, to, mark } of markChanges) {
    tr.removeMark(from, to, mark);
    const xml = withoutZoneInXml(mark.attrs['xml'] as XmlAttrs, zoneId);
    const onlyLink = mark.attrs['name'] === ZONE_LINK_ELEMENT && xml.length === 0;
    if (!onlyLink) tr.addMark(from, to, mark.type.create({ ...mark.attrs, xml }));
  }
  // Node attributes change without changing positions, so the positions read above hold.
  for (const { pos, node } of nodeChanges) {
    const own = node.attrs['facs'];
    if (typeof own === 'string') {
      tr.setNodeAttribute(pos, 'facs', withoutZoneInValue(own, zoneId));
    } else {
      tr.setNodeAttribute(pos, 'xml', withoutZoneInXml(node.attrs['xml'] as XmlAttrs, zoneId));
    }
  }
  return tr;
}

/** Where the text is linked to `zoneId`: each linked span, break or element as a range, in document order. */
export function zoneLinks(doc: PMNode, zoneId: string): Array<{ from: number; to: number }> {
  const out: Array<{ from: number; to: number }> = [];
  doc.descendants((node, pos) => {
    const end = pos + node.nodeSize;
    if (pointsAt(node, zoneId)) {
      out.push({ from: pos, to: end });
      return false;
    }
    if (node.marks.some((m) => pointsAt(m, zoneId))) {
      const last = out[out.length - 1];
      if (last !== undefined && last.to === pos) last.to = end;
      else out.push({ from: pos, to: end });
    }
    return true;
  });
  return out;
}

/**
 * The zone the text at `pos` is linked to: the innermost linked span around it, else the
 * last line break before it in its block, else the innermost linked element around it (a
 * region's paragraph, a `fw`), else the surface of the last page break before it. Null
 * where none of these points at a zone of the document.
 */
export function zoneAt(doc: PMNode, pos: number): string | null {
  const $pos = doc.resolve(pos);
  const marks = $pos.marks();
  for (let i = marks.length - 1; i >= 0; i--) {
    const id = facsIds(facsOf(marks[i]!))[0];
    if (id !== undefined) return id;
  }
  const parent = $pos.parent;
  if (parent.isTextblock) {
    let line: PMNode | null = null;
    for (let i = 0, offset = 0; i < parent.childCount && offset < $pos.parentOffset; i++) {
      const child = parent.child(i);
      if (child.type === schema.nodes.lineBreak) line = child;
      offset += child.nodeSize;
    }
    const id = line === null ? undefined : facsIds(facsOf(line))[0];
    if (id !== undefined) return id;
  }
  for (let d = $pos.depth; d > 0; d--) {
    const id = facsIds(facsOf($pos.node(d)))[0];
    if (id !== undefined) return id;
  }
  let surface: string | null = null;
  doc.nodesBetween(0, pos, (node, at) => {
    if (node.type === schema.nodes.pageBreak && at < pos) surface = facsIds(facsOf(node))[0] ?? null;
    return true;
  });
  return surface;
}
