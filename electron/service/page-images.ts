/**
 * Reading page images and making their tiles, with sharp (libvips): TIFF (JPEG-compressed
 * too, each page of a multi-page TIFF), JPEG, PNG and WebP. The original's bytes are kept
 * as they came; the tiles are a Deep Zoom pyramid of JPEG tiles made once.
 *
 * sharp works on its own threads, so decoding and tiling do not hold the service's event
 * loop. libvips' pyramid writer makes a page's whole pyramid in one pass (`pyramid`); the
 * tiles are stored lowest level first, about a megabyte to a transaction, so a viewer has
 * the first levels of a large image long before its last.
 */
import { createHash } from 'node:crypto';
import type { Metadata, Sharp, SharpInput, SharpOptions } from 'sharp';
import { SiglumError } from '../../edition/errors.ts';
import {
  collectUnshownImages,
  deleteImageFile,
  holdImageFiles,
  holdImageFileBySha,
  imageOfFilePage,
  insertImage,
  insertImageFile,
  putTiles,
  setLevelsDone,
  type ImageHold,
} from '../../db/facsimiles.ts';
import type { Store } from '../../db/store.ts';
import { MAX_IMAGE_BYTES } from '../../edition/facsimile/api.ts';
import { levelSize, maxLevelOf } from '../../edition/facsimile/levels.ts';

/** The largest image file a project takes (the contract's, edition/facsimile/api.ts). */
export { MAX_IMAGE_BYTES };
/** Deep Zoom tiles: 256 px square, no overlap, JPEG. */
export const TILE_SIZE = 256;
export const TILE_OVERLAP = 0;
const TILE_QUALITY = 85;
/**
 * Tiles are written with the standard Huffman tables, in one pass. Tables optimised per
 * tile need a second pass over each tile's coefficients: a third of a page's tiling time,
 * for tiles about 5% smaller that decode to the very same pixels.
 */
const TILE_JPEG = { quality: TILE_QUALITY, optimiseCoding: false } as const;

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

export { levelSize, maxLevelOf };

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

/** One tile of a Deep Zoom level. */
interface Tile {
  level: number;
  x: number;
  y: number;
  data: Buffer;
}

/** The name libvips gives each tile in the pyramid's zip: `<base>_files/<level>/<x>_<y>.jpeg`. */
const TILE_ENTRY = /_files\/(\d+)\/(\d+)_(\d+)\.jpeg$/;

/**
 * The Deep Zoom pyramid of one page (or of it scaled to `size`) as 8-bit sRGB JPEG tiles
 * (alpha flattened on white), made by libvips' pyramid writer in one pass: the page is
 * decoded once, each level is the one above halved (a 2×2 mean) while the page streams
 * through, and no level is ever held whole in memory. The tiles come back in a zip
 * (stored, not compressed) and are answered lowest level first. Throws the sentence
 * naming the file.
 */
async function pyramid(
  name: string,
  bytes: Buffer,
  page: number,
  size?: { width: number; height: number },
): Promise<{ width: number; height: number; tiles: Tile[] }> {
  let zip: { data: Buffer; info: { width: number; height: number } };
  try {
    const image = await sharp(bytes, { page, failOn: 'error', limitInputPixels: 1_000_000_000 });
    if (size !== undefined) image.resize(size.width, size.height, { fit: 'fill', kernel: 'lanczos3' });
    zip = await image
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .jpeg(TILE_JPEG)
      .tile({ size: TILE_SIZE, overlap: TILE_OVERLAP, layout: 'dz', container: 'zip' })
      .toBuffer({ resolveWithObject: true });
  } catch (e) {
    throw unreadable(name, e instanceof Error ? e.message : String(e));
  }
  // Loaded here, as sharp is: a command that makes no tiles (an export) need not load it.
  const { unzipSync } = await import('fflate');
  const tiles: Tile[] = [];
  for (const [entry, data] of Object.entries(unzipSync(zip.data, { filter: (f) => TILE_ENTRY.test(f.name) }))) {
    const [, level, x, y] = TILE_ENTRY.exec(entry)!;
    tiles.push({
      level: Number(level),
      x: Number(x),
      y: Number(y),
      data: Buffer.from(data.buffer, data.byteOffset, data.byteLength),
    });
  }
  tiles.sort((a, b) => a.level - b.level);
  return { width: zip.info.width, height: zip.info.height, tiles };
}

