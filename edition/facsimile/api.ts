/**
 * The part of the API contract about page images (facsimiles): the images a project
 * keeps, the pages (TEI `surface`) of a document with their zones, and the links from
 * text to zones. Types only, plus the method names; merged into SiglumApi by
 * edition/api.ts.
 *
 * Coordinates are in the pixels of the original image, origin top left, as TEI's
 * `@ulx @uly @lrx @lry @points` and PAGE's and ALTO's coordinates are (ALTO files that
 * measure in mm10 or inch1200 are converted on import).
 *
 * Text points at zones the TEI way: a page break's `facs` names its surface, a line
 * break's `facs` its line zone, and any span of text can carry a `facs` link to a zone
 * (TEI `<seg facs="#zone">`). Ids are the TEI `xml:id`s, unique within the project.
 */
import type { DocumentInfo } from '../types.ts';

/** A point `[x, y]` in image pixels. */
export type Point = [number, number];

/** What a zone outlines: PAGE's and ALTO's levels, or one the editor drew. */
export type ZoneKind = 'region' | 'line' | 'word' | 'glyph' | 'custom';

export interface Zone {
  /** Its `xml:id`. */
  id: string;
  kind: ZoneKind;
  /** The region's type (PAGE `@type`: 'paragraph', 'header', 'page-number', 'catch-word', ...), or null. */
  type: string | null;
  /** The bounding box. */
  ulx: number;
  uly: number;
  lrx: number;
  lry: number;
  /** The outline when it is not the bounding box (TEI `zone/@points`), else null. */
  points: Point[] | null;
  /** A line's baseline (PAGE `Baseline`), else null. */
  baseline: Point[] | null;
  /** The zone it lies in (a line's region, a word's line), or null. */
  parent: string | null;
  /** Its place in reading order on the page. */
  position: number;
}

/** An image the project keeps: the original byte for byte, and tiles made from it once. */
export interface PageImage {
  id: string;
  /** The file name it was imported as (or the IIIF image's id). */
  name: string;
  /** The original's media type: image/tiff, image/jpeg, image/png, image/webp. */
  mediaType: string;
  /** Size in pixels of the (first page of the) original. */
  width: number;
  height: number;
  /** Size in bytes of the original. */
  bytes: number;
  /** Where it was fetched from (a IIIF Image API address), or null for a local file. */
  source: string | null;
  /** The tile pyramid: square tiles of `tileSize` px, levels 0 (1×1 px) to `maxLevel` (full size), as Deep Zoom. */
  tileSize: number;
  maxLevel: number;
}

/** A page of a document: TEI `surface`, with its image (if any) and zones. */
export interface Surface {
  /** Its `xml:id`: what a page break's `facs` names. */
  id: string;
  documentId: string;
  /** Its place among the document's pages. */
  position: number;
  /** The page's number or label (TEI `surface/@n`, IIIF canvas label), or null. */
  n: string | null;
  /** Null when the image is missing (a PAGE file imported without it). */
  image: PageImage | null;
  /** The surface's extent: 0, 0, width, height of its image unless the source said otherwise. */
  ulx: number;
  uly: number;
  lrx: number;
  lry: number;
  zones: Zone[];
  /** Labels and metadata kept from the source (IIIF manifest and canvas), in order. */
  metadata: Array<{ label: string; value: string }>;
}

/** A zone the editor draws or changes. `id` absent: a new zone (the service names it). */
export interface ZoneInput {
  id?: string;
  kind: ZoneKind;
  type?: string | null;
  /** A rectangle (`points` absent) or a polygon. */
  ulx: number;
  uly: number;
  lrx: number;
  lry: number;
  points?: Point[] | null;
  parent?: string | null;
}

/** One tile of an image: Deep Zoom level and column/row, as JPEG (or PNG) bytes in base64. */
export interface ImageTile {
  mediaType: string;
  base64: string;
}

export interface FacsimileApi {
  /** The pages of a document, in order, with their zones. */
  listSurfaces(args: { documentId: string }): Promise<Surface[]>;
  /** One tile of a kept image (`level` 0..maxLevel, `x`/`y` the column and row). */
  imageTile(args: { imageId: string; level: number; x: number; y: number }): Promise<ImageTile>;
  /**
   * Adds page images to a document as new surfaces after its last (files as base64), or
   * gives an existing surface its image (`surfaceId`). Answers the document's surfaces.
   */
  addPageImages(args: {
    documentId: string;
    files: Array<{ name: string; base64: string }>;
    surfaceId?: string;
  }): Promise<Surface[]>;
  /** Adds or changes a zone on a surface; answers the surface. */
  saveZone(args: { surfaceId: string; zone: ZoneInput }): Promise<Surface>;
  /** Deletes a zone (the text's links to it are removed as steps); answers the surface. */
  deleteZone(args: { surfaceId: string; zoneId: string }): Promise<Surface>;
  /**
   * Fetches a IIIF Presentation manifest (v2 or v3) and makes a document with one surface
   * per canvas, its image fetched from the IIIF Image API at `width` px wide (default:
   * full size up to 4000 px) and kept in the project.
   */
  importIiif(args: { url: string; width?: number; collectionId?: string }): Promise<DocumentInfo>;
}

export const FACSIMILE_METHODS = [
  'listSurfaces',
  'imageTile',
  'addPageImages',
  'saveZone',
  'deleteZone',
  'importIiif',
] as const satisfies ReadonlyArray<keyof FacsimileApi>;
