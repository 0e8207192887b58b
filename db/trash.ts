/**
 * The trash (migration 007): a deleted document with every row that named it, so that
 * restoring it brings back its content, its whole step log and its witnesses.
 *
 * The tables are found through SQLite's own foreign keys (every table whose rows go
 * when their document goes), so a table added by a later migration is kept without
 * this module knowing it.
 */
import { noSuchDocument } from './documents.ts';
import { collectUnshownImages } from './facsimiles.ts';
import type Database from 'better-sqlite3';
import { SiglumError } from '../edition/errors.ts';
import { stmt, type Tx } from './store.ts';

type Row = Record<string, unknown>;
/** Per table, its rows; `documents` holds the one document row. */
type Saved = Record<string, Row[]>;

export interface TrashRow {
  id: number;
  documentId: number;
  title: string;
  deletedAt: string;
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Tables whose rows name a document (through a foreign key), with the column that does. */
function documentTables(db: Database.Database): Array<{ table: string; column: string }> {
  return stmt(
    db,
    `SELECT m.name AS "table", f."from" AS "column"
       FROM sqlite_schema m, pragma_foreign_key_list(m.name) f
      WHERE m.type = 'table' AND f."table" = 'documents' ORDER BY m.name`,
  ).all() as Array<{ table: string; column: string }>;
}

/** JSON cannot carry bytes: a BLOB travels as base64. */
function encode(row: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) out[k] = Buffer.isBuffer(v) ? { $blob: v.toString('base64') } : v;
  return out;
}

function decode(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && typeof (value as { $blob?: unknown }).$blob === 'string') {
    return Buffer.from((value as { $blob: string }).$blob, 'base64');
  }
  return value;
}

/**
 * Moves document `id` to the trash: saves its rows, then deletes the document (the
 * foreign keys take the rest). Returns the trash entry's id.
 */
export function trashDocument(tx: Tx, id: number): number {
  const doc = stmt(tx.db, 'SELECT * FROM documents WHERE id = ?').get(id) as Row | undefined;
  if (doc === undefined) throw noSuchDocument(id);
  const saved: Saved = { documents: [encode(doc)] };
  for (const { table, column } of documentTables(tx.db)) {
    const rows = tx.db.prepare(`SELECT * FROM ${quote(table)} WHERE ${quote(column)} = ?`).all(id) as Row[];
    if (rows.length > 0) saved[table] = rows.map(encode);
  }
  const r = stmt(tx.db, 'INSERT INTO trash (document_id, title, deleted_at, rows) VALUES (?, ?, ?, ?)').run(
    id,
    String(doc['title']),
    tx.now,
    JSON.stringify(saved),
  );
  stmt(tx.db, 'DELETE FROM documents WHERE id = ?').run(id);
  tx.changed({ table: 'documents', documentId: id });
  return Number(r.lastInsertRowid);
}

/** What the trash holds, most recently deleted first. */
export function listTrash(db: Database.Database): TrashRow[] {
  return stmt(
    db,
    'SELECT id, document_id AS documentId, title, deleted_at AS deletedAt FROM trash ORDER BY id DESC',
  ).all() as TrashRow[];
}

interface TableShape {
  columns: Set<string>;
  /** The INTEGER PRIMARY KEY column (a rowid alias), if the table has one. */
  rowidColumn: string | null;
  /** Foreign keys: column -> referenced table. */
  references: Map<string, string>;
}

function shapeOf(db: Database.Database, table: string): TableShape {
  const info = db.prepare(`SELECT name, type, pk FROM pragma_table_info(?)`).all(table) as Array<{
    name: string;
    type: string;
    pk: number;
  }>;
  const pks = info.filter((c) => c.pk > 0);
  const rowidColumn = pks.length === 1 && pks[0]!.type.toUpperCase() === 'INTEGER' ? pks[0]!.name : null;
  const fks = db.prepare(`SELECT "table" AS ref, "from" AS col FROM pragma_foreign_key_list(?)`).all(table) as Array<{
    ref: string;
    col: string;
  }>;
  return {
    columns: new Set(info.map((c) => c.name)),
    rowidColumn,
    references: new Map(fks.map((f) => [f.col, f.ref])),
  };
}

