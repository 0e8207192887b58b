/**
 * Every migration, in order. Append only: a migration that has shipped is never edited,
 * since project files in the wild have already run it.
 */
import type { Migration } from './migration.ts';
import { migration001 } from './001-initial.ts';
import { migration002 } from './002-entities.ts';
import { migration003 } from './003-witnesses.ts';
import { migration004 } from './004-settings.ts';
import { migration007 } from './007-history.ts';

export type { Migration } from './migration.ts';

export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  // 007 runs as 5 until 005 and 006 land beside it; its SQL does not depend on them.
  { ...migration007, version: 5 },
];

/** The schema version this build of Siglum writes. */
export const LATEST_VERSION = MIGRATIONS.length;
