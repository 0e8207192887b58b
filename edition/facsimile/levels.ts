/**
 * The levels of a page image's Deep Zoom pyramid: level 0 is 1×1 px, the highest is the
 * image at full size, each level half the one above (rounded up). The Node side makes
 * the tiles by these sizes; the window asks for them by the same.
 */

/** The highest Deep Zoom level of an image: the one at full size (level 0 is 1×1). */
export function maxLevelOf(width: number, height: number): number {
  return Math.ceil(Math.log2(Math.max(width, height, 1)));
}

/** The size of a Deep Zoom level. */
export function levelSize(width: number, height: number, level: number): { width: number; height: number } {
  const scale = 2 ** (maxLevelOf(width, height) - level);
  return { width: Math.max(1, Math.ceil(width / scale)), height: Math.max(1, Math.ceil(height / scale)) };
}
