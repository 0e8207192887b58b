/**
 * The project as the files of its repository (edition/git/layout.ts), and back: what
 * "Share changes" writes, what a pull compares, what a clone reads. A document's file
 * that still reads as the same document (same title and content on the document model)
 * is kept byte for byte, so that a file changes only when its document does, whichever
 * project wrote it last.
 */
import { Node } from 'prosemirror-model';
import type { DocJSON } from '../../edition/api.ts';
import {
  IMAGES_FOLDER,
  LOOSE_FOLDER,
  MANIFEST,
  PRINT_SETTINGS_FILE,
  REGISTER_FILE,
  freeName,
  imageFileName,
  imageUrl,
  readManifest,
  readRegister,
  registerFile,
  slug,
  stableJson,
  witnessesPath,
  type Manifest,
  type ManifestDocument,
  type RegisterEntry,
} from '../../edition/git/layout.ts';
import { importTei, type TeiDocument } from '../../edition/tei/index.ts';
import { schema } from '../../edition/schema.ts';
import { SiglumError } from '../../edition/errors.ts';
import { listCollections } from '../../db/collections.ts';
import { listDocuments } from '../../db/documents.ts';
import { imageFileInfo } from '../../db/facsimiles.ts';
import { documentKey, type GitLinkRecord } from '../../db/git.ts';
import { getSetting } from '../../db/settings.ts';
import { listWitnesses } from '../../db/witnesses.ts';
import type { Store } from '../../db/store.ts';
import type { CollabAuthority } from './authority.ts';
import type { EntityService } from './entities.ts';
import { documentExport } from './exporter.ts';

/** What the git methods work with: the open project's parts. */
export interface GitContext {
  store: Store;
  authority: CollabAuthority;
  entities: EntityService;
  /** The project file's path. */
  projectPath: string;
  /** Document files already read: text -> `DocumentFile.key` (reading is most of a status's time). */
  keys: Map<string, string>;
}

/** The most files whose keys are remembered; past it the memory starts again. */
const MAX_KEYS = 20_000;

/** The settings key the print settings are kept under (publish.ts). */
export const PRINT_SETTINGS_KEY = 'print';

/** A document file read on the document model: mentions point at register xml:ids. */
export interface DocumentFile {
  title: string;
  document: TeiDocument;
  /** What two files of one document must share to read as the same: title, content and pages. */
  key: string;
}

/** Reads one document's TEI file; 'invalid-tei' naming the file when it holds no document. */
export function readDocumentFile(xml: string, path: string): DocumentFile {
  const tei = importTei(xml, path, { register: true });
  const document = tei.documents[0];
  if (document === undefined) throw new SiglumError('invalid-tei', `${path} in the repository holds no document.`);
  const doc = Node.fromJSON(schema, document.doc).toJSON() as DocJSON;
  return {
    title: document.title,
    document: { ...document, doc },
    key: JSON.stringify([document.title, doc, document.surfaces ?? []]),
  };
}

/** Whether a path is one Siglum writes (the rest of a repository is carried along as it is). */
export function isProjectPath(path: string): boolean {
  return (
    path === MANIFEST ||
    path === REGISTER_FILE ||
    path === PRINT_SETTINGS_FILE ||
    path.startsWith(`${IMAGES_FOLDER}/`) ||
    /^[^/]+\/[^/]+\.xml$/.test(path) ||
    /^[^/]+\/[^/]+\.witnesses\.json$/.test(path)
  );
}

/** The project's files, and the link with the paths given to new documents and volumes. */
export interface ProjectFiles {
  files: Map<string, string>;
  link: GitLinkRecord;
  /** Document row id -> path. */
  paths: Map<number, string>;
  manifest: Manifest;
  /** The page image files the documents show: path in `images/` -> image file id. */
  images: Map<string, number>;
}

/** The register as the repository keeps it: without row ids, by xml:id. */
export function registerEntries(ctx: GitContext): Map<string, RegisterEntry> {
  const out = new Map<string, RegisterEntry>();
  for (const { entity } of ctx.entities.exportRecords()) {
    const { id: _id, ...rest } = entity;
    void _id;
    if (entity.xmlId !== null) out.set(entity.xmlId, { ...rest, xmlId: entity.xmlId });
  }
  return out;
}

/**
 * Every file Siglum writes for the project now. `previous` (the files of a commit)
 * gives the text of a document file whose document has not changed since.
 */
