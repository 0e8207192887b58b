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

const encodings = new WeakMap<Database.Database, boolean>();

/** Whether the file keeps its text as UTF-8 (SQLite's default, and every project Siglum makes). */
function keepsUtf8(db: Database.Database): boolean {
  let utf8 = encodings.get(db);
  if (utf8 === undefined) {
    utf8 = db.pragma('encoding', { simple: true }) === 'UTF-8';
    encodings.set(db, utf8);
  }
  return utf8;
}

/**
 * A document as putSnapshot binds it. Bytes are bound as a blob, which the CAST keeps as
 * text: SQLite reads them in the file's encoding, unconverted, so a file in UTF-16 (which
 * Siglum never makes) is given a string instead.
 */
function boundDoc(db: Database.Database, doc: DocJSON | string | Buffer): string | Buffer {
  if (typeof doc === 'string') return doc;
  if (Buffer.isBuffer(doc)) return keepsUtf8(db) ? doc : doc.toString('utf8');
  return JSON.stringify(doc);
}

/**
 * Stores the document at `version` (`doc` as JSON, or as the JSON text it is kept as,
 * a string or its UTF-8 bytes, which are stored as text as they are).
 * Snapshots between the first (the document as
 * created or imported) and this one are dropped, but for the first of every
 * CHECKPOINT_EVERY versions: the step log can rebuild the others.
 */
export function putSnapshot(tx: Tx, documentId: number, version: number, doc: DocJSON | string | Buffer): void {
  stmt(
    tx.db,
    'INSERT OR REPLACE INTO snapshots (document_id, version, doc, created_at) VALUES (?, ?, CAST(? AS TEXT), ?)',
  ).run(documentId, version, boundDoc(tx.db, doc), tx.now);
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
