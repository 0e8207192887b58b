/**
 * TEI `<facsimile>` in and out: surfaces with their graphic and zones, as Siglum stores
 * them.
 *
 *   <facsimile>
 *     <surface xml:id="s17" n="17" ulx="0" uly="0" lrx="1457" lry="2083">
 *       <graphic url="F-images/INPUT_0017.tif" width="1457px" height="2083px"/>
 *       <zone xml:id="r1" type="region" subtype="paragraph" ulx=".." uly=".." lrx=".." lry=".." points="..">
 *         <zone xml:id="l1" type="line" ulx=".." ...>
 *           <path type="baseline" points="x,y x,y"/>
 *         </zone>
 *       </zone>
 *     </surface>
 *   </facsimile>
 *
 * A zone's kind is its `@type`, the region type (PAGE's) its `@subtype`, a line's
 * baseline a `<path type="baseline">` in it, and a zone lies inside the zone it belongs
 * to. The graphic's `@n` names the page of a multi-page file. Other attributes are kept
 * as read. A facsimile holding anything else (a surface or zone without an `xml:id` or
 * coordinates, a `<desc>`, a `surfaceGrp`) is not read: it stays as XML where it was.
 */
import type { XmlAttrs } from '../schema.ts';
import type { XmlAttr, XmlElement, XmlNode } from '../xml/tree.ts';
import { TEI_NS, XML_NS, childElements, element, getAttr, isWhitespace } from '../xml/tree.ts';
import type { Point, Zone, ZoneKind } from './api.ts';
import { ZONE_KINDS } from './zones.ts';
import { facsIds } from './links.ts';

/** A surface's image as the TEI names it. */
export interface FacsimileGraphic {
  url: string;
  /** Size in pixels (`@width="1457px"`), or null when the TEI does not say. */
  width: number | null;
  height: number | null;
  /** The page of a multi-page file (0 for the first; `@n` is 1-based). */
  page: number;
  xml: XmlAttrs;
}

export type FacsimileZone = Zone & { xml: XmlAttrs };

/** A surface as TEI holds it. */
export interface FacsimileSurface {
  id: string;
  n: string | null;
  ulx: number;
  uly: number;
  lrx: number;
  lry: number;
  graphic: FacsimileGraphic | null;
  zones: FacsimileZone[];
  xml: XmlAttrs;
}

// ---------------------------------------------------------------------------------
// Out

/** A number as TEI writes it: no exponent, no trailing zeros. */
function num(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toFixed(3)));
}

function points(ps: readonly Point[]): string {
  return ps.map(([x, y]) => `${num(x)},${num(y)}`).join(' ');
}

function attr(name: string, value: string): XmlAttr {
  return { name, uri: name.startsWith('xml:') ? XML_NS : '', value };
}

function attrs(modelled: Array<[string, string | null]>, kept: XmlAttrs): XmlAttr[] {
  const out: XmlAttr[] = [];
  for (const [name, value] of modelled) if (value !== null) out.push(attr(name, value));
  for (const [name, value] of kept) out.push(attr(name, value));
  return out;
}

function ws(indent: string): XmlNode {
  return { type: 'text', text: `\n${indent}` };
}

/** Element-only children, each on a line of its own at `indent` (+ 2 spaces), the end tag at `indent`. */
function block(children: XmlElement[], indent: string): XmlNode[] {
  if (children.length === 0) return [];
  const out: XmlNode[] = [];
  for (const c of children) out.push(ws(`${indent}  `), c);
  out.push(ws(indent));
  return out;
}

function zoneXml(zone: FacsimileZone, all: readonly FacsimileZone[], indent: string): XmlElement {
  const inner: XmlElement[] = [];
  if (zone.baseline !== null) {
    inner.push(element('path', TEI_NS, [attr('type', 'baseline'), attr('points', points(zone.baseline))], []));
  }
  for (const child of all.filter((z) => z.parent === zone.id)) inner.push(zoneXml(child, all, `${indent}  `));
  return element(
    'zone',
    TEI_NS,
    attrs(
      [
        ['xml:id', zone.id],
        ['type', zone.kind],
        ['subtype', zone.type],
        ['ulx', num(zone.ulx)],
        ['uly', num(zone.uly)],
        ['lrx', num(zone.lrx)],
        ['lry', num(zone.lry)],
        ['points', zone.points === null ? null : points(zone.points)],
      ],
      zone.xml,
    ),
    block(inner, indent),
  );
}

