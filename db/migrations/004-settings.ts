/**
 * 004: project settings, one JSON value per key (the print settings are one key).
 *
 * Plain SQL frozen in time, like every migration.
 */
import type { Migration } from './migration.ts';

export const migration004: Migration = {
  version: 4,
  name: 'settings',
  sql: `
    -- A project-wide setting: \`key\` names it ('print', ...), \`value\` is its JSON,
    -- checked by the service before it is written.
    CREATE TABLE settings (
      key         TEXT PRIMARY KEY,
      value       TEXT NOT NULL CHECK (json_valid(value)),
      updated_at  TEXT NOT NULL
    ) WITHOUT ROWID;
  `,
};
