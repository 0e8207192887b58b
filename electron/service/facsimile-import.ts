/**
 * Storing facsimile imports (METS, PAGE, ALTO, images, IIIF): each source becomes a
 * document with its surfaces, zones and images. The images are kept first (each in
 * transactions of its own, found again by their bytes when they are already there, see
 * page-images.ts); the documents, surfaces and zones are written in the import's one
 * transaction, so a failed import leaves no document behind.
 */
import type { DocumentInfo, ImportedDocument } from '../../edition/api.ts';
import type { ArgsOut } from '../../edition/args.ts';
import type { FACSIMILE_ARGS } from '../../edition/facsimile/api.ts';
import { rowId } from '../../edition/args.ts';
import { SiglumError } from '../../edition/errors.ts';
import { withFreeIds, type FacsimileImport } from '../../edition/facsimile/index.ts';
import { getCollection } from '../../db/collections.ts';
import { insertDocument } from '../../db/documents.ts';
import { facsimileIdTaken, insertSurface, putZone, type ImageHold } from '../../db/facsimiles.ts';
import { putSnapshot } from '../../db/snapshots.ts';
import type { Store, Tx } from '../../db/store.ts';
import { linkImportedMentions, registerProposed } from './entities.ts';
import { readFacsimileSources } from './facsimile-sources.ts';
import type { FacsimileContext } from './facsimiles.ts';
import { fetchIiif, type FetchedImage } from './iiif.ts';
import type { SourceFile } from './import-source.ts';
import { loadSharp, storeImageFile, withImageHold, type StoredPage } from './page-images.ts';

/** A source whose images are kept, ready to be written in the import's transaction. */
export interface PreparedFacsimile {
  file: string;
  result: FacsimileImport;
  /** Per surface: the kept image's first page, or null. */
  pages: Array<StoredPage | null>;
}

/** An image's size and resolution, for ALTO measured in mm10 or inch1200. */
async function probe(file: SourceFile): Promise<{ width?: number; height?: number; dpi?: number }> {
  try {
    const sharp = await loadSharp();
    const m = await sharp(await file.bytes(), { pages: 1 }).metadata();
    return {
      ...(m.width === undefined ? {} : { width: m.width }),
      ...(m.height === undefined ? {} : { height: m.height }),
      ...(m.density === undefined ? {} : { dpi: m.density }),
    };
  } catch {
    return {}; // Storing the image says what is wrong with it, naming the file.
  }
}

/** A `.json` file that names IIIF's Presentation API in its context. */
async function isManifestFile(file: SourceFile): Promise<boolean> {
  if (!/\.json$/i.test(file.name)) return false;
  return (await file.head()).includes('iiif.io/api/presentation');
}

/**
 * Keeps each distinct image of the sources once; answers each surface's stored page.
 * Once `stop.stopped` is set, no further image is begun (the import failed elsewhere).
 */
