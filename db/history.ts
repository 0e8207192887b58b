/**
 * A document's history as the step log holds it (when each step was committed, by
 * which client) and the project's named versions (migration 007). Read-only over
 * steps: history is shown and restored by adding steps, never by rewriting them.
 */
import type Database from 'better-sqlite3';
import type { StepJSON } from '../edition/api.ts';
import { stmt, type Tx } from './store.ts';

/** When one step was committed and which client sent it. */
export interface StepStamp {
  /** The step takes the document from `version` to `version + 1`. */
  version: number;
  at: string;
  clientID: string;
}

/** Every step of the document in order, without the steps themselves (cheap: no JSON parsed). */
export function stepStamps(db: Database.Database, documentId: number): StepStamp[] {
  return stmt(
    db,
    'SELECT version, created_at AS at, client_id AS clientID FROM steps WHERE document_id = ? ORDER BY version',
  ).all(documentId) as StepStamp[];
}

/** The steps that take the document from version `from` to version `to`, in order. */
export function readStepRange(db: Database.Database, documentId: number, from: number, to: number): StepJSON[] {
  const rows = stmt(
    db,
    'SELECT step FROM steps WHERE document_id = ? AND version >= ? AND version < ? ORDER BY version',
  )
    .pluck()
    .all(documentId, from, to) as string[];
  return rows.map((r) => JSON.parse(r) as StepJSON);
}

/**
 * The document's version at `time` (ISO): how many of its steps had been committed
 * then. 0 for a time before its first step.
 */
export function versionAtTime(db: Database.Database, documentId: number, time: string): number {
  return stmt(db, 'SELECT coalesce(max(version) + 1, 0) FROM steps WHERE document_id = ? AND created_at <= ?')
    .pluck()
    .get(documentId, time) as number;
}

/** When the document was created (or imported). */
export function documentCreatedAt(db: Database.Database, documentId: number): string | null {
  const v = stmt(db, 'SELECT created_at FROM documents WHERE id = ?').pluck().get(documentId) as string | undefined;
  return v ?? null;
}

export interface NamedVersionRow {
  id: number;
  name: string;
  at: string;
  /** Each document's collab version when the version was named, by row id. */
  versions: Record<string, number>;
}

/** Names the project as it is now: every document's current version. */
export function addNamedVersion(tx: Tx, name: string): NamedVersionRow {
  const versions = Object.fromEntries(
    (stmt(tx.db, 'SELECT id, version FROM documents ORDER BY id').all() as Array<{ id: number; version: number }>).map(
      (r) => [String(r.id), r.version],
    ),
  );
  const r = stmt(tx.db, 'INSERT INTO named_versions (name, at, versions) VALUES (?, ?, ?)').run(
    name,
    tx.now,
    JSON.stringify(versions),
  );
  tx.changed({ table: 'project' });
  return { id: Number(r.lastInsertRowid), name, at: tx.now, versions };
}

/** The named versions, oldest first. */
export function listNamedVersions(db: Database.Database): NamedVersionRow[] {
  const rows = stmt(db, 'SELECT id, name, at, versions FROM named_versions ORDER BY id').all() as Array<{
    id: number;
    name: string;
    at: string;
    versions: string;
  }>;
  return rows.map((r) => {
    const parsed: unknown = JSON.parse(r.versions);
    const versions: Record<string, number> = {};
    if (typeof parsed === 'object' && parsed !== null) {
      for (const [k, v] of Object.entries(parsed)) if (typeof v === 'number') versions[k] = v;
    }
    return { id: r.id, name: r.name, at: r.at, versions };
  });
}
