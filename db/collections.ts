/** The `collections` table: volumes imported from TEI and the user's folders. */
import type Database from 'better-sqlite3';
import type { CollectionInfo, DocumentMeta } from '../edition/api.ts';
import { SiglumError } from '../edition/errors.ts';
import { apiId } from './ids.ts';
import { parseMeta } from './meta.ts';
import { stmt, type Tx } from './store.ts';

export interface CollectionRecord {
  id: number;
  title: string;
  kind: 'volume' | 'folder';
  /** The volume's TEI with each document's div replaced by a placeholder; null for folders. */
  frame: string | null;
  meta: DocumentMeta;
}

interface Row {
  id: number;
  title: string;
  kind: 'volume' | 'folder';
  frame: string | null;
  meta: string;
}

/** Every collection in order, with how many documents each holds. */
export function listCollections(db: Database.Database): CollectionInfo[] {
  const rows = stmt(
    db,
    `SELECT c.id, c.title, c.kind,
            (SELECT count(*) FROM documents d WHERE d.collection_id = c.id) AS documentCount
       FROM collections c ORDER BY c.position, c.id`,
  ).all() as Array<{ id: number; title: string; kind: 'volume' | 'folder'; documentCount: number }>;
  return rows.map((r) => ({ id: apiId(r.id), title: r.title, kind: r.kind, documentCount: r.documentCount }));
}

/** The collection with this row id; 'not-found' when there is none. */
export function getCollection(db: Database.Database, id: number): CollectionRecord {
  const row = stmt(db, 'SELECT id, title, kind, frame, meta FROM collections WHERE id = ?').get(id) as Row | undefined;
  if (row === undefined) {
    throw new SiglumError('not-found', `There is no collection with id "${id}". List the collections to find its id.`);
  }
  return { id: row.id, title: row.title, kind: row.kind, frame: row.frame, meta: parseMeta(row.meta) };
}

/** Every collection's row id in order. */
export function collectionIds(db: Database.Database): number[] {
  return stmt(db, 'SELECT id FROM collections ORDER BY position, id').pluck().all() as number[];
}

/** Where a volume came from (migration 005): its identity and the hash of the file last read. */
export interface VolumeSource {
  sourceKey: string | null;
  sourceHash: string | null;
}

/** Adds a collection after the last one; returns its row id. */
export function insertCollection(
  tx: Tx,
  c: { title: string; kind: 'volume' | 'folder'; frame: string | null; meta: DocumentMeta } & Partial<VolumeSource>,
): number {
  const position = stmt(tx.db, 'SELECT coalesce(max(position) + 1, 0) FROM collections').pluck().get() as number;
  const r = stmt(
    tx.db,
    `INSERT INTO collections (title, kind, position, frame, meta, created_at, source_key, source_hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(c.title, c.kind, position, c.frame, JSON.stringify(c.meta), tx.now, c.sourceKey ?? null, c.sourceHash ?? null);
  tx.changed({ table: 'collections' });
  return Number(r.lastInsertRowid);
}

/** Deletes a collection; its documents, their snapshots and steps go with it (ON DELETE CASCADE). */
export function deleteCollection(tx: Tx, id: number): void {
  const r = stmt(tx.db, 'DELETE FROM collections WHERE id = ?').run(id);
  if (r.changes === 0) throw new SiglumError('not-found', `There is no collection with id "${id}".`);
  tx.changed({ table: 'collections' });
}

/** Every volume with its source identity and header metadata, oldest first. */
export function volumeSources(
  db: Database.Database,
): Array<VolumeSource & { id: number; title: string; meta: DocumentMeta }> {
  const rows = stmt(
    db,
    `SELECT id, title, meta, source_key AS sourceKey, source_hash AS sourceHash
       FROM collections WHERE kind = 'volume' ORDER BY id`,
  ).all() as Array<{ id: number; title: string; meta: string; sourceKey: string | null; sourceHash: string | null }>;
  return rows.map((r) => ({ ...r, meta: parseMeta(r.meta) }));
}

/** Gives a volume a new text from its source: frame, title, header metadata and source. */
export function replaceVolumeSource(
  tx: Tx,
  id: number,
  c: { title: string; frame: string; meta: DocumentMeta } & VolumeSource,
): void {
  const r = stmt(
    tx.db,
    'UPDATE collections SET title = ?, frame = ?, meta = ?, source_key = ?, source_hash = ? WHERE id = ?',
  ).run(c.title, c.frame, JSON.stringify(c.meta), c.sourceKey, c.sourceHash, id);
  if (r.changes === 0) throw new SiglumError('not-found', `There is no collection with id "${id}".`);
  tx.changed({ table: 'collections' });
}
