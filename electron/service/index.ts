/**
 * The Siglum service: the SiglumApi over one project file. Everything the UI, the
 * command line and the browser host do goes through it.
 *
 *   const service = openService('/path/to/edition.siglum', { create: true, seed: true });
 *   const docs = await service.listDocuments({});
 *   const off = service.subscribe((event) => ...);
 *   service.close();
 *
 * Methods check their (untyped, over-the-wire) arguments, reject with a SiglumError on
 * bad input and answer expected failures as values (PushResult).
 */
import { existsSync, rmSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { schema } from '../../edition/schema.ts';
import type {
  CollectionInfo,
  DocJSON,
  DocumentInfo,
  ImportResult,
  OpenedDocument,
  ProjectInfo,
  PushResult,
  SiglumClient,
  SiglumEvent,
  StepsSince,
  TeiExport,
} from '../../edition/api.ts';
import { EXISTING_VOLUME_CHOICES, type ExistingVolumeChoice } from '../../edition/api.ts';
import { SiglumError } from '../../edition/errors.ts';
import { exportTargetOf } from '../../edition/exportTarget.ts';
import {
  deleteCollection,
  getCollection,
  insertCollection,
  listCollections,
  renameCollection,
} from '../../db/collections.ts';
import {
  getDocument,
  insertDocument,
  listDocuments,
  moveDocument,
  renameDocument,
  updateMeta,
} from '../../db/documents.ts';
import { rowId } from '../../db/ids.ts';
import { emptyMeta } from '../../db/meta.ts';
import { ensureProject, getProject } from '../../db/project.ts';
import { putSnapshot } from '../../db/snapshots.ts';
import { storeError } from '../../db/errors.ts';
import { Store, type StoreChange } from '../../db/store.ts';
import { CollabAuthority, DEFAULT_SNAPSHOTS, type SnapshotPolicy } from './authority.ts';
import {
  argsObject,
  optionalPosition,
  optionalString,
  requireArray,
  requireMeta,
  requireString,
  requireTitle,
  requireVersion,
} from './args.ts';
import { EntityService } from './entities.ts';
import { entityMethods } from './entityApi.ts';
import { exportTei } from './exporter.ts';
import { defaultParser, parseInProcess, type FileParser } from './formats.ts';
import { checkImportFiles } from './import-files.ts';
import { importFiles } from './importer.ts';
import { createPublisher, type PageImageRenderer, type PdfRenderer } from './publish.ts';
import { seedFile } from './seed.ts';
import { validateDocument } from './validation.ts';
import { watchOtherWriters } from './watch.ts';
import { searchMethods } from './search.ts';
import { defaultIndexWorkerUrl, SearchIndex } from './search-index.ts';
import { witnessMethods } from './witnesses.ts';
import { Backups, DEFAULT_BACKUPS, type BackupPolicy } from './backups.ts';
import { historyMethods } from './history.ts';
import { gitMethods } from './gitApi.ts';
import { claimLock, releaseLock } from './lock.ts';
import { backupDatabase, backupFolder, documentCount, latestBackupHint } from '../../db/backup.ts';
import { trashDocument } from '../../db/trash.ts';
import { versionAtTime } from '../../db/history.ts';
import type { BackupInfo } from '../../edition/history/api.ts';
import { facsimileMethods } from './facsimiles.ts';
import { checkImportIiif, importIiif } from './facsimile-import.ts';
import { checkImagesFolder, writeExportImages } from './facsimile-tei.ts';

export interface ServiceOptions {
  /** Create the project file when it does not exist. */
  create?: boolean;
  /** When this open creates the project, import the sample despatch into it. */
  seed?: boolean;
  /** The sample file to seed from (default: resources/sample in the source tree). */
  seedFile?: string;
  /** How imported files are parsed (default: in the import worker, see formats.ts). */
  parseFile?: FileParser;
  /** When documents are snapshotted (tests make it small). */
  snapshots?: SnapshotPolicy;
  /** How often to look for writes by other processes on the same file, in ms. */
  watchMs?: number;
  /** How PDF exports are typeset (default: Debian's Chromium through Playwright; see publish.ts). */
  renderPdf?: PdfRenderer;
  /** How previewPages draws pages (default: Playwright's Chromium; the desktop app's hidden window). */
  renderPages?: PageImageRenderer;
  /**
   * Absolute folders `exportEdition` may write inside (siglum serve, where the caller is
   * a browser page). Absent when every path comes from the user: the command line's
   * `--out`, the desktop app's save dialog.
   */
  exportFolders?: readonly string[];
  /** Where and how often the project is backed up (backups.ts). */
  backups?: BackupPolicy;
  /**
   * The search indexer's thread (search-index.ts; default: the built file, else the
   * sources through tsx), or null to index on the service's thread only.
   */
  indexWorkerUrl?: URL | null;
}

/** The API over one open project, plus `close`. */
export interface SiglumService extends SiglumClient {
  /** Takes a verified backup now, named by `reason` ('before-restore', ...). */
  takeBackup(reason: string): Promise<BackupInfo>;
  /** Writes an exported TEI file's page images (`TeiExport.images`) into its folder `dir`; answers the paths written. */
  writeExportImages(images: NonNullable<TeiExport['images']>, dir: string): Promise<string[]>;
  /** Snapshots open documents and closes the file. Calls after close reject. */
  close(): void;
}

function titleFromPath(path: string): string {
  return basename(path, extname(path)) || 'Untitled project';
}

/** The SiglumEvents a committed store transaction gives rise to. */
function eventsOf(changes: readonly StoreChange[]): SiglumEvent[] {
  const events: SiglumEvent[] = [];
  let listing = false;
  let register = false;
  for (const c of changes) {
    if (c.table === 'steps') events.push({ type: 'steps', documentId: String(c.documentId), version: c.version });
    else if (c.table === 'witnesses') {
      if (!events.some((e) => e.type === 'witnesses-changed' && e.documentId === String(c.documentId))) {
        events.push({ type: 'witnesses-changed', documentId: String(c.documentId) });
      }
    } else if (c.table === 'entities' || c.table === 'rejections') register = true;
    else if (c.table !== 'snapshots') listing = true;
  }
  if (listing) events.push({ type: 'documents-changed' });
  if (register) events.push({ type: 'entities-changed' });
  return events;
}

function removeProjectFile(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
}

/**
 * Opens the project at `projectPath` (creating it with `create`) and returns the
 * service over it. Throws a SiglumError when the file is missing, is not a Siglum
 * project or comes from a newer Siglum (the file is then left untouched).
 */
export function openService(projectPath: string, options: ServiceOptions = {}): SiglumService {
  const path = resolve(projectPath);
  const existed = existsSync(path);
  let store: Store;
  try {
    store = Store.open(path, {
      create: options.create ?? false,
      backupBeforeMigration: options.backups?.folder ?? backupFolder(path),
    });
  } catch (e) {
    // A damaged project: say where its latest backup is.
    if (e instanceof SiglumError && e.code === 'not-a-project' && existed) {
      throw new SiglumError(e.code, e.message + latestBackupHint(path));
    }
    throw e;
  }
  const backups = new Backups(store, options.backups ?? DEFAULT_BACKUPS);
  const authority = new CollabAuthority(store, options.snapshots ?? DEFAULT_SNAPSHOTS);
  const entities = new EntityService(store, authority);
  const searchIndex = new SearchIndex(
    store,
    authority,
    options.indexWorkerUrl === undefined ? defaultIndexWorkerUrl() : options.indexWorkerUrl,
  );
  const parse = options.parseFile ?? defaultParser;
  const listeners = new Set<(event: SiglumEvent) => void>();
  let closed = false;

  try {
    if (getProject(store.db) === null) store.write((tx) => ensureProject(tx, titleFromPath(path)));
  } catch (e) {
    backups.close();
    store.close();
    throw e;
  }

  function emit(events: readonly SiglumEvent[]): void {
    if (events.length === 0) return;
    // Delivered after the call that made the change has updated the authority, so that
    // a listener that reads back sees the new state.
    queueMicrotask(() => {
      for (const event of events) {
        for (const listener of [...listeners]) {
          try {
            listener(event);
          } catch (e) {
            console.error('Siglum: an event listener failed:', e);
          }
        }
      }
    });
  }
  store.onChange((changes) => {
    emit(eventsOf(changes));
    if (changes.some((c) => c.table === 'steps')) backups.noteEdit();
  });
  claimLock(path);
  const publisher = createPublisher(store, authority, emit, {
    ...(options.renderPdf ? { renderPdf: options.renderPdf } : {}),
    ...(options.renderPages ? { renderPages: options.renderPages } : {}),
    exportFolders: options.exportFolders,
  });
  const stopWatching = watchOtherWriters(store, authority, emit, options.watchMs ?? 1000);

  // Seeding a new project is part of creating it: calls wait for it, and if it fails the
  // half-made file is removed and every call reports why.
  let ready: Promise<void> = Promise.resolve();

  /** Runs a method body once the project is ready, turning throws into rejections. */
  function call<T>(body: () => T | Promise<T>): Promise<T> {
    return ready
      .then(() => {
        if (closed) throw new SiglumError('internal', 'The project has been closed. Open it again.');
        return body();
      })
      .catch((e: unknown) => {
        // A read that finds the file broken says so (writes already do, in Store.write).
        throw storeError(e, path);
      });
  }

  /** `at` of an export: a version number, or an ISO time (the version the document had then). */
  function versionOf(documentId: string, at: unknown): number | undefined {
    if (at === undefined || at === null) return undefined;
    if (typeof at === 'number') return requireVersion({ at }, 'at', 'exportTei');
    const time = typeof at === 'string' ? Date.parse(at) : NaN;
    if (Number.isNaN(time)) {
      throw new SiglumError('bad-input', 'exportTei needs "at" as a version number or a date and time (ISO 8601).');
    }
    return versionAtTime(store.db, rowId(documentId, 'document'), new Date(time).toISOString());
  }

  const service: SiglumService = {
    ...witnessMethods(store, authority, parse, call),
    projectInfo: () =>
      call((): ProjectInfo => ({
        path,
        title: getProject(store.db)?.title ?? titleFromPath(path),
        schemaVersion: store.schemaVersion(),
        ...(options.exportFolders?.[0] !== undefined ? { exportFolder: options.exportFolders[0] } : {}),
      })),

    listCollections: () => call((): CollectionInfo[] => listCollections(store.db)),

    listDocuments: (args) =>
      call((): DocumentInfo[] => {
        const o = argsObject(args, 'listDocuments');
        const collectionId = optionalString(o, 'collectionId', 'listDocuments');
        if (collectionId === undefined) return listDocuments(store.db);
        return listDocuments(store.db, getCollection(store.db, rowId(collectionId, 'collection')).id);
      }),

    createDocument: (args) =>
      call((): DocumentInfo => {
        const o = argsObject(args, 'createDocument');
        const title = requireTitle(o, 'createDocument');
        const collection = optionalString(o, 'collectionId', 'createDocument');
        const collectionId =
          collection === undefined ? null : getCollection(store.db, rowId(collection, 'collection')).id;
        const doc = schema.node('doc', null, [schema.node('paragraph')]).toJSON() as DocJSON;
        return store.write((tx) => {
          const info = insertDocument(tx, {
            collectionId,
            kind: 'document',
            title,
            n: null,
            frameKey: null,
            meta: emptyMeta(title),
          });
          putSnapshot(tx, Number(info.id), 0, doc);
          return info;
        });
      }),

    renameDocument: (args) =>
      call((): DocumentInfo => {
        const o = argsObject(args, 'renameDocument');
        const id = rowId(requireString(o, 'id', 'renameDocument'), 'document');
        const title = requireTitle(o, 'renameDocument');
        store.write((tx) => renameDocument(tx, id, title));
        return getDocument(store.db, id).info;
      }),

    openDocument: (args) =>
      call((): OpenedDocument => {
        const o = argsObject(args, 'openDocument');
        const id = rowId(requireString(o, 'id', 'openDocument'), 'document');
        // The row and the content as of one commit, even while another process writes.
        const { record, doc, version } = store.read(() => ({
          record: getDocument(store.db, id),
          ...authority.document(id),
        }));
        return { info: record.info, meta: record.meta, doc: doc.toJSON() as DocJSON, version };
      }),

    pushSteps: (args) =>
      call((): PushResult => {
        const o = argsObject(args, 'pushSteps');
        const id = rowId(requireString(o, 'documentId', 'pushSteps'), 'document');
        const version = requireVersion(o, 'version', 'pushSteps');
        const clientID = requireString(o, 'clientID', 'pushSteps');
        if (clientID === '' || clientID.length > 200) {
          throw new SiglumError('bad-input', 'pushSteps needs "clientID" as a string of 1 to 200 characters.');
        }
        const steps = requireArray(o, 'steps', 'pushSteps');
        return authority.push(id, version, steps, clientID);
      }),

    stepsSince: (args) =>
      call((): StepsSince => {
        const o = argsObject(args, 'stepsSince');
        const id = rowId(requireString(o, 'documentId', 'stepsSince'), 'document');
        return authority.stepsSince(id, requireVersion(o, 'version', 'stepsSince'));
      }),

    importFiles: (args) =>
      call(async (): Promise<ImportResult> => {
        const o = argsObject(args, 'importFiles');
        const files = checkImportFiles(requireArray(o, 'files', 'importFiles'));
        // An import into a project with documents may be a re-import: keep the state before it.
        if (options.backups?.beforeImport !== false && documentCount(store.db) > 0) await backups.take('before-import');
        const existing = o['existing'];
        if (existing !== undefined && !EXISTING_VOLUME_CHOICES.includes(existing as ExistingVolumeChoice)) {
          throw new SiglumError(
            'bad-input',
            `importFiles takes "existing" as one of ${EXISTING_VOLUME_CHOICES.map((c) => `"${c}"`).join(', ')}, or none.`,
          );
        }
        return importFiles(store, authority, parse, files, existing as ExistingVolumeChoice | undefined);
      }),

    exportTei: (args) =>
      call((): TeiExport => {
        const o = argsObject(args, 'exportTei');
        const target = exportTargetOf(o);
        const at = 'documentId' in target ? versionOf(target.documentId, o['at']) : undefined;
        const folder = checkImagesFolder(optionalString(o, 'imagesFolder', 'exportTei'));
        return exportTei(store, authority, target, () => entities.exportRecords(), at, folder);
      }),

    createCollection: (args) =>
      call((): CollectionInfo => {
        const title = requireTitle(argsObject(args, 'createCollection'), 'createCollection');
        const id = store.write((tx) =>
          insertCollection(tx, { title, kind: 'folder', frame: null, meta: emptyMeta(title) }),
        );
        return { id: String(id), title, kind: 'folder', documentCount: 0 };
      }),

    updateMeta: (args) =>
      call((): DocumentInfo => {
        const o = argsObject(args, 'updateMeta');
        const id = rowId(requireString(o, 'id', 'updateMeta'), 'document');
        const meta = requireMeta(o, 'updateMeta');
        store.write((tx) => updateMeta(tx, id, meta));
        return getDocument(store.db, id).info;
      }),

    moveDocument: (args) =>
      call((): DocumentInfo => {
        const o = argsObject(args, 'moveDocument');
        const id = rowId(requireString(o, 'id', 'moveDocument'), 'document');
        const target = optionalString(o, 'collectionId', 'moveDocument');
        const collectionId = target === undefined ? null : getCollection(store.db, rowId(target, 'collection')).id;
        const position = optionalPosition(o, 'position', 'moveDocument') ?? Number.MAX_SAFE_INTEGER;
        const record = getDocument(store.db, id);
        const from = record.info.collectionId === null ? null : Number(record.info.collectionId);
        if (record.frameKey !== null && from !== collectionId) {
          throw new SiglumError(
            'bad-input',
            `"${record.info.title}" belongs to an imported volume and stays in it, so that the volume exports whole. Reorder it within the volume, or create a new document elsewhere.`,
          );
        }
        store.write((tx) => moveDocument(tx, id, collectionId, position));
        return getDocument(store.db, id).info;
      }),

    deleteDocument: (args) =>
      call((): { id: string } => {
        const o = argsObject(args, 'deleteDocument');
        const id = rowId(requireString(o, 'id', 'deleteDocument'), 'document');
        const record = getDocument(store.db, id);
        if (record.frameKey !== null) {
          throw new SiglumError(
            'bad-input',
            `"${record.info.title}" is part of an imported volume, which exports with all its documents. Empty its text instead of deleting it.`,
          );
        }
        store.write((tx) => trashDocument(tx, id));
        authority.forget(id);
        return { id: String(id) };
      }),

    renameCollection: (args) =>
      call((): CollectionInfo => {
        const o = argsObject(args, 'renameCollection');
        const id = rowId(requireString(o, 'id', 'renameCollection'), 'collection');
        const title = requireTitle(o, 'renameCollection');
        store.write((tx) => renameCollection(tx, id, title));
        const info = listCollections(store.db).find((c) => c.id === String(id));
        if (info === undefined) throw new Error(`collection ${id} vanished after its rename`);
        return info;
      }),

    deleteCollection: (args) =>
      call((): { id: string } => {
        const o = argsObject(args, 'deleteCollection');
        const id = getCollection(store.db, rowId(requireString(o, 'id', 'deleteCollection'), 'collection')).id;
        const documents = listDocuments(store.db, id);
        // Its documents go to the trash, each with its history; the folder itself goes.
        store.write((tx) => {
          for (const d of documents) trashDocument(tx, Number(d.id));
          deleteCollection(tx, id);
        });
        for (const d of documents) authority.forget(Number(d.id));
        return { id: String(id) };
      }),

    ...entityMethods(entities, call),

    exportEdition: (args) => call(() => publisher.exportEdition(argsObject(args, 'exportEdition'))),
    previewPdf: (args) => call(() => publisher.previewPdf(argsObject(args, 'previewPdf'))),
    previewPages: (args) => call(() => publisher.previewPages(argsObject(args, 'previewPages'))),
    getPrintSettings: () => call(() => publisher.getPrintSettings()),
    updatePrintSettings: (args) => call(() => publisher.updatePrintSettings(argsObject(args, 'updatePrintSettings'))),
    ...searchMethods(store, authority, call, searchIndex),
    validateDocument: (args) =>
      call(() => {
        const o = argsObject(args, 'validateDocument');
        const id = requireString(o, 'documentId', 'validateDocument');
        return validateDocument(store, authority, id, o['doc'], () => entities.exportRecords());
      }),

    ...historyMethods(store, authority, backups, call),
    restoreBackup: () =>
      call(() => {
        throw new SiglumError(
          'forbidden',
          'A backup can replace the project only from the app, or with `siglum restore BACKUP --to PROJECT` while the project is closed.',
        );
      }),
    listProjects: () =>
      call(() => {
        const title = getProject(store.db)?.title ?? titleFromPath(path);
        const current = { path, title, schemaVersion: store.schemaVersion() };
        return { current, recent: [], defaultPath: path, canSwitch: false };
      }),
    openProject: () =>
      call(() => {
        throw new SiglumError('forbidden', 'This window shows one project. Start Siglum on the other project instead.');
      }),
    saveProjectCopy: (args) =>
      call(async () => {
        const target = resolve(requireString(argsObject(args, 'saveProjectCopy'), 'path', 'saveProjectCopy'));
        if (existsSync(target)) {
          throw new SiglumError('bad-input', `${target} already exists. Choose a new file name for the copy.`);
        }
        await backupDatabase(store.db, target, { stepwise: true, expectedDocuments: () => documentCount(store.db) });
        return { path: target };
      }),

    takeBackup: (reason) => call(() => backups.take(reason)),

    writeExportImages: (images, dir) => call(() => writeExportImages(store, images, dir)),
    ...facsimileMethods({ store, authority }, call),
    importIiif: (args) => call(() => importIiif({ store, authority }, checkImportIiif(args))),
    ...gitMethods({ store, authority, entities, projectPath: path }, call),

    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },

    close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      stopWatching();
      searchIndex.close();
      publisher.close();
      backups.close();
      try {
        authority.close();
      } finally {
        store.close();
        releaseLock(path);
      }
    },
  };

  if (options.seed && store.created) {
    ready = (async () => {
      try {
        // Siglum's own sample: trusted, so parsed here rather than in a worker.
        await importFiles(store, authority, parseInProcess, [seedFile(options.seedFile)]);
      } catch (e) {
        closed = true;
        stopWatching();
        backups.close();
        authority.close();
        store.close();
        releaseLock(path);
        if (!existed) removeProjectFile(path);
        throw e;
      }
    })();
    ready.catch(() => undefined);
  }
  return service;
}