async function keepImages(
  store: Store,
  hold: ImageHold,
  images: ReadonlyArray<{
    key: string;
    name: string;
    bytes: () => Promise<Buffer>;
    source: string | null;
    sha256?: string;
  } | null>,
  stop: { stopped: boolean } = { stopped: false },
): Promise<Array<StoredPage | null>> {
  const kept = new Map<string, Promise<StoredPage>>();
  const out: Array<StoredPage | null> = images.map(() => null);
  let next = 0;
  let failed = false;
  // Two images at a time, as addPageImages does: decoding one runs on one of libvips'
  // threads. Each is read (from disk, or decoded from the wire's base64) only when its turn
  // comes and dropped once kept, so at most two are in memory; after a failure no further
  // image is begun.
  const worker = async (): Promise<void> => {
    while (next < images.length && !failed && !stop.stopped) {
      const i = next++;
      const image = images[i];
      if (image === null || image === undefined) continue;
      let job = kept.get(image.key);
      if (job === undefined) {
        job = image
          .bytes()
          .then(
            async (bytes) =>
              (await storeImageFile(store, hold, image.name, bytes, image.source, undefined, image.sha256))[0]!,
          );
        kept.set(image.key, job);
      }
      try {
        out[i] = await job;
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  await Promise.all([worker(), worker()]);
  return out;
}

/**
 * Takes the facsimile sources out of an import's files and keeps their images; answers
 * them ready for `writeFacsimiles`, and the files left for the TEI and text import.
 * A source's images are begun as soon as the source names them, while its transcriptions
 * are still being read; one source's after another's, two images at a time. If anything
 * fails, no further image is begun, and the failure is thrown once those begun are done
 * (the import's clean-up then removes them).
 */
export async function prepareFacsimiles(
  store: Store,
  hold: ImageHold,
  files: readonly SourceFile[],
): Promise<{ prepared: PreparedFacsimile[]; rest: SourceFile[] }> {
  const manifests: SourceFile[] = [];
  for (const f of files) if (await isManifestFile(f)) manifests.push(f);
  const stop = { stopped: false };
  const keeping = new Map<ReadonlyArray<SourceFile | null>, Promise<Array<StoredPage | null>>>();
  let queue: Promise<unknown> = Promise.resolve();
  const keep = (images: ReadonlyArray<SourceFile | null>): void => {
    const job = queue.then(() => keepImages(store, hold, images.map(toKeep), stop));
    // Awaited below, in the sources' order; a failure meanwhile stops what is not yet begun.
    queue = job.catch(() => {
      stop.stopped = true;
    });
    keeping.set(images, job);
  };
  const prepared: PreparedFacsimile[] = [];
  let rest: SourceFile[];
  try {
    const read = await readFacsimileSources(
      files.filter((f) => !manifests.includes(f)),
      probe,
      keep,
    );
    rest = read.rest;
    for (const source of read.sources) {
      const pages = await (keeping.get(source.images) ?? keepImages(store, hold, source.images.map(toKeep), stop));
      prepared.push({ file: source.file, result: source.result, pages });
    }
  } catch (e) {
    stop.stopped = true;
    await Promise.allSettled(keeping.values());
    throw e;
  }
  for (const m of manifests) prepared.push(await prepareManifestFile(store, hold, m));
  return { prepared, rest };
}

/** An image file of a source as `keepImages` takes it. */
function toKeep(f: SourceFile | null) {
  return f === null
    ? null
    : {
        key: f.name,
        name: f.name.split('/').pop() ?? f.name,
        bytes: () => f.bytes(),
        source: null,
        ...(f.sha256 === undefined ? {} : { sha256: f.sha256 }),
      };
}

/** Writes one prepared source as a document (in `collectionId`, or none) with its surfaces and zones. */
export function writeFacsimile(tx: Tx, p: PreparedFacsimile, collectionId: number | null = null): DocumentInfo {
  const result = withFreeIds(p.result, (id) => facsimileIdTaken(tx.db, id));
  const extra: Record<string, string> = {};
  for (const { label, value } of result.metadata) if (!Object.hasOwn(extra, label)) extra[label] = value;
  const info = insertDocument(tx, {
    collectionId,
    kind: 'document',
    title: result.title,
    n: null,
    frameKey: null,
    meta: { title: result.title, date: null, source: null, extra },
  });
  const documentId = rowId(info.id, 'document');
  // Tagged names point at register entries: the project's own where they match, else new ones.
  const refs = registerProposed(tx, result.entities, result.warnings);
  putSnapshot(tx, documentId, 0, result.entities.length === 0 ? result.doc : linkImportedMentions(result.doc, refs));
  result.surfaces.forEach((s, i) => {
    const page = p.pages[i] ?? null;
    // Zones are in the source's pixels: keep its extent; a page without zones takes its image's.
    const extent =
      page !== null && s.zones.length === 0
        ? { ulx: 0, uly: 0, lrx: page.width, lry: page.height }
        : { ulx: s.ulx, uly: s.uly, lrx: s.lrx, lry: s.lry };
    const surfaceRow = insertSurface(tx, {
      documentId,
      xmlId: s.id,
      n: s.n,
      imageId: page?.imageId ?? null,
      ...extent,
      metadata: s.metadata,
    });
    for (const z of s.zones) putZone(tx, { rowId: surfaceRow, documentId }, z);
  });
  return info;
}

/** Writes every prepared source; answers the documents as the import reports them. */
export function writeFacsimiles(tx: Tx, prepared: readonly PreparedFacsimile[]): ImportedDocument[] {
  return prepared.map((p) => {
    const info = writeFacsimile(tx, p);
    return { id: info.id, title: info.title, collection: null };
  });
}

/** The warnings of the prepared sources, each naming its file. */
export function facsimileWarnings(prepared: readonly PreparedFacsimile[]): string[] {
  return prepared.flatMap((p) => p.result.warnings.map((w) => (w.includes(p.file) ? w : `${p.file}: ${w}`)));
}

// ---------------------------------------------------------------------------------

export type ImportIiifArgs = ArgsOut<typeof FACSIMILE_ARGS.importIiif>;

/**
 * Fetches a IIIF manifest and its images (at `width` px) and makes a document of it,
 * one page per canvas, its images kept in the project.
 */
export async function importIiif(ctx: FacsimileContext, args: ImportIiifArgs): Promise<DocumentInfo> {
  if (args.collectionId !== undefined) getCollection(ctx.store.db, args.collectionId); // 'not-found' when it is not there
  const fetched = await fetchIiif({ url: args.url }, args.width);
  return withImageHold(ctx.store, async (hold) => {
    const pages = await keepImages(ctx.store, hold, fetchedImages(fetched.images));
    const prepared: PreparedFacsimile = { file: args.url, result: fetched.result, pages };
    return ctx.store.write((tx) => writeFacsimile(tx, prepared, args.collectionId ?? null));
  });
}

function fetchedImages(images: ReadonlyArray<FetchedImage | null>) {
  return images.map((i) =>
    i === null ? null : { key: i.name, name: i.name, bytes: () => Promise.resolve(i.bytes), source: i.source },
  );
}

/** A IIIF manifest given as a file (`siglum import manifest.json`): its images are fetched from the web. */
export async function prepareManifestFile(store: Store, hold: ImageHold, file: SourceFile): Promise<PreparedFacsimile> {
  let json: unknown;
  try {
    json = JSON.parse((await file.bytes()).toString('utf8')) as unknown;
  } catch {
    throw new SiglumError('bad-input', `${file.name} is not JSON: a IIIF manifest is a JSON file.`);
  }
  const fetched = await fetchIiif({ json });
  return {
    file: file.name,
    result: fetched.result,
    pages: await keepImages(store, hold, fetchedImages(fetched.images)),
  };
}
