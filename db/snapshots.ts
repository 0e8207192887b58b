/**
 * The `snapshots` table: a document's content as ProseMirror JSON at some version.
 * Written when a document is created or imported (version 0) and then now and again
 * (the service decides when), so that loading replays only the steps since the last one.
 */
import type Database from 'better-sqlite3';
import type { DocJSON } from '../edition/api.ts';
import { stmt, type Tx } from './store.ts';

/**
 * History reads old versions from the nearest snapshot before them: one snapshot is
 * kept per this many versions, so that rebuilding any version replays at most about
 * this many steps (plus the service's snapshot interval).
 */
export const CHECKPOINT_EVERY = 500;

/**
 * Stores the document at `version` (`doc` as JSON, or as the JSON text it is kept as,
 * a string or its UTF-8 bytes, which are stored as text as they are).
 * Snapshots between the first (the document as
 * created or imported) and this one are dropped, but for the first of every
 * CHECKPOINT_EVERY versions: the step log can rebuild the others.
 */
export function putSnapshot(tx: Tx, documentId: number, version: number, doc: DocJSON | string | Buffer): void {
  // Bytes are bound as a blob and kept as text: SQLite reads them as UTF-8, unconverted.
  stmt(
    tx.db,
    'INSERT OR REPLACE INTO snapshots (document_id, version, doc, created_at) VALUES (?, ?, CAST(? AS TEXT), ?)',
  ).run(documentId, version, typeof doc === 'string' || Buffer.isBuffer(doc) ? doc : JSON.stringify(doc), tx.now);
  stmt(
    tx.db,
    `DELETE FROM snapshots WHERE document_id = ? AND version < ?
       AND version > (SELECT min(version) FROM snapshots WHERE document_id = ?)
       AND version NOT IN (SELECT min(version) FROM snapshots WHERE document_id = ? GROUP BY version / ${CHECKPOINT_EVERY})`,
  ).run(documentId, version, documentId, documentId);
  tx.changed({ table: 'snapshots', documentId, version });
}

/** The latest snapshot at or before `atMost` (default: the latest), or null if none. */
export function latestSnapshot(
  db: Database.Database,
  documentId: number,
  atMost: number = Number.MAX_SAFE_INTEGER,
): { version: number; doc: DocJSON } | null {
  const row = stmt(
    db,
    'SELECT version, doc FROM snapshots WHERE document_id = ? AND version <= ? ORDER BY version DESC LIMIT 1',
  ).get(documentId, atMost) as { version: number; doc: string } | undefined;
  return row === undefined ? null : { version: row.version, doc: JSON.parse(row.doc) as DocJSON };
}

/** The version of the latest snapshot (at or before `atMost`), or null if none. */
export function latestSnapshotVersion(
  db: Database.Database,
  documentId: number,
  atMost: number = Number.MAX_SAFE_INTEGER,
): number | null {
  const v = stmt(db, 'SELECT max(version) FROM snapshots WHERE document_id = ? AND version <= ?')
    .pluck()
    .get(documentId, atMost) as number | null;
  return v;
}
