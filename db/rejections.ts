/**
 * The `suggestion_rejections` table: suggestions the editor rejected, remembered as
 * document + matched text + a hash of the words around it (edition/entities/suggest),
 * so that a rejection holds after edits elsewhere in the document.
 */
import type Database from 'better-sqlite3';
import type { Rejection } from '../edition/entities/suggest.ts';
import { apiId } from './ids.ts';
import { stmt, type Tx } from './store.ts';

/** The rejections of one entity's suggestions. */
export function rejectionsOf(db: Database.Database, entityId: number): Rejection[] {
  const rows = stmt(
    db,
    'SELECT document_id AS documentId, text, context_hash AS contextHash FROM suggestion_rejections WHERE entity_id = ?',
  ).all(entityId) as Array<{ documentId: number; text: string; contextHash: string }>;
  return rows.map((r) => ({ documentId: apiId(r.documentId), text: r.text, contextHash: r.contextHash }));
}

/** Remembers a rejection; rejecting the same occurrence twice is one rejection. */
export function addRejection(tx: Tx, entityId: number, documentId: number, text: string, contextHash: string): void {
  stmt(
    tx.db,
    `INSERT OR IGNORE INTO suggestion_rejections (entity_id, document_id, text, context_hash, created_at)
     VALUES (?, ?, ?, ?, ?)`,
  ).run(entityId, documentId, text, contextHash, tx.now);
  tx.changed({ table: 'rejections' });
}

/** Moves a merged duplicate's rejections to the entity kept. */
export function moveRejections(tx: Tx, from: number, to: number): void {
  stmt(
    tx.db,
    `INSERT OR IGNORE INTO suggestion_rejections (entity_id, document_id, text, context_hash, created_at)
     SELECT ?, document_id, text, context_hash, created_at FROM suggestion_rejections WHERE entity_id = ?`,
  ).run(to, from);
  tx.changed({ table: 'rejections' });
}
