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
 * to; a zone whose `@type` is none of Siglum's kinds (or that has none) is a custom zone
 * that keeps it. The graphic's `@n` names the page of a multi-page file. Other attributes
 * are kept as read, and so are a graphic's width and height in other units than pixels
 * (`20cm`). A surface without coordinates spans its image, and a zone without a box is
 * bounded by its `@points`; both are written without them again (ABSENT).
 *
 * What Siglum does not model stays as XML where it was, surface by surface, with a
 * warning (readFacsimile): a surface or zone without an `xml:id`, a `<desc>` or `<label>`,
 * a graphic in a zone, several graphics, a `surfaceGrp`, a graphic straight in the
 * facsimile, a number written otherwise than plainly (`12.50`).
 */
import type { XmlAttrs } from '../schema.ts';
import type { XmlAttr, XmlElement, XmlNode } from '../xml/tree.ts';
import { TEI_NS, XML_NS, childElements, element, getAttr, isWhitespace } from '../xml/tree.ts';
import type { Point, Zone, ZoneKind } from './api.ts';
import { ZONE_KINDS } from './zones.ts';
import { facsIds } from './links.ts';
import { xmlIdsIn } from '../tei/pointers.ts';

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
// Attributes kept as read

/**
 * In the kept attributes (`xml`) of a surface or zone, the pair of this name lists the
 * modelled attributes the TEI left out (`ulx uly lrx lry`): the reader inferred them (a
 * surface's extent from its image, a zone's box from its outline), and the writer leaves
 * them out again while they still have the inferred values. No XML name begins with `#`,
 * so the pair never stands for an attribute of its own.
 */
export const ABSENT = '#absent';

const BOX = ['ulx', 'uly', 'lrx', 'lry'] as const;

type Box = { ulx: number; uly: number; lrx: number; lry: number };

function absentNames(kept: XmlAttrs): string[] {
  return kept.find(([name]) => name === ABSENT)?.[1].split(' ') ?? [];
}

function sameBox(a: Box, b: Box): boolean {
  return BOX.every((k) => a[k] === b[k]);
}

/** A surface's extent when the TEI does not give it: its image's, as far as it is known. */
function imageExtent(graphic: { width: number | null; height: number | null } | null): Box {
  return { ulx: 0, uly: 0, lrx: graphic?.width ?? 0, lry: graphic?.height ?? 0 };
}

function outlineBox(points: readonly Point[]): Box {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return { ulx: Math.min(...xs), uly: Math.min(...ys), lrx: Math.max(...xs), lry: Math.max(...ys) };
}

/**
 * The surface with the extent of its image (`width` × `height` px) when the TEI gave it
 * none (the extent then comes from the image the import found), else as it is.
 */
