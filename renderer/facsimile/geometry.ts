/**
 * Zone shapes as the viewer edits them, in image pixels: a zone's outline, a
 * rectangle dragged between two points, a zone moved or one of its handles dragged.
 * Pure functions over the API's `Zone`/`ZoneInput`, so the drawing layer only turns
 * pointer positions into image points and calls these.
 */
import type { Point, Zone, ZoneInput } from '../../edition/facsimile/api.ts';

/** The outline of a zone: its polygon, else its bounding box's four corners (clockwise from top left). */
export function outline(zone: Pick<Zone, 'ulx' | 'uly' | 'lrx' | 'lry' | 'points'>): Point[] {
  if (zone.points && zone.points.length >= 3) return zone.points;
  return [
    [zone.ulx, zone.uly],
    [zone.lrx, zone.uly],
    [zone.lrx, zone.lry],
    [zone.ulx, zone.lry],
  ];
}

/** The bounding box of some points, rounded outwards to whole pixels. */
export function boundsOf(points: readonly Point[]): { ulx: number; uly: number; lrx: number; lry: number } {
  if (points.length === 0) throw new RangeError('a zone needs at least one point');
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return {
    ulx: Math.floor(Math.min(...xs)),
    uly: Math.floor(Math.min(...ys)),
    lrx: Math.ceil(Math.max(...xs)),
    lry: Math.ceil(Math.max(...ys)),
  };
}

/** Keeps a point on the image (`width` × `height`), in whole pixels. */
export function clampPoint(p: Point, width: number, height: number): Point {
  return [Math.round(Math.min(Math.max(p[0], 0), width)), Math.round(Math.min(Math.max(p[1], 0), height))];
}

/** The rectangle between two corners dragged in any direction, or null when it has no area. */
export function rectangleBetween(a: Point, b: Point): ZoneInput | null {
  const box = boundsOf([a, b]);
  if (box.lrx - box.ulx < 1 || box.lry - box.uly < 1) return null;
  return { kind: 'custom', ...box, points: null };
}

/**
 * A polygon through `points` (at least three different ones, with some area), or null.
 * A point repeated straight after itself (the double click that closes a polygon) counts once.
 */
export function polygonThrough(input: readonly Point[]): ZoneInput | null {
  const points = input
    .map((p): Point => [Math.round(p[0]), Math.round(p[1])])
    .filter((p, i, all) => i === 0 || p[0] !== all[i - 1]![0] || p[1] !== all[i - 1]![1]);
  if (points.length < 3) return null;
  const box = boundsOf(points);
  if (box.lrx - box.ulx < 1 || box.lry - box.uly < 1) return null;
  return { kind: 'custom', ...box, points };
}

/** What the editor sends to change `zone`, keeping its id, kind, type and parent. */
function changed(zone: Zone, points: Point[], polygon: boolean): ZoneInput {
  return {
    id: zone.id,
    kind: zone.kind,
    type: zone.type,
    parent: zone.parent,
    ...boundsOf(points),
    points: polygon ? points : null,
  };
}

/** `zone` moved by `dx`, `dy` image pixels. */
export function moved(zone: Zone, dx: number, dy: number): ZoneInput {
  const points = outline(zone).map((p): Point => [Math.round(p[0] + dx), Math.round(p[1] + dy)]);
  return changed(zone, points, zone.points !== null);
}

/**
 * `zone` with its handle `index` (a vertex of `outline(zone)`) dragged to `to`. A
 * rectangle stays a rectangle: the corner opposite the handle stays where it is.
 */
export function reshaped(zone: Zone, index: number, to: Point): ZoneInput {
  const points = outline(zone);
  if (index < 0 || index >= points.length) throw new RangeError(`zone ${zone.id} has no handle ${index}`);
  if (zone.points !== null) {
    const next = points.map((p, i): Point => (i === index ? [Math.round(to[0]), Math.round(to[1])] : p));
    return changed(zone, next, true);
  }
  const opposite = points[(index + 2) % 4]!;
  const box = boundsOf([opposite, to]);
  return changed(zone, outline({ ...box, points: null }), false);
}

/** Whether `p` lies inside the outline of `zone` (even-odd rule). */
export function contains(zone: Pick<Zone, 'ulx' | 'uly' | 'lrx' | 'lry' | 'points'>, p: Point): boolean {
  const poly = outline(zone);
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i]!;
    const [xj, yj] = poly[j]!;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
