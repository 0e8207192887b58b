/**
 * Brings a project file up to the schema this build writes. Each migration runs with
 * its `user_version` bump in one transaction, so a file is always at exactly one
 * numbered version, never between two.
 */
import type Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations/index.ts';

/** `PRAGMA application_id` of every Siglum project file: "SGLM". */
export const APPLICATION_ID = 0x53474c4d;

/**
 * Runs every migration above the file's `user_version`, in order. The first one also
 * stamps the file with Siglum's application id, in the same transaction.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  let current = db.pragma('user_version', { simple: true }) as number;
  for (const m of migrations) {
    if (m.version <= current) continue;
    if (m.version !== current + 1) {
      throw new Error(`Migration ${m.version} (${m.name}) does not follow version ${current}.`);
    }
    db.transaction(() => {
      db.exec(m.sql);
      if (current === 0) db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
    current = m.version;
  }
  return current;
}
