/**
 * The facsimile part of the service: a document's pages (surfaces) with their images and
 * zones, the images' tiles, adding page images, and drawing and deleting zones.
 *
 * Each method is a row (table.ts): its argument schema is FACSIMILE_ARGS's
 * (edition/facsimile/api.ts), its handler a plain function of a context and the checked
 * arguments.
 */
import { randomBytes } from 'node:crypto';
import { Buffer } from 'node:buffer';
import { SiglumError } from '../../edition/errors.ts';
import {
  FACSIMILE_ARGS,
  MAX_IMAGE_BYTES,
  noImageFile,
  type ImageOriginal,
  type ImageTile,
  type Surface,
  type ZoneInput,
} from '../../edition/facsimile/api.ts';
import type { ArgsOut } from '../../edition/args.ts';
import { unlinkZone } from '../../edition/facsimile/links.ts';
import { Transform } from 'prosemirror-transform';
import {
  deleteZone as deleteZoneRow,
  facsimileIdTaken,
  getImageRow,
  getTile,
  imageFileOriginal,
  insertSurface,
  listSurfaces as listSurfaceRows,
  putZone,
  setSurfaceImage,
  surfaceByXmlId,
  surfaceInfo,
  zoneOnSurface,
  type ImageHold,
} from '../../db/facsimiles.ts';
import type { Store } from '../../db/store.ts';
import type { CollabAuthority } from './authority.ts';
import { importIiif } from './facsimile-import.ts';
import { imageSha, storeImageFile, withImageHold, type StoredPage } from './page-images.ts';
import { existingDocument, type Rows } from './table.ts';

/** The client id of steps the service makes when a zone goes (its links go with it). */
export const FACSIMILE_CLIENT = 'siglum-facsimile';

export interface FacsimileContext {
  store: Store;
  authority: CollabAuthority;
}

function bad(message: string): SiglumError {
  return new SiglumError('bad-input', message);
}

/** A new xml:id for a surface or zone, taken by nothing in the project's facsimiles. */
export function newFacsimileId(store: Store, prefix: 'surface' | 'zone'): string {
  for (;;) {
    const id = `${prefix}-${randomBytes(5).toString('hex')}`;
    if (!facsimileIdTaken(store.db, id)) return id;
  }
}

// ---------------------------------------------------------------------------------

export function listSurfaces(ctx: FacsimileContext, args: { documentId: number }): Surface[] {
  return ctx.store.read(() => listSurfaceRows(ctx.store.db, args.documentId));
}

// ---------------------------------------------------------------------------------

export type TileArgs = ArgsOut<typeof FACSIMILE_ARGS.imageTile>;

export function imageTile(ctx: FacsimileContext, args: TileArgs): ImageTile {
  const image = getImageRow(ctx.store.db, args.imageId);
  if (args.level > image.maxLevel) {
    throw new SiglumError(
      'not-found',
      `The image "${image.name}" has tile levels 0 to ${image.maxLevel}, not ${args.level}.`,
    );
  }
  const data = getTile(ctx.store.db, args.imageId, args.level, args.x, args.y);
  if (data === null) {
    const why =
      args.level >= image.levelsDone
        ? 'is not made yet; ask again in a moment'
        : 'lies outside the image at that level';
    throw new SiglumError('not-found', `Tile ${args.x},${args.y} of level ${args.level} of "${image.name}" ${why}.`);
  }
  return { mediaType: image.tileFormat, base64: data.toString('base64') };
}

// ---------------------------------------------------------------------------------

/**
 * Image file `fileId` as imported, byte for byte. One larger than a project takes
 * (MAX_IMAGE_BYTES: none is, since adding one refuses it) is refused rather than sent.
 */
