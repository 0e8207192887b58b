/**
 * Full-text search tables (migration 006): what each document contributes to the
 * index, and the queries over it. Titles, metadata and register names are kept by
 * triggers; a document's content is indexed by `indexDocument`, which the writers of
 * content call in the transaction that commits it (steps, an import, a new document).
 */
import type Database from 'better-sqlite3';
import type { Node as PMNode } from 'prosemirror-model';
import type { DocumentListArgs, DocumentListEntry, SearchField } from '../edition/search/api.ts';
import { documentSegments, type Segment } from '../edition/search/segments.ts';
import { apiId } from './ids.ts';
import { stmt, type Tx } from './store.ts';

/** Segment ids: a document's are `id * DOCUMENT_SPAN + n` (0 title, 1 metadata, then its content). */
export const DOCUMENT_SPAN = 1_048_576;
/** Register entries' segment ids start here, after every document's. */
export const NAMES_BASE = 2 ** 51;
/** Segments beyond this many in one document are not indexed (a document that long is not a document). */
const MAX_SEGMENTS = DOCUMENT_SPAN - 2;

interface SegmentRow {
  id: number;
  field: string;
  tag: string;
  run: number | null;
  start: number | null;
  text: string;
}

/**
 * Brings the index of document `documentId` up to `doc` at collab `version`: only
 * segments whose text or place changed are rewritten, so a keystroke touches one row.
 */
export function indexDocument(tx: Tx, documentId: number, doc: PMNode, version: number): void {
  const { segments, entities } = documentSegments(doc);
  const base = documentId * DOCUMENT_SPAN + 2;
  const old = new Map<number, SegmentRow>();
  for (const row of stmt(
    tx.db,
    `SELECT id, field, tag, run, start, text FROM search_segments
      WHERE document_id = ? AND id >= ? AND id < ?`,
  ).all(documentId, base, base + MAX_SEGMENTS) as SegmentRow[]) {
    old.set(row.id, row);
  }
  const insert = stmt(
    tx.db,
    'INSERT INTO search_segments (id, document_id, field, tag, run, start, text) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const update = stmt(
    tx.db,
    'UPDATE search_segments SET field = ?, tag = ?, run = ?, start = ?, text = ? WHERE id = ?',
  );
  segments.slice(0, MAX_SEGMENTS).forEach((s: Segment, i) => {
    const id = base + i;
    const was = old.get(id);
    old.delete(id);
    if (was === undefined) insert.run(id, documentId, s.field, s.tag, s.run, s.start, s.text);
    else if (
      was.field !== s.field ||
      was.tag !== s.tag ||
      was.run !== s.run ||
      was.start !== s.start ||
      was.text !== s.text
    ) {
      update.run(s.field, s.tag, s.run, s.start, s.text, id);
    }
  });
  const remove = stmt(tx.db, 'DELETE FROM search_segments WHERE id = ?');
  for (const id of old.keys()) remove.run(id);

  const mentioned = new Set(entities.map(Number).filter((n) => Number.isSafeInteger(n)));
  const had = new Set(
    stmt(tx.db, 'SELECT entity_id FROM search_mentions WHERE document_id = ?').pluck().all(documentId) as number[],
  );
  for (const e of mentioned) {
    if (!had.delete(e))
      stmt(tx.db, 'INSERT INTO search_mentions (entity_id, document_id) VALUES (?, ?)').run(e, documentId);
  }
  for (const e of had)
    stmt(tx.db, 'DELETE FROM search_mentions WHERE entity_id = ? AND document_id = ?').run(e, documentId);
  stmt(tx.db, 'INSERT OR REPLACE INTO search_indexed (document_id, version) VALUES (?, ?)').run(documentId, version);
}

/** Documents whose content the index does not hold at their current version, with that version. */
export function staleDocuments(db: Database.Database): Array<{ id: number; version: number }> {
  return stmt(
    db,
    `SELECT d.id, d.version FROM documents d LEFT JOIN search_indexed i ON i.document_id = d.id
      WHERE i.version IS NOT d.version`,
  ).all() as Array<{ id: number; version: number }>;
}

/** Limits on which documents a search or the document list looks at. */
export interface DocumentFilter {
  collectionId?: number;
  dateFrom?: string;
  dateTo?: string;
  entityId?: number;
}

