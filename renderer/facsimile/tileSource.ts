/**
 * An OpenSeadragon tile source for a page image the project keeps. Tiles come
 * through the typed API (`imageTile`, base64), never from a URL the browser could
 * fetch: `getTileUrl` only names a tile (OpenSeadragon's cache key), and
 * `downloadTileStart` asks the API for it and decodes it as a data: URL, which the
 * window's Content-Security-Policy allows for images. The image is never loaded
 * whole: OpenSeadragon asks only for the tiles of the level and area on screen.
 */
import OpenSeadragon from 'openseadragon';
import type { ImageTile, PageImage } from '../../edition/facsimile/api.ts';
import { parseTileKey, tileKey } from './tileKeys.ts';

/** Fetches one tile of an image (the client's `imageTile`). */
export type TileFetcher = (args: { imageId: string; level: number; x: number; y: number }) => Promise<ImageTile>;

/** A tile source over `image`'s Deep Zoom pyramid, loading tiles with `fetchTile`. */
export function pageTileSource(image: PageImage, fetchTile: TileFetcher): OpenSeadragon.TileSource {
  const source = new OpenSeadragon.TileSource({
    width: image.width,
    height: image.height,
    tileSize: image.tileSize,
    tileOverlap: 0,
    minLevel: 0,
    maxLevel: image.maxLevel,
  });
  source.getTileUrl = (level, x, y) => tileKey(image.id, level, x, y);
  source.downloadTileStart = (job) => {
    const userData = job.userData as { cancelled?: boolean };
    const at = parseTileKey(job.src);
    if (!at) return job.fail('Not a tile of this project.', null);
    fetchTile(at).then(
      (tile) => {
        if (userData.cancelled) return;
        const img = new Image();
        img.onload = () => job.finish(img, null, 'image');
        img.onerror = () => job.fail('The tile could not be decoded.', null);
        img.src = `data:${tile.mediaType};base64,${tile.base64}`;
      },
      (error: unknown) => {
        if (!userData.cancelled) job.fail(error instanceof Error ? error.message : String(error), null);
      },
    );
  };
  source.downloadTileAbort = (job) => {
    (job.userData as { cancelled?: boolean }).cancelled = true;
  };
  return source;
}
