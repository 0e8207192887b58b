/**
 * Importing files: every file is parsed first, then everything is written in one
 * transaction. A file that fails to parse, or a write that fails, leaves the project
 * exactly as it was; so does a file whose volume is already there when the caller
 * has not said what to do with it (reimport.ts).
 */
import { Node } from 'prosemirror-model';
import type {
  DocJSON,
  ExistingVolumeChoice,
  ImportedDocument,
  ImportFile,
  ImportResult,
  VolumeInProject,
  VolumeUpdate,
} from '../../edition/api.ts';
import { SiglumError } from '../../edition/errors.ts';
import { fileFinder, isExternalRef, relativePath } from '../../edition/facsimile/bundle.ts';
import { schema } from '../../edition/schema.ts';
import { insertCollection } from '../../db/collections.ts';
import { insertDocument } from '../../db/documents.ts';
import { apiId } from '../../db/ids.ts';
import { putSnapshot } from '../../db/snapshots.ts';
import type { Store } from '../../db/store.ts';
import type { CollabAuthority } from './authority.ts';
import { importRegister, linkImportedMentions } from './entities.ts';
import { facsimileWarnings, prepareFacsimiles, writeFacsimiles } from './facsimile-import.ts';
import {
  cameAsText,
  storedDoc,
  isTeiImport,
  parsedParts,
  type FileParser,
  type PlainImport,
  type TeiImport,
} from './formats.ts';
import { storeImportedWitnesses, witnessesFromTei } from './witnesses.ts';
import { copyIdentity, inProject, rereadVolume, volumeIdentity, volumeOf, type VolumeIdentity } from './reimport.ts';
import { storeGraphics, storeSurfaces } from './facsimile-tei.ts';
import { withImageHold } from './page-images.ts';
import type { SourceFile } from './import-source.ts';
import { deleteSurfaces, surfaceRecords, type ImageHold } from '../../db/facsimiles.ts';

const IMAGE_NAME = /\.(tiff?|jpe?g|png|webp)$/i;

/**
 * Splits an import's files into page images a TEI file names (`<graphic url>`, by the
 * file's name: `F-images/p1.tif`, else by a base name only one image has) and the rest.
 * The TEI files are parsed first, by `parseTei`; answers the images by name and the files
 * still to parse (none once they were parsed). An image no graphic names is refused with
 * a sentence: it is not text to import either.
 */
async function pageImageResources(
  files: readonly SourceFile[],
  parseTei: (file: SourceFile) => Promise<Array<TeiImport | PlainImport>>,
): Promise<{ resources: Map<string, () => Promise<Buffer>>; rest: SourceFile[] }> {
  const images = files.filter((f) => IMAGE_NAME.test(f.name));
  if (images.length === 0) return { resources: new Map(), rest: [...files] };
  const parsed: Array<TeiImport | PlainImport> = [];
  for (const file of files.filter((f) => !images.includes(f))) parsed.push(...(await parseTei(file)));
  const urls = new Set<string>();
  for (const result of parsed) {
    if (!isTeiImport(result)) continue;
    for (const d of result.documents) for (const s of d.surfaces ?? []) if (s.graphic) urls.add(s.graphic.url);
  }
  // By the url's whole path (relative to the TEI's folder, `../images/p1.jpg` too), else by
  // its base name when one image has it (a browser's picker gives bare names).
  const byName = new Map(images.map((f) => [relativePath(f.name) ?? f.name, f]));
  const find = fileFinder([...byName.keys()]);
  const resources = new Map<string, () => Promise<Buffer>>();
  const taken = new Set<SourceFile>();
  for (const url of urls) {
    const path = relativePath(url);
    const hit = path === null ? null : find(path);
    const f = hit !== null && 'found' in hit ? byName.get(hit.found) : undefined;
    if (f === undefined) continue;
    resources.set(url, () => f.bytes());
    taken.add(f);
  }
  const unnamed = images.find((f) => !taken.has(f));
  if (unnamed !== undefined) {
    throw new SiglumError(
      'bad-input',
      `${unnamed.name}: no <graphic url> of the TEI files in this import names this image, so nothing was imported. Import it on its own (a document of page images), or name it in the TEI's <facsimile>.`,
    );
  }
  return { resources, rest: [] };
}

/**
 * What the TEI files of an import kept as written, and the images their graphics name
 * that did not come with them (those pages are kept without an image), one sentence each.
 */
