/**
 * The `witnesses` table (a document's versions, each with its siglum, description and
 * text) and `collation_settings` (per document: the base, the siglum of the document's
 * own text, normalisation options and the regularisation table).
 */
import type Database from 'better-sqlite3';
import type { CollationSettings, WitnessInfo } from '../edition/apparatus/witnesses.ts';
import { checkCollationSettings, DEFAULT_COLLATION_SETTINGS } from '../edition/apparatus/witnesses.ts';
import { SiglumError } from '../edition/errors.ts';
import { apiId } from './ids.ts';
import { stmt, type Tx } from './store.ts';

/** A row as selected: the API shape with row ids as numbers. */
type Row = Omit<WitnessInfo, 'id' | 'documentId'> & { id: number; documentId: number };

const COLUMNS = `id, document_id AS documentId, siglum, description, text, origin, file_name AS fileName, position, updated_at AS updatedAt`;

function toInfo(r: Row): WitnessInfo {
  return {
    id: apiId(r.id),
    documentId: apiId(r.documentId),
    siglum: r.siglum,
    description: r.description,
    text: r.text,
    origin: r.origin,
    fileName: r.fileName,
    position: r.position,
    updatedAt: r.updatedAt,
  };
}

/** A document's witnesses in collation order. */
export function listWitnesses(db: Database.Database, documentId: number): WitnessInfo[] {
  return (
    stmt(db, `SELECT ${COLUMNS} FROM witnesses WHERE document_id = ? ORDER BY position, id`).all(documentId) as Row[]
  ).map(toInfo);
}

/** The witness with this row id; 'not-found' when there is none. */
export function getWitness(db: Database.Database, id: number): WitnessInfo {
  const row = stmt(db, `SELECT ${COLUMNS} FROM witnesses WHERE id = ?`).get(id) as Row | undefined;
  if (row === undefined)
    throw new SiglumError(
      'not-found',
      `There is no witness with id "${id}". List the document's witnesses to find it.`,
    );
  return toInfo(row);
}

function siglumTaken(db: Database.Database, documentId: number, siglum: string, except: number | null): boolean {
  const row = stmt(db, `SELECT id FROM witnesses WHERE document_id = ? AND siglum = ?`).get(documentId, siglum) as
    { id: number } | undefined;
  return row !== undefined && row.id !== except;
}

function refuseTaken(db: Database.Database, documentId: number, siglum: string, except: number | null): void {
  const own = getCollationSettings(db, documentId).documentSiglum;
  if (siglumTaken(db, documentId, siglum, except) || siglum === own) {
    throw new SiglumError('bad-input', `The document already has a witness "${siglum}". Give this one another siglum.`);
  }
}

export type NewWitness = Pick<WitnessInfo, 'siglum' | 'description' | 'text' | 'origin' | 'fileName'> & {
  documentId: number;
};

/** Adds a witness after the document's others; 'bad-input' when its siglum is taken. */
export function insertWitness(tx: Tx, w: NewWitness): WitnessInfo {
  refuseTaken(tx.db, w.documentId, w.siglum, null);
  const { next } = stmt(
    tx.db,
    `SELECT COALESCE(MAX(position) + 1, 0) AS next FROM witnesses WHERE document_id = ?`,
  ).get(w.documentId) as { next: number };
  const result = stmt(
    tx.db,
    `INSERT INTO witnesses (document_id, siglum, description, text, origin, file_name, position, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(w.documentId, w.siglum, w.description, w.text, w.origin, w.fileName, next, tx.now, tx.now);
  tx.changed({ table: 'witnesses', documentId: w.documentId });
  return getWitness(tx.db, Number(result.lastInsertRowid));
}

/** Changes a witness's siglum, description or text (what is given). */
export function updateWitness(
  tx: Tx,
  id: number,
  change: { siglum?: string; description?: string; text?: string },
): WitnessInfo {
  const w = getWitness(tx.db, id);
  const documentId = Number(w.documentId);
  if (change.siglum !== undefined && change.siglum !== w.siglum) refuseTaken(tx.db, documentId, change.siglum, id);
  stmt(tx.db, `UPDATE witnesses SET siglum = ?, description = ?, text = ?, updated_at = ? WHERE id = ?`).run(
    change.siglum ?? w.siglum,
    change.description ?? w.description,
    change.text ?? w.text,
    tx.now,
    id,
  );
  tx.changed({ table: 'witnesses', documentId });
  return getWitness(tx.db, id);
}

/** Removes a witness (a base it was falls back to the document's own text). */
export function deleteWitness(tx: Tx, id: number): void {
  const w = getWitness(tx.db, id);
  stmt(tx.db, `DELETE FROM witnesses WHERE id = ?`).run(id);
  tx.changed({ table: 'witnesses', documentId: Number(w.documentId) });
}

interface SettingsRow {
  baseWitnessId: number | null;
  documentSiglum: string;
  normalise: string;
  regularisations: string;
}

/** A document's collation settings (the defaults until some are saved). */
export function getCollationSettings(db: Database.Database, documentId: number): CollationSettings {
  const row = stmt(
    db,
    `SELECT base_witness_id AS baseWitnessId, document_siglum AS documentSiglum, normalise, regularisations
       FROM collation_settings WHERE document_id = ?`,
  ).get(documentId) as SettingsRow | undefined;
  if (row === undefined) return DEFAULT_COLLATION_SETTINGS;
  // Checked on the way in; checked again because the columns are JSON, not a type.
  return checkCollationSettings({
    base: row.baseWitnessId === null ? null : apiId(row.baseWitnessId),
    documentSiglum: row.documentSiglum,
    normalise: JSON.parse(row.normalise) as unknown,
    regularisations: JSON.parse(row.regularisations) as unknown,
  });
}

/** Saves a document's collation settings (checked by the caller with checkCollationSettings). */
export function putCollationSettings(tx: Tx, documentId: number, s: CollationSettings): CollationSettings {
  if (s.base !== null) {
    const base = getWitness(tx.db, Number(s.base));
    if (base.documentId !== apiId(documentId))
      throw new SiglumError(
        'bad-input',
        `Witness "${base.siglum}" belongs to another document and cannot be this one's base.`,
      );
  }
  if (siglumTaken(tx.db, documentId, s.documentSiglum, null)) {
    throw new SiglumError(
      'bad-input',
      `A witness is already called "${s.documentSiglum}"; give the document's own text another siglum.`,
    );
  }
  stmt(
    tx.db,
    `INSERT INTO collation_settings (document_id, base_witness_id, document_siglum, normalise, regularisations, updated_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (document_id) DO UPDATE SET base_witness_id = excluded.base_witness_id, document_siglum = excluded.document_siglum,
       normalise = excluded.normalise, regularisations = excluded.regularisations, updated_at = excluded.updated_at`,
  ).run(
    documentId,
    s.base === null ? null : Number(s.base),
    s.documentSiglum,
    JSON.stringify(s.normalise),
    JSON.stringify(s.regularisations),
    tx.now,
  );
  tx.changed({ table: 'witnesses', documentId });
  return getCollationSettings(tx.db, documentId);
}