/** SQL conditions on `d` (documents) for a filter, with their parameters. */
function filterSql(f: DocumentFilter): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (f.collectionId !== undefined) {
    parts.push('d.collection_id = ?');
    params.push(f.collectionId);
  }
  // Dates compare as ISO text; a bound of '1934' or '1934-03' takes in all of that year or month.
  if (f.dateFrom !== undefined) {
    parts.push(`json_extract(d.meta, '$.date') >= ?`);
    params.push(f.dateFrom);
  }
  if (f.dateTo !== undefined) {
    parts.push(`substr(json_extract(d.meta, '$.date'), 1, ?) <= ?`);
    params.push(f.dateTo.length, f.dateTo);
  }
  if (f.entityId !== undefined) {
    parts.push('d.id IN (SELECT document_id FROM search_mentions WHERE entity_id = ?)');
    params.push(f.entityId);
  }
  return { sql: parts.map((p) => ` AND ${p}`).join(''), params };
}

function hasFilter(f: DocumentFilter): boolean {
  return f.collectionId !== undefined || f.dateFrom !== undefined || f.dateTo !== undefined || f.entityId !== undefined;
}

/** A matching passage as read from the index. */
export interface PassageRow {
  id: number;
  documentId: number | null;
  entityId: number | null;
  field: SearchField;
  run: number | null;
  start: number | null;
  text: string;
  /** The document's title, number and date, or null for a register entry. */
  title: string | null;
  n: string | null;
  date: string | null;
}

const PASSAGE_COLUMNS = `s.id, s.document_id AS documentId, s.entity_id AS entityId, s.field, s.run, s.start,
  d.title, d.n, json_extract(d.meta, '$.date') AS date`;

/**
 * One page of passages matching the FTS5 expression `match`, in document order, each
 * with its text where the matched words are wrapped in U+0001 ... U+0002.
 */
export function matchPassages(
  db: Database.Database,
  match: string,
  filter: DocumentFilter,
  limit: number,
  offset: number,
): PassageRow[] {
  const f = filterSql(filter);
  return stmt(
    db,
    `SELECT ${PASSAGE_COLUMNS}, highlight(search_fts, 2, char(1), char(2)) AS text
       FROM search_fts f JOIN search_segments s ON s.id = f.rowid LEFT JOIN documents d ON d.id = s.document_id
      WHERE search_fts MATCH ?${f.sql}
      ORDER BY f.rowid LIMIT ? OFFSET ?`,
  ).all(match, ...f.params, limit, offset) as PassageRow[];
}

/** How many passages match, and in how many documents. */
export function countMatches(
  db: Database.Database,
  match: string,
  filter: DocumentFilter,
): { total: number; documents: number } {
  if (!hasFilter(filter)) {
    // Straight from the index: a segment's document is its id divided by the span.
    const row = stmt(
      db,
      `SELECT count(*) AS total, count(DISTINCT CASE WHEN rowid < ${NAMES_BASE} THEN rowid / ${DOCUMENT_SPAN} END) AS documents
         FROM search_fts WHERE search_fts MATCH ?`,
    ).get(match) as { total: number; documents: number };
    return row;
  }
  const f = filterSql(filter);
  return stmt(
    db,
    `SELECT count(*) AS total, count(DISTINCT s.document_id) AS documents
       FROM search_fts f JOIN search_segments s ON s.id = f.rowid JOIN documents d ON d.id = s.document_id
      WHERE search_fts MATCH ?${f.sql}`,
  ).get(match, ...f.params) as { total: number; documents: number };
}

/**
 * Every passage of the given fields (all but 'element' when none), in document order,
 * for a regular expression to be run over; with `trigram` (an FTS5 expression for the
 * trigram index) only the passages it matches. The caller may stop iterating early.
 */
export function* allPassages(
  db: Database.Database,
  fields: readonly SearchField[] | null,
  filter: DocumentFilter,
  tag?: string,
  trigram?: string,
): Generator<PassageRow> {
  const f = filterSql(filter);
  const fieldSql =
    fields === null ? ` AND s.field != 'element'` : ` AND s.field IN (${fields.map(() => '?').join(', ')})`;
  const tagSql = tag === undefined ? '' : ` AND (' ' || s.tag || ' ') LIKE ?`;
  const params = [...(fields ?? []), ...(tag === undefined ? [] : [`% ${tag} %`]), ...f.params];
  const from =
    trigram === undefined
      ? 'search_segments s'
      : 'search_trigram g JOIN search_segments s ON s.id = g.rowid AND search_trigram MATCH ?';
  // Only what deciding a match needs: a hit's document details are read for the hits
  // shown (`documentLabelParts`), not for every passage scanned.
  const documentJoin = hasFilter(filter) ? 'JOIN documents d ON d.id = s.document_id' : '';
  // Not through stmt(): an iterating statement cannot be shared with another iteration.
  yield* db
    .prepare(
      `SELECT s.id, s.document_id AS documentId, s.entity_id AS entityId, s.field, s.run, s.start, s.text,
              NULL AS title, NULL AS n, NULL AS date
         FROM ${from} ${documentJoin}
        WHERE 1${fieldSql}${tagSql}${f.sql} ORDER BY s.id`,
    )
    .iterate(...(trigram === undefined ? [] : [trigram]), ...params) as Generator<PassageRow>;
}

