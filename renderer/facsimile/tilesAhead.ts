/**
 * The first view of a page, asked for ahead: while the document is open, the small
 * levels of the page at the caret (those up to about a panel's size) are fetched before
 * the page-image panel opens, so the viewer's first tiles need no call of their own. Only
 * the page on screen is kept; a tile that failed (one not made yet) is asked for again.
 */
import type { ImageTile, PageImage } from '../../edition/facsimile/api.ts';
import { levelSize } from '../../edition/facsimile/levels.ts';
import type { TileFetcher } from './tileSource.ts';

type TileAt = Parameters<TileFetcher>[0];

/** The longest side, in pixels, of the levels fetched ahead: about what the panel shows a page at. */
export const AHEAD_SIDE = 700;

/** The tiles of `image`'s levels whose longer side is at most `side` px, lowest level first. */
export function firstViewTiles(image: PageImage, side = AHEAD_SIDE): TileAt[] {
  const tiles: TileAt[] = [];
  for (let level = 0; level <= image.maxLevel; level++) {
    const size = levelSize(image.width, image.height, level);
    if (Math.max(size.width, size.height) > side) break;
    for (let y = 0; y * image.tileSize < size.height; y++)
      for (let x = 0; x * image.tileSize < size.width; x++) tiles.push({ imageId: image.id, level, x, y });
  }
  return tiles;
}

const keyOf = (t: TileAt): string => `${t.imageId}/${t.level}/${t.x}/${t.y}`;

/** `fetch` with the first view of one page (`prefetch`) asked for ahead and kept. */
export function tilesAhead(fetch: TileFetcher): { fetchTile: TileFetcher; prefetch(image: PageImage | null): void } {
  let imageId: string | null = null;
  let kept = new Map<string, Promise<ImageTile>>();
  return {
    fetchTile: (args) => kept.get(keyOf(args)) ?? fetch(args),
    prefetch(image) {
      if ((image?.id ?? null) === imageId) return;
      imageId = image?.id ?? null;
      const tiles = new Map<string, Promise<ImageTile>>();
      kept = tiles;
      for (const tile of image === null ? [] : firstViewTiles(image)) {
        const key = keyOf(tile);
        const answer = fetch(tile);
        // A failed tile is not kept: the viewer's retry asks the API again.
        answer.catch(() => tiles.delete(key));
        tiles.set(key, answer);
      }
    },
  };
}
