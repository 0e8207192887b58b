/** How a tile of a kept image is named for OpenSeadragon (its cache key), and read back. */
/** The name OpenSeadragon keys a tile by: unique per image, level, column and row. */
export function tileKey(imageId: string, level: number, x: number, y: number): string {
  return `siglum-tile:${encodeURIComponent(imageId)}/${level}/${x}_${y}`;
}

/** Reads a tile key back (the inverse of `tileKey`), or null for any other string. */
export function parseTileKey(key: string): { imageId: string; level: number; x: number; y: number } | null {
  const match = /^siglum-tile:([^/]+)\/(\d+)\/(\d+)_(\d+)$/.exec(key);
  if (!match) return null;
  return { imageId: decodeURIComponent(match[1]!), level: Number(match[2]), x: Number(match[3]), y: Number(match[4]) };
}
