/**
 * The Deep Zoom pyramid a page image gets: every level the size `levelSize` says (the
 * viewer and the TEI export count on it), edge tiles cut to the image, and on a large
 * page the levels committed lowest first, each readable by another connection by the
 * time the import hears of it.
 */
import Database from 'better-sqlite3';
import sharp, { type Sharp } from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { holdImageFiles, type ImageHold } from '../../../db/facsimiles.ts';
import { Store } from '../../../db/store.ts';
import { levelSize, levelTiles, maxLevelOf, storeImageFile, TILE_SIZE } from '../../../electron/service/page-images.ts';
import { tempDir } from './helpers.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** Each level's size as its stored tiles cover it, read tile by tile from the file. */
async function levelsAsStored(path: string, imageId: number): Promise<Array<{ width: number; height: number }>> {
  const db = new Database(path, { readonly: true });
  try {
    const tiles = db
      .prepare('SELECT level, x, y, data FROM image_tiles WHERE image_id = ? ORDER BY level, y, x')
      .all(imageId) as Array<{ level: number; x: number; y: number; data: Buffer }>;
    const levels: Array<{ width: number; height: number }> = [];
    for (const t of tiles) {
      const m = await sharp(t.data).metadata();
      expect(m.width).toBeLessThanOrEqual(TILE_SIZE);
      expect(m.height).toBeLessThanOrEqual(TILE_SIZE);
      const level = (levels[t.level] ??= { width: 0, height: 0 });
      level.width = Math.max(level.width, t.x * TILE_SIZE + m.width!);
      level.height = Math.max(level.height, t.y * TILE_SIZE + m.height!);
    }
    return levels;
  } finally {
    db.close();
  }
}

/** The Huffman tables of a JPEG (its DHT segments), keyed `DC0`, `AC1`...: counts per length, then the values. */
function huffmanTables(jpeg: Buffer): Map<string, number[]> {
  const tables = new Map<string, number[]>();
  let at = 2; // after SOI
  while (at + 4 <= jpeg.length && jpeg[at] === 0xff && jpeg[at + 1] !== 0xda) {
    const length = jpeg.readUInt16BE(at + 2);
    if (jpeg[at + 1] === 0xc4) {
      let t = at + 4;
      while (t < at + 2 + length) {
        const counts = [...jpeg.subarray(t + 1, t + 17)];
        const n = counts.reduce((a, b) => a + b, 0);
        tables.set(`${jpeg[t]! >> 4 === 0 ? 'DC' : 'AC'}${jpeg[t]! & 15}`, [
          ...counts,
          ...jpeg.subarray(t + 17, t + 17 + n),
        ]);
        t += 17 + n;
      }
    }
    at += 2 + length;
  }
  return tables;
}

/** Runs `fn` on a new project with a hold on the images it keeps and a second, read-only connection. */
async function withProject(
  name: string,
  fn: (store: Store, hold: ImageHold, reader: Database.Database) => Promise<void>,
): Promise<void> {
  const path = tmp.file(name);
  const store = Store.open(path, { create: true });
  const hold = holdImageFiles(store.db);
  const reader = new Database(path, { readonly: true });
  try {
    await fn(store, hold, reader);
  } finally {
    reader.close();
    store.write((tx) => hold.release(tx));
    store.close();
  }
}

/** Grey noise of `width` × `height` px, whose tiles do not compress to nothing. */
function noise(width: number, height: number): Sharp {
  return sharp({
    create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } },
  });
}

describe('page tiles', () => {
  it('makes every level of odd-sized pages the size levelSize says, from 1 × 1 up to the page', async () => {
    const path = tmp.file('sizes.siglum');
    const store = Store.open(path, { create: true });
    const hold = holdImageFiles(store.db);
    try {
      for (const [width, height] of [
        [1, 1],
        [257, 129],
        [3, 1025],
        [513, 511],
        [1457, 2083],
      ] as const) {
        const png = await sharp({ create: { width, height, channels: 3, background: '#a08060' } })
          .png()
          .toBuffer();
        const [page] = await storeImageFile(store, hold, `${width}x${height}.png`, png);
        const expected = Array.from({ length: maxLevelOf(width, height) + 1 }, (_, level) =>
          levelSize(width, height, level),
        );
        expect(await levelsAsStored(path, page!.imageId)).toEqual(expected);
      }
    } finally {
      store.write((tx) => hold.release(tx));
      store.close();
    }
  });

  it('writes each tile in one pass, with the standard Huffman tables rather than ones optimised for it', async () => {
    await withProject('huffman.siglum', async (store, hold, reader) => {
      const [page] = await storeImageFile(store, hold, 'noise.png', await noise(600, 400).png().toBuffer());
      const tiles = reader.prepare('SELECT data FROM image_tiles WHERE image_id = ?').all(page!.imageId) as Array<{
        data: Buffer;
      }>;
      const levels = Array.from({ length: maxLevelOf(600, 400) + 1 }, (_, l) => levelTiles(600, 400, l));
      expect(tiles.length).toBe(levels.reduce((n, l) => n + l.columns * l.rows, 0));
      // ITU T.81 Annex K.3: the luminance tables every JPEG decoder knows.
      const dc = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
      const acCounts = [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d];
      for (const { data } of tiles) {
        const tables = huffmanTables(data);
        expect(tables.get('DC0')).toEqual(dc);
        expect(tables.get('AC0')?.slice(0, 16)).toEqual(acCounts);
      }
    });
  });

  it('commits a large page lowest level first: each level is readable elsewhere when the import hears of it', async () => {
    await withProject('large.siglum', async (store, hold, reader) => {
      // 3,600 × 2,500 px of noise: 9 megapixels, above the size that gets a quick first pass.
      const jpeg = await noise(3600, 2500).jpeg().toBuffer();
      const heard: Array<{ level: number; levelsDone: number; tiles: number }> = [];
      await storeImageFile(store, hold, 'large.jpg', jpeg, null, (imageId, level) => {
        const row = reader.prepare('SELECT levels_done AS levelsDone FROM images WHERE id = ?').get(imageId) as {
          levelsDone: number;
        };
        const tiles = reader
          .prepare('SELECT COUNT(*) AS n FROM image_tiles WHERE image_id = ? AND level = ?')
          .get(imageId, level) as { n: number };
        heard.push({ level, levelsDone: row.levelsDone, tiles: tiles.n });
      });
      const maxLevel = maxLevelOf(3600, 2500);
      expect(heard.map((h) => h.level)).toEqual(Array.from({ length: maxLevel + 1 }, (_, l) => l));
      for (const h of heard) {
        const size = levelSize(3600, 2500, h.level);
        expect(h.levelsDone).toBeGreaterThan(h.level);
        expect(h.tiles).toBe(Math.ceil(size.width / TILE_SIZE) * Math.ceil(size.height / TILE_SIZE));
      }
      // The top level alone is more than one short transaction: levels came in several.
      expect(new Set(heard.map((h) => h.levelsDone)).size).toBeGreaterThan(2);
    });
  });
});
