/**
 * Reading page images and making their tiles, with sharp (libvips): TIFF (JPEG-compressed
 * too, each page of a multi-page TIFF), JPEG, PNG and WebP. The original's bytes are kept
 * as they came; the tiles are a Deep Zoom pyramid of JPEG tiles made once.
 *
 * sharp works on its own threads, so decoding and resizing do not hold the service's
 * event loop; each level's tiles are stored in a transaction of their own, lowest level
 * first, so a viewer has the first tiles of a large image long before its last.
 */
import { createHash } from 'node:crypto';
import type { Metadata, Sharp, SharpInput, SharpOptions } from 'sharp';
import { SiglumError } from '../../edition/errors.ts';
import {
  collectUnshownImages,
  deleteImageFile,
  holdImageFiles,
  imageFileBySha,
  imageOfFilePage,
  insertImage,
  insertImageFile,
  putTiles,
  setLevelsDone,
  type ImageHold,
} from '../../db/facsimiles.ts';
import type { Store } from '../../db/store.ts';
import { MAX_IMAGE_BYTES } from '../../edition/facsimile/api.ts';

/** The largest image file a project takes (the contract's, edition/facsimile/api.ts). */
export { MAX_IMAGE_BYTES };
/** Deep Zoom tiles: 256 px square, no overlap, JPEG. */
export const TILE_SIZE = 256;
export const TILE_OVERLAP = 0;
const TILE_QUALITY = 85;

type SharpFactory = (typeof import('sharp'))['default'];

/**
 * sharp, loaded on first use: the service and the command line start without libvips,
 * and only reading or writing a page image needs it. A missing sharp (an install without
 * its prebuilt libvips) is a sentence, not a crash of the whole service.
 */
export async function loadSharp(): Promise<SharpFactory> {
  try {
    const { default: load } = await import('sharp');
    return load;
  } catch (cause) {
    throw new SiglumError(
      'io',
      `Page images cannot be read here: the image library (sharp) did not load (${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)}).`,
    );
  }
}

async function sharp(input?: SharpInput | SharpInput[], options?: SharpOptions): Promise<Sharp> {
  return (await loadSharp())(input, options);
}

