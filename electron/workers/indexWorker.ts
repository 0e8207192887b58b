/**
 * The search indexer's thread: brings the full-text index (db/search.ts) up to date
 * with every document on a connection of its own, a few documents per transaction,
 * so that indexing a freshly imported volume (seconds of FTS5 and trigram writes)
 * never holds the thread that answers edits and searches. Ends once no document is
 * stale. Started by electron/service/search-index.ts.
 */
import { isMainThread, workerData } from 'node:worker_threads';
import { loadContent } from '../../db/content.ts';
import { documentVersion } from '../../db/documents.ts';
import { indexDocument, staleDocuments } from '../../db/search.ts';
import { Store, waitForWriters } from '../../db/store.ts';

if (isMainThread) throw new Error('indexWorker.ts runs only as a worker thread (see SearchIndex).');

/** Documents per transaction: each holds the write lock for a few milliseconds. */
const BATCH = 2;

const { path, gate } = workerData as { path: string; gate: SharedArrayBuffer };
const store = Store.open(path);
try {
  for (let stale = staleDocuments(store.db); stale.length > 0; stale = staleDocuments(store.db)) {
    let wrote = 0;
    for (let i = 0; i < stale.length; i += BATCH) {
      const batch = stale.slice(i, i + BATCH).flatMap(({ id }) => {
        try {
          return [{ id, ...loadContent(store.db, id) }];
        } catch {
          // Deleted meanwhile, or damaged: the service says so when the document is opened.
          return [];
        }
      });
      // The service's own writes (edits, imports) go first.
      waitForWriters(gate);
      store.write((tx) => {
        // Only content that is still the document's: an edit committed since it was read is indexed next pass.
        for (const d of batch) {
          if (documentVersion(tx.db, d.id) !== d.version) continue;
          indexDocument(tx, d.id, d.doc, d.version);
          wrote++;
        }
      });
    }
    // A pass that could index nothing (every document left is damaged) must not loop forever.
    if (wrote === 0) break;
  }
} finally {
  store.close();
}
