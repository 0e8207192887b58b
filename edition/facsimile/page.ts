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
 * lines at its line ends (lines without zones). Transkribus's tags in the `custom`
 * attribute (custom.ts) of a line, its words and its region become the line's TextTags.
 */
import { SiglumError } from '../errors.ts';
import { parseXml } from '../xml/parse.ts';
import { childElements, getAttr, localName, textContent, type XmlElement } from '../xml/tree.ts';
import type { Point } from './api.ts';
import { parseCustom, type CustomTag } from './custom.ts';
import {
  parsePoints,
  type LayoutLine,
  type LayoutPage,
  type LayoutRegion,
  type LayoutWord,
  type TextTag,
} from './layout.ts';

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

/** Tags that say something of the element, not of a stretch of its text: read elsewhere or not needed. */
const UNPLACED_TAGS = new Set(['readingOrder', 'structure']);

/** What reading one PAGE file's tags needs: the file's label for warnings, and where they go. */
interface TagReader {
  label: string;
  warnings: string[];
}

/** The tags of an element's `custom` attribute, problems reported as warnings naming the element. */
function customTags(el: XmlElement, what: string, reader: TagReader): CustomTag[] {
  const custom = getAttr(el, 'custom');
  if (custom === null) return [];
  const { tags, problems } = parseCustom(custom);
  for (const p of problems) reader.warnings.push(`${reader.label}: in the custom attribute of ${what}: ${p}`);
  return tags;
}

/** An index moved off the middle of a surrogate pair: `back` to the pair's start, else past its end. */
function onCharacter(text: string, at: number, back: boolean): number {
  const code = text.charCodeAt(at);
  if (at <= 0 || at >= text.length || code < 0xdc00 || code > 0xdfff) return at;
  const before = text.charCodeAt(at - 1);
  return before >= 0xd800 && before <= 0xdbff ? (back ? at - 1 : at + 1) : at;
}

/**
 * A tag placed on `text` (the element's own), or null when it lies past the text's end.
 * A tag without offset covers the whole text; one that runs past the end is cut there.
 * Offsets inside a surrogate pair are widened to the whole character.
 */
function placeTag(tag: CustomTag, text: string, what: string, reader: TagReader): TextTag | null {
  const start = tag.offset ?? 0;
  const length = tag.offset === null ? text.length : (tag.length ?? 0);
  if (start > text.length) {
    reader.warnings.push(
      `${reader.label}: the tag "${tag.name}" of ${what} begins at ${start}, past the end of its text (${text.length} characters); it was skipped.`,
    );
    return null;
  }
  let end = start + length;
  if (end > text.length) {
    reader.warnings.push(
      `${reader.label}: the tag "${tag.name}" of ${what} runs past the end of its text (offset ${start}, length ${length}, ${text.length} characters); it was cut at the end.`,
    );
    end = text.length;
  }
  return {
    type: tag.name,
    start: onCharacter(text, start, true),
    end: onCharacter(text, end, false),
    attrs: tag.attrs,
    continued: tag.continued,
    key: null,
  };
}

function placedTags(el: XmlElement, text: string, what: string, reader: TagReader): TextTag[] {
  return customTags(el, what, reader)
    .filter((t) => !UNPLACED_TAGS.has(t.name))
    .map((t) => placeTag(t, text, what, reader))
    .filter((t): t is TextTag => t !== null);
}

