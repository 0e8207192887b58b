/**
 * The Siglum service: the SiglumApi over one project file. Everything the UI, the
 * command line and the browser host do goes through it.
 *
 *   const service = openService('/path/to/edition.siglum', { create: true, seed: true });
 *   const docs = await service.listDocuments({});
 *   const off = service.subscribe((event) => ...);
 *   service.close();
 *
 * Every method is a row of one table (table.ts): the areas' rows (documents.ts,
 * entityApi.ts, witnesses.ts, search.ts, history.ts, publish.ts, settings.ts,
 * facsimiles.ts, gitApi.ts) over
 * one ServiceContext, each call run through `dispatch` (host/dispatch.ts), which
 * checks its argument against the contract's schema. Bad input rejects with a
 * SiglumError; expected failures are values (PushResult). The long-lived parts (the
 * watcher, the search indexer, the browser pool) start here and stop on `close`.
 */
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type {
  ExistingVolumeChoice,
  ImportResult,
  SiglumApi,
  SiglumClient,
  SiglumEvent,
  TeiExport,
} from '../../edition/api.ts';
import { SiglumError } from '../../edition/errors.ts';
import { ensureProject, getProject } from '../../db/project.ts';
import { collectUnshownImages } from '../../db/facsimiles.ts';
import { storeError } from '../../db/errors.ts';
import { Store, type StoreChange } from '../../db/store.ts';
import { dispatch } from '../host/dispatch.ts';
import { CollabAuthority, DEFAULT_SNAPSHOTS } from './authority.ts';
import { documentRows, importSources, titleFromPath } from './documents.ts';
import { EntityService } from './entities.ts';
import { entityRows } from './entityApi.ts';
import { defaultParser, parseInProcess } from './formats.ts';
import { importFiles } from './importer.ts';
import { wireFile, type SourceFile } from './import-source.ts';
import { BrowserPool } from './browser-pool.ts';
import { publishRows } from './publish.ts';
import { settingsRows } from './settings.ts';
import { seedFile } from './seed.ts';
import type { RowMethod, ServiceContext, ServiceOptions, Table } from './table.ts';
import { Watcher } from './watch.ts';
import { defaultIndexWorkerUrl, SearchIndex } from './search-index.ts';
import { searchRows } from './search.ts';
import { witnessRows } from './witnesses.ts';
import { Backups, DEFAULT_BACKUPS } from './backups.ts';
import { historyRows } from './history.ts';
import { VersionCache } from './versions.ts';
import { claimLock, openElsewhere, releaseLock } from './lock.ts';
import { backupFolder, latestBackupHint } from '../../db/backup.ts';
import type { BackupInfo } from '../../edition/history/api.ts';
import { facsimileRows } from './facsimiles.ts';
import { writeExportImages } from './facsimile-tei.ts';
import { GitSession, gitRows } from './gitApi.ts';
import { ImportStaging } from './staging.ts';

/** Every method that has a row, one table for every open project. */
const TABLE: Table = {
  ...witnessRows,
  ...searchRows,
  ...documentRows,
  ...entityRows,
  ...historyRows,
  ...publishRows,
  ...settingsRows,
  ...facsimileRows,
  ...gitRows,
};

export type { ServiceOptions } from './table.ts';

/** The API over one open project, plus `close`. */
export interface SiglumService extends SiglumClient {
  /** Takes a verified backup now, named by `reason` ('before-restore', ...). */
  takeBackup(reason: string): Promise<BackupInfo>;
  /**
   * `importFiles` for a caller in this process, with files it reads itself, each when the
   * import needs it (the command line reads them from disk one at a time). Not part of
   * the API: nothing that comes over a wire can name a file for the service to read.
   */
  importSources(files: readonly SourceFile[], existing?: ExistingVolumeChoice): Promise<ImportResult>;
  /** Writes an exported TEI file's page images (`TeiExport.images`) into its folder `dir`; answers the paths written. */
  writeExportImages(images: NonNullable<TeiExport['images']>, dir: string): Promise<string[]>;
  /** Snapshots open documents and closes the file. Calls after close reject. */
  close(): void;
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
  const parse = options.parseFile ?? defaultParser;
  const listeners = new Set<(event: SiglumEvent) => void>();
  const staging = new ImportStaging();
  let closed = false;

  try {
    if (getProject(store.db) === null) store.write((tx) => ensureProject(tx, titleFromPath(path)));
    // Images nothing shows (left by a process that stopped mid-import, or by an earlier
    // version) go at open, when no other process can be importing into the project.
    if (openElsewhere(path) === null) store.write((tx) => collectUnshownImages(tx, { unfinished: true }));
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
  const browsers = new BrowserPool();
  browsers.start();
  const search = new SearchIndex(
    store,
    authority,
    options.indexWorkerUrl === undefined ? defaultIndexWorkerUrl() : options.indexWorkerUrl,
  );
  search.start();
  const watcher = new Watcher(store, authority, emit, options.watchMs ?? 1000);
  watcher.start();

  /** Stops the long-lived parts and closes the file (the authority snapshots open documents first). */
  function shutDown(): void {
    watcher.stop();
    search.stop();
    browsers.stop();
    backups.close();
    staging.close();
    try {
      authority.close();
    } finally {
      store.close();
      releaseLock(path);
    }
  }

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

  const versions = new VersionCache(store, authority);
  const ctx: ServiceContext = {
    path,
    store,
    authority,
    entities,
    backups,
    parse,
    options,
    emit,
    versions,
    search,
    git: new GitSession(),
    staging,
    browsers,
    print: { pdf: options.renderPdf ?? browsers.renderPdf, pages: options.renderPages ?? browsers.renderPages },
  };
  // Every API method is its row run through dispatch: in process or over a wire, the
  // same checks.
  const methods = {} as Record<RowMethod, (args: unknown) => Promise<unknown>>;
  for (const method of Object.keys(TABLE) as RowMethod[]) {
    methods[method] = (args) => call(() => dispatch(TABLE, ctx, method, args));
  }

  const service: SiglumService = {
    ...(methods as unknown as SiglumApi),

    takeBackup: (reason) => call(() => backups.take(reason)),

    importSources: (files, existing) => call(() => importSources(ctx, files, existing)),

    writeExportImages: (images, dir) => call(() => writeExportImages(store, images, dir)),

    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },

    close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      shutDown();
    },
  };

  if (options.seed && store.created) {
    ready = (async () => {
      try {
        // Siglum's own sample: trusted, so parsed here rather than in a worker.
        await importFiles(store, authority, parseInProcess, [wireFile(seedFile(options.seedFile))]);
      } catch (e) {
        closed = true;
        shutDown();
        if (!existed) removeProjectFile(path);
        throw e;
      }
    })();
    ready.catch(() => undefined);
  }
  return service;
}