function teiWarnings(
  parsed: ReadonlyArray<{ file: ImportFile; result: TeiImport | PlainImport }>,
  graphics: ReadonlyMap<string, unknown>,
): string[] {
  const out: string[] = [];
  for (const { file, result } of parsed) {
    if (!isTeiImport(result)) continue;
    out.push(...(result.warnings ?? []));
    for (const s of result.documents.flatMap((d) => d.surfaces ?? [])) {
      const g = s.graphic;
      if (g === null || isExternalRef(g.url) || graphics.has(`${g.url}#${g.page}`)) continue;
      out.push(
        `${file.name}: the image ${g.url} of page "${s.id}" did not come with the file, so the page has no image (import the image with the TEI file, beside it as its <graphic url> names it).`,
      );
    }
  }
  return out;
}

/**
 * Checks a parser's document against the schema and puts it in the form the store
 * keeps, unless it came from the import worker, whose parser built and checked it
 * (parseFile): re-checking 600 documents here would double the service's share of
 * an import.
 */
function checkDoc(holder: { doc: DocJSON }, fileName: string, title: string): void {
  if (cameAsText(holder)) return;
  try {
    const node = Node.fromJSON(schema, holder.doc);
    node.check();
    holder.doc = node.toJSON() as DocJSON;
  } catch (e) {
    throw new SiglumError(
      'invalid-tei',
      `${fileName}: "${title}" does not fit Siglum's document model (${e instanceof Error ? e.message : String(e)}).`,
    );
  }
}

/**
 * Parses every file, then writes them all in one transaction. A TEI file whose volume
 * the project already holds (reimport.ts) needs `existing`: without it nothing is
 * written and the result lists those files in `existing`, for the caller to ask.
 */
export async function importFiles(
  store: Store,
  authority: CollabAuthority,
  parse: FileParser,
  files: readonly SourceFile[],
  existing?: ExistingVolumeChoice,
): Promise<ImportResult> {
  // The images it keeps are held until its transaction shows them; those of a volume
  // waiting for a choice stay for that choice (the next clean-up takes them if none comes).
  return withImageHold(
    store,
    (hold) => importHeldFiles(store, authority, parse, files, existing, hold),
    (result) => existing === undefined && result.existing.length > 0,
  );
}

