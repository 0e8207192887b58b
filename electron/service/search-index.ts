/**
 * Keeping the full-text index (db/search.ts) of one open project up to date with the
 * documents: a part of the service, started and stopped with it (`start`, `stop`).
 *
 * A few stale documents (an edit, a new document) are indexed on this thread right
 * before a search reads the index, so results are never behind what is saved. Many
 * (an imported volume: 600 documents, seconds of FTS5 and trigram writes) are
 * indexed by a worker thread with its own connection (electron/workers/indexWorker.ts):
 * a search meanwhile answers at once from what is indexed and says how many documents
 * are still to come, and what needs the whole
 * index (a replace's preview, a filter by register entry, the command line) waits for
 * the worker without holding this thread. Where no worker can start (a build without
 * its file), the documents are indexed here, a few per turn of the event loop.
 *
 * The rows ask it through `catchUp` (the index usable now; how many documents it still
 * misses) and `whole` (wait until it holds every document).
 */
import { Worker } from 'node:worker_threads';
import { indexDocument, staleDocuments } from '../../db/search.ts';
import type { Store } from '../../db/store.ts';
import { builtFiles } from '../built.ts';
import type { CollabAuthority } from './authority.ts';

/**
 * Up to this many stale documents are indexed on this thread, before the search that
 * needs them (a few milliseconds each, tens for a long one).
 */
export const INDEX_HERE_AT_MOST = 8;
/**
 * How long after the last committed write (an edit, an import) stale documents are
 * indexed in the background: reading a long document for the index takes tens of
 * milliseconds, too much for every keystroke.
 */
export const INDEX_DELAY_MS = 400;
/** How many documents this thread indexes per turn of the event loop when no worker can. */
const HERE_BATCH = 4;

/** Where the indexer's thread is: the built file beside the bundle, else the sources through tsx. */
export function defaultIndexWorkerUrl(): URL {
  return builtFiles?.indexWorker !== undefined
    ? new URL(builtFiles.indexWorker, import.meta.url)
    : new URL('../workers/indexBootstrap.mjs', import.meta.url);
}

export class SearchIndex {
  private worker: Worker | null = null;
  private finished: Array<() => void> = [];
  /** False once a worker failed to start or run: from then on this thread indexes. */
  private workerUsable: boolean;
  private pending: ReturnType<typeof setTimeout> | null = null;
  /** True until `start` and again after `stop`: nothing is indexed in the background, no thread started. */
  private stopped = true;
  // Whether the index was found complete since the last write this process saw, and
  // SQLite's data_version then (it moves when another process commits): while both
  // hold, a search need not look for stale documents.
  private upToDate = false;
  private seenDataVersion = -1;

  constructor(
    private readonly store: Store,
    private readonly authority: CollabAuthority,
    private readonly workerUrl: URL | null = defaultIndexWorkerUrl(),
  ) {
    this.workerUsable = workerUrl !== null;
    store.onChange((changes) => {
      this.upToDate = false;
      // Edits and imports are indexed in the background once writing pauses.
      if (changes.some((c) => c.table === 'steps' || c.table === 'documents')) this.schedule();
    });
  }

  /** Starts indexing in the background after writes. */
  start(): void {
    this.stopped = false;
  }

  /** Stops the background indexing and the indexer's thread (searches still index what they need here). */
  stop(): void {
    this.stopped = true;
    if (this.pending !== null) clearTimeout(this.pending);
    this.pending = null;
    void this.worker?.terminate();
    this.worker = null;
    this.wake();
  }

  /**
   * Makes the index usable for a search now (`ready`), looking only when something was
   * written since it was last found complete. Returns how many documents it still
   * misses (0: it is complete).
   */
  catchUp(): number {
    const dataVersion = this.store.dataVersion();
    if (this.upToDate && dataVersion === this.seenDataVersion) return 0;
    const left = this.ready();
    this.upToDate = left === 0;
    this.seenDataVersion = dataVersion;
    return left;
  }

  /** Resolves once the index holds every document: for what must not miss one. */
  async whole(): Promise<void> {
    if (this.catchUp() === 0) return;
    await this.complete();
    this.catchUp();
  }

  /**
   * Makes the index usable for a search now: indexes the stale documents here when
   * they are few, else starts (or leaves running) the worker. Returns how many
   * documents the index is still missing (0: it is complete).
   */
  private ready(): number {
    const stale = staleDocuments(this.store.db);
    if (stale.length === 0) return 0;
    // While the worker runs it takes a large batch whole; a few stale documents (what was
    // typed a moment ago) are indexed here, so a search finds them at once. Both threads
    // write what the document holds, so whichever writes last is right.
    if (this.worker !== null && stale.length > INDEX_HERE_AT_MOST) return stale.length;
    if (stale.length <= INDEX_HERE_AT_MOST || !this.startWorker()) {
      this.indexHere(stale);
      return 0;
    }
    return stale.length;
  }

  /** Resolves once the index holds every document as committed now. */
  private async complete(): Promise<void> {
    while (this.ready() > 0) {
      // Someone waits for it now: the thread keeps the process alive (a command line's
      // search right after an import), as it does not otherwise.
      this.worker?.ref();
      await new Promise<void>((resolve) => this.finished.push(resolve));
    }
  }

  /** After a committed write: indexes what it made stale once writing pauses. */
  private schedule(): void {
    if (this.pending !== null || this.worker !== null || this.stopped) return;
    this.pending = setTimeout(() => this.background(), INDEX_DELAY_MS);
    this.pending.unref();
  }

  private background(): void {
    this.pending = null;
    if (this.stopped || !this.store.db.open || this.worker !== null) return;
    try {
      const stale = staleDocuments(this.store.db);
      if (stale.length === 0) return;
      if (stale.length > HERE_BATCH && this.startWorker()) return;
      this.indexHere(stale.slice(0, HERE_BATCH));
      if (stale.length > HERE_BATCH) {
        this.pending = setTimeout(() => this.background(), 0);
        this.pending.unref();
      }
    } catch (e) {
      // The index is caught up again before the next search; nothing is lost.
      console.error('Siglum: could not update the search index:', e instanceof Error ? e.message : e);
    }
  }

  /** Indexes these documents at their current content on this thread, in transactions of 100. */
  private indexHere(documents: ReadonlyArray<{ id: number; version: number }>): void {
    for (let i = 0; i < documents.length; i += 100) {
      // peek: read without keeping every document of the project in the authority's memory.
      const batch = documents
        .slice(i, i + 100)
        .map(({ id, version }) => ({ id, doc: this.authority.peek(id), version }));
      this.store.write((tx) => {
        for (const { id, doc, version } of batch) indexDocument(tx, id, doc, version);
      });
    }
  }

  private startWorker(): boolean {
    if (!this.workerUsable || this.workerUrl === null || this.stopped) return false;
    let worker: Worker;
    try {
      worker = new Worker(this.workerUrl, { workerData: { path: this.store.path, gate: this.store.writeGate() } });
    } catch {
      this.workerUsable = false;
      return false;
    }
    this.worker = worker;
    worker.unref();
    worker.once('error', (e) => {
      console.error('Siglum: the search indexer stopped; indexing in the service instead:', e.message);
      this.workerUsable = false;
    });
    worker.once('exit', () => {
      if (this.worker === worker) this.worker = null;
      this.wake();
      // Documents written while it ran (or all of them, if it failed) are picked up as usual.
      if (!this.stopped) this.schedule();
    });
    return true;
  }

  private wake(): void {
    for (const resolve of this.finished.splice(0)) resolve();
  }
}
