/**
 * 007: history across the project: named versions and the trash.
 *
 * Plain SQL frozen in time, like every migration. It depends on no table of 005 or 006
 * and creates only what is missing, so it applies whatever number it runs as.
 */
import type { Migration } from './migration.ts';

export const migration007: Migration = {
  version: 7,
  name: 'history',
  sql: `
    -- A named version of the whole project ("sent to the press"): when it was taken and
    -- each document's collab version then (JSON object, document id -> version).
    CREATE TABLE IF NOT EXISTS named_versions (
      id          INTEGER PRIMARY KEY AUTOINCREMENT,
      name        TEXT NOT NULL CHECK (name <> ''),
      at          TEXT NOT NULL,
      versions    TEXT NOT NULL CHECK (json_valid(versions))
    );

    -- A deleted document with its history: \`rows\` holds, per table, every row that
    -- named the document (its documents row, steps, snapshots, witnesses, ...) as JSON,
    -- so that restoring puts back exactly what deleting took away.
    CREATE TABLE IF NOT EXISTS trash (
      id           INTEGER PRIMARY KEY AUTOINCREMENT,
      document_id  INTEGER NOT NULL,
      title        TEXT NOT NULL,
      deleted_at   TEXT NOT NULL,
      rows         TEXT NOT NULL CHECK (json_valid(rows))
    );
  `,
};
