/**
 * The page layout that PAGE XML and ALTO are both read into before a document is made
 * of them (build.ts): regions in reading order, their lines with outline, baseline and
 * text, and the words and glyphs of each line when the source has them. Coordinates
 * are image pixels, origin top left.
 */
import type { Point } from './api.ts';

/** An outlined thing on the page: the source's id and its outline (at least one point). */
export interface Outlined {
  /** The source's id, or null when it has none (an id is then made from the position). */
  id: string | null;
  outline: Point[];
}

export interface LayoutGlyph extends Outlined {
  text: string;
}

export interface LayoutWord extends Outlined {
  text: string;
  glyphs: LayoutGlyph[];
}

/**
 * A tag on a stretch of a line's text: a Transkribus tag of the `custom` attribute
 * (custom.ts), or an ALTO tag a String or line refers to (`TAGREFS`).
 */
export interface TextTag {
  /** The tag's type as the source names it: 'person', 'abbrev', 'textStyle', an ALTO NamedEntityTag's TYPE... */
  type: string;
  /** Where it applies in the line's text, in UTF-16 code units, `end` exclusive; `start === end` for a point (a gap). */
  start: number;
  end: number;
  /** Its other attributes in source order, values unescaped ('firstname', 'expansion', ALTO's 'label' and 'uri'...). */
  attrs: Array<[string, string]>;
  /** True when the tag may go on in the next line (Transkribus `continued:true`; every ALTO tag). */
  continued: boolean;
  /**
   * The source's id of the tag, or null: pieces with one key are one tag. ALTO's are its Tag
   * ID and the stretch of text it tags (`NE1#2`), a hyphenated word's two halves one stretch.
   */
  key: string | null;
}

export interface LayoutLine extends Outlined {
  baseline: Point[] | null;
  /** The line's text as the source gives it (hyphen at the end kept), '' when it has none. */
  text: string;
  words: LayoutWord[];
  /** Tags on the line's text (its words' and region's tags moved onto it), in source order. */
  tags?: TextTag[];
}

export interface LayoutRegion extends Outlined {
  /**
   * What the region is: PAGE's `TextRegion/@type` ('paragraph', 'heading', 'page-number',
   * 'catch-word', ...), 'separator', 'image', 'graphic', 'table' for other region kinds, or
   * null when the source does not say (an ALTO TextBlock).
   */
  type: string | null;
  /** False for regions that hold no text (separators, images): zones only. */
  textual: boolean;
  lines: LayoutLine[];
}

/** One page as read from a PAGE or ALTO file. */
export interface LayoutPage {
  /** The image as the source names it (a path relative to the source, or a URL), or null. */
  imageRef: string | null;
  /** The page's size in pixels (the image's size as the source gives it), or null when unknown. */
  width: number | null;
  height: number | null;
  /** Border (PAGE) and print space (PAGE, ALTO), when given. */
  border: Point[] | null;
  printSpace: Point[] | null;
  /** Regions in reading order, then regions outside it (zones, no text, unless textual). */
  regions: LayoutRegion[];
  warnings: string[];
}

/** Reads PAGE's `points="x,y x,y ..."` (also ALTO's `POINTS`, which may use spaces or commas alike). */
export function parsePoints(value: string, scale = 1): Point[] {
  const numbers = value
    .trim()
    .split(/[\s,]+/)
    .filter((s) => s !== '')
    .map(Number);
  const out: Point[] = [];
  for (let i = 0; i + 1 < numbers.length; i += 2) {
    const x = numbers[i] as number;
    const y = numbers[i + 1] as number;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    out.push([Math.round(x * scale), Math.round(y * scale)]);
  }
  return out;
}

/** The rectangle `x, y, w, h` as a closed outline of four corners, clockwise from top left. */
export function rectangle(x: number, y: number, w: number, h: number): Point[] {
  return [
    [x, y],
    [x + w, y],
    [x + w, y + h],
    [x, y + h],
  ];
}

/** The bounding box of an outline. */
export function boundingBox(outline: readonly Point[]): { ulx: number; uly: number; lrx: number; lry: number } {
  let ulx = Infinity;
  let uly = Infinity;
  let lrx = -Infinity;
  let lry = -Infinity;
  for (const [x, y] of outline) {
    ulx = Math.min(ulx, x);
    uly = Math.min(uly, y);
    lrx = Math.max(lrx, x);
    lry = Math.max(lry, y);
  }
  if (outline.length === 0) return { ulx: 0, uly: 0, lrx: 0, lry: 0 };
  return { ulx, uly, lrx, lry };
}

/**
 * True when the outline is its own bounding box: four corners of an axis-aligned
 * rectangle, in any order. Such a zone needs no `points` in TEI.
 */
export function isBoxOutline(outline: readonly Point[]): boolean {
  if (outline.length !== 4) return false;
  const box = boundingBox(outline);
  const corners = new Set(outline.map(([x, y]) => `${x},${y}`));
  return (
    corners.size === 4 &&
    corners.has(`${box.ulx},${box.uly}`) &&
    corners.has(`${box.lrx},${box.uly}`) &&
    corners.has(`${box.lrx},${box.lry}`) &&
    corners.has(`${box.ulx},${box.lry}`)
  );
}
