/** The `project` table: one row naming the project. */
import type Database from 'better-sqlite3';
import { stmt, type Tx } from './store.ts';

export interface ProjectRow {
  title: string;
  createdAt: string;
}

/** The project row, or null in a file whose project has not been set up yet. */
export function getProject(db: Database.Database): ProjectRow | null {
  const row = stmt(db, 'SELECT title, created_at AS createdAt FROM project WHERE id = 1').get() as
    ProjectRow | undefined;
  return row ?? null;
}

/** Creates the project row if there is none; returns whether it did. */
export function ensureProject(tx: Tx, title: string): boolean {
  const r = stmt(tx.db, 'INSERT OR IGNORE INTO project (id, title, created_at) VALUES (1, ?, ?)').run(title, tx.now);
  if (r.changes > 0) tx.changed({ table: 'project' });
  return r.changes > 0;
}
