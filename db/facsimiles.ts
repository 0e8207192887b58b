/**
 * Page images and facsimiles (migration 008): `image_files` (each imported file's bytes,
 * unchanged), `images` (a page of a file with its Deep Zoom tile pyramid),
 * `image_tiles`, and a document's `surfaces` with their `zones`.
 *
 * Surfaces and zones cross the API by their `xml:id`, unique in the project; images by
 * their row id as a decimal string.
 */
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { SiglumError } from '../edition/errors.ts';
import type { PageImage, Point, Surface, Zone } from '../edition/facsimile/api.ts';
import type { XmlAttrs } from '../edition/schema.ts';
import type { FacsimileGraphic } from '../edition/facsimile/tei.ts';
import { apiId } from './ids.ts';
import { stmt, type Tx } from './store.ts';

export interface NewImageFile {
  name: string;
  mediaType: string;
  sha256: string;
  source: string | null;
  original: Buffer;
}

/** The kept file with this SHA-256, or null. */
export function imageFileBySha(db: Database.Database, sha256: string): number | null {
  const row = stmt(db, 'SELECT id FROM image_files WHERE sha256 = ?').get(sha256) as { id: number } | undefined;
  return row?.id ?? null;
}

export function insertImageFile(tx: Tx, f: NewImageFile): number {
  const r = stmt(
    tx.db,
    `INSERT INTO image_files (name, media_type, bytes, sha256, source, original, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(f.name, f.mediaType, f.original.length, f.sha256, f.source, f.original, tx.now);
  return Number(r.lastInsertRowid);
}

/** Removes a file with its pages and tiles (surfaces that showed them keep no image). */
export function deleteImageFile(tx: Tx, fileId: number): void {
  stmt(tx.db, 'DELETE FROM image_files WHERE id = ?').run(fileId);
}

/**
 * Image files an import has found or stored but whose surfaces it has not yet written:
 * rows of `image_holds` (migration 009), so that `collectUnshownImages` in any connection
 * of any process leaves them: the import is about to show them. A hold's rows go when it
 * is released; a hold whose connection closed or whose process is gone without releasing
 * it (a crash mid-import) counts for nothing, and its rows go at the next clean-up.
 */
const liveHolds = new Map<string, Database.Database>();

/** What an import holds (`holdImageFiles`). */
export interface ImageHold {
  /** Keeps file `fileId` until `release`. Call it in the transaction that found or stored the file. */
  add(tx: Tx, fileId: number): void;
  /** Lets go of every file this hold kept. */
  release(tx: Tx): void;
}

/** A new, empty hold on image files, kept through connection `db`. */
export function holdImageFiles(db: Database.Database): ImageHold {
  const hold = randomUUID();
  liveHolds.set(hold, db);
  return {
    add(tx, fileId) {
      stmt(tx.db, 'INSERT OR IGNORE INTO image_holds (hold, file_id, pid) VALUES (?, ?, ?)').run(
        hold,
        fileId,
        process.pid,
      );
    },
    release(tx) {
      stmt(tx.db, 'DELETE FROM image_holds WHERE hold = ?').run(hold);
      liveHolds.delete(hold);
    },
  };
}

/**
 * The kept file with this SHA-256, held by `hold`, or null. Found and held in one
 * transaction, so that no clean-up, in any process, comes in between.
 */
export function holdImageFileBySha(tx: Tx, hold: ImageHold, sha256: string): number | null {
  const fileId = imageFileBySha(tx.db, sha256);
  if (fileId !== null) hold.add(tx, fileId);
  return fileId;
}

/** True while process `pid` runs (on this machine: a project in WAL mode is not shared over a network). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the rows of holds whose owner is gone: another process that stopped, or a connection of this one that closed. */
function dropStaleHolds(tx: Tx): void {
  const holds = stmt(tx.db, 'SELECT DISTINCT hold, pid FROM image_holds').all() as Array<{ hold: string; pid: number }>;
  for (const { hold, pid } of holds) {
    const live = pid === process.pid ? liveHolds.get(hold)?.open === true : processAlive(pid);
    if (live) continue;
    stmt(tx.db, 'DELETE FROM image_holds WHERE hold = ?').run(hold);
    liveHolds.delete(hold);
  }
}

/**
 * Deletes every image file (with its pages and tiles) that nothing can show any more: no
 * document's surface, no surface saved in the trash (Restore brings those back), and no
 * import in progress (`holdImageFiles`). A document's earlier versions hold no images:
 * its pages are not in its step log, only the `facs` of its page breaks, which name a
 * surface, not an image. Files whose tiles are still being made are left too unless
 * `unfinished` (only when no other process can be making them: at open, with the project
 * open nowhere else). Answers how many files went.
 */
export function collectUnshownImages(tx: Tx, options: { unfinished?: boolean } = {}): number {
  dropStaleHolds(tx);
  const candidates = stmt(
    tx.db,
    `SELECT f.id FROM image_files f
      WHERE f.id NOT IN (SELECT i.file_id FROM surfaces s JOIN images i ON i.id = s.image_id)
        AND f.id NOT IN (SELECT file_id FROM image_holds)
        AND (? OR NOT EXISTS (SELECT 1 FROM images u WHERE u.file_id = f.id AND u.levels_done <= u.max_level))`,
  )
    .all(options.unfinished === true ? 1 : 0)
    .map((r) => (r as { id: number }).id);
  if (candidates.length === 0) return 0;
  // The trash's surfaces are read only when something might go: it keeps whole step logs.
  const saved = new Set(
    stmt(
      tx.db,
      `SELECT DISTINCT i.file_id AS id FROM trash t, json_each(t.rows, '$.surfaces') s
         JOIN images i ON i.id = json_extract(s.value, '$.image_id')`,
    )
      .all()
      .map((r) => (r as { id: number }).id),
  );
  let dropped = 0;
  for (const id of candidates) {
    if (saved.has(id)) continue;
    deleteImageFile(tx, id);
    dropped++;
  }
  return dropped;
}

/** A file's name, media type and bytes as imported. */
export function imageFileOriginal(
  db: Database.Database,
  fileId: number,
): { name: string; mediaType: string; original: Buffer } {
  const row = stmt(db, 'SELECT name, media_type AS mediaType, original FROM image_files WHERE id = ?').get(fileId) as
    { name: string; mediaType: string; original: Buffer } | undefined;
  if (row === undefined) throw new SiglumError('not-found', `There is no image file with id "${fileId}".`);
  return row;
}

export interface NewImage {
  fileId: number;
  page: number;
  width: number;
  height: number;
  tileSize: number;
  overlap: number;
  maxLevel: number;
  tileFormat: string;
}

export function insertImage(tx: Tx, i: NewImage): number {
  const r = stmt(
    tx.db,
    `INSERT INTO images (file_id, page, width, height, tile_size, overlap, max_level, tile_format, levels_done)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)`,
  ).run(i.fileId, i.page, i.width, i.height, i.tileSize, i.overlap, i.maxLevel, i.tileFormat);
  return Number(r.lastInsertRowid);
}

/** The page `page` of a kept file, if its tiles are all made. */
export function imageOfFilePage(db: Database.Database, fileId: number, page: number): number | null {
  const row = stmt(db, 'SELECT id FROM images WHERE file_id = ? AND page = ? AND levels_done = max_level + 1').get(
    fileId,
    page,
  ) as { id: number } | undefined;
  return row?.id ?? null;
}

/** Stores the tiles of one level and notes the level as made. */
export function putTiles(
  tx: Tx,
  imageId: number,
  level: number,
  tiles: ReadonlyArray<{ x: number; y: number; data: Buffer }>,
): void {
  const insert = stmt(tx.db, 'INSERT OR REPLACE INTO image_tiles (image_id, level, x, y, data) VALUES (?, ?, ?, ?, ?)');
  for (const t of tiles) insert.run(imageId, level, t.x, t.y, t.data);
}

export function setLevelsDone(tx: Tx, imageId: number, levels: number): void {
  stmt(tx.db, 'UPDATE images SET levels_done = ? WHERE id = ?').run(levels, imageId);
}

/** One tile's bytes, or null when there is no such tile (yet). */
export function getTile(db: Database.Database, imageId: number, level: number, x: number, y: number): Buffer | null {
  const row = stmt(db, 'SELECT data FROM image_tiles WHERE image_id = ? AND level = ? AND x = ? AND y = ?').get(
    imageId,
    level,
    x,
    y,
  ) as { data: Buffer } | undefined;
  return row?.data ?? null;
}

/** How many tiles each level of an image has, level by level (tests and checks). */
export function tileCounts(db: Database.Database, imageId: number): Map<number, number> {
  const rows = stmt(
    db,
    'SELECT level, COUNT(*) AS n FROM image_tiles WHERE image_id = ? GROUP BY level ORDER BY level',
  ).all(imageId) as Array<{ level: number; n: number }>;
  return new Map(rows.map((r) => [r.level, r.n]));
}

/** An image page with its file's name, type, size and source, and how far its tiles are made. */
type ImageRow = NewImage & {
  id: number;
  name: string;
  mediaType: string;
  bytes: number;
  source: string | null;
  levelsDone: number;
};

const IMAGE_COLUMNS = `i.id, i.file_id AS fileId, i.page, f.name, f.media_type AS mediaType, f.bytes, f.source,
  i.width, i.height, i.tile_size AS tileSize, i.overlap, i.max_level AS maxLevel, i.tile_format AS tileFormat,
  i.levels_done AS levelsDone`;

/** An image page with what the tiles need; 'not-found' when there is none. */
export function getImageRow(db: Database.Database, id: number): ImageRow {
  const row = stmt(
    db,
    `SELECT ${IMAGE_COLUMNS} FROM images i JOIN image_files f ON f.id = i.file_id WHERE i.id = ?`,
  ).get(id) as ImageRow | undefined;
  if (row === undefined) {
    throw new SiglumError('not-found', `There is no page image with id "${id}". List the document's pages to find it.`);
  }
  return row;
}