/** The highest level made in the first, quick pass: at most 1024 px, about a screenful. */
const FIRST_VIEW_LEVEL = 10;
/** Pages above this many pixels get the quick first pass. */
const QUICK_PASS_PIXELS = 8_000_000;
/** Tile bytes per write transaction: about a megabyte, committed in a few milliseconds. */
const TILE_BYTES_PER_WRITE = 1 << 20;

/**
 * Makes the tile pyramid of one page (`width` x `height`) and stores it, lowest level
 * first, in short transactions. On a large page, levels up to about a screenful come first
 * from an image decoded at that size (JPEG and WebP decode smaller images faster), so a viewer can
 * show the page before the full-size pyramid is done. `onLevel` hears of each level once
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
  /** Stores levels `from`..`to` of `tiles` (sorted by level), lowest first, a megabyte or so per transaction. */
  const storeLevels = async (tiles: readonly Tile[], from: number, to: number): Promise<void> => {
    const own = tiles.filter((t) => t.level >= from && t.level <= to);
    let announced = from;
    for (let start = 0, end = 1; start < own.length; start = end++) {
      let bytes = own[start]!.data.length;
      while (end < own.length && bytes + own[end]!.data.length <= TILE_BYTES_PER_WRITE)
        bytes += own[end++]!.data.length;
      const chunk = own.slice(start, end);
      // The levels below the next tile's are whole once this chunk is in.
      const done = own[end]?.level ?? to + 1;
      store.write((tx) => {
        for (const level of new Set(chunk.map((t) => t.level))) {
          putTiles(
            tx,
            image.id,
            level,
            chunk.filter((t) => t.level === level),
          );
        }
        setLevelsDone(tx, image.id, done);
      });
      for (; announced < done; announced++) onLevel?.(announced);
      // Other calls get their turn between a large page's transactions.
      if (done <= to) await new Promise((resume) => setImmediate(resume));
    }
  };
  let from = 0;
  // Two pyramids pay only for large pages: a small one is made whole in a moment.
  if (early >= 0 && image.width * image.height > QUICK_PASS_PIXELS) {
    const quick = await pyramid(name, bytes, page, levelSize(image.width, image.height, early));
    await storeLevels(quick.tiles, 0, early);
    from = early + 1;
  }
  const full = await pyramid(name, bytes, page);
  if (full.width !== image.width || full.height !== image.height) {
    throw unreadable(
      name,
      `page ${page + 1} decodes to ${full.width} x ${full.height}, not ${image.width} x ${image.height}`,
    );
  }
  await storeLevels(full.tiles, from, maxLevel);
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
    // The import's own failure is what the caller hears of, not a clean-up's after it.
    try {
      if (store.db.open) {
        store.write((tx) => {
          hold.release(tx);
          collectUnshownImages(tx);
        });
      }
    } catch (cleanup) {
      console.error('Siglum: page images nothing shows were not removed:', cleanup);
    }
    throw e;
  }
  store.write((tx) => {
    hold.release(tx);
    if (!keepUnshown(result)) collectUnshownImages(tx);
  });
  return result;
}

/** The SHA-256 of `bytes` (hex), by which the store knows an image file. */
export function imageSha(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Keeps an image file in the store (once: the same bytes are found again by their
 * SHA-256) and makes each page's tiles. Answers its pages, held by `hold` until the
 * caller's surfaces show them. A file that cannot be read leaves nothing behind and
 * throws a sentence naming it. `sha256` is the bytes' `imageSha`, when the caller has
 * it already (it hashed them as they arrived).
 */
export async function storeImageFile(
  store: Store,
  hold: ImageHold,
  name: string,
  bytes: Buffer,
  source: string | null = null,
  onLevel?: (imageId: number, level: number) => void,
  sha256: string = imageSha(bytes),
): Promise<StoredPage[]> {
  const { mediaType, pages } = await inspectImage(name, bytes);
  const known = store.write((tx) => holdImageFileBySha(tx, hold, sha256));
  if (known !== null) {
    const ids = pages.map((_, page) => imageOfFilePage(store.db, known, page));
    if (ids.every((id) => id !== null)) {
      return ids.map((imageId, page) => ({ imageId: imageId!, ...pages[page]! }));
    }
    // A file whose tiles were never finished (the process stopped): made again below.
    store.write((tx) => deleteImageFile(tx, known));
  }
  const stored = store.write((tx) => {
    const fileId = insertImageFile(tx, { name, mediaType, sha256, source, original: bytes });
    hold.add(tx, fileId);
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
