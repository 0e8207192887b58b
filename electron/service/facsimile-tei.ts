/**
 * TEI `<facsimile>` between the store and the TEI writers and readers
 * (edition/facsimile/tei.ts): the surfaces of exported documents with their images named
 * in a folder beside the file, and the surfaces of an imported volume stored with the
 * images that came with it.
 */
import { existsSync } from 'node:fs';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import { SiglumError } from '../../edition/errors.ts';
import {
  documentFacsimiles,
  facsimileToXml,
  headerLayout,
  fillSurfacePlaceholders,
  insertFacsimile,
  withImageExtent,
  type FacsimileSurface,
} from '../../edition/facsimile/tei.ts';
import { TEI_NS, type XmlDocument, type XmlElement } from '../../edition/xml/tree.ts';
import { parseXml } from '../../edition/xml/parse.ts';
import { checkPointers } from '../../edition/tei/pointers.ts';
import {
  facsimileIdTaken,
  getImageRow,
  imageFileOriginal,
  insertSurface,
  putZone,
  surfaceRecords,
  zoneRecords,
  type ImageHold,
} from '../../db/facsimiles.ts';
import type { Store, Tx } from '../../db/store.ts';
import { storeImageFile } from './page-images.ts';

/** An image an export writes beside its TEI: `path` relative to the TEI's folder. */
export interface ExportedImage {
  path: string;
  fileId: number;
}

/** Where an export names an image file: a folder beside the TEI, or a url of the caller's making per file. */
export type ImageNaming = string | ((image: { fileId: number; name: string }) => string);

/**
 * The facsimile of documents `ids` as TEI surfaces, each image named
 * `FOLDER/NAME` (names made unique within the export), or as `folder` names it, and
 * the images to write.
 */
export function facsimileOf(
  store: Store,
  ids: readonly number[],
  folder: ImageNaming,
): { surfaces: FacsimileSurface[]; images: ExportedImage[] } {
  const { volumes, images } = facsimilesOf(store, [ids], folder);
  return { surfaces: volumes[0]!, images };
}

/** As facsimileOf, for several volumes (documents `groups[i]`) of one file: one images folder, names unique in it. */
export function facsimilesOf(
  store: Store,
  groups: ReadonlyArray<readonly number[]>,
  folder: ImageNaming,
): { volumes: FacsimileSurface[][]; images: ExportedImage[] } {
  const volumes: FacsimileSurface[][] = [];
  const byFile = new Map<number, string>();
  const taken = new Set<string>();
  const pathOf = (fileId: number, name: string): string => {
    let path = byFile.get(fileId);
    if (path !== undefined) return path;
    if (typeof folder === 'function') {
      path = folder({ fileId, name });
      byFile.set(fileId, path);
      return path;
    }
    const base = posix.basename(name.replace(/\\/g, '/')) || 'image';
    const dot = base.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [base.slice(0, dot), base.slice(dot)] : [base, ''];
    path = `${folder}/${base}`;
    for (let i = 2; taken.has(path); i++) path = `${folder}/${stem}-${i}${ext}`;
    taken.add(path);
    byFile.set(fileId, path);
    return path;
  };
  for (const ids of groups) {
    const surfaces: FacsimileSurface[] = [];
    volumes.push(surfaces);
    for (const s of ids.flatMap((id) => surfaceRecords(store.db, id))) {
      let graphic = s.graphic;
      if (s.imageId !== null) {
        const image = getImageRow(store.db, s.imageId);
        graphic = {
          url: pathOf(image.fileId, image.name),
          width: image.width,
          height: image.height,
          page: image.page,
          xml: s.graphic?.xml ?? [],
        };
      }
      surfaces.push({
        id: s.xmlId,
        n: s.n,
        ulx: s.ulx,
        uly: s.uly,
        lrx: s.lrx,
        lry: s.lry,
        graphic,
        zones: zoneRecords(store.db, s.rowId),
        xml: s.xml,
      });
    }
  }
  return { volumes, images: [...byFile].map(([fileId, path]) => ({ path, fileId })) };
}

/** A TEI file's tree with the facsimile of these surfaces put in (changed in place); as it was with none. */
export function withFacsimile(tree: XmlDocument, surfaces: readonly FacsimileSurface[]): XmlDocument {
  return withFacsimiles(tree, [surfaces]);
}

/**
 * One document's TEI tree (changed in place) with its facsimile: its pages, and what its
 * volume's `frame` kept as written of the volume's `<facsimile>` that the document's
 * pointers name (a kept surface or a zone in one), laid out as the volume had them, so
 * that every pointer into the facsimile resolves in the file on its own.
 */
export function withDocumentFacsimile(
  tree: XmlDocument,
  surfaces: readonly FacsimileSurface[],
  frame: string | null,
): XmlDocument {
  // Only a frame that kept part of a facsimile is read again (most volumes' frames have none).
  if (frame !== null && /<([\w.-]+:)?facsimile[\s>]/.test(frame)) {
    const missing = new Set(checkPointers(tree.root).dangling.map((d) => d.id));
    const volume = parseXml(frame, { fileName: 'frame' }).root;
    const kept = missing.size === 0 ? [] : documentFacsimiles(volume, new Set(surfaces.map((s) => s.id)), missing);
    const { indent } = headerLayout(tree.root);
    for (const facsimile of kept.reverse()) insertFacsimile(tree.root, facsimile, indent);
  }
  return withFacsimile(tree, surfaces);
}

