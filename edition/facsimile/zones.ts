/**
 * Zones as the editor draws them: checking a `ZoneInput` from the window (or the wire)
 * into a zone to store. Pure, so the window can check before it sends.
 */
import { SiglumError } from '../errors.ts';
import { isNcName } from '../entities/model.ts';
import type { Point, Zone, ZoneInput, ZoneKind } from './api.ts';

export const ZONE_KINDS: readonly ZoneKind[] = ['region', 'line', 'word', 'glyph', 'custom'];
/** The most points an outline may have. */
export const MAX_ZONE_POINTS = 10_000;

function bad(message: string): SiglumError {
  return new SiglumError('bad-input', message);
}

function coordinate(v: unknown, name: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > 1e7) {
    throw bad(`A zone needs "${name}" as a number of image pixels, got ${JSON.stringify(v)}.`);
  }
  return v;
}

function pointList(v: unknown, name: string): Point[] | null {
  if (v === undefined || v === null) return null;
  if (!Array.isArray(v) || v.length < 3 || v.length > MAX_ZONE_POINTS) {
    throw bad(`A zone's "${name}" must be a list of 3 to ${MAX_ZONE_POINTS} points [x, y], or null.`);
  }
  return v.map((p: unknown) => {
    if (!Array.isArray(p) || p.length !== 2) throw bad(`Each point of a zone's "${name}" must be [x, y].`);
    return [coordinate(p[0], `${name} x`), coordinate(p[1], `${name} y`)] as Point;
  });
}

/** The bounding box of points. */
export function boundsOf(points: readonly Point[]): Pick<Zone, 'ulx' | 'uly' | 'lrx' | 'lry'> {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return { ulx: Math.min(...xs), uly: Math.min(...ys), lrx: Math.max(...xs), lry: Math.max(...ys) };
}

/**
 * A zone input checked: a known kind, finite coordinates with the upper left above and
 * left of the lower right, an outline of 3 or more points (its bounding box then is the
 * zone's), an id that may be an `xml:id`. Throws a 'bad-input' sentence otherwise.
 */
export function checkZoneInput(input: unknown): Omit<ZoneInput, 'points'> & { points: Point[] | null } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw bad('A zone must be an object.');
  const z = input as Record<string, unknown>;
  const id = z['id'];
  if (id !== undefined && (typeof id !== 'string' || id.length > 200 || !isNcName(id))) {
    throw bad(`A zone's id must be an XML name (letters, digits, "-", "_", "."), got ${JSON.stringify(id)}.`);
  }
  const kind = z['kind'];
  if (!ZONE_KINDS.includes(kind as ZoneKind)) {
    throw bad(`A zone's kind must be one of ${ZONE_KINDS.join(', ')}, got ${JSON.stringify(kind)}.`);
  }
  const type = z['type'];
  if (type !== undefined && type !== null && (typeof type !== 'string' || type.length > 200 || type === '')) {
    throw bad('A zone\'s type must be a short word ("paragraph", "header"...) or null.');
  }
  const parent = z['parent'];
  if (parent !== undefined && parent !== null && (typeof parent !== 'string' || !isNcName(parent))) {
    throw bad(`A zone's parent must be the id of another zone, got ${JSON.stringify(parent)}.`);
  }
  const points = pointList(z['points'], 'points');
  const box = points
    ? boundsOf(points)
    : {
        ulx: coordinate(z['ulx'], 'ulx'),
        uly: coordinate(z['uly'], 'uly'),
        lrx: coordinate(z['lrx'], 'lrx'),
        lry: coordinate(z['lry'], 'lry'),
      };
  if (!(box.ulx < box.lrx && box.uly < box.lry)) {
    throw bad('A zone must have some extent: its upper left corner above and left of its lower right one.');
  }
  return {
    ...(id === undefined ? {} : { id: id as string }),
    kind: kind as ZoneKind,
    type: (type as string | null | undefined) ?? null,
    ...box,
    points,
    parent: (parent as string | null | undefined) ?? null,
  };
}