export function projectFiles(
  ctx: GitContext,
  link: GitLinkRecord,
  previous: ReadonlyMap<string, string>,
): ProjectFiles {
  const { store, authority } = ctx;
  return store.read(() => {
    const files = new Map<string, string>();
    // Only documents the project still has keep their paths; a removed one's path is free again.
    const next: GitLinkRecord = { ...link, paths: {}, folders: { ...link.folders } };
    const takenFolders = new Set(Object.values(next.folders));
    const takenPaths = new Set<string>();
    const all = listDocuments(store.db);
    for (const info of all) {
      const path = link.paths[documentKey(store.db, Number(info.id))];
      if (path !== undefined) takenPaths.add(path);
    }
    const volumes = listCollections(store.db).map((c) => {
      const folder = next.folders[c.id] ?? freeName(slug(c.title), takenFolders);
      next.folders[c.id] = folder;
      return { id: c.id, folder, title: c.title };
    });
    const folderOf = new Map(volumes.map((v) => [v.id, v.folder]));
    const documents: ManifestDocument[] = [];
    const paths = new Map<number, string>();
    // Read once for every document: the register does not change during this read.
    const records = ctx.entities.exportRecords();
    const register = () => records;
    const images = new Map<string, number>();
    const names: Record<string, string> = {};
    const imageNaming = ({ fileId }: { fileId: number }): string => {
      const file = imageFileInfo(store.db, fileId);
      const name = imageFileName(file.sha256, file.name, file.mediaType);
      images.set(`${IMAGES_FOLDER}/${name}`, fileId);
      names[name] = file.name;
      return imageUrl(name);
    };
    const ordered = [
      ...volumes.flatMap((v) => listDocuments(store.db, Number(v.id))),
      ...listDocuments(store.db, null),
    ];
    for (const info of ordered) {
      const id = Number(info.id);
      const folder = info.collectionId === null ? LOOSE_FOLDER : (folderOf.get(info.collectionId) ?? LOOSE_FOLDER);
      const key = documentKey(store.db, id);
      const path = link.paths[key] ?? freeName(`${folder}/${slug(info.title)}`, takenPaths, '.xml');
      next.paths[key] = path;
      paths.set(id, path);
      const xml = documentExport(store, authority, id, register, authority.peek(id), imageNaming).xml;
      const before = previous.get(path);
      files.set(path, before !== undefined && sameDocumentFile(before, xml, path, ctx.keys) ? before : xml);
      documents.push({ path, title: info.title, volume: info.collectionId === null ? null : folder });
      const witnesses = listWitnesses(store.db, id);
      if (witnesses.length > 0) {
        files.set(
          witnessesPath(path),
          stableJson(witnesses.map((w) => ({ siglum: w.siglum, description: w.description, text: w.text }))),
        );
      }
    }
    files.set(REGISTER_FILE, registerFile([...registerEntries(ctx).values()]));
    files.set(PRINT_SETTINGS_FILE, stableJson(getSetting(store.db, PRINT_SETTINGS_KEY) ?? {}));
    const manifest: Manifest = {
      format: 1,
      title: readProjectTitle(previous),
      volumes: volumes.map((v) => ({ folder: v.folder, title: v.title })),
      documents,
    };
    // Only a project with page images names them, so a manifest without any stays as it was.
    if (images.size > 0)
      manifest.images = Object.fromEntries(Object.entries(names).sort(([a], [b]) => (a < b ? -1 : 1)));
    files.set(MANIFEST, stableJson(manifest));
    return { files, link: next, paths, manifest, images };
  });
}

function readProjectTitle(previous: ReadonlyMap<string, string>): string {
  const text = previous.get(MANIFEST);
  return text === undefined ? 'Siglum project' : readManifest(text).title;
}

/** Whether two texts of a document file read as the same document; `keys` remembers files read. */
export function sameDocumentFile(a: string, b: string, path: string, keys?: Map<string, string>): boolean {
  if (a === b) return true;
  const keyOf = (text: string): string => {
    const known = keys?.get(text);
    if (known !== undefined) return known;
    const key = readDocumentFile(text, path).key;
    if (keys !== undefined) {
      if (keys.size >= MAX_KEYS) keys.clear();
      keys.set(text, key);
    }
    return key;
  };
  try {
    return keyOf(a) === keyOf(b);
  } catch {
    return false;
  }
}

/** The register a commit's files hold (empty when there is none). */
export function registerOf(files: ReadonlyMap<string, string>): Map<string, RegisterEntry> {
  const text = files.get(REGISTER_FILE);
  return text === undefined ? new Map() : readRegister(text);
}

/** The manifest a commit's files hold, or null. */
export function manifestOf(files: ReadonlyMap<string, string>): Manifest | null {
  const text = files.get(MANIFEST);
  return text === undefined ? null : readManifest(text);
}