function surfaceXml(s: FacsimileSurface, indent: string): XmlElement {
  const inner: XmlElement[] = [];
  if (s.graphic !== null) {
    const g = s.graphic;
    inner.push(
      element(
        'graphic',
        TEI_NS,
        attrs(
          [
            ['url', g.url],
            ['width', g.width === null ? null : `${g.width}px`],
            ['height', g.height === null ? null : `${g.height}px`],
            ['n', g.page === 0 ? null : String(g.page + 1)],
          ],
          g.xml,
        ),
        [],
      ),
    );
  }
  const ids = new Set(s.zones.map((z) => z.id));
  const top = s.zones.filter((z) => z.parent === null || !ids.has(z.parent));
  for (const z of top) inner.push(zoneXml(z, s.zones, `${indent}  `));
  return element(
    'surface',
    TEI_NS,
    attrs(
      [
        ['xml:id', s.id],
        ['n', s.n],
        ['ulx', num(s.ulx)],
        ['uly', num(s.uly)],
        ['lrx', num(s.lrx)],
        ['lry', num(s.lry)],
      ],
      s.xml,
    ),
    block(inner, indent),
  );
}

/** The `<facsimile>` of these surfaces (zones in reading order, nested by parent), indented at `indent`; null for none. */
export function facsimileToXml(surfaces: readonly FacsimileSurface[], indent = '  '): XmlElement | null {
  if (surfaces.length === 0) return null;
  const ordered = surfaces.map((s) => ({ ...s, zones: [...s.zones].sort((a, b) => a.position - b.position) }));
  return element(
    'facsimile',
    TEI_NS,
    [],
    block(
      ordered.map((s) => surfaceXml(s, `${indent}  `)),
      indent,
    ),
  );
}

/**
 * Puts `facsimile` into a TEI element right after its `teiHeader` (TEI wants it before
 * `<text>`), on a line of its own.
 */
export function insertFacsimile(tei: XmlElement, facsimile: XmlElement): void {
  const at = tei.children.findIndex((c) => c.type === 'element' && c.uri === TEI_NS && c.name === 'teiHeader');
  tei.children.splice(at + 1, 0, ws('  '), facsimile);
}

// ---------------------------------------------------------------------------------
// In

const isTei = (el: XmlElement, name: string): boolean => el.uri === TEI_NS && el.name === name;

function onlyElements(el: XmlElement): boolean {
  return el.children.every((c) => c.type === 'element' || (c.type === 'text' && isWhitespace(c.text)));
}

function number(el: XmlElement, name: string): number | null {
  const v = getAttr(el, name);
  if (v === null || !/^-?[0-9]+(\.[0-9]+)?$/.test(v.trim())) return null;
  return Number(v);
}

function pointList(v: string | null): Point[] | null {
  if (v === null) return null;
  const ps = v
    .trim()
    .split(/\s+/)
    .map((p) => p.split(',').map(Number));
  if (ps.some((p) => p.length !== 2 || p.some((n) => !Number.isFinite(n)))) return null;
  return ps as Point[];
}

function kept(el: XmlElement, modelled: readonly string[]): XmlAttrs {
  return ownAttrs(el)
    .filter((a) => !modelled.includes(a.name))
    .map((a) => [a.name, a.value] as const);
}

/** A pixel size as the TEI writes it (`1457px` or `1457`), else null. */
function pixels(v: string | null): number | null {
  const m = v === null ? null : /^([0-9]+)(px)?$/.exec(v.trim());
  return m ? Number(m[1]) : null;
}

class Unread extends Error {}

function box(el: XmlElement): { ulx: number; uly: number; lrx: number; lry: number } {
  const ulx = number(el, 'ulx');
  const uly = number(el, 'uly');
  const lrx = number(el, 'lrx');
  const lry = number(el, 'lry');
  if (ulx === null || uly === null || lrx === null || lry === null) throw new Unread();
  return { ulx, uly, lrx, lry };
}

const ZONE_ATTRS = ['xml:id', 'type', 'subtype', 'ulx', 'uly', 'lrx', 'lry', 'points'];

function readZone(el: XmlElement, parent: string | null, out: FacsimileZone[]): void {
  const id = getAttr(el, 'xml:id');
  const kind = getAttr(el, 'type') ?? 'custom';
  if (id === null || !onlyElements(el) || !ZONE_KINDS.includes(kind as ZoneKind)) throw new Unread();
  const outline = getAttr(el, 'points');
  const zone: FacsimileZone = {
    id,
    kind: kind as ZoneKind,
    type: getAttr(el, 'subtype'),
    ...box(el),
    points: pointList(outline),
    baseline: null,
    parent,
    position: 0,
    xml: kept(el, ZONE_ATTRS),
  };
  if (outline !== null && zone.points === null) throw new Unread();
  // A zone with no type of its own would be written back with type="custom": keep it as read.
  if (getAttr(el, 'type') === null) throw new Unread();
  out.push(zone);
  for (const c of childElements(el)) {
    if (isTei(c, 'path') && getAttr(c, 'type') === 'baseline' && c.attrs.length === 2 && zone.baseline === null) {
      zone.baseline = pointList(getAttr(c, 'points'));
      if (zone.baseline === null) throw new Unread();
    } else if (isTei(c, 'zone')) readZone(c, id, out);
    else throw new Unread();
  }
}