export function imageOriginal(ctx: FacsimileContext, args: { fileId: number }): ImageOriginal {
  let file: ReturnType<typeof imageFileOriginal>;
  try {
    file = ctx.store.read(() => imageFileOriginal(ctx.store.db, args.fileId));
  } catch (e) {
    if (e instanceof SiglumError && e.code === 'not-found')
      throw new SiglumError('not-found', noImageFile(args.fileId));
    throw e;
  }
  if (file.original.length > MAX_IMAGE_BYTES) {
    throw new SiglumError(
      'too-large',
      `"${file.name}" is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB, too large to send to the window. Export the TEI with the command line (siglum export --format tei), which writes the images beside it.`,
    );
  }
  return { name: file.name, mediaType: file.mediaType, base64: file.original.toString('base64') };
}

// ---------------------------------------------------------------------------------

export interface AddPageImagesArgs {
  documentId: number;
  files: Array<{ name: string; bytes: Buffer }>;
  surfaceId: string | undefined;
}

/**
 * Keeps each file (each page of a multi-page TIFF a surface of its own, after the
 * document's last) or gives the surface `surfaceId` its image. A file that cannot be read
 * stops the call with a sentence naming it; the files before it stay.
 */
export async function addPageImages(ctx: FacsimileContext, args: AddPageImagesArgs): Promise<Surface[]> {
  return withImageHold(ctx.store, (hold) => addHeldPageImages(ctx, args, hold));
}

async function addHeldPageImages(ctx: FacsimileContext, args: AddPageImagesArgs, hold: ImageHold): Promise<Surface[]> {
  const { store } = ctx;
  const target = args.surfaceId === undefined ? null : surfaceByXmlId(store.db, args.surfaceId);
  if (target !== null && target.documentId !== args.documentId) {
    throw bad(`The page "${args.surfaceId}" belongs to another document. Open that document to give it an image.`);
  }
  // Two files at a time: decoding one runs on one of libvips' threads, and a TIFF's
  // JPEG strips decode slowly (about 150 ms CPU for a Kant page).
  const stored: Array<StoredPage[] | Error> = [];
  const same = new Map<string, Promise<StoredPage[]>>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < args.files.length) {
      const i = next++;
      const file = args.files[i]!;
      if (stored.slice(0, i).some((r) => r instanceof Error)) return;
      // The same bytes twice in one call are kept once (and not raced into the store twice).
      const sha = imageSha(file.bytes);
      let job = same.get(sha);
      if (job === undefined)
        same.set(sha, (job = storeImageFile(store, hold, file.name, file.bytes, null, undefined, sha)));
      stored[i] = await job.catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
    }
  };
  await Promise.all([worker(), worker()]);
  for (const pages of stored) {
    if (pages instanceof Error) throw pages;
    store.write((tx) => {
      if (target !== null) {
        const first = pages[0]!;
        setSurfaceImage(tx, target.rowId, first.imageId, first.width, first.height);
        return;
      }
      for (const p of pages) {
        insertSurface(tx, {
          documentId: args.documentId,
          xmlId: newFacsimileId(store, 'surface'),
          n: null,
          imageId: p.imageId,
          ulx: 0,
          uly: 0,
          lrx: p.width,
          lry: p.height,
        });
      }
    });
  }
  return listSurfaceRows(store.db, args.documentId);
}

// ---------------------------------------------------------------------------------

export type SaveZoneArgs = ArgsOut<typeof FACSIMILE_ARGS.saveZone>;