async function importHeldFiles(
  store: Store,
  authority: CollabAuthority,
  parse: FileParser,
  files: readonly SourceFile[],
  existing: ExistingVolumeChoice | undefined,
  hold: ImageHold,
): Promise<ImportResult> {
  // Page images with their transcriptions (METS, PAGE, ALTO, IIIF): their images are kept first.
  const { prepared: facsimiles, rest: afterFacsimiles } = await prepareFacsimiles(store, hold, files);
  const parsed: Array<{ file: ImportFile; result: TeiImport | PlainImport; part: number | null }> = [];
  // Page images a TEI file's <graphic url> names come with it as files of that name.
  const { resources, rest } = await pageImageResources(afterFacsimiles, async (source) => {
    const file = await source.file();
    const parts = parsedParts(await parse(file));
    // A teiCorpus gives one volume per TEI, each known by its place in the file.
    for (const [i, result] of parts.entries()) parsed.push({ file, result, part: parts.length > 1 ? i + 1 : null });
    return parts;
  });
  for (const source of rest) {
    const file = await source.file();
    const parts = parsedParts(await parse(file));
    for (const [i, result] of parts.entries()) parsed.push({ file, result, part: parts.length > 1 ? i + 1 : null });
  }

  // Checked before the transaction, so that no time is spent holding the write lock.
  // Documents from the import worker are stored as the JSON text it wrote (storedDoc).
  for (const { file, result } of parsed) {
    if (isTeiImport(result)) for (const d of result.documents) checkDoc(d, file.name, d.title);
    else checkDoc(result, file.name, result.title);
  }
  type Prepared =
    { kind: 'tei'; file: ImportFile; tei: TeiImport; identity: VolumeIdentity } | { kind: 'plain'; plain: PlainImport };
  const prepared = parsed.map(({ file, result, part }): Prepared =>
    isTeiImport(result)
      ? { kind: 'tei', file, identity: volumeIdentity(file, result.collection.meta, part), tei: result }
      : { kind: 'plain', plain: result },
  );

  // The images the volumes' surfaces show, kept (with their tiles) before the one transaction.
  const allSurfaces = parsed.flatMap(({ result }) =>
    isTeiImport(result) ? result.documents.flatMap((d) => d.surfaces ?? []) : [],
  );
  const graphics = await storeGraphics(store, hold, allSurfaces, resources);

  // The witnesses a TEI file lists, with their texts read from its apparatus.
  const witnesses = new Map(prepared.map((p) => [p, p.kind === 'tei' ? witnessesFromTei(p.tei) : null]));

  const removed: number[] = [];
  const result = store.write((tx): ImportResult => {
    const already: VolumeInProject[] = [];
    const found = new Map<Prepared, number>();
    const seen = new Map<string, string>();
    for (const p of prepared) {
      if (p.kind !== 'tei') continue;
      const volume = volumeOf(tx.db, p.identity);
      if (volume === null) {
        // One volume twice in one import would make two silently: only a choice of 'new' allows it.
        const twin = seen.get(p.identity.key) ?? seen.get(p.identity.hash);
        if (twin !== undefined && existing !== 'new') {
          throw new SiglumError(
            'bad-input',
            `${twin} and ${p.file.name} are the same volume, so nothing was imported: import one of them, or both as new volumes.`,
          );
        }
        seen.set(p.identity.key, p.file.name);
        seen.set(p.identity.hash, p.file.name);
        continue;
      }
      already.push(inProject(p.file.name, volume));
      found.set(p, volume.id);
    }
    if (already.length > 0 && existing === undefined) return { documents: [], existing: already, updated: [] };

    const imported: ImportedDocument[] = writeFacsimiles(tx, facsimiles);
    const updated: VolumeUpdate[] = [];
    for (const p of prepared) {
      if (p.kind === 'plain') {
        const info = insertDocument(tx, {
          collectionId: null,
          kind: 'document',
          title: p.plain.title,
          n: null,
          frameKey: null,
          meta: p.plain.meta,
        });
        putSnapshot(tx, Number(info.id), 0, storedDoc(p.plain));
        imported.push({ id: info.id, title: info.title, collection: null });
        continue;
      }
      const { collection } = p.tei;
      const target = found.get(p);
      if (target !== undefined && existing !== undefined && existing !== 'new') {
        const reread = rereadVolume(tx, authority, target, p.tei, p.identity, existing, p.file.name, (id, d) =>
          storeImportedWitnesses(tx, id, witnesses.get(p)?.get(d.key)),
        );
        updated.push(reread.report);
        removed.push(...reread.removed);
        // Pages and zones: Replace takes the file's; Update keeps a document's own, if it has any.
        reread.documents.forEach((doc, i) => {
          const id = Number(doc.id);
          const own = surfaceRecords(tx.db, id).length > 0;
          if (own && existing !== 'replace') return;
          deleteSurfaces(tx, id);
          storeSurfaces(tx, id, p.tei.documents[i]?.surfaces ?? [], graphics, p.file.name);
        });
        for (const d of reread.documents) imported.push({ ...d, collection: apiId(target) });
        continue;
      }
      // A volume the project has by now (also one this import just added) is copied under an identity of its own.
      const identity =
        volumeOf(tx.db, p.identity) === null
          ? { key: p.identity.key, title: collection.title }
          : copyIdentity(tx.db, p.identity.key, collection.title);
      const collectionId = insertCollection(tx, {
        title: identity.title,
        kind: 'volume',
        frame: collection.frame,
        meta: collection.meta,
        sourceKey: identity.key,
        sourceHash: p.identity.hash,
      });
      // The volume's register, in the same transaction; its mentions then point at store ids.
      const refs = importRegister(tx, p.tei.register ?? [], collectionId);
      for (const d of p.tei.documents) {
        const info = insertDocument(tx, {
          collectionId,
          kind: d.kind,
          title: d.title,
          n: d.n,
          frameKey: d.key,
          meta: d.meta,
        });
        putSnapshot(tx, Number(info.id), 0, refs.size === 0 ? storedDoc(d) : linkImportedMentions(d.doc, refs));
        storeImportedWitnesses(tx, Number(info.id), witnesses.get(p)?.get(d.key));
        storeSurfaces(tx, Number(info.id), d.surfaces ?? [], graphics, p.file.name);
        imported.push({ id: info.id, title: info.title, collection: apiId(collectionId) });
      }
    }
    const warnings = [...facsimileWarnings(facsimiles), ...teiWarnings(parsed, graphics)];
    return { documents: imported, existing: already, updated, ...(warnings.length > 0 ? { warnings } : {}) };
  });
  for (const id of removed) authority.forget(id);
  return result;
}
