/**
 * PAGE XML (the PRImA page content format that Transkribus, eScriptorium and OCR-D
 * write; the 2013-07-15 and 2019-07-15 schemas, and the older `Point` children of
 * 2010) read into a LayoutPage.
 *
 * The line is the unit of text: a line's own `TextEquiv` is its text. Words (and the
 * glyphs of a word) give the line its text only when the line has none, joined by
 * spaces (glyphs run together), because PAGE's word level cannot say where a space
 * was printed: the Kant ground truth has `Monatsſchrift.` as the two Words
 * `Monatsſchrift` and `.`. Where a region has text but no lines, its text is split into
 * lines at its line ends (lines without zones).
 */
import { SiglumError } from '../errors.ts';
import { parseXml } from '../xml/parse.ts';
import { childElements, getAttr, localName, textContent, type XmlElement } from '../xml/tree.ts';
import type { Point } from './api.ts';
import { parsePoints, type LayoutLine, type LayoutPage, type LayoutRegion, type LayoutWord } from './layout.ts';

/** The namespaces of PAGE XML begin so; the date at the end says the schema's version. */
export const PAGE_NS_PREFIX = 'http://schema.primaresearch.org/PAGE/gts/pagecontent/';

/** True when the parsed root is a PAGE document (`PcGts` in a PAGE namespace). */
export function isPageRoot(root: XmlElement): boolean {
  return localName(root.name) === 'PcGts' && root.uri.startsWith(PAGE_NS_PREFIX);
}

function children(el: XmlElement, name: string): XmlElement[] {
  return childElements(el).filter((c) => localName(c.name) === name);
}

function child(el: XmlElement, name: string): XmlElement | null {
  return children(el, name)[0] ?? null;
}

/** An element's outline: `Coords/@points`, or the 2010 schema's `Coords/Point` children. */
function coords(el: XmlElement, name = 'Coords'): Point[] {
  const c = child(el, name);
  if (c === null) return [];
  const points = getAttr(c, 'points');
  if (points !== null) return parsePoints(points);
  return children(c, 'Point').map((p) => [Number(getAttr(p, 'x') ?? 0), Number(getAttr(p, 'y') ?? 0)]);
}

/**
 * The text of an element's TextEquiv: the one with `index="1"` when there are several
 * (PAGE's convention for the best reading), else the first; its `Unicode`. Null when the
 * element has no TextEquiv or it is empty.
 */
export function textEquiv(el: XmlElement): string | null {
  const equivs = children(el, 'TextEquiv');
  const chosen = equivs.find((e) => getAttr(e, 'index') === '1') ?? equivs[0];
  if (chosen === undefined) return null;
  const unicode = child(chosen, 'Unicode');
  if (unicode === null) return null;
  const text = textContent(unicode);
  return text === '' ? null : text;
}

function readWord(el: XmlElement): LayoutWord {
  const glyphs = children(el, 'Glyph').map((g) => ({
    id: getAttr(g, 'id'),
    outline: coords(g),
    text: textEquiv(g) ?? '',
  }));
  const text = textEquiv(el) ?? glyphs.map((g) => g.text).join('');
  return { id: getAttr(el, 'id'), outline: coords(el), text, glyphs };
}

function readLine(el: XmlElement): LayoutLine {
  const words = children(el, 'Word').map(readWord);
  const baseline = coords(el, 'Baseline');
  const own = textEquiv(el);
  const text =
    own ??
    words
      .map((w) => w.text)
      .filter((t) => t !== '')
      .join(' ');
  return { id: getAttr(el, 'id'), outline: coords(el), baseline: baseline.length > 0 ? baseline : null, text, words };
}

/** Region element names (PAGE 2013/2019) and the type a region of each kind is given. */
const REGION_KINDS: Record<string, string | null> = {
  TextRegion: null,
  ImageRegion: 'image',
  LineDrawingRegion: 'line-drawing',
  GraphicRegion: 'graphic',
  TableRegion: 'table',
  ChartRegion: 'chart',
  SeparatorRegion: 'separator',
  MathsRegion: 'maths',
  ChemRegion: 'chem',
  MusicRegion: 'music',
  AdvertRegion: 'advert',
  NoiseRegion: 'noise',
  UnknownRegion: 'unknown',
  CustomRegion: 'custom',
};

function readRegion(el: XmlElement, name: string): LayoutRegion {
  const textual = name === 'TextRegion';
  const type = textual ? getAttr(el, 'type') : (REGION_KINDS[name] ?? null);
  let lines = textual ? children(el, 'TextLine').map(readLine) : [];
  if (textual && lines.length === 0) {
    const text = textEquiv(el);
    if (text !== null) {
      lines = text.split(/\r?\n/).map((t) => ({ id: null, outline: [], baseline: null, text: t, words: [] }));
    }
  }
  return { id: getAttr(el, 'id'), type, textual, outline: coords(el), lines };
}

