/**
 * The `steps` table: the log of every step applied to each document, with the client
 * that sent it. Appended to, never rewritten: a keystroke costs one small row, not a
 * rewrite of the document.
 */
import type Database from 'better-sqlite3';
import type { StepJSON } from '../edition/api.ts';
import { stmt, type Tx } from './store.ts';

/** Appends `steps`, the first taking the document from version `from`. */
export function appendSteps(
  tx: Tx,
  documentId: number,
  from: number,
  steps: readonly StepJSON[],
  clientID: string,
): void {
  const insert = stmt(
    tx.db,
    'INSERT INTO steps (document_id, version, step, client_id, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  steps.forEach((s, i) => insert.run(documentId, from + i, JSON.stringify(s), clientID, tx.now));
  tx.changed({ table: 'steps', documentId, version: from + steps.length });
}

/** The steps from version `from` on, in order, with the ids of the clients that sent them. */
export function readSteps(
  db: Database.Database,
  documentId: number,
  from: number,
): { steps: StepJSON[]; clientIDs: string[] } {
  const rows = stmt(
    db,
    'SELECT step, client_id AS clientID FROM steps WHERE document_id = ? AND version >= ? ORDER BY version',
  ).all(documentId, from) as Array<{ step: string; clientID: string }>;
  return { steps: rows.map((r) => JSON.parse(r.step) as StepJSON), clientIDs: rows.map((r) => r.clientID) };
}
