/**
 * ALTO (v2, v3 and v4, and ALTO without a namespace) read into LayoutPages, one per
 * `Layout/Page`.
 *
 * A line's text is its Strings' `CONTENT`, a space for each `SP` (and between two
 * Strings with no `SP` between them, which many producers leave out), and the `HYP`'s
 * `CONTENT` at the line's end: the hyphen as printed. Blocks come in file order (ALTO
 * has no reading order of its own) and have no type (ALTO does not say what a block is),
 * so they all become paragraphs. Positions in `mm10` or `inch1200` are converted to
 * pixels from the image's resolution, or from the image's pixel size against the page's;
 * when neither is known they are kept as they are, with a warning. The tags of `Tags`
 * (a NamedEntityTag's TYPE, LABEL, URI) that a String, a line or a block names in
 * `TAGREFS` become the line's TextTags, one tag's Strings side by side one piece, and a
 * String's tag goes on into the next line only from a hyphenated word at its end (one
 * word's two halves are one mention; one tag on either side of a plain line break names
 * two). A line's or block's tag goes on through the lines it covers.
 */
import { SiglumError } from '../errors.ts';
import { parseXml } from '../xml/parse.ts';
import { childElements, getAttr, localName, textContent, type XmlElement } from '../xml/tree.ts';
import type { Point } from './api.ts';
import {
  parsePoints,
  rectangle,
  type LayoutGlyph,
  type LayoutLine,
  type LayoutPage,
  type LayoutRegion,
  type TextTag,
} from './layout.ts';

/** True when the parsed root is ALTO (`alto`, in an ALTO namespace or none). */
export function isAltoRoot(root: XmlElement): boolean {
  return (
    localName(root.name) === 'alto' && (root.uri === '' || root.uri.startsWith('http://www.loc.gov/standards/alto/'))
  );
}

/** What the importer knows of the page's image, to convert ALTO's units to pixels. */
export interface AltoImageInfo {
  /** The image's size in pixels. */
  width?: number;
  height?: number;
  /** Its resolution in dots per inch. */
  dpi?: number;
}

function children(el: XmlElement, name: string): XmlElement[] {
  return childElements(el).filter((c) => localName(c.name) === name);
}

function child(el: XmlElement, name: string): XmlElement | null {
  return children(el, name)[0] ?? null;
}

