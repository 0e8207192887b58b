/**
 * The `entities` table: the project register. Rows come back as edition/entities'
 * `Entity` (id as an API id string); what goes in has been through
 * `validateEntity`, so the JSON columns hold only checked shapes.
 */
import type Database from 'better-sqlite3';
import { SiglumError } from '../edition/errors.ts';
import { rowNumber } from '../edition/ids.ts';
import { validateEntity, type Entity } from '../edition/entities/model.ts';
import { apiId } from './ids.ts';
import { stmt, type Tx } from './store.ts';

/** A register entry as stored: the entity and the volume whose own list defines it, if any. */
export interface EntityRecord {
  entity: Entity;
  /** Row id of the volume whose persons or terms list defines the entry (FRUS), else null. */
  listCollectionId: number | null;
}

interface Row {
  id: number;
  type: string;
  name: string;
  altNames: string;
  dates: string;
  coordinates: string | null;
  description: string;
  authority: string;
  xmlId: string | null;
  listCollectionId: number | null;
}

const COLUMNS = `id, type, name, alt_names AS altNames, dates, coordinates, description, authority,
  xml_id AS xmlId, list_collection_id AS listCollectionId`;

function toRecord(r: Row): EntityRecord {
  // Validated on the way in; validated again here because the column is JSON, not a type.
  const entity = validateEntity({
    id: apiId(r.id),
    type: r.type,
    name: r.name,
    altNames: JSON.parse(r.altNames) as unknown,
    dates: JSON.parse(r.dates) as unknown,
    coordinates: r.coordinates === null ? null : (JSON.parse(r.coordinates) as unknown),
    description: r.description,
    authority: JSON.parse(r.authority) as unknown,
    xmlId: r.xmlId,
  });
  return { entity, listCollectionId: r.listCollectionId };
}

/** The row id in an entity's API id; 'not-found' when it cannot name a row. */
export function entityRowId(id: unknown): number {
  const row = rowNumber(id);
  if (row !== null) return row;
  throw new SiglumError(
    'not-found',
    `There is no entity with id ${JSON.stringify(id)}. List the register to find its id.`,
  );
}

/** Every register entry, in id order. */
export function listEntityRecords(db: Database.Database): EntityRecord[] {
  return (stmt(db, `SELECT ${COLUMNS} FROM entities ORDER BY id`).all() as Row[]).map(toRecord);
}

/** The entry with this row id; 'not-found' when there is none. */
export function getEntityRecord(db: Database.Database, id: number): EntityRecord {
  const row = stmt(db, `SELECT ${COLUMNS} FROM entities WHERE id = ?`).get(id) as Row | undefined;
  if (row === undefined) {
    throw new SiglumError(
      'not-found',
      `There is no entity with id "${id}". It may have been merged or deleted; list the register to find it.`,
    );
  }
  return toRecord(row);
}

/** The entries with this xml:id, oldest first. */
export function entitiesWithXmlId(db: Database.Database, xmlId: string): EntityRecord[] {
  return (stmt(db, `SELECT ${COLUMNS} FROM entities WHERE xml_id = ? ORDER BY id`).all(xmlId) as Row[]).map(toRecord);
}

function json(v: unknown): string {
  return JSON.stringify(v);
}

/** The stored columns type .. xml_id of an entity, in that order. */
function fieldValues(e: Entity): Array<string | null> {
  const coordinates = e.coordinates === null ? null : json(e.coordinates);
  return [e.type, e.name, json(e.altNames), json(e.dates), coordinates, e.description, json(e.authority), e.xmlId];
}

/** Adds a checked entity (its `id` is ignored); returns it with its new id. */
export function insertEntity(tx: Tx, e: Entity, listCollectionId: number | null = null): Entity {
  const r = stmt(
    tx.db,
    `INSERT INTO entities (type, name, alt_names, dates, coordinates, description, authority, xml_id,
                           list_collection_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(...fieldValues(e), listCollectionId, tx.now, tx.now);
  tx.changed({ table: 'entities' });
  return { ...e, id: apiId(r.lastInsertRowid) };
}

/** Replaces a checked entity's fields (keeping where it is listed). */
export function updateEntity(tx: Tx, e: Entity): void {
  const r = stmt(
    tx.db,
    `UPDATE entities SET type = ?, name = ?, alt_names = ?, dates = ?, coordinates = ?, description = ?,
            authority = ?, xml_id = ?, updated_at = ? WHERE id = ?`,
  ).run(...fieldValues(e), tx.now, entityRowId(e.id));
  if (r.changes === 0) throw new SiglumError('not-found', `There is no entity with id "${e.id}".`);
  tx.changed({ table: 'entities' });
}

/** Records the xml:ids an export handed out, so that later exports (and renames) keep them. */
export function setXmlIds(tx: Tx, ids: ReadonlyMap<string, string>): void {
  const set = stmt(tx.db, 'UPDATE entities SET xml_id = ? WHERE id = ? AND xml_id IS NOT ?');
  let changed = 0;
  for (const [id, xmlId] of ids) changed += set.run(xmlId, entityRowId(id), xmlId).changes;
  if (changed > 0) tx.changed({ table: 'entities' });
}

/** Deletes an entry; its rejections go with it (ON DELETE CASCADE). */
export function deleteEntity(tx: Tx, id: number): void {
  const r = stmt(tx.db, 'DELETE FROM entities WHERE id = ?').run(id);
  if (r.changes === 0) throw new SiglumError('not-found', `There is no entity with id "${id}".`);
  tx.changed({ table: 'entities' });
}

/** The entries a volume's own lists define, by xml:id (entity API id as value). */
export function listedEntities(db: Database.Database, collectionId: number): Map<string, string> {
  const rows = stmt(
    db,
    'SELECT id, xml_id AS xmlId FROM entities WHERE list_collection_id = ? AND xml_id IS NOT NULL ORDER BY id',
  ).all(collectionId) as Array<{ id: number; xmlId: string }>;
  const out = new Map<string, string>();
  for (const r of rows) if (!out.has(r.xmlId)) out.set(r.xmlId, apiId(r.id));
  return out;
}

/** Takes entries off a volume's list (they stay in the register as the editor's own), all but `keep`. */
export function unlistEntities(tx: Tx, collectionId: number, keep: ReadonlySet<string>): void {
  const unlist = stmt(tx.db, 'UPDATE entities SET list_collection_id = NULL WHERE id = ?');
  let changed = 0;
  for (const [, id] of listedEntities(tx.db, collectionId)) {
    if (!keep.has(id)) changed += unlist.run(entityRowId(id)).changes;
  }
  if (changed > 0) tx.changed({ table: 'entities' });
}

/** A cheap signature of the register (count, last id, last change): it differs after any change to it. */
export function registerSignature(db: Database.Database): string {
  return JSON.stringify(stmt(db, 'SELECT count(*), max(id), max(updated_at) FROM entities').raw().get());
}
