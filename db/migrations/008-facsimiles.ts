/**
 * 008: page images (facsimiles): the image files a project keeps, byte for byte; the
 * pages of each (a multi-page TIFF has several) with their tile pyramids; the surfaces of
 * a document (TEI `surface`) and their zones.
 *
 * Plain SQL frozen in time, like every migration. It creates only what is missing, so it
 * applies whatever number it runs as.
 */
import type { Migration } from './migration.ts';

export const migration008: Migration = {
  version: 8,
  name: 'facsimiles',
  sql: `
    -- An image file as it was imported: its bytes unchanged, the name it had, its media
    -- type, size and SHA-256 (the same file imported twice is kept once). Project-wide:
    -- surfaces point at its pages, so a document going to the trash leaves it in place.
    CREATE TABLE IF NOT EXISTS image_files (
      id          INTEGER PRIMARY KEY,
      name        TEXT NOT NULL CHECK (name <> ''),
      media_type  TEXT NOT NULL,
      bytes       INTEGER NOT NULL,
      sha256      TEXT NOT NULL UNIQUE,
      source      TEXT,
      original    BLOB NOT NULL,
      created_at  TEXT NOT NULL
    );

    -- One page of an image file (page 0 unless a multi-page TIFF) with its Deep Zoom tile
    -- pyramid: square tiles of \`tile_size\` px plus \`overlap\`, levels 0 (1x1 px) to
    -- \`max_level\` (full size). \`levels_done\` counts the levels made so far, from level
    -- 0 up: tiles are made after the import, low levels first.
    CREATE TABLE IF NOT EXISTS images (
      id           INTEGER PRIMARY KEY,
      file_id      INTEGER NOT NULL REFERENCES image_files (id) ON DELETE CASCADE,
      page         INTEGER NOT NULL DEFAULT 0,
      width        INTEGER NOT NULL CHECK (width > 0),
      height       INTEGER NOT NULL CHECK (height > 0),
      tile_size    INTEGER NOT NULL,
      overlap      INTEGER NOT NULL,
      max_level    INTEGER NOT NULL,
      tile_format  TEXT NOT NULL,
      levels_done  INTEGER NOT NULL DEFAULT 0,
      UNIQUE (file_id, page)
    );

    CREATE TABLE IF NOT EXISTS image_tiles (
      image_id  INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
      level     INTEGER NOT NULL,
      x         INTEGER NOT NULL,
      y         INTEGER NOT NULL,
      data      BLOB NOT NULL,
      PRIMARY KEY (image_id, level, x, y)
    ) WITHOUT ROWID;

    -- A page of a document (TEI \`surface\`): its xml:id (what a page break's facs names,
    -- unique in the project), place, label, image page (NULL when missing), extent, the
    -- labels and metadata kept from its source (JSON list), its other TEI attributes
    -- (JSON pairs, written back unchanged) and its TEI \`graphic\` as read (JSON: url,
    -- size, page and other attributes; NULL for none), kept for an image not in the store.
    CREATE TABLE IF NOT EXISTS surfaces (
      id           INTEGER PRIMARY KEY,
      document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
      xml_id       TEXT NOT NULL UNIQUE CHECK (xml_id <> ''),
      position     INTEGER NOT NULL,
      n            TEXT,
      image_id     INTEGER REFERENCES images (id) ON DELETE SET NULL,
      ulx          REAL NOT NULL,
      uly          REAL NOT NULL,
      lrx          REAL NOT NULL,
      lry          REAL NOT NULL,
      metadata     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(metadata)),
      xml          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(xml)),
      graphic      TEXT CHECK (graphic IS NULL OR json_valid(graphic))
    );
    CREATE INDEX IF NOT EXISTS surfaces_by_document ON surfaces (document_id, position);

    -- A zone of a surface: kind (region, line, word, glyph, custom), type, bounding box,
    -- outline and baseline (JSON point lists, or NULL), the zone it lies in (by xml:id,
    -- on the same surface), reading order and its other TEI attributes. It names its
    -- document too, so that the trash keeps a document's zones with it.
    CREATE TABLE IF NOT EXISTS zones (
      id           INTEGER PRIMARY KEY,
      surface_id   INTEGER NOT NULL REFERENCES surfaces (id) ON DELETE CASCADE,
      document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
      xml_id       TEXT NOT NULL UNIQUE CHECK (xml_id <> ''),
      kind         TEXT NOT NULL CHECK (kind IN ('region', 'line', 'word', 'glyph', 'custom')),
      type         TEXT,
      ulx          REAL NOT NULL,
      uly          REAL NOT NULL,
      lrx          REAL NOT NULL,
      lry          REAL NOT NULL,
      points       TEXT CHECK (points IS NULL OR json_valid(points)),
      baseline     TEXT CHECK (baseline IS NULL OR json_valid(baseline)),
      parent       TEXT,
      position     INTEGER NOT NULL,
      xml          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(xml))
    );
    CREATE INDEX IF NOT EXISTS zones_by_surface ON zones (surface_id, position);
  `,
};