function toPageImage(r: ImageRow): PageImage {
  return {
    id: apiId(r.id),
    name: r.name,
    mediaType: r.mediaType,
    width: r.width,
    height: r.height,
    bytes: r.bytes,
    source: r.source,
    tileSize: r.tileSize,
    maxLevel: r.maxLevel,
  };
}

export function pageImage(db: Database.Database, id: number): PageImage {
  return toPageImage(getImageRow(db, id));
}

// ---------------------------------------------------------------------------------
// Surfaces and zones

export interface SurfaceRecord {
  rowId: number;
  documentId: number;
  xmlId: string;
  position: number;
  n: string | null;
  imageId: number | null;
  /** The image file the surface shows (for exporting the original), or null. */
  fileId: number | null;
  ulx: number;
  uly: number;
  lrx: number;
  lry: number;
  metadata: Array<{ label: string; value: string }>;
  xml: XmlAttrs;
  /** The TEI graphic as read, or null. */
  graphic: FacsimileGraphic | null;
}

/** A surface row as selected: its JSON columns still text. */
type SurfaceRow = Omit<SurfaceRecord, 'metadata' | 'xml' | 'graphic'> & {
  metadata: string;
  xml: string;
  graphic: string | null;
};

const SURFACE_COLUMNS = `s.id AS rowId, s.document_id AS documentId, s.xml_id AS xmlId, s.position, s.n,
  s.image_id AS imageId, i.file_id AS fileId, s.ulx, s.uly, s.lrx, s.lry, s.metadata, s.xml, s.graphic`;
