/**
 * The `documents` table: each document's place (collection, position), kind, title,
 * number, metadata and collab version. Its content lives in snapshots and steps.
 */
import type Database from 'better-sqlite3';
import type { DocJSON, DocumentInfo, DocumentMeta } from '../edition/api.ts';
import { SiglumError } from '../edition/errors.ts';
import { apiId } from './ids.ts';
import { parseMeta } from './meta.ts';
import { stmt, type Tx } from './store.ts';

export type DocumentKind = DocumentInfo['kind'];

export interface DocumentRecord {
  info: DocumentInfo;
  meta: DocumentMeta;
  /** The placeholder in the collection's frame where this document goes on export. */
  frameKey: string | null;
  version: number;
}

interface Row {
  id: number;
  collectionId: number | null;
  title: string;
  n: string | null;
  position: number;
  kind: DocumentKind;
  updatedAt: string;
}

const INFO_COLUMNS = `id, collection_id AS collectionId, title, n, position, kind, updated_at AS updatedAt`;

function toInfo(r: Row): DocumentInfo {
  return {
    id: apiId(r.id),
    collectionId: r.collectionId === null ? null : apiId(r.collectionId),
    title: r.title,
    n: r.n,
    position: r.position,
    kind: r.kind,
    updatedAt: r.updatedAt,
  };
}

/**
 * Documents in order: those of one collection (`null`: those in none), or with
 * `undefined` every document, collection by collection.
 */
export function listDocuments(db: Database.Database, collectionId?: number | null): DocumentInfo[] {
  const rows =
    collectionId === undefined
      ? stmt(
          db,
          `SELECT d.id, d.collection_id AS collectionId, d.title, d.n, d.position, d.kind, d.updated_at AS updatedAt
             FROM documents d LEFT JOIN collections c ON c.id = d.collection_id
            ORDER BY c.position IS NOT NULL, c.position, d.collection_id, d.position, d.id`,
        ).all()
      : collectionId === null
        ? stmt(db, `SELECT ${INFO_COLUMNS} FROM documents WHERE collection_id IS NULL ORDER BY position, id`).all()
        : stmt(db, `SELECT ${INFO_COLUMNS} FROM documents WHERE collection_id = ? ORDER BY position, id`).all(
            collectionId,
          );
  return (rows as Row[]).map(toInfo);
}

/**
 * The documents of one collection (`null`: those in none) in the order of
 * `listDocuments`, each with the placeholder of its collection's frame where it goes
 * on export (null: none).
 */
export function frameKeys(
  db: Database.Database,
  collectionId: number | null,
): Array<{ id: number; frameKey: string | null }> {
  return stmt(db, `SELECT id, frame_key AS frameKey FROM documents WHERE collection_id IS ? ORDER BY position, id`).all(
    collectionId,
  ) as Array<{ id: number; frameKey: string | null }>;
}

/** The sentence for a document id the project does not hold (deleted, or never there). */
export function noSuchDocument(id: number): SiglumError {
  return new SiglumError(
    'not-found',
    `There is no document with id "${id}". It may have been deleted (see the trash); list the documents (the app's sidebar, or \`siglum list\`) to find its id.`,
  );
}

/** The document with this row id; 'not-found' when there is none. */
export function getDocument(db: Database.Database, id: number): DocumentRecord {
  const row = stmt(db, `SELECT ${INFO_COLUMNS}, meta, frame_key AS frameKey, version FROM documents WHERE id = ?`).get(
    id,
  ) as (Row & { meta: string; frameKey: string | null; version: number }) | undefined;
  if (row === undefined) throw noSuchDocument(id);
  return { info: toInfo(row), meta: parseMeta(row.meta), frameKey: row.frameKey, version: row.version };
}

/** The document's collab version as stored (the number of steps it has). */
export function documentVersion(db: Database.Database, id: number): number | null {
  const v = stmt(db, 'SELECT version FROM documents WHERE id = ?').pluck().get(id) as number | undefined;
  return v ?? null;
}

export interface NewDocument {
  collectionId: number | null;
  kind: DocumentKind;
  title: string;
  n: string | null;
  frameKey: string | null;
  meta: DocumentMeta;
}