/** How many passages the trigram index gives for an expression (without reading them). */
export function trigramCount(db: Database.Database, trigram: string): number {
  return stmt(db, 'SELECT count(*) FROM search_trigram WHERE search_trigram MATCH ?').pluck().get(trigram) as number;
}

/** How many passages the index holds. */
export function passageCount(db: Database.Database): number {
  return stmt(db, 'SELECT count(*) FROM search_segments').pluck().get() as number;
}

/** A document's title, number and date, for a hit's heading. */
export function documentLabelParts(
  db: Database.Database,
  id: number,
): { title: string; n: string | null; date: string | null } | null {
  const row = stmt(db, `SELECT title, n, json_extract(meta, '$.date') AS date FROM documents WHERE id = ?`).get(id) as
    { title: string; n: string | null; date: unknown } | undefined;
  return row === undefined
    ? null
    : { title: row.title, n: row.n, date: typeof row.date === 'string' ? row.date : null };
}

/** A register entry's name (for a names hit). */
export function entityName(db: Database.Database, id: number): string | null {
  return (stmt(db, 'SELECT name FROM entities WHERE id = ?').pluck().get(id) as string | undefined) ?? null;
}

/** The documents a search's filter lets through (for replace), in document order. */
export function filteredDocumentIds(db: Database.Database, filter: DocumentFilter): number[] {
  const f = filterSql(filter);
  return db
    .prepare(`SELECT d.id FROM documents d WHERE 1${f.sql} ORDER BY d.id`)
    .pluck()
    .all(...f.params) as number[];
}

const SORTS: Record<NonNullable<DocumentListArgs['sort']>, string> = {
  position: 'c.position IS NULL, c.position, d.collection_id, d.position, d.id',
  date: `json_extract(d.meta, '$.date') IS NULL, json_extract(d.meta, '$.date'), c.position, d.position, d.id`,
  title: 'd.title COLLATE NOCASE, d.n, d.id',
  edited: 'd.updated_at, d.id',
};
const SORTS_DESC: Record<NonNullable<DocumentListArgs['sort']>, string> = {
  position: 'c.position IS NULL DESC, c.position DESC, d.collection_id DESC, d.position DESC, d.id DESC',
  date: `json_extract(d.meta, '$.date') IS NULL, json_extract(d.meta, '$.date') DESC, c.position, d.position, d.id`,
  title: 'd.title COLLATE NOCASE DESC, d.n DESC, d.id DESC',
  edited: 'd.updated_at DESC, d.id DESC',
};

/** The documents, sorted and filtered, each with its date and its collection's title. */
export function sortedDocuments(
  db: Database.Database,
  sort: NonNullable<DocumentListArgs['sort']>,
  descending: boolean,
  filter: DocumentFilter,
): DocumentListEntry[] {
  const f = filterSql(filter);
  const rows = db
    .prepare(
      `SELECT d.id, d.collection_id AS collectionId, d.title, d.n, d.position, d.kind, d.updated_at AS updatedAt,
              json_extract(d.meta, '$.date') AS date, c.title AS collection
         FROM documents d LEFT JOIN collections c ON c.id = d.collection_id
        WHERE 1${f.sql} ORDER BY ${descending ? SORTS_DESC[sort] : SORTS[sort]}`,
    )
    .all(...f.params) as Array<
    Omit<DocumentListEntry, 'id' | 'collectionId'> & { id: number; collectionId: number | null }
  >;
  return rows.map((r) => ({
    ...r,
    id: apiId(r.id),
    collectionId: r.collectionId === null ? null : apiId(r.collectionId),
    date: typeof r.date === 'string' ? r.date : null,
  }));
}
