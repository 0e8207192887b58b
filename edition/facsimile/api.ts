/**
 * The part of the API contract about page images (facsimiles): the images a project
 * keeps, the pages (TEI `surface`) of a document with their zones, and the links from
 * text to zones. The types, the argument schemas and the method names; merged into
 * SiglumApi, API_ARGS and API_METHODS by edition/api.ts.
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
import * as v from 'valibot';
import { fields, id, list, obj, opaque, optId, otherId, str, type ArgsIn } from '../args.ts';
import { SiglumError } from '../errors.ts';
import { checkZoneInput } from './zones.ts';

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

/** An image file as it was imported, byte for byte, in base64 (what `imageOriginal` answers). */
export interface ImageOriginal {
  /** The file name it was imported as. */
  name: string;
  mediaType: string;
  base64: string;
}

/** The largest image file a project takes. */
export const MAX_IMAGE_BYTES = 200 * 1024 * 1024;
/** The most files one addPageImages call takes. */
const MAX_FILES = 500;

/** A tile's level, column or row. */
function tileNumber(key: string) {
  const message = `imageTile needs "${key}" as a whole number of 0 or more.`;
  return v.pipe(v.number(message), v.safeInteger(message), v.minValue(0, message), v.maxValue(1_000_000, message));
}

const PAGE_FILE = 'addPageImages needs each file as { name, base64 }.';

/** A page image sent as base64, its name trimmed; one larger than MAX_IMAGE_BYTES is 'too-large'. */
const pageFile = v.pipe(
  obj({ name: v.string(PAGE_FILE), base64: v.string(PAGE_FILE) }, PAGE_FILE),
  v.transform(({ name, base64 }) => {
    const trimmed = name.trim();
    if (trimmed === '' || trimmed.length > 500) {
      throw new SiglumError('bad-input', 'Each page image needs a file name of 1 to 500 characters.');
    }
    if (base64.length > Math.ceil(MAX_IMAGE_BYTES / 3) * 4) {
      throw new SiglumError(
        'too-large',
        `"${trimmed}" is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB, the most a page image may be. Reduce it and import it again.`,
      );
    }
    return { name: trimmed, base64 };
  }),
);

/** The sentence for an image file id that names none. */
export function noImageFile(id: string | number): string {
  return `There is no image file with id "${id}". Export the TEI again to get the ids of its images.`;
}

/** A surface's or zone's xml:id. */
function xmlId(method: string, key: string) {
  return str(method, key, 200);
}

/** The arguments of the facsimile methods. */
export const FACSIMILE_ARGS = {
  listSurfaces: fields({ documentId: id('listSurfaces', 'documentId', 'document') }),
  imageTile: fields({
    imageId: otherId(
      'imageTile',
      'imageId',
      (id) => `There is no page image with id "${id}". List the document's pages to find it.`,
    ),
    level: tileNumber('level'),
    x: tileNumber('x'),
    y: tileNumber('y'),
  }),
  addPageImages: v.pipe(
    fields({
      documentId: id('addPageImages', 'documentId', 'document'),
      files: list('addPageImages', 'files', pageFile, MAX_FILES),
      surfaceId: v.optional(v.string('addPageImages takes "surfaceId" as a string.')),
    }),
    v.check((a) => a.surfaceId === undefined || a.files.length === 1, 'Give a page (surfaceId) one image at a time.'),
  ),
  /** The zone is checked by `checkZoneInput` (zones.ts), which says which of its fields is wrong. */
  saveZone: fields({
    surfaceId: xmlId('saveZone', 'surfaceId'),
    zone: v.pipe(
      opaque<ZoneInput>(),
      v.transform((z: ZoneInput) => checkZoneInput(z)),
    ),
  }),
  deleteZone: fields({ surfaceId: xmlId('deleteZone', 'surfaceId'), zoneId: xmlId('deleteZone', 'zoneId') }),
  importIiif: fields({
    url: v.pipe(
      v.string('importIiif needs "url" as a string.'),
      v.trim(),
      v.maxLength(4000, 'The manifest address is longer than 4,000 characters.'),
    ),
    width: v.optional(
      v.pipe(
        v.number('importIiif takes "width" as a whole number of pixels from 1 to 20,000.'),
        v.safeInteger('importIiif takes "width" as a whole number of pixels from 1 to 20,000.'),
        v.minValue(1, 'importIiif takes "width" as a whole number of pixels from 1 to 20,000.'),
        v.maxValue(20_000, 'importIiif takes "width" as a whole number of pixels from 1 to 20,000.'),
      ),
    ),
    collectionId: optId('importIiif', 'collectionId', 'collection'),
  }),
  imageOriginal: fields({
    fileId: otherId('imageOriginal', 'fileId', noImageFile),
  }),
};

type In<M extends keyof typeof FACSIMILE_ARGS> = ArgsIn<(typeof FACSIMILE_ARGS)[M]>;

export interface FacsimileApi {
  /** The pages of a document, in order, with their zones. */
  listSurfaces(args: In<'listSurfaces'>): Promise<Surface[]>;
  /** One tile of a kept image (`level` 0..maxLevel, `x`/`y` the column and row). */
  imageTile(args: In<'imageTile'>): Promise<ImageTile>;
  /**
   * Adds page images to a document as new surfaces after its last (files as base64), or
   * gives an existing surface its image (`surfaceId`). Answers the document's surfaces.
   */
  addPageImages(args: In<'addPageImages'>): Promise<Surface[]>;
  /** Adds or changes a zone on a surface; answers the surface. */
  saveZone(args: In<'saveZone'>): Promise<Surface>;
  /** Deletes a zone (the text's links to it are removed as steps); answers the surface. */
  deleteZone(args: In<'deleteZone'>): Promise<Surface>;
  /**
   * Fetches a IIIF Presentation manifest (v2 or v3) and makes a document with one surface
   * per canvas, its image fetched from the IIIF Image API at `width` px wide (default:
   * full size up to 4000 px) and kept in the project.
   */
  importIiif(args: In<'importIiif'>): Promise<DocumentInfo>;
  /**
   * An image file as it was imported (`fileId` as `exportTei` lists it among the images
   * to write beside the TEI), so the window can hand it to the user with the file.
   */
  imageOriginal(args: In<'imageOriginal'>): Promise<ImageOriginal>;
}

export const FACSIMILE_METHODS = [
  'listSurfaces',
  'imageTile',
  'addPageImages',
  'saveZone',
  'deleteZone',
  'importIiif',
  'imageOriginal',
] as const satisfies ReadonlyArray<keyof FacsimileApi>;
