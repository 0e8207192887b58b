/**
 * Every migration, in order. Append only: a migration that has shipped is never edited,
 * since project files in the wild have already run it.
 */
import type { Migration } from './migration.ts';
import { migration001 } from './001-initial.ts';
import { migration002 } from './002-entities.ts';
import { migration003 } from './003-witnesses.ts';
import { migration004 } from './004-settings.ts';
import { migration005 } from './005-volume-sources.ts';
import { searchMigration } from './006-search.ts';
import { migration007 } from './007-history.ts';
import { migration008 } from './008-facsimiles.ts';
import { migration009 } from './009-image-holds.ts';

export type { Migration } from './migration.ts';

export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  // Search; numbered by its place in this list (it does not depend on its number).
  searchMigration(6),
  migration007,
  migration008,
  migration009,
];

/** The schema version this build of Siglum writes. */
export const LATEST_VERSION = MIGRATIONS.length;
