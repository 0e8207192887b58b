/**
 * Page images between the project and its repository (edition/git/layout.ts): a commit
 * writes each image file the documents show into `images/` as its original bytes (a
 * file the repository holds already is its blob, never read or written again); a clone
 * or a pull gives a document the surfaces and zones of its TEI file, with the images
 * its graphics name stored in the project from the commit, byte for byte.
 */
import type { FacsimileSurface } from '../../edition/facsimile/tei.ts';
import { IMAGES_FOLDER, imagePathOfUrl, type Manifest } from '../../edition/git/layout.ts';
import { mergeKeyed } from '../../edition/git/merge.ts';
import {
  deleteSurfaces,
  getImageRow,
  holdImageFileBySha,
  imageFileOriginal,
  imageOfFilePage,
  type ImageHold,
} from '../../db/facsimiles.ts';
import type { Store } from '../../db/store.ts';
import { listBlobs, readBlobBytes, type FileContent } from '../git/repo.ts';
import { storeSurfaces } from './facsimile-tei.ts';
import { storeImageFile, withImageHold, type StoredPage } from './page-images.ts';

/**
 * The files to commit: `files` and the image files `images` (path -> image file id).
 * An image the commit `known` has (path -> blob id) is its blob: its name is its content.
 */
export function withImages(
  store: Store,
  files: ReadonlyMap<string, string>,
  images: ReadonlyMap<string, number>,
  known: ReadonlyMap<string, string>,
): Map<string, FileContent> {
  const out = new Map<string, FileContent>(files);
  for (const [path, fileId] of images) {
    const blob = known.get(path);
    out.set(path, blob !== undefined ? { blob } : imageFileOriginal(store.db, fileId).original);
  }
  return out;
}

/** The image paths added and removed between two commits' `images/` (each a set of paths). */
export function imageChanges(before: ReadonlyMap<string, unknown>, after: ReadonlyMap<string, unknown>): string[] {
  return [...[...after.keys()].filter((p) => !before.has(p)), ...[...before.keys()].filter((p) => !after.has(p))];
}

/** The page images of a commit, to store those a document's graphics name. */
export interface ImageSource {
  workTree: string;
  /** Path in `images/` -> blob id. */
  blobs: Map<string, string>;
  /** File in `images/` -> its name as imported (the manifest's `images`). */
  names: Readonly<Record<string, string>>;
}

export async function imageSource(workTree: string, commit: string, manifest: Manifest | null): Promise<ImageSource> {
  return {
    workTree,
    blobs: await listBlobs(workTree, commit, IMAGES_FOLDER),
    names: manifest?.images ?? {},
  };
}

/** The page of an image file the project keeps already (its name in `images/` is its SHA-256), or null. */
function keptPage(store: Store, hold: ImageHold, file: string, page: number): StoredPage | null {
  const fileId = store.write((tx) => holdImageFileBySha(tx, hold, file.slice(0, file.indexOf('.'))));
  const imageId = fileId === null ? null : imageOfFilePage(store.db, fileId, page);
  if (imageId === null) return null;
  const { width, height } = getImageRow(store.db, imageId);
  return { imageId, width, height };
}

/**
 * The pages the surfaces' graphics name, by `url#page` as storeSurfaces takes them: an
 * image the project keeps already (our own pages), else the commit's file, stored once.
 * A graphic naming neither keeps its url and shows no image.
 */
async function storeGraphics(
  store: Store,
  hold: ImageHold,
  source: ImageSource,
  surfaces: readonly FacsimileSurface[],
): Promise<Map<string, StoredPage>> {
  const out = new Map<string, StoredPage>();
  for (const s of surfaces) {
    const g = s.graphic;
    const path = g === null ? null : imagePathOfUrl(g.url);
    if (g === null || path === null) continue;
    const file = path.slice(IMAGES_FOLDER.length + 1);
    const kept = keptPage(store, hold, file, g.page);
    if (kept !== null) {
      out.set(`${g.url}#${g.page}`, kept);
      continue;
    }
    const blob = source.blobs.get(path);
    if (blob === undefined) continue;
    // Stored once: the next graphic naming it finds it kept.
    const pages = await storeImageFile(
      store,
      hold,
      source.names[file] ?? file,
      await readBlobBytes(source.workTree, blob),
    );
    const page = pages[g.page];
    if (page !== undefined) out.set(`${g.url}#${g.page}`, page);
  }
  return out;
}

/**
 * Gives a document the pages `surfaces` (with their zones and images) in place of its
 * own, unless they are the pages it has (`current`).
 */
export async function applySurfaces(
  store: Store,
  source: ImageSource,
  documentId: number,
  path: string,
  surfaces: readonly FacsimileSurface[],
  current: readonly FacsimileSurface[],
): Promise<void> {
  if (JSON.stringify(surfaces) === JSON.stringify(current)) return;
  // The images the old pages showed and the new ones do not go once the new ones are in.
  await withImageHold(store, async (hold) => {
    const graphics = await storeGraphics(store, hold, source, surfaces);
    store.write((tx) => {
      deleteSurfaces(tx, documentId);
      storeSurfaces(tx, documentId, surfaces, graphics, path);
    });
  });
}

/**
 * The pages of a document both sides changed, merged by surface id as the register is
 * by xml:id: a page added, changed or removed on one side takes that side, ours where
 * both changed it. Ours in their order, then the pages only they have.
 */
export function mergeSurfaces(
  base: readonly FacsimileSurface[],
  ours: readonly FacsimileSurface[],
  theirs: readonly FacsimileSurface[],
): FacsimileSurface[] {
  const byId = (list: readonly FacsimileSurface[]) => new Map(list.map((s) => [s.id, s]));
  const { merged } = mergeKeyed(byId(base), byId(ours), byId(theirs));
  const order = [...ours, ...theirs].map((s) => s.id);
  return [...new Set(order)].flatMap((id) => {
    const s = merged.get(id);
    return s === undefined ? [] : [s];
  });
}
