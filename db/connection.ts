/**
 * Opening a project file. A file is first looked at read-only, so that a file from a
 * newer Siglum or a file that is not a Siglum project is refused without a single byte
 * of it changing; only then is it opened for writing and migrated.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { SiglumError } from '../edition/errors.ts';
import { damaged, hasSqliteHeader } from './damage.ts';
import { isSqliteError, storeError } from './errors.ts';
import { backupFileName, copyDatabaseSync, rotateBackups, verifyBackup } from './backup.ts';
import { APPLICATION_ID, migrate } from './migrate.ts';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations/index.ts';

/** How long a write waits for another connection's write to finish. */
const BUSY_TIMEOUT_MS = 5000;

export interface OpenOptions {
  /** Create the file (and its folder) when it does not exist. */
  create?: boolean;
  /** Only for tests of the upgrade path: the migrations to run. */
  migrations?: readonly Migration[];
  /**
   * Where to put a verified copy of an existing project before migrating it to a newer
   * schema (db/backup.ts names it); no copy without it.
   */
  backupBeforeMigration?: string;
}

/**
 * better-sqlite3's compiled addon. Node (tests, the command line, `siglum serve`) uses
 * the one npm built; the desktop app's service process runs on Electron's ABI and is
 * given an Electron build through SIGLUM_SQLITE_BINDING (see electron/README.md).
 */
function driverOptions(): Database.Options {
  const nativeBinding = process.env['SIGLUM_SQLITE_BINDING'];
  return nativeBinding ? { nativeBinding } : {};
}

/** What a read-only look at an existing file found. */
type FileState = { kind: 'empty' } | { kind: 'project'; version: number };

function notAProject(path: string): SiglumError {
  return new SiglumError(
    'not-a-project',
    `"${basename(path)}" is not a Siglum project. Choose a .siglum file made by Siglum, or create a new project.`,
  );
}

/** Reads the file's header and tables without writing anything; throws if it must be refused. */
function inspect(path: string): FileState {
  // An empty file is what a project cut short looks like (a failed copy, a full disk):
  // refused, never silently made into a new, empty project.
  if (statSync(path).size === 0) throw damaged(path, 'it is empty (0 bytes)');
  // A file that starts like SQLite but cannot be read is a damaged project, not a stranger.
  const unreadable = (e: unknown): SiglumError =>
    hasSqliteHeader(path)
      ? damaged(path, `SQLite cannot read it (${e instanceof Error ? e.message : String(e)})`)
      : notAProject(path);
  let db: Database.Database;
  try {
    db = new Database(path, { ...driverOptions(), readonly: true, fileMustExist: true });
  } catch (e) {
    // SQLite refusing the file; anything else (the driver failing to load) is not about the file.
    if (isSqliteError(e)) throw unreadable(e);
    throw e;
  }
  try {
    const appId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    const tables = new Set(
      (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]).map(String),
    );
    if (appId === 0 && version === 0 && tables.size === 0) return { kind: 'empty' };
    if (appId !== APPLICATION_ID) throw notAProject(path);
    if (version > LATEST_VERSION) {
      throw new SiglumError(
        'newer-version',
        `"${basename(path)}" was saved by a newer version of Siglum (project format ${version}; this version reads up to ${LATEST_VERSION}). Update Siglum to open it; the file has not been changed.`,
      );
    }
    for (const t of ['project', 'collections', 'documents', 'snapshots', 'steps']) {
      if (!tables.has(t)) throw notAProject(path);
    }
    // Every page's structure, without the slower index cross-checks of integrity_check.
    const problems = (db.prepare('PRAGMA quick_check(3)').pluck().all() as unknown[]).map(String);
    if (problems.join() !== 'ok') throw damaged(path, `SQLite's check found ${problems.join('; ')}`);
    return { kind: 'project', version };
  } catch (e) {
    if (e instanceof SiglumError || !isSqliteError(e)) throw e;
    // SQLITE_NOTADB, SQLITE_CORRUPT and friends.
    throw unreadable(e);
  } finally {
    db.close();
  }
}

/** Sets what every connection needs: they are per connection, not stored in the file. */
function configure(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
}

/**
 * Opens (or with `create`, creates) the project file at `path`, migrated to the latest
 * schema. Throws a SiglumError: 'not-found' when there is no file and `create` is not
 * set, 'not-a-project' or 'newer-version' when the file must be refused (untouched).
 */
export function openProjectDatabase(
  path: string,
  options: OpenOptions = {},
): { db: Database.Database; created: boolean } {
  const exists = existsSync(path);
  if (!exists && !options.create) {
    throw new SiglumError(
      'not-found',
      `There is no Siglum project at ${path}. Check the path, or create a new project there.`,
    );
  }
  const state: FileState = exists ? inspect(path) : { kind: 'empty' };
  if (state.kind === 'empty' && exists && !options.create) throw notAProject(path);
  if (!exists) mkdirSync(dirname(path), { recursive: true });
  const migrations = options.migrations ?? MIGRATIONS;
  const target = migrations.at(-1)?.version ?? 0;
  if (state.kind === 'project' && state.version < target && options.backupBeforeMigration !== undefined) {
    backupBeforeMigration(path, options.backupBeforeMigration, state.version);
  }

  let db: Database.Database | null = null;
  try {
    db = new Database(path, driverOptions());
    configure(db);
    migrate(db, migrations);
  } catch (e) {
    db?.close();
    throw storeError(e, path);
  }
  return { db, created: state.kind === 'empty' };
}

/**
 * Copies the project (format `version`) into `folder` before a migration changes it,
 * and verifies the copy; a project that cannot be copied is not migrated.
 */
function backupBeforeMigration(path: string, folder: string, version: number): void {
  const target = join(folder, backupFileName(new Date(), 'before-migration'));
  const db = new Database(path, { ...driverOptions(), readonly: true, fileMustExist: true });
  try {
    copyDatabaseSync(db, target);
  } catch (e) {
    throw new SiglumError(
      'io',
      `"${basename(path)}" (project format ${version}) was not upgraded, because a backup of it could not be written to ${folder} (${e instanceof Error ? e.message : String(e)}). Free some disk space and open it again.`,
    );
  } finally {
    db.close();
  }
  verifyBackup(target);
  rotateBackups(folder);
}
