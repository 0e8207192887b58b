/**
 * 001: the first layout of a project file.
 *
 * A migration is plain SQL frozen in time: it never imports application code, so that
 * what it does cannot change when the application does.
 */
import type { Migration } from './migration.ts';

export const migration001: Migration = {
  version: 1,
  name: 'initial',
  sql: `
    -- One row: the project itself.
    CREATE TABLE project (
      id          INTEGER PRIMARY KEY CHECK (id = 1),
      title       TEXT NOT NULL,
      created_at  TEXT NOT NULL
    );

    -- A volume imported from TEI (with its frame: the file's XML with each document's
    -- div replaced by a placeholder) or a folder of the user's own.
    CREATE TABLE collections (
      id          INTEGER PRIMARY KEY,
      title       TEXT NOT NULL,
      kind        TEXT NOT NULL CHECK (kind IN ('volume', 'folder')),
      position    INTEGER NOT NULL,
      frame       TEXT,
      meta        TEXT NOT NULL CHECK (json_valid(meta)),
      created_at  TEXT NOT NULL
    );

    -- A document and its metadata (the TEI header's fields, as JSON). \`version\` is the
    -- collab version: how many steps the store has applied to it. \`frame_key\` is the
    -- placeholder in its collection's frame where its div goes back on export.
    CREATE TABLE documents (
      id             INTEGER PRIMARY KEY,
      collection_id  INTEGER REFERENCES collections (id) ON DELETE CASCADE,
      position       INTEGER NOT NULL,
      kind           TEXT NOT NULL CHECK (kind IN ('document', 'front', 'back')),
      title          TEXT NOT NULL,
      n              TEXT,
      frame_key      TEXT,
      meta           TEXT NOT NULL CHECK (json_valid(meta)),
      version        INTEGER NOT NULL DEFAULT 0 CHECK (version >= 0),
      created_at     TEXT NOT NULL,
      updated_at     TEXT NOT NULL
    );
    CREATE INDEX documents_by_collection ON documents (collection_id, position);

    -- A document's content as ProseMirror JSON at a given version. Loading takes the
    -- latest snapshot and replays the steps logged after it.
    CREATE TABLE snapshots (
      document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
      version      INTEGER NOT NULL CHECK (version >= 0),
      doc          TEXT NOT NULL,
      created_at   TEXT NOT NULL,
      PRIMARY KEY (document_id, version)
    ) WITHOUT ROWID;

    -- Every step applied to a document, in order. The step numbered \`version\` takes the
    -- document from version \`version\` to \`version + 1\`.
    CREATE TABLE steps (
      document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
      version      INTEGER NOT NULL CHECK (version >= 0),
      step         TEXT NOT NULL,
      client_id    TEXT NOT NULL,
      created_at   TEXT NOT NULL,
      PRIMARY KEY (document_id, version)
    ) WITHOUT ROWID;
  `,
};