const SURFACE_FROM = `surfaces s LEFT JOIN images i ON i.id = s.image_id`;

function toSurfaceRecord(r: SurfaceRow): SurfaceRecord {
  return {
    ...r,
    metadata: JSON.parse(r.metadata) as SurfaceRecord['metadata'],
    xml: JSON.parse(r.xml) as XmlAttrs,
    graphic: r.graphic === null ? null : (JSON.parse(r.graphic) as FacsimileGraphic),
  };
}

/** A document's surfaces in order. */
export function surfaceRecords(db: Database.Database, documentId: number): SurfaceRecord[] {
  return (
    stmt(db, `SELECT ${SURFACE_COLUMNS} FROM ${SURFACE_FROM} WHERE s.document_id = ? ORDER BY s.position, s.id`).all(
      documentId,
    ) as SurfaceRow[]
  ).map(toSurfaceRecord);
}

/** The surface with this xml:id; 'not-found' when there is none. */
export function surfaceByXmlId(db: Database.Database, xmlId: string): SurfaceRecord {
  const row = stmt(db, `SELECT ${SURFACE_COLUMNS} FROM ${SURFACE_FROM} WHERE s.xml_id = ?`).get(xmlId) as
    SurfaceRow | undefined;
  if (row === undefined) {
    throw new SiglumError(
      'not-found',
      `There is no page (surface) "${xmlId}" in the project. List the document's pages to find it.`,
    );
  }
  return toSurfaceRecord(row);
}