const MEDIA_TYPES: Readonly<Record<string, string>> = {
  tiff: 'image/tiff',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

/** The highest Deep Zoom level of an image: the one at full size (level 0 is 1×1). */
export function maxLevelOf(width: number, height: number): number {
  return Math.ceil(Math.log2(Math.max(width, height, 1)));
}

/** The size of a Deep Zoom level. */
export function levelSize(width: number, height: number, level: number): { width: number; height: number } {
  const scale = 2 ** (maxLevelOf(width, height) - level);
  return { width: Math.max(1, Math.ceil(width / scale)), height: Math.max(1, Math.ceil(height / scale)) };
}

/** Columns and rows of tiles of a level. */
export function levelTiles(width: number, height: number, level: number): { columns: number; rows: number } {
  const size = levelSize(width, height, level);
  return { columns: Math.ceil(size.width / TILE_SIZE), rows: Math.ceil(size.height / TILE_SIZE) };
}

function unreadable(name: string, why: string): SiglumError {
  return new SiglumError(
    'bad-input',
    `"${name}" could not be read as an image (${why.replace(/\s+/g, ' ').trim()}). Check that it is a TIFF, JPEG, PNG or WebP file that opens in an image viewer.`,
  );
}

/** What an image file holds: its media type and its pages' sizes. Throws the sentence naming the file. */
export async function inspectImage(
  name: string,
  bytes: Buffer,
): Promise<{ mediaType: string; pages: Array<{ width: number; height: number }> }> {
  if (bytes.length > MAX_IMAGE_BYTES) {
    throw new SiglumError(
      'too-large',
      `"${name}" is ${(bytes.length / 1024 / 1024).toFixed(0)} MB; page images may be at most ${MAX_IMAGE_BYTES / 1024 / 1024} MB. Reduce it (a JPEG-compressed TIFF or a JPEG) and import it again.`,
    );
  }
  let meta: Metadata;
  try {
    meta = await (await sharp(bytes, { pages: 1 })).metadata();
  } catch (e) {
    throw unreadable(name, e instanceof Error ? e.message : String(e));
  }
  const mediaType = meta.format === undefined ? undefined : MEDIA_TYPES[meta.format];
  if (mediaType === undefined) {
    throw new SiglumError(
      'bad-input',
      `"${name}" is a ${meta.format ?? 'unknown'} image; page images must be TIFF, JPEG, PNG or WebP. Convert it and import it again.`,
    );
  }
  const count = meta.format === 'tiff' ? Math.max(1, meta.pages ?? 1) : 1;
  const pages: Array<{ width: number; height: number }> = [];
  for (let page = 0; page < count; page++) {
    const m = page === 0 ? meta : await (await sharp(bytes, { page })).metadata();
    if (m.width === undefined || m.height === undefined) throw unreadable(name, `page ${page + 1} has no size`);
    pages.push({ width: m.width, height: m.height });
  }
  return { mediaType, pages };
}

interface Raster {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

/** One page decoded in full, as 8-bit sRGB (alpha flattened on white). Throws the sentence naming the file. */
async function decode(
  name: string,
  bytes: Buffer,
  page: number,
  size?: { width: number; height: number },
): Promise<Raster> {
  try {
    const image = await sharp(bytes, { page, failOn: 'error', limitInputPixels: 1_000_000_000 });
    if (size !== undefined) image.resize(size.width, size.height, { fit: 'fill', kernel: 'lanczos3' });
    const { data, info } = await image
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, channels: info.channels };
  } catch (e) {
    throw unreadable(name, e instanceof Error ? e.message : String(e));
  }
}

async function halve(r: Raster): Promise<Raster> {
  const width = Math.max(1, Math.ceil(r.width / 2));
  const height = Math.max(1, Math.ceil(r.height / 2));
  const { data, info } = await (
    await sharp(r.data, { raw: { width: r.width, height: r.height, channels: r.channels } })
  )
    .resize(width, height, { fit: 'fill', kernel: 'lanczos3' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

async function tilesOf(r: Raster): Promise<Array<{ x: number; y: number; data: Buffer }>> {
  const out: Array<{ x: number; y: number; data: Buffer }> = [];
  const columns = Math.ceil(r.width / TILE_SIZE);
  const rows = Math.ceil(r.height / TILE_SIZE);
  const jobs: Array<Promise<void>> = [];
  const load = await loadSharp();
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < columns; x++) {
      const left = x * TILE_SIZE;
      const top = y * TILE_SIZE;
      const region = {
        left,
        top,
        width: Math.min(TILE_SIZE, r.width - left),
        height: Math.min(TILE_SIZE, r.height - top),
      };
      jobs.push(
        load(r.data, { raw: { width: r.width, height: r.height, channels: r.channels } })
          .extract(region)
          .jpeg({ quality: TILE_QUALITY })
          .toBuffer()
          .then((data) => void out.push({ x, y, data })),
      );
    }
  }
  await Promise.all(jobs);
  return out;
}

/** The highest level made in the first, quick pass: at most 1024 px, about a screenful. */
const FIRST_VIEW_LEVEL = 10;
/** Pages above this many pixels get the quick first pass. */
const QUICK_PASS_PIXELS = 8_000_000;
/** Tiles per write transaction: a few hundred kB, committed in milliseconds. */
const TILES_PER_WRITE = 64;

/** Levels `from`..`to` of a raster at level `to`, each the previous halved, lowest first. */
async function pyramid(top: Raster, from: number, to: number): Promise<Raster[]> {
  const levels: Raster[] = [top];
  for (let level = to - 1; level >= from; level--) levels.unshift(await halve(levels[0]!));
  return levels;
}

/**
 * Makes the tile pyramid of one page (`width` x `height`) and stores it, lowest level
 * first, in short transactions. On a large page, levels up to about a screenful come first
 * from an image decoded at that size (JPEG and WebP decode smaller images faster), so a viewer can
 * show the page before the full-size decode is done. `onLevel` hears of each level once
 * it is committed.
 */
export async function makeTiles(
  store: Store,
  image: { id: number; width: number; height: number },
  name: string,
  bytes: Buffer,
  page: number,
  onLevel?: (level: number) => void,
): Promise<void> {
  const maxLevel = maxLevelOf(image.width, image.height);
  const early = Math.min(FIRST_VIEW_LEVEL, maxLevel - 1);
  let pending: Array<{ level: number; x: number; y: number; data: Buffer }> = [];
  const flush = (levelsDone: number): void => {
    const chunk = pending;
    pending = [];
    store.write((tx) => {
      for (let level = 0; level <= maxLevel; level++) {
        const own = chunk.filter((t) => t.level === level);
        if (own.length > 0) putTiles(tx, image.id, level, own);
      }
      setLevelsDone(tx, image.id, levelsDone);
    });
  };
  const storeLevels = async (levels: Raster[], first: number): Promise<void> => {
    for (const [i, raster] of levels.entries()) {
      const level = first + i;
      for (const t of await tilesOf(raster)) pending.push({ level, ...t });
      levels[i] = { ...raster, data: Buffer.alloc(0) };
      // Large levels in several transactions, so other calls get their turn in between.
      while (pending.length >= TILES_PER_WRITE) {
        const rest = pending.slice(TILES_PER_WRITE);
        pending = pending.slice(0, TILES_PER_WRITE);
        flush(rest.some((t) => t.level === level) ? level : level + 1);
        pending = rest;
        await new Promise((done) => setImmediate(done));
      }
      if (level === first + levels.length - 1 || level === early) {
        if (pending.length > 0 || level === early) flush(level + 1);
        for (let l = first; l <= level; l++) onLevel?.(l);
      }
    }
  };
  let from = 0;
  // Decoding twice pays only for large pages: a small one is decoded whole in a moment.
  if (early >= 0 && image.width * image.height > QUICK_PASS_PIXELS) {
    const size = levelSize(image.width, image.height, early);
    await storeLevels(await pyramid(await decode(name, bytes, page, size), 0, early), 0);
    from = early + 1;
  }
  const full = await decode(name, bytes, page);
  if (full.width !== image.width || full.height !== image.height) {
    throw unreadable(
      name,
      `page ${page + 1} decodes to ${full.width} x ${full.height}, not ${image.width} x ${image.height}`,
    );
  }
  await storeLevels(await pyramid(full, from, maxLevel), from);
}

/** A page of an image file kept in the store, ready to show. */
export interface StoredPage {
  imageId: number;
  width: number;
  height: number;
}

/**
 * Runs an import of page images, `fn`, with a hold on the image files it finds or stores
 * (`storeImageFile`), so that no clean-up removes them before its surfaces show them.
 * Afterwards every file nothing shows is removed (the images of a failed import, a page's
 * replaced image, the pages a re-import or a pull replaced), unless `keepUnshown` says
 * the import waits for a choice that will show them.
 */
export async function withImageHold<T>(
  store: Store,
  fn: (hold: ImageHold) => Promise<T>,
  keepUnshown: (result: T) => boolean = () => false,
): Promise<T> {
  const hold = holdImageFiles(store.db);
  let result: T;
  try {
    result = await fn(hold);
  } catch (e) {
    hold.release();
    // The import's own failure is what the caller hears of, not a clean-up's after it.
    try {
      if (store.db.open) store.write((tx) => collectUnshownImages(tx));
    } catch (cleanup) {
      console.error('Siglum: page images nothing shows were not removed:', cleanup);
    }
    throw e;
  }
  hold.release();
  if (!keepUnshown(result)) store.write((tx) => collectUnshownImages(tx));
  return result;
}

/**
 * Keeps an image file in the store (once: the same bytes are found again by their
 * SHA-256) and makes each page's tiles. Answers its pages, held by `hold` until the
 * caller's surfaces show them. A file that cannot be read leaves nothing behind and
 * throws a sentence naming it.
 */
export async function storeImageFile(
  store: Store,
  hold: ImageHold,
  name: string,
  bytes: Buffer,
  source: string | null = null,
  onLevel?: (imageId: number, level: number) => void,
): Promise<StoredPage[]> {
  const { mediaType, pages } = await inspectImage(name, bytes);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const known = imageFileBySha(store.db, sha256);
  if (known !== null) {
    // Held in the turn that found it: a clean-up cannot come in between.
    hold.add(known);
    const ids = pages.map((_, page) => imageOfFilePage(store.db, known, page));
    if (ids.every((id) => id !== null)) {
      return ids.map((imageId, page) => ({ imageId: imageId!, ...pages[page]! }));
    }
    // A file whose tiles were never finished (the process stopped): made again below.
    store.write((tx) => deleteImageFile(tx, known));
  }
  const stored = store.write((tx) => {
    const fileId = insertImageFile(tx, { name, mediaType, sha256, source, original: bytes });
    hold.add(fileId);
    return {
      fileId,
      pages: pages.map((p, page) => ({
        imageId: insertImage(tx, {
          fileId,
          page,
          width: p.width,
          height: p.height,
          tileSize: TILE_SIZE,
          overlap: TILE_OVERLAP,
          maxLevel: maxLevelOf(p.width, p.height),
          tileFormat: 'image/jpeg',
        }),
        ...p,
      })),
    };
  });
  try {
    for (const [page, p] of stored.pages.entries()) {
      await makeTiles(store, { id: p.imageId, width: p.width, height: p.height }, name, bytes, page, (level) =>
        onLevel?.(p.imageId, level),
      );
    }
  } catch (e) {
    store.write((tx) => deleteImageFile(tx, stored.fileId));
    throw e;
  }
  return stored.pages;
}