/**
 * Puts trash entry `trashId` back: the document with every row it had. The document
 * keeps its id unless another document took it meanwhile (then it gets a new one, and
 * its rows follow); a collection deleted meanwhile leaves it in no collection.
 * Returns the document's id.
 */
export function restoreFromTrash(tx: Tx, trashId: number): number {
  const entry = stmt(tx.db, 'SELECT rows FROM trash WHERE id = ?').get(trashId) as { rows: string } | undefined;
  if (entry === undefined) {
    throw new SiglumError('not-found', 'That document is no longer in the trash. List the trash to see what it holds.');
  }
  const saved = JSON.parse(entry.rows) as Saved;
  // Referenced tables first (documents, then witnesses before collation_settings, ...).
  const pending = Object.keys(saved);
  const shapes = new Map(pending.map((t) => [t, shapeOf(tx.db, t)]));
  const order: string[] = [];
  while (pending.length > 0) {
    const next =
      pending.find((t) =>
        [...shapes.get(t)!.references.values()].every((ref) => ref === t || !pending.includes(ref)),
      ) ?? pending[0]!;
    order.push(next);
    pending.splice(pending.indexOf(next), 1);
  }
  const remap = new Map<string, Map<unknown, number>>();
  let documentId: number | null = null;
  for (const table of order) {
    const shape = shapes.get(table)!;
    const ids = new Map<unknown, number>();
    remap.set(table, ids);
    for (const stored of saved[table] ?? []) {
      const row: Row = {};
      for (const [k, v] of Object.entries(stored)) if (shape.columns.has(k)) row[k] = decode(v);
      for (const [column, ref] of shape.references) {
        const value = row[column];
        if (value === null || value === undefined) continue;
        const moved = remap.get(ref)?.get(value);
        if (moved !== undefined) row[column] = moved;
        else if (!saved[ref]) {
          const exists = tx.db.prepare(`SELECT 1 FROM ${quote(ref)} WHERE rowid = ?`).get(value) !== undefined;
          if (!exists) row[column] = null;
        }
      }
      const oldId = shape.rowidColumn === null ? undefined : row[shape.rowidColumn];
      if (shape.rowidColumn !== null && oldId !== undefined) {
        const taken =
          tx.db.prepare(`SELECT 1 FROM ${quote(table)} WHERE ${quote(shape.rowidColumn)} = ?`).get(oldId) !== undefined;
        if (taken) delete row[shape.rowidColumn];
      }
      // A document whose volume went meanwhile no longer has a place in its frame.
      if (table === 'documents' && row['collection_id'] === null) row['frame_key'] = null;
      const columns = Object.keys(row);
      const r = tx.db
        .prepare(
          `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
        )
        .run(...columns.map((c) => row[c]));
      if (oldId !== undefined) ids.set(oldId, Number(r.lastInsertRowid));
      if (table === 'documents') documentId = Number(r.lastInsertRowid);
    }
  }
  if (documentId === null) throw new Error(`trash entry ${trashId} holds no document row`);
  stmt(tx.db, 'DELETE FROM trash WHERE id = ?').run(trashId);
  tx.changed({ table: 'documents', documentId });
  return documentId;
}

/**
 * Deletes trash entry `trashId` for good, with the page image files nothing shows any
 * more (`collectUnshownImages`). Answers how many image files went.
 */
export function purgeTrash(tx: Tx, trashId: number): { images: number } {
  const r = stmt(tx.db, 'DELETE FROM trash WHERE id = ?').run(trashId);
  if (r.changes === 0) {
    throw new SiglumError('not-found', 'That document is no longer in the trash. List the trash to see what it holds.');
  }
  const images = collectUnshownImages(tx);
  tx.changed({ table: 'documents', documentId: 0 });
  return { images };
}

/** Deletes every trash entry for good, with the page image files nothing shows any more. */
export function emptyTrash(tx: Tx): { documents: number; images: number } {
  const documents = stmt(tx.db, 'DELETE FROM trash').run().changes;
  const images = collectUnshownImages(tx);
  if (documents > 0) tx.changed({ table: 'documents', documentId: 0 });
  return { documents, images };
}
