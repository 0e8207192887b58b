/**
 * 003: witnesses of a document (the versions it is collated with) and each document's
 * collation settings.
 *
 * Plain SQL frozen in time, like every migration.
 */
import type { Migration } from './migration.ts';

export const migration003: Migration = {
  version: 3,
  name: 'witnesses',
  sql: `
    -- A witness of a document: its siglum (unique within the document), a description and
    -- its own text. \`origin\` says how the text came: typed, or imported from a plain-text
    -- or TEI file (\`file_name\`). \`position\` orders the witnesses (collation order).
    CREATE TABLE witnesses (
      id           INTEGER PRIMARY KEY,
      document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
      siglum       TEXT NOT NULL CHECK (siglum <> ''),
      description  TEXT NOT NULL DEFAULT '',
      text         TEXT NOT NULL,
      origin       TEXT NOT NULL CHECK (origin IN ('typed', 'text', 'tei')),
      file_name    TEXT,
      position     INTEGER NOT NULL,
      created_at   TEXT NOT NULL,
      updated_at   TEXT NOT NULL,
      UNIQUE (document_id, siglum)
    );
    CREATE INDEX witnesses_by_document ON witnesses (document_id, position);

    -- How a document is collated: the base (a witness, or NULL for the document's own
    -- edited text), the siglum the document's own text goes by, the normalisation
    -- options and the editable regularisation table (both JSON).
    CREATE TABLE collation_settings (
      document_id      INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
      base_witness_id  INTEGER REFERENCES witnesses (id) ON DELETE SET NULL,
      document_siglum  TEXT NOT NULL CHECK (document_siglum <> ''),
      normalise        TEXT NOT NULL CHECK (json_valid(normalise)),
      regularisations  TEXT NOT NULL CHECK (json_valid(regularisations)),
      updated_at       TEXT NOT NULL
    );
  `,
};