export function withImageExtent(s: FacsimileSurface, width: number, height: number): FacsimileSurface {
  return absentNames(s.xml).includes('ulx') ? { ...s, ...imageExtent({ width, height }) } : s;
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

/**
 * The modelled attributes, then the kept ones. A kept attribute of a modelled name (a
 * graphic's `width="20cm"`, a zone's own `@type`) stands in its place; `omit` names
 * modelled ones the TEI left out.
 */
function attrs(modelled: Array<[string, string | null]>, kept: XmlAttrs, omit: readonly string[] = []): XmlAttr[] {
  const out: XmlAttr[] = [];
  const own = new Set(kept.map(([name]) => name));
  for (const [name, value] of modelled) {
    if (value !== null && !own.has(name) && !omit.includes(name)) out.push(attr(name, value));
  }
  for (const [name, value] of kept) if (!name.startsWith('#')) out.push(attr(name, value));
  return out;
}

function boxAttrs(b: Box): Array<[string, string]> {
  return BOX.map((k) => [k, num(b[k])]);
}

function ws(indent: string): XmlNode {
  return { type: 'text', text: `\n${indent}` };
}

/** Element-only children, each on a line of its own at `indent` + `unit`, the end tag at `indent`. */
function block(children: XmlElement[], indent: string, unit: string): XmlNode[] {
  if (children.length === 0) return [];
  const out: XmlNode[] = [];
  for (const c of children) out.push(ws(`${indent}${unit}`), c);
  out.push(ws(indent));
  return out;
}

function zoneXml(zone: FacsimileZone, all: readonly FacsimileZone[], indent: string, unit: string): XmlElement {
  const inner: XmlElement[] = [];
  if (zone.baseline !== null) {
    inner.push(element('path', TEI_NS, [attr('type', 'baseline'), attr('points', points(zone.baseline))], []));
  }
  for (const child of all.filter((z) => z.parent === zone.id))
    inner.push(zoneXml(child, all, `${indent}${unit}`, unit));
  // A custom zone has no @type of Siglum's: it keeps its own, if it had one; another kind drops it.
  const kept = zone.kind === 'custom' ? zone.xml : zone.xml.filter(([name]) => name !== 'type');
  const boxLeftOut =
    zone.points !== null && absentNames(zone.xml).includes('ulx') && sameBox(zone, outlineBox(zone.points));
  return element(
    'zone',
    TEI_NS,
    attrs(
      [
        ['xml:id', zone.id],
        ['type', zone.kind === 'custom' ? null : zone.kind],
        ['subtype', zone.type],
        ...boxAttrs(zone),
        ['points', zone.points === null ? null : points(zone.points)],
      ],
      kept,
      boxLeftOut ? BOX : [],
    ),
    block(inner, indent, unit),
  );
}

function surfaceXml(s: FacsimileSurface, indent: string, unit: string): XmlElement {
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
  for (const z of top) inner.push(zoneXml(z, s.zones, `${indent}${unit}`, unit));
  const boxLeftOut = absentNames(s.xml).includes('ulx') && sameBox(s, imageExtent(s.graphic));
  return element(
    'surface',
    TEI_NS,
    attrs([['xml:id', s.id], ['n', s.n], ...boxAttrs(s)], s.xml, boxLeftOut ? BOX : []),
    block(inner, indent, unit),
  );
}

/**
 * The `<facsimile>` of these surfaces (zones in reading order, nested by parent), indented at
 * `indent`, each level `unit` deeper; null for none.
 */
export function facsimileToXml(surfaces: readonly FacsimileSurface[], indent = '  ', unit = '  '): XmlElement | null {
  if (surfaces.length === 0) return null;
  const ordered = surfaces.map((s) => ({ ...s, zones: [...s.zones].sort((a, b) => a.position - b.position) }));
  return element(
    'facsimile',
    TEI_NS,
    [],
    block(
      ordered.map((s) => surfaceXml(s, `${indent}${unit}`, unit)),
      indent,
      unit,
    ),
  );
}

/**
 * The target of the processing instruction that stands, in a volume's frame, for a surface
 * Siglum read out of a `<facsimile>` it kept the rest of (`<?siglum-surface ID?>`).
 */
export const SURFACE_PLACEHOLDER = 'siglum-surface';

/**
 * Puts surfaces back where the frame's placeholders stand for them, in the TEI element's
 * `<facsimile>`s (a placeholder whose surface is gone goes, with the line it was on), and
 * answers the surfaces no placeholder stands for, in order.
 */
export function fillSurfacePlaceholders(
  tei: XmlElement,
  surfaces: readonly FacsimileSurface[],
  unit = '  ',
): FacsimileSurface[] {
  const byId = new Map(surfaces.map((s) => [s.id, s]));
  const placed = new Set<string>();
  for (const facsimile of childElements(tei).filter((c) => isTei(c, 'facsimile'))) {
    const children: XmlNode[] = [];
    for (const c of facsimile.children) {
      if (c.type !== 'pi' || c.target !== SURFACE_PLACEHOLDER) {
        children.push(c);
        continue;
      }
      const surface = byId.get(c.body.trim());
      const before = children.at(-1);
      const indent =
        before?.type === 'text' && isWhitespace(before.text)
          ? before.text.slice(before.text.lastIndexOf('\n') + 1)
          : '';
      if (surface !== undefined && !placed.has(surface.id)) {
        placed.add(surface.id);
        const zones = [...surface.zones].sort((a, b) => a.position - b.position);
        children.push(surfaceXml({ ...surface, zones }, indent, unit));
      } else if (before?.type === 'text' && isWhitespace(before.text)) children.pop();
    }
    facsimile.children.splice(0, facsimile.children.length, ...children);
  }
  return surfaces.filter((s) => !placed.has(s.id));
}

/**
 * The `<facsimile>`s of a volume's TEI element as one of its documents needs them in a
 * file of its own: the placeholders of its pages (`surfaces`) and the elements kept as
 * written that hold an id in `wanted` (the ids its pointers name: a kept surface, a zone
 * in one, a surface in a kept `surfaceGrp`), each where it stood with the line it was on;
 * the rest goes, and a facsimile left with nothing goes too. New facsimile elements, the
 * volume's children shared: its element is not changed.
 */
export function documentFacsimiles(
  tei: XmlElement,
  surfaces: ReadonlySet<string>,
  wanted: ReadonlySet<string>,
): XmlElement[] {
  const out: XmlElement[] = [];
  for (const facsimile of childElements(tei).filter((c) => isTei(c, 'facsimile'))) {
    const whole = wanted.has(getAttr(facsimile, 'xml:id') ?? '');
    const children: XmlNode[] = [];
    for (const [i, c] of facsimile.children.entries()) {
      const own =
        c.type === 'pi'
          ? c.target === SURFACE_PLACEHOLDER && surfaces.has(c.body.trim())
          : c.type === 'element' && (whole || [...xmlIdsIn(c)].some((id) => wanted.has(id)));
      if (!own) continue;
      const before = facsimile.children[i - 1];
      if (before?.type === 'text' && isWhitespace(before.text)) children.push(before);
      children.push(c);
    }
    const last = facsimile.children.at(-1);
    if (children.length === 0) continue;
    if (last?.type === 'text' && isWhitespace(last.text)) children.push(last);
    out.push({ ...facsimile, children });
  }
  return out;
}

/** The whitespace on the line before `children[at]`, or null where it does not start a line. */
function lineIndent(children: readonly XmlNode[], at: number): string | null {
  const before = children[at - 1];
  if (before?.type !== 'text' || !isWhitespace(before.text) || !before.text.includes('\n')) return null;
  return before.text.slice(before.text.lastIndexOf('\n') + 1);
}

/**
 * How a TEI element lays out its header: the header's indentation, and the unit one level
 * adds (the header's first child's indentation less the header's). A new `<facsimile>`
 * is written the same way; two spaces where the header shows neither.
 */
export function headerLayout(tei: XmlElement): { indent: string; unit: string } {
  const at = tei.children.findIndex((c) => c.type === 'element' && isTei(c, 'teiHeader'));
  const header = tei.children[at];
  const indent = at < 0 ? null : lineIndent(tei.children, at);
  if (indent === null || header?.type !== 'element') return { indent: '  ', unit: '  ' };
  const inner = lineIndent(
    header.children,
    header.children.findIndex((c) => c.type === 'element'),
  );
  const unit =
    inner !== null && inner.startsWith(indent) && inner.length > indent.length ? inner.slice(indent.length) : '  ';
  return { indent, unit };
}

/**
 * Puts `facsimile` into a TEI element right after its `teiHeader` (TEI wants it before
 * `<text>`), on a line of its own at `indent`.
 */
export function insertFacsimile(tei: XmlElement, facsimile: XmlElement, indent = '  '): void {
  const at = tei.children.findIndex((c) => c.type === 'element' && c.uri === TEI_NS && c.name === 'teiHeader');
  tei.children.splice(at + 1, 0, ws(indent), facsimile);
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

function kept(el: XmlElement, modelled: readonly string[]): Array<readonly [string, string]> {
  return ownAttrs(el)
    .filter((a) => !modelled.includes(a.name))
    .map((a) => [a.name, a.value] as const);
}

/** A pixel size as Siglum writes it (`1457px`), else null: other units (`20cm`) are kept as written. */
function pixels(v: string | null): number | null {
  const m = v === null ? null : /^([0-9]+)px$/.exec(v);
  return m ? Number(m[1]) : null;
}

/** Why a surface is not read, as a clause ("a zone in it has no xml:id"). */
class Unread extends Error {}

/** `<name xml:id="id">` for a warning. */
function named(el: XmlElement): string {
  const id = getAttr(el, 'xml:id');
  return id === null ? `<${el.name}>` : `<${el.name} xml:id="${id}">`;
}

/** The element's box, or null when it has none of the four; Unread for part of one. */
function box(el: XmlElement): Box | null {
  const [ulx, uly, lrx, lry] = BOX.map((k) => number(el, k));
  const given = BOX.filter((k) => getAttr(el, k) !== null);
  if (given.length === 0) return null;
  if (ulx == null || uly == null || lrx == null || lry == null) {
    throw new Unread(
      `${named(el)} has ${given.length < 4 ? 'part of a box' : 'a coordinate that is not a plain number'} (${BOX.map((k) => `${k}="${getAttr(el, k) ?? ''}"`).join(' ')})`,
    );
  }
  return { ulx, uly, lrx, lry };
}

const ZONE_ATTRS = ['xml:id', 'subtype', 'ulx', 'uly', 'lrx', 'lry', 'points'];

function readZone(el: XmlElement, parent: string | null, out: FacsimileZone[]): void {
  const id = getAttr(el, 'xml:id');
  if (id === null) throw new Unread('a zone in it has no xml:id');
  if (!onlyElements(el)) throw new Unread(`${named(el)} holds text`);
  const type = getAttr(el, 'type');
  // A type that is no kind of Siglum's (or none) makes a custom zone that keeps its @type.
  const kind: ZoneKind =
    type !== null && type !== 'custom' && ZONE_KINDS.includes(type as ZoneKind) ? (type as ZoneKind) : 'custom';
  const outline = pointList(getAttr(el, 'points'));
  if (getAttr(el, 'points') !== null && outline === null)
    throw new Unread(`${named(el)} has points that are not x,y pairs`);
  const own = box(el);
  if (own === null && outline === null) throw new Unread(`${named(el)} has neither a box nor points`);
  const xml = kept(el, kind === 'custom' ? ZONE_ATTRS : [...ZONE_ATTRS, 'type']);
  const zone: FacsimileZone = {
    id,
    kind,
    type: getAttr(el, 'subtype'),
    ...(own ?? outlineBox(outline!)),
    points: outline,
    baseline: null,
    parent,
    position: 0,
    xml: own === null ? [...xml, [ABSENT, BOX.join(' ')]] : xml,
  };
  out.push(zone);
  for (const c of childElements(el)) {
    if (isTei(c, 'path') && getAttr(c, 'type') === 'baseline' && ownAttrs(c).length === 2 && zone.baseline === null) {
      zone.baseline = pointList(getAttr(c, 'points'));
      if (zone.baseline === null || c.children.length > 0)
        throw new Unread(`${named(el)} has a baseline Siglum cannot read`);
    } else if (isTei(c, 'zone')) readZone(c, id, out);
    else throw new Unread(`${named(el)} holds <${c.name}>`);
  }
}

function readGraphic(c: XmlElement): FacsimileGraphic {
  const url = getAttr(c, 'url');
  const n = getAttr(c, 'n');
  if (url === null) throw new Unread('its graphic has no url');
  if (c.children.length > 0) throw new Unread('its graphic has content');
  // `n` names the page of a multi-page file; any other (and `n="1"`, which Siglum leaves out) is kept as written.
  const page = n !== null && /^[1-9][0-9]*$/.test(n) && n !== '1' ? Number(n) - 1 : 0;
  const [w, h] = [pixels(getAttr(c, 'width')), pixels(getAttr(c, 'height'))];
  const modelled = [
    'url',
    ...(page === 0 ? [] : ['n']),
    ...(w === null ? [] : ['width']),
    ...(h === null ? [] : ['height']),
  ];
  return { url, width: w, height: h, page, xml: kept(c, modelled) };
}

function readSurface(el: XmlElement): FacsimileSurface {
  const id = getAttr(el, 'xml:id');
  if (id === null) throw new Unread('it has no xml:id, so nothing can point at it');
  if (!onlyElements(el)) throw new Unread('it holds text, comments or processing instructions');
  let graphic: FacsimileGraphic | null = null;
  const zones: FacsimileZone[] = [];
  for (const c of childElements(el)) {
    if (isTei(c, 'graphic') && graphic === null && zones.length === 0) graphic = readGraphic(c);
    else if (isTei(c, 'zone')) readZone(c, null, zones);
    else if (isTei(c, 'graphic')) throw new Unread('it has more than one graphic, or one after its zones');
    else throw new Unread(`it holds <${c.name}>`);
  }
  zones.forEach((z, i) => (z.position = i));
  const own = box(el);
  const xml = kept(el, ['xml:id', 'n', 'ulx', 'uly', 'lrx', 'lry']);
  return {
    id,
    n: getAttr(el, 'n'),
    ...(own ?? imageExtent(graphic)),
    graphic,
    zones,
    xml: own === null ? [...xml, [ABSENT, BOX.join(' ')]] : xml,
  };
}

/** What readFacsimile found in a `<facsimile>`. */
export interface FacsimileRead {
  /** The surfaces Siglum models, in order. */
  surfaces: FacsimileSurface[];
  /** The elements it left as they were (surfaces it cannot model, `surfaceGrp`s, bare graphics), in order. */
  unread: XmlElement[];
  /** Why each was left, one sentence each. */
  warnings: string[];
}

/**
 * The surfaces of a `<facsimile>` that Siglum models, each read only when it writes back
 * as it was read (attribute for attribute; whitespace between elements aside). What it
 * does not model (a surface with a `<desc>`, a zone holding a graphic, a `surfaceGrp`, a
 * surface or zone without an xml:id, a number written `12.50`) is left as it was, with a
 * warning; so is a whole facsimile with attributes or other content of its own.
 */
export function readFacsimile(el: XmlElement): FacsimileRead {
  const all = childElements(el);
  if (!isTei(el, 'facsimile') || ownAttrs(el).length > 0 || !onlyElements(el)) {
    const why = ownAttrs(el).length > 0 ? 'attributes' : 'content';
    return {
      surfaces: [],
      unread: [el],
      warnings: [
        `The <facsimile> has ${why} Siglum does not model, so it is kept as written and its pages are not shown.`,
      ],
    };
  }
  const out: FacsimileRead = { surfaces: [], unread: [], warnings: [] };
  for (const s of all) {
    try {
      if (!isTei(s, 'surface')) throw new Unread('Siglum reads surfaces only');
      const surface = readSurface(s);
      const back = facsimileToXml([surface])!;
      const differs = difference(s, childElements(back)[0]!);
      if (differs !== null) throw new Unread(`it would not be written back as it was: ${differs}`);
      out.surfaces.push(surface);
    } catch (e) {
      if (!(e instanceof Unread)) throw e;
      out.unread.push(s);
      out.warnings.push(
        `${named(s)} is kept in the volume as written, not as a page Siglum shows (${e.message}); a document exported on its own carries it when its text points into it.`,
      );
    }
  }
  return out;
}

/** An element's attributes but namespace declarations. */
function ownAttrs(el: XmlElement): XmlAttr[] {
  return el.attrs.filter((a) => a.name !== 'xmlns' && !a.name.startsWith('xmlns:'));
}

/** Where `b` differs from `a` in names, attributes or child elements, or null. */
function difference(a: XmlElement, b: XmlElement): string | null {
  if (a.name !== b.name || a.uri !== b.uri) return `<${b.name}> for <${a.name}>`;
  const [as, bs] = [ownAttrs(a), ownAttrs(b)];
  for (const x of as)
    if (getAttr(b, x.name) !== x.value) return `${x.name}="${getAttr(b, x.name) ?? ''}" for ${x.name}="${x.value}"`;
  for (const x of bs) if (getAttr(a, x.name) === null) return `${x.name}="${x.value}" added`;
  const [ac, bc] = [childElements(a), childElements(b)];
  if (ac.length !== bc.length) return `${bc.length} elements in <${a.name}> for ${ac.length}`;
  for (const [i, x] of ac.entries()) {
    const d = difference(x, bc[i]!);
    if (d !== null) return d;
  }
  return null;
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