function num(el: XmlElement, name: string): number | null {
  const v = getAttr(el, name);
  if (v === null) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/** An ALTO tag (`Tags/NamedEntityTag`, `OtherTag`...) as TextTag reads it: its type and attributes. */
interface AltoTag {
  type: string;
  attrs: Array<[string, string]>;
}

/**
 * The tags of the file's `Tags` by ID. A NamedEntityTag's type is its TYPE ('person',
 * 'place'...); another tag's is its TYPE, else its element's name. LABEL, URI and
 * DESCRIPTION become the attributes 'label', 'uri' and 'description'.
 */
function readTags(root: XmlElement): Map<string, AltoTag> {
  const tags = new Map<string, AltoTag>();
  for (const holder of children(root, 'Tags')) {
    for (const t of childElements(holder)) {
      const id = getAttr(t, 'ID');
      if (id === null) continue;
      const attrs: Array<[string, string]> = [];
      for (const [attr, key] of [
        ['LABEL', 'label'],
        ['URI', 'uri'],
        ['DESCRIPTION', 'description'],
      ] as const) {
        const v = getAttr(t, attr);
        if (v !== null && v.trim() !== '') attrs.push([key, v.trim()]);
      }
      tags.set(id, { type: getAttr(t, 'TYPE')?.trim() || localName(t.name), attrs });
    }
  }
  return tags;
}

class Reader {
  /** Per ALTO tag, how many separate stretches of Strings it has tagged so far. */
  private readonly occurrences = new Map<string, number>();
  /** The tags of a word hyphenated at the end of the line before. */
  private readonly hyphenated = new Set<string>();

  constructor(
    readonly scale: number,
    readonly tags: ReadonlyMap<string, AltoTag> = new Map(),
  ) {}

  /** The tags an element refers to (`TAGREFS`), each as a piece over `start..end`. */
  tagged(el: XmlElement, start: number, end: number): TextTag[] {
    const refs = (getAttr(el, 'TAGREFS') ?? '').split(/\s+/).filter((r) => r !== '');
    const out: TextTag[] = [];
    for (const key of refs) {
      const tag = this.tags.get(key);
      if (tag !== undefined) out.push({ type: tag.type, start, end, attrs: tag.attrs, continued: true, key });
    }
    return out;
  }

  px(v: number): number {
    return Math.round(v * this.scale);
  }

  /** The element's outline: its Shape's Polygon when it has one, else its HPOS/VPOS/WIDTH/HEIGHT box. */
  outline(el: XmlElement): Point[] {
    const shape = child(el, 'Shape');
    const polygon = shape === null ? null : child(shape, 'Polygon');
    const points = polygon === null ? null : getAttr(polygon, 'POINTS');
    if (points !== null) {
      const outline = parsePoints(points, this.scale);
      if (outline.length > 0) return outline;
    }
    const x = num(el, 'HPOS');
    const y = num(el, 'VPOS');
    const w = num(el, 'WIDTH');
    const h = num(el, 'HEIGHT');
    if (x === null || y === null || w === null || h === null) return [];
    return rectangle(this.px(x), this.px(y), this.px(w), this.px(h));
  }

  baseline(line: XmlElement): Point[] | null {
    const value = getAttr(line, 'BASELINE');
    if (value === null || value.trim() === '') return null;
    if (/[\s,]/.test(value.trim())) {
      const points = parsePoints(value, this.scale);
      return points.length > 0 ? points : null;
    }
    const y = Number(value);
    const x = num(line, 'HPOS');
    const w = num(line, 'WIDTH');
    if (!Number.isFinite(y) || x === null || w === null) return null;
    return [
      [this.px(x), this.px(y)],
      [this.px(x + w), this.px(y)],
    ];
  }

  line(el: XmlElement, blockTags: readonly XmlElement[] = []): LayoutLine {
    let text = '';
    let afterString = false;
    const words: LayoutLine['words'] = [];
    const tags: TextTag[] = [];
    for (const c of childElements(el)) {
      const name = localName(c.name);
      if (name === 'String') {
        const content = getAttr(c, 'CONTENT') ?? '';
        if (afterString) text += ' ';
        for (const t of this.tagged(c, text.length, text.length + content.length)) {
          // Strings of one tag, one after the other, make one piece with the spaces between.
          const last = tags.findLast((p) => p.key === t.key);
          if (last !== undefined && text.slice(last.end).trim() === '') last.end = t.end;
          else tags.push(t);
        }
        text += content;
        afterString = true;
        const glyphs: LayoutGlyph[] = children(c, 'Glyph').map((g) => ({
          id: getAttr(g, 'ID'),
          outline: this.outline(g),
          text: getAttr(g, 'CONTENT') ?? '',
        }));
        words.push({ id: getAttr(c, 'ID'), outline: this.outline(c), text: content, glyphs });
      } else if (name === 'SP') {
        text += ' ';
        afterString = false;
      } else if (name === 'HYP') {
        // The hyphen belongs to the word it breaks, and so to that word's tags.
        for (const t of tags) if (t.end === text.length) t.end += (getAttr(c, 'CONTENT') ?? '-').length;
        text += getAttr(c, 'CONTENT') ?? '-';
        afterString = false;
      }
    }
    // One tag on either side of a line break names two things (two mentions of one person),
    // unless it tags a word hyphenated at the line's end and the word that opens the next.
    const end = text.trimEnd().length;
    const opening = new Set(this.hyphenated);
    this.hyphenated.clear();
    for (const t of tags) {
      const key = t.key!;
      if (!(opening.has(key) && text.slice(0, t.start).trim() === '')) {
        this.occurrences.set(key, (this.occurrences.get(key) ?? 0) + 1);
      }
      if (t.end >= end && /[-¬=⸗]$/.test(text.slice(0, t.end))) this.hyphenated.add(key);
      t.key = `${key}#${this.occurrences.get(key) ?? 1}`;
    }
    const whole = [el, ...blockTags].flatMap((e) => this.tagged(e, 0, text.length));
    const line: LayoutLine = {
      id: getAttr(el, 'ID'),
      outline: this.outline(el),
      baseline: this.baseline(el),
      text,
      words,
    };
    if (whole.length + tags.length > 0) line.tags = [...whole, ...tags];
    return line;
  }

  /** The blocks inside `el` in file order, a ComposedBlock's own blocks in its place. */
  blocks(el: XmlElement, out: LayoutRegion[]): void {
    for (const c of childElements(el)) {
      const name = localName(c.name);
      if (name === 'TextBlock') {
        out.push({
          id: getAttr(c, 'ID'),
          type: null,
          textual: true,
          outline: this.outline(c),
          lines: children(c, 'TextLine').map((l) => this.line(l, [c])),
        });
      } else if (name === 'Illustration' || name === 'GraphicalElement') {
        const type = name === 'Illustration' ? 'image' : 'graphic';
        out.push({ id: getAttr(c, 'ID'), type, textual: false, outline: this.outline(c), lines: [] });
      } else if (name === 'ComposedBlock') this.blocks(c, out);
    }
  }
}

/** Pixels per unit of ALTO's MeasurementUnit, or null when it cannot be known. */
function unitScale(
  unit: string,
  page: XmlElement,
  image: AltoImageInfo,
): { scale: number | null; perInch: number | null } {
  if (unit === 'pixel' || unit === '') return { scale: 1, perInch: null };
  const perInch = unit === 'mm10' ? 254 : unit === 'inch1200' ? 1200 : null;
  if (perInch === null) return { scale: null, perInch: null };
  if (image.dpi !== undefined && image.dpi > 0) return { scale: image.dpi / perInch, perInch };
  const pageWidth = num(page, 'WIDTH');
  if (image.width !== undefined && pageWidth !== null && pageWidth > 0)
    return { scale: image.width / pageWidth, perInch };
  return { scale: null, perInch };
}

/**
 * Reads an ALTO file: one LayoutPage per `Layout/Page`. `image` is what the caller
 * knows of the page image (needed for files measured in mm10 or inch1200).
 *
 * @throws SiglumError('bad-input') when the file is not ALTO; ParseError when it is not XML.
 */
export function readAlto(xml: string, fileName?: string, image: AltoImageInfo = {}): LayoutPage[] {
  const doc = parseXml(xml, fileName === undefined ? {} : { fileName });
  return readAltoRoot(doc.root, fileName, image);
}

/** readAlto over an already parsed root. */
export function readAltoRoot(root: XmlElement, fileName?: string, image: AltoImageInfo = {}): LayoutPage[] {
  const label = fileName ?? 'The file';
  if (!isAltoRoot(root)) throw new SiglumError('bad-input', `${label} is not ALTO (its root is not alto).`);
  const description = child(root, 'Description');
  const unitEl = description === null ? null : child(description, 'MeasurementUnit');
  const unit = unitEl === null ? 'pixel' : textContent(unitEl).trim();
  const info = description === null ? null : child(description, 'sourceImageInformation');
  const fileNameEl = info === null ? null : child(info, 'fileName');
  const imageRef = fileNameEl === null ? null : textContent(fileNameEl).trim() || null;
  const layout = child(root, 'Layout');
  const pages = layout === null ? [] : children(layout, 'Page');
  if (pages.length === 0) throw new SiglumError('bad-input', `${label} has no Layout/Page: check that it is complete.`);
  const tags = readTags(root);

  return pages.map((page) => {
    const warnings: string[] = [];
    const { scale, perInch } = unitScale(unit, page, image);
    if (scale === null) {
      warnings.push(
        perInch === null
          ? `${label} measures in "${unit}", which ALTO does not define; its positions were taken as pixels.`
          : `${label} measures in ${unit} and the image's resolution is not known, so its positions were taken as pixels and the zones may not fit the image.`,
      );
    }
    const reader = new Reader(scale ?? 1, tags);
    const regions: LayoutRegion[] = [];
    const printSpaceEl = child(page, 'PrintSpace');
    // Running heads and page numbers may stand in the margins: every area, in file order.
    for (const area of childElements(page)) {
      if (/^(TopMargin|LeftMargin|RightMargin|BottomMargin|PrintSpace)$/.test(localName(area.name))) {
        reader.blocks(area, regions);
      }
    }
    const pageWidth = num(page, 'WIDTH');
    const pageHeight = num(page, 'HEIGHT');
    const printSpace = printSpaceEl === null ? [] : reader.outline(printSpaceEl);
    return {
      imageRef,
      width: image.width ?? (pageWidth === null ? null : reader.px(pageWidth)),
      height: image.height ?? (pageHeight === null ? null : reader.px(pageHeight)),
      border: null,
      printSpace: printSpace.length > 0 ? printSpace : null,
      regions,
      warnings,
    };
  });
}