function readSurface(el: XmlElement): FacsimileSurface {
  const id = getAttr(el, 'xml:id');
  if (id === null || !onlyElements(el)) throw new Unread();
  let graphic: FacsimileGraphic | null = null;
  const zones: FacsimileZone[] = [];
  for (const c of childElements(el)) {
    if (isTei(c, 'graphic') && graphic === null && zones.length === 0 && c.children.length === 0) {
      const url = getAttr(c, 'url');
      const n = getAttr(c, 'n');
      const [w, h] = [getAttr(c, 'width'), getAttr(c, 'height')];
      if (url === null || (n !== null && !/^[1-9][0-9]*$/.test(n))) throw new Unread();
      if ((w !== null && pixels(w) === null) || (h !== null && pixels(h) === null)) throw new Unread();
      // Written back as "Npx": a bare number would not come back as it was.
      if ((w !== null && !w.endsWith('px')) || (h !== null && !h.endsWith('px'))) throw new Unread();
      graphic = {
        url,
        width: pixels(w),
        height: pixels(h),
        page: n === null ? 0 : Number(n) - 1,
        xml: kept(c, ['url', 'width', 'height', 'n']),
      };
    } else if (isTei(c, 'zone')) readZone(c, null, zones);
    else throw new Unread();
  }
  zones.forEach((z, i) => (z.position = i));
  return {
    id,
    n: getAttr(el, 'n'),
    ...box(el),
    graphic,
    zones,
    xml: kept(el, ['xml:id', 'n', 'ulx', 'uly', 'lrx', 'lry']),
  };
}

/**
 * The surfaces of a `<facsimile>`, or null when it holds something Siglum does not
 * model (then it stays as XML; see the module comment). Numbers are written back as
 * read only when they are written plainly (`12`, `12.5`), which `num` does.
 */
export function facsimileFromXml(el: XmlElement): FacsimileSurface[] | null {
  if (!isTei(el, 'facsimile') || ownAttrs(el).length > 0 || !onlyElements(el)) return null;
  try {
    const surfaces = childElements(el).map((s) => {
      if (!isTei(s, 'surface')) throw new Unread();
      return readSurface(s);
    });
    const out = facsimileToXml(surfaces);
    return out !== null && sameNumbers(el, out) ? surfaces : null;
  } catch (e) {
    if (e instanceof Unread) return null;
    throw e;
  }
}

/** An element's attributes but namespace declarations. */
function ownAttrs(el: XmlElement): XmlAttr[] {
  return el.attrs.filter((a) => a.name !== 'xmlns' && !a.name.startsWith('xmlns:'));
}

/** Whether every attribute reads the same written back (numbers like `12.50` would not). */
function sameNumbers(a: XmlElement, b: XmlElement): boolean {
  const as = childElements(a);
  const bs = childElements(b);
  if (as.length !== bs.length || ownAttrs(a).length !== ownAttrs(b).length) return false;
  for (const x of ownAttrs(a)) if (getAttr(b, x.name) !== x.value) return false;
  return as.every((x, i) => sameNumbers(x, bs[i]!));
}

/**
 * Which document each surface belongs to: the first document whose text points at the
 * surface or one of its zones (`@facs`); a surface nothing points at goes with the
 * surface before it, the first ones with the first document. Answers a list per document.
 */
export function surfacesByDocument(
  docFacs: ReadonlyArray<ReadonlySet<string>>,
  surfaces: readonly FacsimileSurface[],
): FacsimileSurface[][] {
  const out: FacsimileSurface[][] = docFacs.map(() => []);
  if (out.length === 0) return out;
  let last = 0;
  for (const s of surfaces) {
    const ids = [s.id, ...s.zones.map((z) => z.id)];
    const at = docFacs.findIndex((set) => ids.some((id) => set.has(id)));
    if (at >= 0) last = at;
    out[last]!.push(s);
  }
  return out;
}

/** Every id a document's `@facs` attributes point at (page and line breaks, segs, any kept element). */
export function facsPointersOf(doc: { descendants: (f: (n: FacsItem) => boolean | void) => void }): Set<string> {
  const ids = new Set<string>();
  const add = (v: unknown): void => {
    if (typeof v === 'string') for (const id of facsIds(v)) ids.add(id);
  };
  const fromXml = (xml: unknown): void => {
    if (Array.isArray(xml)) for (const p of xml as XmlAttrs) if (p[0] === 'facs') add(p[1]);
  };
  doc.descendants((n) => {
    add(n.attrs['facs']);
    fromXml(n.attrs['xml']);
    for (const m of n.marks) fromXml(m.attrs['xml']);
  });
  return ids;
}

interface FacsItem {
  attrs: Record<string, unknown>;
  marks: ReadonlyArray<{ attrs: Record<string, unknown> }>;
}