/** Adds a document after the last one of its collection, at version 0. */
export function insertDocument(tx: Tx, d: NewDocument): DocumentInfo {
  const position = stmt(tx.db, 'SELECT coalesce(max(position) + 1, 0) FROM documents WHERE collection_id IS ?')
    .pluck()
    .get(d.collectionId) as number;
  const r = stmt(
    tx.db,
    `INSERT INTO documents (collection_id, position, kind, title, n, frame_key, meta, version, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
  ).run(d.collectionId, position, d.kind, d.title, d.n, d.frameKey, JSON.stringify(d.meta), tx.now, tx.now);
  const id = Number(r.lastInsertRowid);
  tx.changed({ table: 'documents', documentId: id });
  return {
    id: apiId(id),
    collectionId: d.collectionId === null ? null : apiId(d.collectionId),
    title: d.title,
    n: d.n,
    position,
    kind: d.kind,
    updatedAt: tx.now,
  };
}

/** Records the document's new collab version (with its steps, in the same transaction). */
export function setDocumentVersion(tx: Tx, id: number, version: number): void {
  stmt(tx.db, 'UPDATE documents SET version = ?, updated_at = ? WHERE id = ?').run(version, tx.now, id);
}

/** Renames a document; its metadata's title follows. */
export function renameDocument(tx: Tx, id: number, title: string): void {
  const r = stmt(
    tx.db,
    `UPDATE documents SET title = ?, meta = json_set(meta, '$.title', ?), updated_at = ? WHERE id = ?`,
  ).run(title, title, tx.now, id);
  if (r.changes === 0) throw noSuchDocument(id);
  tx.changed({ table: 'documents', documentId: id });
}

/** Replaces a document's metadata; its title follows the metadata's title. */
export function updateMeta(tx: Tx, id: number, meta: DocumentMeta): void {
  const r = stmt(tx.db, 'UPDATE documents SET meta = ?, title = ?, updated_at = ? WHERE id = ?').run(
    JSON.stringify(meta),
    meta.title,
    tx.now,
    id,
  );
  if (r.changes === 0) throw noSuchDocument(id);
  tx.changed({ table: 'documents', documentId: id });
}

/** Deletes a document with its snapshots and steps. */
export function deleteDocument(tx: Tx, id: number): void {
  const r = stmt(tx.db, 'DELETE FROM documents WHERE id = ?').run(id);
  if (r.changes === 0) throw noSuchDocument(id);
  tx.changed({ table: 'documents', documentId: id });
}

/**
 * Moves a document to `position` among the documents of `collectionId` (null: those
 * in no collection), clamped to the end, and renumbers that list from 0.
 */
export function moveDocument(tx: Tx, id: number, collectionId: number | null, position: number): void {
  const others = stmt(tx.db, 'SELECT id FROM documents WHERE collection_id IS ? AND id != ? ORDER BY position, id')
    .pluck()
    .all(collectionId, id) as number[];
  others.splice(Math.min(Math.max(position, 0), others.length), 0, id);
  stmt(tx.db, 'UPDATE documents SET collection_id = ?, updated_at = ? WHERE id = ?').run(collectionId, tx.now, id);
  const place = stmt(tx.db, 'UPDATE documents SET position = ? WHERE id = ?');
  others.forEach((docId, i) => place.run(i, docId));
  tx.changed({ table: 'documents', documentId: id });
}

/**
 * The document as its source last gave it (migration 005): the text an update brought,
 * else its first snapshot (as imported); null when it has neither.
 */
export function sourceDoc(db: Database.Database, id: number): DocJSON | null {
  const stored = stmt(db, 'SELECT source_doc FROM documents WHERE id = ?').pluck().get(id) as string | null | undefined;
  if (typeof stored === 'string') return JSON.parse(stored) as DocJSON;
  const first = stmt(db, 'SELECT doc FROM snapshots WHERE document_id = ? ORDER BY version LIMIT 1').pluck().get(id) as
    string | undefined;
  return first === undefined ? null : (JSON.parse(first) as DocJSON);
}

/** Records the text an update of the source brought for the document. */
export function setSourceDoc(tx: Tx, id: number, doc: DocJSON): void {
  stmt(tx.db, 'UPDATE documents SET source_doc = ? WHERE id = ?').run(JSON.stringify(doc), id);
}

/** Gives a document the number and kind its source now gives it (title and metadata: `updateMeta`). */
export function setDocumentPlace(tx: Tx, id: number, n: string | null, kind: DocumentKind): void {
  stmt(tx.db, 'UPDATE documents SET n = ?, kind = ?, updated_at = ? WHERE id = ?').run(n, kind, tx.now, id);
  tx.changed({ table: 'documents', documentId: id });
}

/** Numbers the documents of a collection in the order given, from 0. */
export function orderDocuments(tx: Tx, ids: readonly number[]): void {
  const place = stmt(tx.db, 'UPDATE documents SET position = ? WHERE id = ?');
  ids.forEach((id, i) => place.run(i, id));
  if (ids.length > 0) tx.changed({ table: 'documents', documentId: ids[0]! });
}

/**
 * Each document's version and creation time as one string, by id: a row id may be given
 * again to a new document after the last one was deleted, so the version alone would not do.
 */
export function documentVersionStamps(db: Database.Database): Map<number, string> {
  const rows = stmt(db, "SELECT id, version || ' ' || created_at AS version FROM documents").all() as Array<{
    id: number;
    version: string;
  }>;
  return new Map(rows.map((r) => [r.id, r.version]));
}