/** Every region of the page, nested ones (a table's cells) after their parent, in file order. */
function collectRegions(el: XmlElement, out: Array<{ el: XmlElement; region: LayoutRegion }>): void {
  for (const c of childElements(el)) {
    const name = localName(c.name);
    if (!Object.hasOwn(REGION_KINDS, name)) continue;
    out.push({ el: c, region: readRegion(c, name) });
    collectRegions(c, out);
  }
}

/** The region ids a ReadingOrder lists, in reading order (nested groups flattened). */
function readingOrder(page: XmlElement): string[] {
  const order: string[] = [];
  const walk = (group: XmlElement, ordered: boolean): void => {
    const own = getAttr(group, 'regionRef');
    if (own !== null) order.push(own);
    let members = childElements(group).filter((c) =>
      /^(RegionRef|OrderedGroup|UnorderedGroup)/.test(localName(c.name)),
    );
    if (ordered) {
      members = members
        .map((m, i) => ({ m, i, index: Number(getAttr(m, 'index') ?? NaN) }))
        .sort((a, b) => (Number.isNaN(a.index) || Number.isNaN(b.index) ? a.i - b.i : a.index - b.index || a.i - b.i))
        .map((x) => x.m);
    }
    for (const m of members) {
      const name = localName(m.name);
      if (name.startsWith('RegionRef')) {
        const ref = getAttr(m, 'regionRef');
        if (ref !== null) order.push(ref);
      } else walk(m, name.startsWith('OrderedGroup'));
    }
  };
  const ro = child(page, 'ReadingOrder');
  if (ro !== null) for (const g of childElements(ro)) walk(g, localName(g.name).startsWith('OrderedGroup'));
  return order;
}

/**
 * Reads a PAGE XML file. Regions come in the order of the page's ReadingOrder; text
 * regions it does not list follow in file order (with a warning), as do regions without
 * text (separators, images), which become zones only.
 *
 * @throws SiglumError('bad-input') when the file is not PAGE XML; ParseError when it is not XML.
 */
export function readPage(xml: string, fileName?: string): LayoutPage {
  const doc = parseXml(xml, fileName === undefined ? {} : { fileName });
  return readPageRoot(doc.root, fileName);
}

/** readPage over an already parsed root. */
export function readPageRoot(root: XmlElement, fileName?: string): LayoutPage {
  const label = fileName ?? 'The file';
  if (!isPageRoot(root)) {
    throw new SiglumError('bad-input', `${label} is not PAGE XML (its root is not PcGts in a PAGE namespace).`);
  }
  const page = child(root, 'Page');
  if (page === null) throw new SiglumError('bad-input', `${label} has no Page element: check that it is complete.`);
  const warnings: string[] = [];
  const all: Array<{ el: XmlElement; region: LayoutRegion }> = [];
  collectRegions(page, all);
  const byId = new Map<string, LayoutRegion>();
  for (const { region } of all) if (region.id !== null) byId.set(region.id, region);

  const regions: LayoutRegion[] = [];
  const placed = new Set<LayoutRegion>();
  for (const ref of readingOrder(page)) {
    const region = byId.get(ref);
    if (region === undefined) {
      warnings.push(`${label}: the reading order names a region "${ref}" the page does not have; it was skipped.`);
    } else if (!placed.has(region)) {
      placed.add(region);
      regions.push(region);
    }
  }
  const unordered = all.filter(({ region }) => !placed.has(region) && region.textual && region.lines.length > 0);
  if (placed.size > 0 && unordered.length > 0) {
    warnings.push(
      `${label}: ${unordered.length} text region(s) are not in the reading order (${unordered
        .map(({ region }) => region.id ?? '?')
        .join(', ')}); they follow the ordered ones, in file order.`,
    );
  }
  for (const { region } of all) {
    if (!placed.has(region)) {
      placed.add(region);
      regions.push(region);
    }
  }

  const number = (name: string): number | null => {
    const v = Number(getAttr(page, name) ?? NaN);
    return Number.isFinite(v) && v > 0 ? v : null;
  };
  const outlineOf = (name: string): Point[] => {
    const el = child(page, name);
    return el === null ? [] : coords(el);
  };
  const border = outlineOf('Border');
  const printSpace = outlineOf('PrintSpace');
  return {
    imageRef: getAttr(page, 'imageFilename'),
    width: number('imageWidth'),
    height: number('imageHeight'),
    border: border.length > 0 ? border : null,
    printSpace: printSpace.length > 0 ? printSpace : null,
    regions,
    warnings,
  };
}