/** Adds the zone (a new id when it has none) or changes it; answers the surface. */
export function saveZone(ctx: FacsimileContext, args: SaveZoneArgs): Surface {
  const { store } = ctx;
  return store.write((tx) => {
    const surface = surfaceByXmlId(tx.db, args.surfaceId);
    const z: ZoneInput & { points: ZoneInput['points'] } = args.zone;
    let id = z.id;
    if (id !== undefined && zoneOnSurface(tx.db, surface.rowId, id) === null && facsimileIdTaken(tx.db, id)) {
      throw bad(`The id "${id}" is taken by another page or zone. Give the zone another id, or none.`);
    }
    id ??= newFacsimileId(store, 'zone');
    if (z.parent !== null && z.parent !== undefined) {
      if (z.parent === id || zoneOnSurface(tx.db, surface.rowId, z.parent) === null) {
        throw bad(`The zone "${z.parent}" is not another zone of this page, so it cannot hold "${id}".`);
      }
      // A zone cannot lie inside one that lies inside it.
      for (
        let up: string | null = z.parent;
        up !== null;
        up = zoneOnSurface(tx.db, surface.rowId, up)?.parent ?? null
      ) {
        if (up === id) throw bad(`The zone "${z.parent}" lies inside "${id}", so it cannot hold it.`);
      }
    }
    putZone(tx, surface, {
      id,
      kind: z.kind,
      type: z.type ?? null,
      ulx: z.ulx,
      uly: z.uly,
      lrx: z.lrx,
      lry: z.lry,
      points: z.points ?? null,
      baseline: zoneOnSurface(tx.db, surface.rowId, id)?.baseline ?? null,
      parent: z.parent ?? null,
    });
    return surfaceInfo(tx.db, surface);
  });
}

// ---------------------------------------------------------------------------------

export type DeleteZoneArgs = ArgsOut<typeof FACSIMILE_ARGS.deleteZone>;

/**
 * Deletes the zone, after taking the text's links to it out as steps (client
 * `siglum-facsimile`), so open editors follow and the change is in the history.
 */
export function deleteZone(ctx: FacsimileContext, args: DeleteZoneArgs): Surface {
  const { store, authority } = ctx;
  const surface = surfaceByXmlId(store.db, args.surfaceId);
  if (zoneOnSurface(store.db, surface.rowId, args.zoneId) === null) {
    throw new SiglumError(
      'not-found',
      `The page "${args.surfaceId}" has no zone "${args.zoneId}". List the document's pages to find it.`,
    );
  }
  // Another writer may come first; compute the steps again on top of it.
  for (let attempt = 0; ; attempt++) {
    const live = authority.document(surface.documentId);
    const steps = unlinkZone(new Transform(live.doc), args.zoneId).steps.map((s) => s.toJSON() as unknown);
    if (steps.length > 0) {
      const result = authority.push(surface.documentId, live.version, steps, FACSIMILE_CLIENT);
      if (!result.ok) {
        if (attempt < 5) continue;
        throw new SiglumError('io', 'The document kept changing while the zone was deleted. Try again.');
      }
    }
    break;
  }
  return store.write((tx) => {
    deleteZoneRow(tx, surface, args.zoneId);
    return surfaceInfo(tx.db, surface);
  });
}

type FacsimileMethod = keyof typeof FACSIMILE_ARGS;

/** The facsimile rows: pages, tiles, page images, zones, and IIIF import (facsimile-import.ts). */
export const facsimileRows: Rows<FacsimileMethod> = {
  listSurfaces: {
    args: FACSIMILE_ARGS.listSurfaces,
    run: (ctx, { documentId }) => listSurfaces(ctx, { documentId: existingDocument(ctx, documentId) }),
  },
  imageTile: { args: FACSIMILE_ARGS.imageTile, run: imageTile },
  addPageImages: {
    args: FACSIMILE_ARGS.addPageImages,
    run: (ctx, { documentId, files, surfaceId }) =>
      addPageImages(ctx, {
        documentId: existingDocument(ctx, documentId),
        files: files.map((f) => ({ name: f.name, bytes: Buffer.from(f.base64, 'base64') })),
        surfaceId,
      }),
  },
  saveZone: { args: FACSIMILE_ARGS.saveZone, run: saveZone },
  deleteZone: { args: FACSIMILE_ARGS.deleteZone, run: deleteZone },
  importIiif: { args: FACSIMILE_ARGS.importIiif, run: importIiif },
  imageOriginal: { args: FACSIMILE_ARGS.imageOriginal, run: imageOriginal },
};
