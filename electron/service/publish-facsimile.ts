/**
 * Page images for the static HTML edition: each document's surfaces with their zones,
 * and each kept image written into the edition's folder (`facsimile/<id>.jpg`) as a
 * JPEG a browser shows (the originals may be TIFF), at most 2,000 px wide: the zones
 * keep the original's coordinates, and the page's SVG scales the image to them.
 */
import type { ResizeOptions } from 'sharp';
import { getImageRow, imageFileOriginal, listSurfaces } from '../../db/facsimiles.ts';
import type { Store } from '../../db/store.ts';
import { loadSharp } from './page-images.ts';
import type { PublishEdition, PublishSurface } from '../../edition/publish/model.ts';

/** The widest page image the edition carries. */
const MAX_WIDTH = 2000;

/**
 * A kept page image (its page of the original file) as a JPEG flattened on white,
 * resized as `resize` says (never enlarged), with the JPEG's size in pixels. Made with
 * sharp on its own threads; the original is read in one read transaction.
 */
export async function pageImageJpeg(
  store: Store,
  imageId: number,
  resize: ResizeOptions,
): Promise<{ data: Buffer; width: number; height: number }> {
  const row = store.read(() => getImageRow(store.db, imageId));
  const { original } = store.read(() => imageFileOriginal(store.db, row.fileId));
  const { data, info } = await (
    await loadSharp()
  )(original, { page: row.page })
    .resize({ ...resize, withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 82 })
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/**
 * `edition` with each document's pages (those it has) and the image files to write
 * beside its pages, by their path in the folder.
 */
export async function withPageImages(
  store: Store,
  edition: PublishEdition,
): Promise<{ edition: PublishEdition; files: Map<string, Uint8Array> }> {
  const files = new Map<string, Uint8Array>();
  const documents = [];
  for (const d of edition.documents) {
    const id = d.key !== undefined && /^[1-9][0-9]{0,15}$/.test(d.key) ? Number(d.key) : null;
    const surfaces = id === null ? [] : store.read(() => listSurfaces(store.db, id));
    if (surfaces.length === 0) {
      documents.push(d);
      continue;
    }
    const facsimile: PublishSurface[] = [];
    for (const s of surfaces) {
      let image: PublishSurface['image'] = null;
      if (s.image !== null) {
        const src = `facsimile/${s.image.id}.jpg`;
        if (!files.has(src)) {
          files.set(src, (await pageImageJpeg(store, Number(s.image.id), { width: MAX_WIDTH })).data);
        }
        image = { src, width: s.image.width, height: s.image.height };
      }
      facsimile.push({ id: s.id, n: s.n, image, ulx: s.ulx, uly: s.uly, lrx: s.lrx, lry: s.lry, zones: s.zones });
    }
    documents.push({ ...d, facsimile });
  }
  return { edition: { ...edition, documents }, files };
}
