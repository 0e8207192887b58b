/**
 * IIIF: Presentation manifests (v2: sequences/canvases/images/resource/service; v3:
 * items/canvases/AnnotationPage/Annotation/body/service) read into canvases with their
 * Image API services, and the requests that fetch a canvas's image at a chosen width.
 * Pure: the caller fetches the manifest, each service's `info.json` and the images.
 */
import { SiglumError } from '../errors.ts';

/** A canvas's Image API service, as the manifest names it (completed by `readImageInfo`). */
export interface ImageService {
  /** The service's base address (without `/info.json`). */
  id: string;
  /** Image API major version: 2 or 3 (from its context, type or profile; 2 when nothing says). */
  version: 2 | 3;
  /** Compliance level 0, 1 or 2, or null when the manifest does not say. */
  level: number | null;
}

export interface IiifCanvas {
  id: string;
  label: string | null;
  width: number;
  height: number;
  metadata: Array<{ label: string; value: string }>;
  /** The image's own address (the painting annotation's body or resource). */
  imageUrl: string | null;
  service: ImageService | null;
}

export interface IiifManifest {
  version: 2 | 3;
  id: string;
  label: string;
  metadata: Array<{ label: string; value: string }>;
  canvases: IiifCanvas[];
}

/** What an Image API `info.json` says about the sizes it serves. */
export interface ImageInfo extends ImageService {
  width: number;
  height: number;
  /** Whole-image sizes it lists (level 0 serves only these). */
  sizes: Array<{ width: number; height: number }>;
  /** Tile sets: tile width and height and the scale factors served. */
  tiles: Array<{ width: number; height: number; scaleFactors: number[] }>;
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function list(v: unknown): unknown[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function idOf(o: Json): string | null {
  return str(o['id']) ?? str(o['@id']);
}

/**
 * A label or value as one string: a plain string; v2's `{ "@value", "@language" }` or a
 * list of them; v3's language map (`{ "en": ["..."] }`). The English (or language-free)
 * strings when there are several languages, else the first language's; values joined by "; ".
 */
export function languageString(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) {
    const parts = v.map((x) =>
      isObject(x)
        ? { lang: str(x['@language']), text: languageString(x['@value']) }
        : { lang: null, text: languageString(x) },
    );
    const english = parts.filter((p) => p.lang === null || p.lang.startsWith('en'));
    const chosen = english.length > 0 ? english : parts.filter((p) => p.lang === parts[0]?.lang);
    const texts = chosen.map((p) => p.text).filter((t): t is string => t !== null);
    return texts.length === 0 ? null : texts.join('; ');
  }
  if (isObject(v)) {
    if ('@value' in v) return languageString(v['@value']);
    const keys = Object.keys(v);
    const key =
      ['en', 'none', '@none'].find((k) => keys.includes(k)) ?? keys.find((k) => k.startsWith('en')) ?? keys[0];
    if (key === undefined) return null;
    return languageString(v[key]);
  }
  return null;
}

function metadataOf(o: Json): Array<{ label: string; value: string }> {
  const out: Array<{ label: string; value: string }> = [];
  for (const m of list(o['metadata'])) {
    if (!isObject(m)) continue;
    const label = languageString(m['label']);
    const value = languageString(m['value']);
    if (label !== null && value !== null) out.push({ label, value });
  }
  return out;
}

function positive(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.round(v) : null;
}

/** Reads a compliance level from a profile: a URI ending `level1.json`, `level1`, or a list with one. */
function levelOf(profile: unknown): number | null {
  for (const p of list(profile)) {
    const m = typeof p === 'string' ? /level([012])(\.json)?$/.exec(p) : null;
    if (m !== null) return Number(m[1]);
  }
  return null;
}

/** The Image API service among `services` (an object or a list), or null. */
export function imageService(services: unknown): ImageService | null {
  for (const s of list(services)) {
    if (!isObject(s)) continue;
    const id = idOf(s);
    if (id === null) continue;
    const type = str(s['type']) ?? str(s['@type']) ?? '';
    const context = list(s['@context']).filter((c): c is string => typeof c === 'string');
    const profile = list(s['profile']).filter((p): p is string => typeof p === 'string');
    const isImage =
      /ImageService/.test(type) ||
      context.some((c) => c.includes('iiif.io/api/image')) ||
      profile.some((p) => p.includes('iiif.io/api/image') || /^level[012]$/.test(p));
    if (!isImage) continue;
    const three =
      type === 'ImageService3' ||
      context.some((c) => c.includes('/image/3')) ||
      profile.some((p) => /^level[012]$/.test(p));
    return {
      id: id.replace(/\/info\.json$/, '').replace(/\/$/, ''),
      version: three ? 3 : 2,
      level: levelOf(s['profile']),
    };
  }
  return null;
}

function canvasV2(c: Json, index: number): IiifCanvas {
  const image = list(c['images']).find(isObject);
  const resource = image === undefined ? undefined : list(image['resource']).find(isObject);
  return {
    id: idOf(c) ?? `canvas${index + 1}`,
    label: languageString(c['label']),
    width: positive(c['width']) ?? positive(resource?.['width']) ?? 0,
    height: positive(c['height']) ?? positive(resource?.['height']) ?? 0,
    metadata: metadataOf(c),
    imageUrl: resource === undefined ? null : idOf(resource),
    service: resource === undefined ? null : imageService(resource['service']),
  };
}

function canvasV3(c: Json, index: number): IiifCanvas {
  let body: Json | undefined;
  for (const page of list(c['items'])) {
    if (!isObject(page)) continue;
    for (const anno of list(page['items'])) {
      if (!isObject(anno)) continue;
      // A Choice offers alternatives: take its first item.
      const b = list(anno['body']).find(isObject);
      body = b !== undefined && b['type'] === 'Choice' ? list(b['items']).find(isObject) : b;
      if (body !== undefined) break;
    }
    if (body !== undefined) break;
  }
  return {
    id: idOf(c) ?? `canvas${index + 1}`,
    label: languageString(c['label']),
    width: positive(c['width']) ?? positive(body?.['width']) ?? 0,
    height: positive(c['height']) ?? positive(body?.['height']) ?? 0,
    metadata: metadataOf(c),
    imageUrl: body === undefined ? null : idOf(body),
    service: body === undefined ? null : imageService(body['service']),
  };
}

/**
 * Reads a IIIF Presentation manifest (v2 or v3) from its parsed JSON.
 *
 * @throws SiglumError('bad-input') when it is not a manifest or has no canvases.
 */
export function readManifest(json: unknown): IiifManifest {
  if (!isObject(json)) throw new SiglumError('bad-input', 'The IIIF manifest is not a JSON object.');
  const type = str(json['type']) ?? str(json['@type']) ?? '';
  const context = list(json['@context']).filter((c): c is string => typeof c === 'string');
  const v3 = type === 'Manifest' || context.some((c) => c.includes('presentation/3'));
  if (!v3 && type !== 'sc:Manifest' && !context.some((c) => c.includes('presentation/2'))) {
    throw new SiglumError(
      'bad-input',
      'The file is not a IIIF Presentation manifest (v2 or v3): its type is not Manifest.',
    );
  }
  const canvases = v3
    ? list(json['items']).filter(isObject).map(canvasV3)
    : list(json['sequences'])
        .filter(isObject)
        .slice(0, 1)
        .flatMap((s) => list(s['canvases']).filter(isObject).map(canvasV2));
  if (canvases.length === 0)
    throw new SiglumError('bad-input', 'The IIIF manifest has no canvases: there is no page to import.');
  return {
    version: v3 ? 3 : 2,
    id: idOf(json) ?? '',
    label: languageString(json['label']) ?? 'IIIF manifest',
    metadata: metadataOf(json),
    canvases,
  };
}

/** Reads an Image API `info.json` (v2 or v3) for the service the manifest named. */
export function readImageInfo(json: unknown, named: ImageService): ImageInfo {
  if (!isObject(json))
    throw new SiglumError('bad-input', `The image information at ${named.id}/info.json is not a JSON object.`);
  const width = positive(json['width']);
  const height = positive(json['height']);
  if (width === null || height === null) {
    throw new SiglumError('bad-input', `The image information at ${named.id}/info.json gives no width and height.`);
  }
  const own = imageService([{ ...json, profile: json['profile'] ?? [] }]);
  const sizes = list(json['sizes'])
    .filter(isObject)
    .map((s) => ({ width: positive(s['width']) ?? 0, height: positive(s['height']) ?? 0 }))
    .filter((s) => s.width > 0 && s.height > 0);
  const tiles = list(json['tiles'])
    .filter(isObject)
    .map((t) => {
      const w = positive(t['width']) ?? 0;
      return {
        width: w,
        height: positive(t['height']) ?? w,
        scaleFactors: list(t['scaleFactors']).filter((f): f is number => typeof f === 'number' && f >= 1),
      };
    })
    .filter((t) => t.width > 0 && t.scaleFactors.length > 0);
  return {
    id: named.id,
    version: own?.version ?? named.version,
    level: levelOf(json['profile']) ?? named.level,
    width,
    height,
    sizes,
    tiles,
  };
}

/** How to fetch a canvas's image: one request, or tiles to put together. */
export type ImagePlan =
  | { kind: 'whole'; url: string; width: number; height: number; warning: string | null }
  | {
      kind: 'tiles';
      width: number;
      height: number;
      tiles: Array<{ url: string; x: number; y: number; width: number; height: number }>;
      warning: string | null;
    };

/**
 * The requests for `info`'s image at `want` px wide (never wider than the image).
 * Level 1 and 2 services are asked for that width (`{id}/full/{w},/0/default.jpg`).
 * Level 0 serves only listed sizes and tiles: the largest listed size not wider than
 * `want` (else the smallest listed), else the tiles at the scale nearest below, else the
 * full image; a warning says when the width differs from `want`.
 */
export function imagePlan(info: ImageInfo, want: number): ImagePlan {
  const width = Math.max(1, Math.min(Math.round(want), info.width));
  const heightAt = (w: number): number => Math.max(1, Math.round((info.height * w) / info.width));
  const full = info.version === 3 ? 'max' : 'full';
  if (info.level !== 0) {
    const size = width === info.width ? full : `${width},`;
    return {
      kind: 'whole',
      url: `${info.id}/full/${size}/0/default.jpg`,
      width,
      height: heightAt(width),
      warning: null,
    };
  }
  const differs = (got: number, how: string): string | null =>
    got === width
      ? null
      : `The image service ${info.id} is level 0, so the page was fetched at ${got} px wide (${how}) instead of ${width} px.`;
  if (info.sizes.length > 0) {
    const sorted = [...info.sizes].sort((a, b) => a.width - b.width);
    const fit = sorted.filter((s) => s.width <= width);
    const size = fit[fit.length - 1] ?? (sorted[0] as { width: number; height: number });
    const url = `${info.id}/full/${size.width},${size.height}/0/default.jpg`;
    return {
      kind: 'whole',
      url,
      width: size.width,
      height: size.height,
      warning: differs(size.width, 'the largest size it lists'),
    };
  }
  const tileSet = info.tiles[0];
  if (tileSet !== undefined) {
    const factors = [...tileSet.scaleFactors].sort((a, b) => a - b);
    // The smallest scale factor whose image is not wider than wanted (else the largest factor).
    const factor = factors.find((f) => Math.ceil(info.width / f) <= width) ?? (factors[factors.length - 1] as number);
    const outW = Math.ceil(info.width / factor);
    const outH = Math.ceil(info.height / factor);
    const tiles: Array<{ url: string; x: number; y: number; width: number; height: number }> = [];
    const regionW = tileSet.width * factor;
    const regionH = tileSet.height * factor;
    for (let y = 0; y < info.height; y += regionH) {
      for (let x = 0; x < info.width; x += regionW) {
        const rw = Math.min(regionW, info.width - x);
        const rh = Math.min(regionH, info.height - y);
        const tw = Math.ceil(rw / factor);
        const th = Math.ceil(rh / factor);
        const size = info.version === 3 ? `${tw},${th}` : `${tw},`;
        tiles.push({
          url: `${info.id}/${x},${y},${rw},${rh}/${size}/0/default.jpg`,
          x: Math.floor(x / factor),
          y: Math.floor(y / factor),
          width: tw,
          height: th,
        });
      }
    }
    return { kind: 'tiles', width: outW, height: outH, tiles, warning: differs(outW, 'put together from its tiles') };
  }
  return {
    kind: 'whole',
    url: `${info.id}/full/${full}/0/default.jpg`,
    width: info.width,
    height: info.height,
    warning: differs(info.width, 'full size, the only size it promises'),
  };
}
