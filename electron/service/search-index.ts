/**
 * The search index of one open project, kept up to date: documents edited or imported
 * are indexed in the background once writing pauses (INDEX_DELAY_MS), a few at a time
 * so that a push waits little for it, and `catchUp` indexes what is stale before a
 * search, so results are never behind what is saved. `stop` ends the background work.
 */
import { indexDocument, staleDocuments } from '../../db/search.ts';
import type { Store } from '../../db/store.ts';
import type { CollabAuthority } from './authority.ts';

/** How many documents one write indexes when catching up, so typing elsewhere is not held up long. */
const CATCH_UP_BATCH = 100;
/**
 * How long after the last committed write (an edit, an import) documents are
 * indexed. Reading a long document for the index takes tens of milliseconds, too much
 * for every keystroke, and a volume's 600 documents a second or two, too much to add
 * to its import; a search in between indexes what is stale first, so results are
 * never behind what is saved.
 */
export const INDEX_DELAY_MS = 400;
/** How many documents the background indexer reads before letting other work run. */
const BACKGROUND_BATCH = 4;

export class SearchIndex {
  // Whether the index was found up to date since the last write this process saw, and
  // SQLite's data_version then (it moves when another process commits): while both
  // hold, a search need not look for stale documents.
  private upToDate = false;
  private seenDataVersion = -1;
  private pending: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;

  constructor(
    private readonly store: Store,
    private readonly authority: CollabAuthority,
  ) {
    store.onChange((changes) => {
      this.upToDate = false;
      if (this.stopped || this.pending !== null) return;
      if (!changes.some((c) => c.table === 'steps' || c.table === 'documents')) return;
      this.pending = setTimeout(() => this.background(), INDEX_DELAY_MS);
      this.pending.unref();
    });
  }

  /** Starts indexing in the background after writes. */
  start(): void {
    this.stopped = false;
  }

  /** Stops the background indexing (searches still catch up). */
  stop(): void {
    this.stopped = true;
    if (this.pending !== null) clearTimeout(this.pending);
    this.pending = null;
  }

  /** Indexes these documents at their current content, in one transaction. */
  private indexBatch(documents: ReadonlyArray<{ id: number; version: number }>): void {
    if (documents.length === 0) return;
    // peek: read without keeping every document of the project in the authority's memory.
    const batch = documents.map(({ id, version }) => ({ id, doc: this.authority.peek(id), version }));
    this.store.write((tx) => {
      for (const { id, doc, version } of batch) indexDocument(tx, id, doc, version);
    });
  }

  /** Indexes every document whose content moved on since it was indexed (edits, imports, other writers). */
  catchUp(): void {
    const dataVersion = this.store.dataVersion();
    if (this.upToDate && dataVersion === this.seenDataVersion) return;
    const stale = staleDocuments(this.store.db);
    for (let i = 0; i < stale.length; i += CATCH_UP_BATCH) this.indexBatch(stale.slice(i, i + CATCH_UP_BATCH));
    this.upToDate = true;
    this.seenDataVersion = dataVersion;
  }

  private background(): void {
    this.pending = null;
    if (this.stopped || !this.store.db.open) return;
    try {
      const stale = staleDocuments(this.store.db);
      this.indexBatch(stale.slice(0, BACKGROUND_BATCH));
      if (stale.length > BACKGROUND_BATCH) {
        this.pending = setTimeout(() => this.background(), 0);
        this.pending.unref();
      }
    } catch (e) {
      // The index is caught up again before the next search; nothing is lost.
      console.error('Siglum: could not update the search index:', e instanceof Error ? e.message : e);
    }
  }
}
