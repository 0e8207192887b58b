/**
 * The first view of a page asked for ahead (renderer/facsimile/tilesAhead.ts): which
 * tiles, that the viewer then gets them without a call of its own, and that a failed
 * one is asked again.
 */
import { describe, expect, it } from 'vitest';
import type { ImageTile, PageImage } from '../../../edition/facsimile/api.ts';
import { levelSize, maxLevelOf } from '../../../edition/facsimile/levels.ts';
import { firstViewTiles, tilesAhead } from '../../../renderer/facsimile/tilesAhead.ts';

const image = (id: string, width: number, height: number): PageImage => ({
  id,
  name: `${id}.jpg`,
  mediaType: 'image/jpeg',
  width,
  height,
  bytes: 1,
  source: null,
  tileSize: 256,
  maxLevel: maxLevelOf(width, height),
});

/** A fetcher that records each call; `fail` names tiles that fail once. */
function recorder(fail = new Set<string>()) {
  const calls: string[] = [];
  const fetch = (t: { imageId: string; level: number; x: number; y: number }): Promise<ImageTile> => {
    const key = `${t.imageId}/${t.level}/${t.x}/${t.y}`;
    calls.push(key);
    if (fail.delete(key)) return Promise.reject(new Error('not made yet'));
    return Promise.resolve({ mediaType: 'image/jpeg', base64: key } as ImageTile);
  };
  return { calls, fetch };
}

describe('the first view of a page, asked for ahead', () => {
  it('is every tile of the levels up to about a panel’s size, and no more', () => {
    const page = image('p', 3740, 5347); // 20 megapixels, 14 levels
    const tiles = firstViewTiles(page, 700);
    // Levels 0-8 are one tile each; level 9 (234 × 335) two; level 10 (468 × 669) six.
    expect(tiles).toHaveLength(9 + 2 + 6);
    expect(Math.max(...tiles.map((t) => t.level))).toBe(10);
    for (const t of tiles) {
      const size = levelSize(page.width, page.height, t.level);
      expect(t.x * 256).toBeLessThan(size.width);
      expect(t.y * 256).toBeLessThan(size.height);
    }
    expect(firstViewTiles(image('tiny', 1, 1))).toEqual([{ imageId: 'tiny', level: 0, x: 0, y: 0 }]);
  });

  it('answers the viewer from what it fetched ahead, and asks the API for anything else', async () => {
    const { calls, fetch } = recorder();
    const ahead = tilesAhead(fetch);
    const page = image('p', 3740, 5347);
    ahead.prefetch(page);
    expect(calls).toHaveLength(17);
    ahead.prefetch(page); // the same page again: nothing asked twice
    expect(calls).toHaveLength(17);
    const tile = await ahead.fetchTile({ imageId: 'p', level: 10, x: 1, y: 2 });
    expect(tile.base64).toBe('p/10/1/2');
    expect(calls).toHaveLength(17);
    await ahead.fetchTile({ imageId: 'p', level: 11, x: 0, y: 0 });
    expect(calls.at(-1)).toBe('p/11/0/0');
    // Another page: the first one's tiles are no longer kept.
    ahead.prefetch(image('q', 100, 100));
    await ahead.fetchTile({ imageId: 'p', level: 10, x: 1, y: 2 });
    expect(calls.at(-1)).toBe('p/10/1/2');
    // No page (a document without images): nothing kept, nothing asked.
    const before = calls.length;
    ahead.prefetch(null);
    expect(calls).toHaveLength(before);
  });

  it('asks the API again for a tile that failed ahead (one not made yet)', async () => {
    const { calls, fetch } = recorder(new Set(['p/3/0/0']));
    const ahead = tilesAhead(fetch);
    ahead.prefetch(image('p', 1000, 800));
    await expect(ahead.fetchTile({ imageId: 'p', level: 3, x: 0, y: 0 })).rejects.toThrow('not made yet');
    const tile = await ahead.fetchTile({ imageId: 'p', level: 3, x: 0, y: 0 });
    expect(tile.base64).toBe('p/3/0/0');
    expect(calls.filter((c) => c === 'p/3/0/0')).toHaveLength(2);
  });
});