function readLine(el: XmlElement, reader: TagReader): LayoutLine {
  const wordEls = children(el, 'Word');
  const words = wordEls.map(readWord);
  const baseline = coords(el, 'Baseline');
  const own = textEquiv(el);
  const text =
    own ??
    words
      .map((w) => w.text)
      .filter((t) => t !== '')
      .join(' ');
  const id = getAttr(el, 'id');
  const what = `line ${id ?? '?'}`;
  const tags = placedTags(el, text, what, reader);
  // A word's tags move onto the line, at the word's place in the line's text.
  let cursor = 0;
  wordEls.forEach((wordEl, i) => {
    const word = words[i]!;
    if (word.text === '') return;
    const at = text.indexOf(word.text, cursor);
    const wordTags = placedTags(wordEl, word.text, `word ${word.id ?? '?'}`, reader);
    if (at < 0) {
      if (wordTags.length > 0)
        reader.warnings.push(
          `${reader.label}: the word ${word.id ?? '?'} ("${word.text}") is not in the text of ${what}, so its tags were skipped.`,
        );
      return;
    }
    cursor = at + word.text.length;
    for (const t of wordTags) tags.push({ ...t, start: t.start + at, end: t.end + at });
  });
  const line: LayoutLine = { id, outline: coords(el), baseline: baseline.length > 0 ? baseline : null, text, words };
  if (tags.length > 0) line.tags = tags;
  return line;
}

/**
 * A region's own tags moved onto its lines: their offsets count in the region's text, the
 * lines' texts joined by line ends. A tag over several lines becomes a continued piece on each.
 */
function regionTags(el: XmlElement, lines: LayoutLine[], reader: TagReader): void {
  const what = `region ${getAttr(el, 'id') ?? '?'}`;
  const own = customTags(el, what, reader).filter((t) => !UNPLACED_TAGS.has(t.name));
  if (own.length === 0) return;
  const text = textEquiv(el) ?? '';
  const parts = text.split(/(\r?\n)/);
  const texts = parts.filter((_, i) => i % 2 === 0);
  if (texts.length !== lines.length) {
    reader.warnings.push(
      `${reader.label}: ${what} has tags on its text, but its text has ${texts.length} line(s) and the region ${lines.length}; the region's tags were skipped.`,
    );
    return;
  }
  for (const tag of own) {
    const placed = placeTag(tag, text, what, reader);
    if (placed === null) continue;
    let lineStart = 0;
    lines.forEach((line, i) => {
      const lineText = texts[i]!;
      const start = Math.max(placed.start, lineStart) - lineStart;
      const end = Math.min(placed.end, lineStart + lineText.length) - lineStart;
      const point = placed.start === placed.end && start === end && placed.start === lineStart + start;
      if ((start < end || point) && start <= line.text.length) {
        const several = placed.start < lineStart || placed.end > lineStart + lineText.length;
        (line.tags ??= []).push({
          ...placed,
          start,
          end: Math.min(end, line.text.length),
          continued: placed.continued || several,
        });
      }
      lineStart += lineText.length + (parts[2 * i + 1]?.length ?? 0);
    });
  }
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

function readRegion(el: XmlElement, name: string, reader: TagReader): LayoutRegion {
  const textual = name === 'TextRegion';
  // Transkribus says a region's kind in its custom attribute too (`structure {type:heading;}`).
  const structure = textual
    ? parseCustom(getAttr(el, 'custom') ?? '').tags.find((t) => t.name === 'structure')
    : undefined;
  const type = textual
    ? (getAttr(el, 'type') ?? structure?.attrs.find(([k]) => k === 'type')?.[1] ?? null)
    : (REGION_KINDS[name] ?? null);
  let lines = textual ? children(el, 'TextLine').map((l) => readLine(l, reader)) : [];
  if (textual && lines.length === 0) {
    const text = textEquiv(el);
    if (text !== null) {
      lines = text.split(/\r?\n/).map((t) => ({ id: null, outline: [], baseline: null, text: t, words: [] }));
    }
  }
  if (textual) regionTags(el, lines, reader);
  return { id: getAttr(el, 'id'), type, textual, outline: coords(el), lines };
}

/** Every region of the page, nested ones (a table's cells) after their parent, in file order. */
function collectRegions(el: XmlElement, out: Array<{ el: XmlElement; region: LayoutRegion }>, reader: TagReader): void {
  for (const c of childElements(el)) {
    const name = localName(c.name);
    if (!Object.hasOwn(REGION_KINDS, name)) continue;
    out.push({ el: c, region: readRegion(c, name, reader) });
    collectRegions(c, out, reader);
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
  collectRegions(page, all, { label, warnings });
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
