/**
 * 005: where a volume came from, so that importing its file again is an update and
 * not a silent copy.
 *
 * Plain SQL frozen in time, like every migration.
 */
import type { Migration } from './migration.ts';

export const migration005: Migration = {
  version: 5,
  name: 'volume-sources',
  sql: `
    -- \`source_key\`: the volume's identity (its header's idno values, else its file
    -- name); NULL for volumes imported before this migration, whose identity is read
    -- from their header metadata, and for folders. \`source_hash\`: SHA-256 of the
    -- file's text as last imported or updated.
    ALTER TABLE collections ADD COLUMN source_key TEXT;
    ALTER TABLE collections ADD COLUMN source_hash TEXT;
    CREATE INDEX collections_by_source_key ON collections (source_key);

    -- A document as its source last gave it, once an update has brought a newer source
    -- (until then its first snapshot is that): what "changed in the source" and
    -- "changed by the editor" are measured against.
    ALTER TABLE documents ADD COLUMN source_doc TEXT CHECK (source_doc IS NULL OR json_valid(source_doc));
  `,
};