/** A TEI file's tree, or a teiCorpus's whose i-th TEI gets `volumes[i]`, with the facsimiles put in (in place). */
export function withFacsimiles(tree: XmlDocument, volumes: ReadonlyArray<readonly FacsimileSurface[]>): XmlDocument {
  const teis: XmlElement[] =
    tree.root.name === 'TEI'
      ? [tree.root]
      : tree.root.children.filter((c): c is XmlElement => c.type === 'element' && c.uri === TEI_NS && c.name === 'TEI');
  teis.forEach((tei, i) => {
    // Surfaces read out of a facsimile the frame keeps go back where they were; the others into a new one.
    const { indent, unit } = headerLayout(tei);
    const facsimile = facsimileToXml(fillSurfacePlaceholders(tei, volumes[i] ?? [], unit), indent, unit);
    if (facsimile !== null) insertFacsimile(tei, facsimile, indent);
  });
  return tree;
}

/** The images an import brought (their names as the TEI's graphic urls name them), stored; by url. */
export async function storeGraphics(
  store: Store,
  hold: ImageHold,
  surfaces: readonly FacsimileSurface[],
  resources: ReadonlyMap<string, () => Promise<Buffer>>,
): Promise<Map<string, { imageId: number; width: number; height: number }>> {
  const byUrl = new Map<string, { imageId: number; width: number; height: number }>();
  for (const s of surfaces) {
    const g = s.graphic;
    if (g === null) continue;
    const key = `${g.url}#${g.page}`;
    const read = resources.get(g.url);
    if (read === undefined || byUrl.has(key)) continue;
    // Read when its turn comes, one at a time: a volume's images are not all in memory at once.
    const pages = await storeImageFile(store, hold, posix.basename(g.url), await read());
    const page = pages[g.page];
    if (page !== undefined) byUrl.set(key, page);
  }
  return byUrl;
}

/**
 * Stores an imported document's surfaces and zones. An image that came with the import
 * is the surface's; one that did not is kept as the TEI named it. Throws a sentence
 * when an id is in the project already (the same facsimile imported twice).
 */
export function storeSurfaces(
  tx: Tx,
  documentId: number,
  surfaces: readonly FacsimileSurface[],
  images: ReadonlyMap<string, { imageId: number; width: number; height: number }>,
  fileName: string,
): void {
  for (const read of surfaces) {
    const g = read.graphic;
    const image = g === null ? undefined : images.get(`${g.url}#${g.page}`);
    // A surface the TEI gave no extent spans its image.
    const s = image === undefined ? read : withImageExtent(read, image.width, image.height);
    for (const id of [s.id, ...s.zones.map((z) => z.id)]) {
      if (facsimileIdTaken(tx.db, id)) {
        throw new SiglumError(
          'bad-input',
          `${fileName}: the project already has a page or zone "${id}" (is this facsimile imported already?). Import it into another project, or change its ids.`,
        );
      }
    }
    const rowId = insertSurface(tx, {
      documentId,
      xmlId: s.id,
      n: s.n,
      imageId: image?.imageId ?? null,
      ulx: s.ulx,
      uly: s.uly,
      lrx: s.lrx,
      lry: s.lry,
      xml: s.xml,
      // With its image in the store, the graphic is written from it; its other attributes stay.
      graphic: g === null ? null : image === undefined ? g : { ...g, xml: g.xml },
    });
    for (const z of s.zones) putZone(tx, { rowId, documentId }, z);
  }
}

/**
 * Writes the originals of an export's images into `dir` (the TEI's folder) at their
 * paths, never over an existing file: one with the same bytes is left as it is (the
 * same export written again), any other is refused with a sentence. Answers the paths
 * written.
 */
export async function writeExportImages(
  store: Store,
  images: ReadonlyArray<{ path: string; fileId: string }>,
  dir: string,
): Promise<string[]> {
  const written: string[] = [];
  for (const image of images) {
    if (image.path.split('/').some((part) => part === '' || part === '.' || part === '..')) {
      throw new SiglumError('bad-input', `"${image.path}" is not a path inside the export's folder.`);
    }
    const target = join(dir, ...image.path.split('/'));
    const { original } = imageFileOriginal(store.db, Number(image.fileId));
    if (existsSync(target)) {
      if ((await readFile(target)).equals(original)) continue;
      throw new SiglumError(
        'forbidden',
        `${target} already exists and is another file, so the page images were not written. Move it away, or export to another folder.`,
      );
    }
    await mkdir(dirname(target), { recursive: true });
    const partial = `${target}.${process.pid}.partial`;
    try {
      await writeFile(partial, original, { flag: 'wx' });
      // A link fails where a file appeared meanwhile: nothing is ever written over.
      await link(partial, target);
    } catch (e) {
      throw new SiglumError(
        'io',
        `Cannot write ${target} (${(e as NodeJS.ErrnoException).code ?? 'error'}): check the folder is writable, or choose another --out.`,
      );
    } finally {
      await rm(partial, { force: true });
    }
    written.push(target);
  }
  return written;
}
