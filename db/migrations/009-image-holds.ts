/**
 * 009: image holds. An import keeps the image files it has found or stored, until its
 * surfaces show them, out of reach of the clean-up of unshown images: in the file, so a
 * clean-up in another process (the app, while `siglum import` runs) sees them too.
 *
 * Plain SQL frozen in time, like every migration. It creates only what is missing, so it
 * applies whatever number it runs as.
 */
import type { Migration } from './migration.ts';

export const migration009: Migration = {
  version: 9,
  name: 'image holds',
  sql: `
    -- A file held by one import (\`hold\`, a random name) of process \`pid\`. The import
    -- deletes its rows when it ends; rows whose process is gone (a crash) count for nothing
    -- and go at the next clean-up.
    CREATE TABLE IF NOT EXISTS image_holds (
      hold     TEXT NOT NULL,
      file_id  INTEGER NOT NULL REFERENCES image_files(id) ON DELETE CASCADE,
      pid      INTEGER NOT NULL,
      PRIMARY KEY (hold, file_id)
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS image_holds_file ON image_holds (file_id);
  `,
};
