/**
 * 006: full-text search over the whole project.
 *
 * `search_segments` holds every searchable passage: a document's title and metadata
 * (kept by triggers on `documents`), each run of its text, notes, apparatus readings
 * and marked elements (written by db/search.ts in the transaction that commits the
 * document's steps), and each register entry's names (kept by triggers on
 * `entities`). `search_fts` is an FTS5 index over it (external content, kept by
 * triggers), with diacritics folded. A segment's id orders the index the way results
 * are shown: document by document (id * 2^20 + the segment's place in it), the
 * register after every document (2^51 + entity id).
 *
 * Plain SQL frozen in time, like every migration; it refers to no other migration's
 * number, so it applies the same whatever number it ends up with.
 */
import type { Migration } from './migration.ts';

/** The text of a document's metadata that search reads: every string value but the title. */
const META_TEXT = (row: string): string =>
  `coalesce((SELECT group_concat(value, ' ') FROM json_tree(${row}.meta) WHERE type = 'text' AND key IS NOT 'title'), '')`;
const NAMES_TEXT = (row: string): string =>
  `${row}.name || coalesce((SELECT ' ' || group_concat(value, ' ') FROM json_each(${row}.alt_names) WHERE type = 'text'), '')`;

/**
 * The migration at `version`: its number comes from its place in the list
 * (migrations/index.ts), since nothing in it depends on that number.
 */
export const searchMigration = (version: number): Migration => ({
  version,
  name: 'search',
  sql: `
    CREATE TABLE search_segments (
      id           INTEGER PRIMARY KEY,
      document_id  INTEGER REFERENCES documents (id) ON DELETE CASCADE,
      entity_id    INTEGER REFERENCES entities (id) ON DELETE CASCADE,
      -- 'title', 'meta', 'text', 'notes', 'apparatus', 'names', or 'element' (a marked
      -- element's text, searched only when a search names the element).
      field        TEXT NOT NULL,
      -- For 'element': the element's names (mention element and kind), space separated.
      tag          TEXT NOT NULL DEFAULT '',
      -- Where the passage is in the document: its run of text and the offset in it.
      run          INTEGER,
      start        INTEGER,
      text         TEXT NOT NULL
    );
    CREATE INDEX search_segments_by_document ON search_segments (document_id);

    CREATE VIRTUAL TABLE search_fts USING fts5 (
      field, tag, text,
      content = 'search_segments', content_rowid = 'id',
      tokenize = 'unicode61 remove_diacritics 2'
    );
    -- The same passages by trigram: a regular expression search reads only those
    -- holding text every match needs (edition/search/literals.ts).
    CREATE VIRTUAL TABLE search_trigram USING fts5 (
      text, content = 'search_segments', content_rowid = 'id', tokenize = 'trigram', detail = 'none'
    );
    CREATE TRIGGER search_segments_ai AFTER INSERT ON search_segments BEGIN
      INSERT INTO search_fts (rowid, field, tag, text) VALUES (new.id, new.field, new.tag, new.text);
      INSERT INTO search_trigram (rowid, text) VALUES (new.id, new.text);
    END;
    CREATE TRIGGER search_segments_ad AFTER DELETE ON search_segments BEGIN
      INSERT INTO search_fts (search_fts, rowid, field, tag, text) VALUES ('delete', old.id, old.field, old.tag, old.text);
      INSERT INTO search_trigram (search_trigram, rowid, text) VALUES ('delete', old.id, old.text);
    END;
    CREATE TRIGGER search_segments_au AFTER UPDATE ON search_segments BEGIN
      INSERT INTO search_fts (search_fts, rowid, field, tag, text) VALUES ('delete', old.id, old.field, old.tag, old.text);
      INSERT INTO search_fts (rowid, field, tag, text) VALUES (new.id, new.field, new.tag, new.text);
      INSERT INTO search_trigram (search_trigram, rowid, text) VALUES ('delete', old.id, old.text);
      INSERT INTO search_trigram (rowid, text) VALUES (new.id, new.text);
    END;

    -- Which version of each document's content the segments were read from; a
    -- document whose version differs is read again before a search.
    CREATE TABLE search_indexed (
      document_id  INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
      version      INTEGER NOT NULL
    );
    -- The register entries each document mentions (for filters by entity).
    CREATE TABLE search_mentions (
      entity_id    INTEGER NOT NULL,
      document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
      PRIMARY KEY (entity_id, document_id)
    ) WITHOUT ROWID;
    CREATE INDEX search_mentions_by_document ON search_mentions (document_id);

    CREATE TRIGGER documents_search_ai AFTER INSERT ON documents BEGIN
      INSERT INTO search_segments (id, document_id, field, text) VALUES (new.id * 1048576, new.id, 'title', new.title);
      INSERT INTO search_segments (id, document_id, field, text) VALUES (new.id * 1048576 + 1, new.id, 'meta', ${META_TEXT('new')});
    END;
    CREATE TRIGGER documents_search_au AFTER UPDATE OF title, meta ON documents BEGIN
      UPDATE search_segments SET text = new.title WHERE id = new.id * 1048576;
      UPDATE search_segments SET text = ${META_TEXT('new')} WHERE id = new.id * 1048576 + 1;
    END;
    INSERT INTO search_segments (id, document_id, field, text) SELECT id * 1048576, id, 'title', title FROM documents;
    INSERT INTO search_segments (id, document_id, field, text) SELECT id * 1048576 + 1, id, 'meta', ${META_TEXT('documents')} FROM documents;

    CREATE TRIGGER entities_search_ai AFTER INSERT ON entities BEGIN
      INSERT INTO search_segments (id, entity_id, field, text) VALUES (2251799813685248 + new.id, new.id, 'names', ${NAMES_TEXT('new')});
    END;
    CREATE TRIGGER entities_search_au AFTER UPDATE OF name, alt_names ON entities BEGIN
      UPDATE search_segments SET text = ${NAMES_TEXT('new')} WHERE id = 2251799813685248 + new.id;
    END;
    INSERT INTO search_segments (id, entity_id, field, text) SELECT 2251799813685248 + id, id, 'names', ${NAMES_TEXT('entities')} FROM entities;
  `,
});
