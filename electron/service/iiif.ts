/**
 * IIIF import on the Node side: fetches a Presentation manifest (or takes one given as
 * a file), each canvas's Image API `info.json`, and the image at the chosen width (a
 * level 0 service's listed size, or its tiles put together with sharp), so that the
 * pages are kept in the project and work offline. What is read and built from it is
 * edition/facsimile/iiif.ts; this module only fetches.
 */
import type { OverlayOptions } from 'sharp';
import { SiglumError } from '../../edition/errors.ts';
import { loadSharp } from './page-images.ts';
import {
  imagePlan,
  importManifest,
  readImageInfo,
  readManifest,
  type FacsimileImport,
  type IiifCanvas,
} from '../../edition/facsimile/index.ts';

/** The widest image fetched when the editor does not choose: full size up to this. */
export const DEFAULT_IIIF_WIDTH = 4000;
/** The most a manifest or an `info.json` may weigh. */
const MAX_JSON_BYTES = 16 * 1024 * 1024;
/** The most one image (or tile) may weigh. */
const MAX_IMAGE_BYTES = 64 * 1024 * 1024;
/** How long one request may take. */
const REQUEST_MS = 60_000;

/** A fetched page image, named for the store. */
export interface FetchedImage {
  name: string;
  bytes: Buffer;
  /** The address it was fetched from (the Image API service, or the image itself). */
  source: string;
}

export interface IiifImport {
  result: FacsimileImport;
  /** Per surface, in order. */
  images: Array<FetchedImage | null>;
}

function checkUrl(url: string, what: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SiglumError('bad-input', `${what} "${url}" is not a web address: give an http or https address.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new SiglumError(
      'bad-input',
      `${what} "${url}" is not an http or https address, so Siglum will not fetch it.`,
    );
  }
  return parsed;
}

async function get(url: string, what: string, limit: number): Promise<Buffer> {
  checkUrl(url, what);
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(REQUEST_MS), redirect: 'follow' });
  } catch (e) {
    const why =
      e instanceof Error && e.name === 'TimeoutError' ? 'it did not answer within a minute' : 'it could not be reached';
    throw new SiglumError(
      'io',
      `Could not fetch ${what} from ${url}: ${why}. Check the address and the network, then try again.`,
    );
  }
  if (!response.ok) {
    throw new SiglumError(
      'io',
      `Could not fetch ${what} from ${url}: the server answered ${response.status}. Check the address.`,
    );
  }
  const length = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(length) && length > limit) {
    throw new SiglumError(
      'too-large',
      `${what} at ${url} is larger than Siglum fetches (${Math.round(limit / 1048576)} MB).`,
    );
  }
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > limit) {
    throw new SiglumError(
      'too-large',
      `${what} at ${url} is larger than Siglum fetches (${Math.round(limit / 1048576)} MB).`,
    );
  }
  return bytes;
}

async function getJson(url: string, what: string): Promise<unknown> {
  const bytes = await get(url, what, MAX_JSON_BYTES);
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    throw new SiglumError('bad-input', `${what} at ${url} is not JSON: check that the address is a IIIF manifest's.`);
  }
}

/** The canvas's image at `width` px (or as near as its service allows), and a warning when it differs. */
async function canvasImage(
  canvas: IiifCanvas,
  width: number,
  index: number,
): Promise<{ image: FetchedImage; warning: string | null }> {
  const name = `canvas${index + 1}.jpg`;
  if (canvas.service === null) {
    if (canvas.imageUrl === null)
      throw new SiglumError('bad-input', `Canvas ${canvas.label ?? index + 1} of the manifest has no image.`);
    const bytes = await get(canvas.imageUrl, `the image of canvas ${canvas.label ?? index + 1}`, MAX_IMAGE_BYTES);
    return { image: { name, bytes, source: canvas.imageUrl }, warning: null };
  }
  const service = canvas.service;
  const info = readImageInfo(await getJson(`${service.id}/info.json`, 'the image information'), service);
  const plan = imagePlan(info, width);
  if (plan.kind === 'whole') {
    const bytes = await get(plan.url, `the image of canvas ${canvas.label ?? index + 1}`, MAX_IMAGE_BYTES);
    return { image: { name, bytes, source: service.id }, warning: plan.warning };
  }
  const sharp = await loadSharp();
  // Tiles are fetched one after another, so a large page does not open hundreds of requests at once.
  const parts: OverlayOptions[] = [];
  for (const tile of plan.tiles) {
    const bytes = await get(tile.url, `a tile of canvas ${canvas.label ?? index + 1}`, MAX_IMAGE_BYTES);
    parts.push({
      input: await sharp(bytes).resize(tile.width, tile.height, { fit: 'fill' }).toBuffer(),
      left: tile.x,
      top: tile.y,
    });
  }
  const bytes = await sharp({ create: { width: plan.width, height: plan.height, channels: 3, background: '#ffffff' } })
    .composite(parts)
    .jpeg({ quality: 90 })
    .toBuffer();
  return { image: { name, bytes, source: service.id }, warning: plan.warning };
}

/**
 * Reads a manifest (fetched from `url`, or `json` already read from a file) and fetches
 * every canvas's image at `width` px wide (default: full size up to 4000 px).
 */
export async function fetchIiif(source: { url: string } | { json: unknown }, width?: number): Promise<IiifImport> {
  if (width !== undefined && (!Number.isInteger(width) || width < 1 || width > 20000)) {
    throw new SiglumError('bad-input', 'The image width must be a whole number of pixels from 1 to 20,000.');
  }
  const json = 'url' in source ? await getJson(source.url, 'the IIIF manifest') : source.json;
  const manifest = readManifest(json);
  const result = importManifest(manifest);
  const images: Array<FetchedImage | null> = [];
  for (const [i, canvas] of manifest.canvases.entries()) {
    const want = width ?? Math.min(DEFAULT_IIIF_WIDTH, canvas.width > 0 ? canvas.width : DEFAULT_IIIF_WIDTH);
    const { image, warning } = await canvasImage(canvas, want, i);
    images.push(image);
    if (warning !== null) result.warnings.push(warning);
  }
  return { result, images };
}
