/**
 * 002: the project register (entities) and the suggestions an editor rejected.
 *
 * Plain SQL frozen in time, like every migration.
 */
import type { Migration } from './migration.ts';

export const migration002: Migration = {
  version: 2,
  name: 'entities',
  sql: `
    -- One entry of the project register: a person, place, organisation, term or a
    -- type the editor defined. Lists and objects are JSON. \`xml_id\` is the entry's
    -- xml:id in TEI once it has one (kept across renames). \`list_collection_id\` is the
    -- volume whose own persons or terms list defines the entry (FRUS), which keeps it.
    -- AUTOINCREMENT: an id is never given to a second entry, so a mention an undo brings
    -- back after its entry was deleted cannot come to point at another one.
    CREATE TABLE entities (
      id                  INTEGER PRIMARY KEY AUTOINCREMENT,
      type                TEXT NOT NULL,
      name                TEXT NOT NULL,
      alt_names           TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(alt_names)),
      dates               TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(dates)),
      coordinates         TEXT CHECK (coordinates IS NULL OR json_valid(coordinates)),
      description         TEXT NOT NULL DEFAULT '',
      authority           TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(authority)),
      xml_id              TEXT,
      list_collection_id  INTEGER REFERENCES collections (id) ON DELETE SET NULL,
      created_at          TEXT NOT NULL,
      updated_at          TEXT NOT NULL
    );
    CREATE INDEX entities_by_xml_id ON entities (xml_id);

    -- A suggestion the editor rejected: the entity, the document, the matched text and
    -- a hash of the words around it (not a position, so that it survives edits).
    CREATE TABLE suggestion_rejections (
      entity_id     INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
      document_id   INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
      text          TEXT NOT NULL,
      context_hash  TEXT NOT NULL,
      created_at    TEXT NOT NULL,
      PRIMARY KEY (entity_id, document_id, text, context_hash)
    ) WITHOUT ROWID;
    CREATE INDEX rejections_by_document ON suggestion_rejections (document_id);
  `,
};