/** True when a surface or zone of the project has this xml:id. */
export function facsimileIdTaken(db: Database.Database, xmlId: string): boolean {
  return (
    stmt(db, 'SELECT 1 FROM surfaces WHERE xml_id = ? UNION ALL SELECT 1 FROM zones WHERE xml_id = ? LIMIT 1').get(
      xmlId,
      xmlId,
    ) !== undefined
  );
}

export interface NewSurface {
  documentId: number;
  xmlId: string;
  n: string | null;
  imageId: number | null;
  ulx: number;
  uly: number;
  lrx: number;
  lry: number;
  metadata?: Array<{ label: string; value: string }>;
  xml?: XmlAttrs;
  graphic?: FacsimileGraphic | null;
}

/** Adds a surface after the document's last; answers its row id. */
export function insertSurface(tx: Tx, s: NewSurface): number {
  const { next } = stmt(tx.db, 'SELECT COALESCE(MAX(position) + 1, 0) AS next FROM surfaces WHERE document_id = ?').get(
    s.documentId,
  ) as { next: number };
  const r = stmt(
    tx.db,
    `INSERT INTO surfaces (document_id, xml_id, position, n, image_id, ulx, uly, lrx, lry, metadata, xml, graphic)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    s.documentId,
    s.xmlId,
    next,
    s.n,
    s.imageId,
    s.ulx,
    s.uly,
    s.lrx,
    s.lry,
    JSON.stringify(s.metadata ?? []),
    JSON.stringify(s.xml ?? []),
    s.graphic === undefined || s.graphic === null ? null : JSON.stringify(s.graphic),
  );
  tx.changed({ table: 'documents', documentId: s.documentId });
  return Number(r.lastInsertRowid);
}

/**
 * Gives a surface an image and the image's extent. The image it showed before may now be
 * shown by nothing: the caller runs `collectUnshownImages` once its changes are made.
 */
export function setSurfaceImage(tx: Tx, surfaceRowId: number, imageId: number, width: number, height: number): void {
  stmt(tx.db, 'UPDATE surfaces SET image_id = ?, ulx = 0, uly = 0, lrx = ?, lry = ? WHERE id = ?').run(
    imageId,
    width,
    height,
    surfaceRowId,
  );
}

/**
 * Removes every surface (and zone) of a document: a TEI import replaces them. The images
 * they showed may now be shown by nothing: the caller runs `collectUnshownImages` once
 * its new surfaces are written.
 */
export function deleteSurfaces(tx: Tx, documentId: number): void {
  stmt(tx.db, 'DELETE FROM surfaces WHERE document_id = ?').run(documentId);
}

/** A zone row as selected: its JSON columns still text. */
type ZoneRow = Omit<Zone, 'points' | 'baseline'> & {
  rowId: number;
  surfaceId: number;
  points: string | null;
  baseline: string | null;
  xml: string;
};

/** A zone as stored: the API's zone plus its other TEI attributes. */
export type ZoneRecord = Zone & { xml: XmlAttrs };

const ZONE_COLUMNS = `id AS rowId, surface_id AS surfaceId, xml_id AS id, kind, type, ulx, uly, lrx, lry, points,
  baseline, parent, position, xml`;

function toZone(r: ZoneRow): ZoneRecord {
  return {
    id: r.id,
    kind: r.kind,
    type: r.type,
    ulx: r.ulx,
    uly: r.uly,
    lrx: r.lrx,
    lry: r.lry,
    points: r.points === null ? null : (JSON.parse(r.points) as Point[]),
    baseline: r.baseline === null ? null : (JSON.parse(r.baseline) as Point[]),
    parent: r.parent,
    position: r.position,
    xml: JSON.parse(r.xml) as XmlAttrs,
  };
}

/** A surface's zones in reading order. */
export function zoneRecords(db: Database.Database, surfaceRowId: number): ZoneRecord[] {
  return (
    stmt(db, `SELECT ${ZONE_COLUMNS} FROM zones WHERE surface_id = ? ORDER BY position, id`).all(
      surfaceRowId,
    ) as ZoneRow[]
  ).map(toZone);
}

/** The zone with this xml:id on this surface, or null. */
export function zoneOnSurface(db: Database.Database, surfaceRowId: number, xmlId: string): ZoneRecord | null {
  const row = stmt(db, `SELECT ${ZONE_COLUMNS} FROM zones WHERE surface_id = ? AND xml_id = ?`).get(
    surfaceRowId,
    xmlId,
  ) as ZoneRow | undefined;
  return row === undefined ? null : toZone(row);
}

/** A zone to store; `position` absent puts a new zone after the surface's last. */
export type ZoneWrite = Omit<Zone, 'position'> & { position?: number; xml?: XmlAttrs };

/** Adds the zone, or changes the one with its xml:id on this surface (keeping its place unless given). */
export function putZone(tx: Tx, surface: { rowId: number; documentId: number }, z: ZoneWrite): void {
  const existing = zoneOnSurface(tx.db, surface.rowId, z.id);
  const next = () =>
    (
      stmt(tx.db, 'SELECT COALESCE(MAX(position) + 1, 0) AS next FROM zones WHERE surface_id = ?').get(
        surface.rowId,
      ) as { next: number }
    ).next;
  stmt(
    tx.db,
    `INSERT INTO zones (surface_id, document_id, xml_id, kind, type, ulx, uly, lrx, lry, points, baseline, parent,
       position, xml)
     VALUES (@surfaceId, @documentId, @id, @kind, @type, @ulx, @uly, @lrx, @lry, @points, @baseline, @parent,
       @position, @xml)
     ON CONFLICT (xml_id) DO UPDATE SET kind = excluded.kind, type = excluded.type, ulx = excluded.ulx,
       uly = excluded.uly, lrx = excluded.lrx, lry = excluded.lry, points = excluded.points,
       baseline = excluded.baseline, parent = excluded.parent, position = excluded.position, xml = excluded.xml`,
  ).run({
    surfaceId: surface.rowId,
    documentId: surface.documentId,
    id: z.id,
    kind: z.kind,
    type: z.type,
    ulx: z.ulx,
    uly: z.uly,
    lrx: z.lrx,
    lry: z.lry,
    points: z.points === null ? null : JSON.stringify(z.points),
    baseline: z.baseline === null ? null : JSON.stringify(z.baseline),
    parent: z.parent,
    position: z.position ?? existing?.position ?? next(),
    xml: JSON.stringify(z.xml ?? existing?.xml ?? []),
  });
  tx.changed({ table: 'documents', documentId: surface.documentId });
}

/** Deletes a zone (and the zones that lay in it lose their parent); false when there was none. */
export function deleteZone(tx: Tx, surface: { rowId: number; documentId: number }, xmlId: string): boolean {
  const r = stmt(tx.db, 'DELETE FROM zones WHERE surface_id = ? AND xml_id = ?').run(surface.rowId, xmlId);
  stmt(tx.db, 'UPDATE zones SET parent = NULL WHERE surface_id = ? AND parent = ?').run(surface.rowId, xmlId);
  if (r.changes > 0) tx.changed({ table: 'documents', documentId: surface.documentId });
  return r.changes > 0;
}

/** A document's surfaces as the API gives them, with their images and zones. */
export function listSurfaces(db: Database.Database, documentId: number): Surface[] {
  return surfaceRecords(db, documentId).map((s) => surfaceInfo(db, s));
}

export function surfaceInfo(db: Database.Database, s: SurfaceRecord): Surface {
  return {
    id: s.xmlId,
    documentId: apiId(s.documentId),
    position: s.position,
    n: s.n,
    image: s.imageId === null ? null : pageImage(db, s.imageId),
    ulx: s.ulx,
    uly: s.uly,
    lrx: s.lrx,
    lry: s.lry,
    zones: zoneRecords(db, s.rowId).map(({ xml: _xml, ...zone }) => zone),
    metadata: s.metadata,
  };
}

/** A kept file's name, media type and SHA-256, without its bytes. */
export function imageFileInfo(
  db: Database.Database,
  fileId: number,
): { name: string; mediaType: string; sha256: string } {
  const row = stmt(db, 'SELECT name, media_type AS mediaType, sha256 FROM image_files WHERE id = ?').get(fileId) as
    { name: string; mediaType: string; sha256: string } | undefined;
  if (row === undefined) throw new SiglumError('not-found', `There is no image file with id "${fileId}".`);
  return row;
}
