/**
 * Backups of a project file: consistent copies made with SQLite's online backup API
 * (so they hold everything committed, in the WAL or not), each verified after it is
 * written, named by time and reason, kept in rotation.
 *
 *   project.siglum
 *   project-backups/2026-12-07T01-56-08-123Z.scheduled.siglum
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { SiglumError } from '../edition/errors.ts';

/** How many of the newest backups are always kept; besides them, the newest of each day. */
export const KEEP_LATEST = 10;
export const KEEP_DAYS = 30;

export interface BackupFile {
  path: string;
  /** When it was taken (ISO), read back from its name. */
  at: string;
  reason: string;
  bytes: number;
}

/** The folder a project's backups go to: beside it, named after it. */
export function backupFolder(projectPath: string): string {
  return join(dirname(projectPath), `${basename(projectPath, extname(projectPath))}-backups`);
}

const NAME = /^(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)\.([a-z-]+)\.siglum$/;

/** The file name of a backup taken at `date` for `reason`: sortable, and the time survives a copy. */
export function backupFileName(date: Date, reason: string): string {
  return `${date.toISOString().replace(/[:.]/g, '-')}.${reason}.siglum`;
}

function timeOfName(stamp: string): string {
  // 2026-12-07T01-56-08-123Z -> 2026-12-07T01:56:08.123Z
  return `${stamp.slice(0, 10)}T${stamp.slice(11, 13)}:${stamp.slice(14, 16)}:${stamp.slice(17, 19)}.${stamp.slice(20, 23)}Z`;
}

/** The backups in `folder`, newest first. A missing folder holds none. */
export function listBackupFiles(folder: string): BackupFile[] {
  if (!existsSync(folder)) return [];
  const files: BackupFile[] = [];
  for (const name of readdirSync(folder)) {
    const m = NAME.exec(name);
    if (m === null) continue;
    const path = join(folder, name);
    files.push({ path, at: timeOfName(m[1]!), reason: m[2]!, bytes: statSync(path).size });
  }
  return files.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

/** The backups rotation no longer keeps: all but the KEEP_LATEST newest and the newest of each of the last KEEP_DAYS days. */
function droppedBackups(folder: string, now: Date): string[] {
  const files = listBackupFiles(folder);
  const keep = new Set(files.slice(0, KEEP_LATEST).map((f) => f.path));
  const days = new Set<string>();
  const oldest = now.getTime() - KEEP_DAYS * 24 * 3600 * 1000;
  for (const f of files) {
    const day = f.at.slice(0, 10);
    if (!days.has(day) && Date.parse(f.at) >= oldest) {
      days.add(day);
      keep.add(f.path);
    }
  }
  return files.filter((f) => !keep.has(f.path)).map((f) => f.path);
}

/** Drops the backups rotation no longer keeps (droppedBackups). Returns the paths removed. */
export function rotateBackups(folder: string, now: Date = new Date()): string[] {
  const removed = droppedBackups(folder, now);
  for (const path of removed) rmSync(path, { force: true });
  return removed;
}

/**
 * rotateBackups for the running app: the files are removed on libuv's threads, since
 * unlinking a copy of a large project takes tens of milliseconds, more than a frame.
 */
export async function rotateBackupsOffThread(folder: string, now: Date = new Date()): Promise<string[]> {
  const removed = droppedBackups(folder, now);
  await Promise.all(removed.map((path) => rm(path, { force: true })));
  return removed;
}

/** How many documents a project holds: what a backup is checked against. */
export function documentCount(db: Database.Database): number {
  return db.prepare('SELECT count(*) FROM documents').pluck().get() as number;
}

/**
 * Opens a backup read-only and checks it: SQLite's integrity check, a Siglum project,
 * and (when given) the number of documents the project had. Returns that number;
 * throws a SiglumError saying what is wrong.
 */
export function verifyBackup(path: string, expectedDocuments?: number): number {
  let db: Database.Database;
  try {
    db = new Database(path, { ...nativeBinding(), readonly: true, fileMustExist: true });
  } catch {
    throw new SiglumError('not-a-project', `The backup ${basename(path)} cannot be opened. Choose another backup.`);
  }
  try {
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') {
      throw new SiglumError('not-a-project', `The backup ${basename(path)} is damaged (${String(check)}).`);
    }
    const count = documentCount(db);
    if (expectedDocuments !== undefined && count !== expectedDocuments) {
      throw new SiglumError(
        'io',
        `The backup ${basename(path)} holds ${count} documents where the project has ${expectedDocuments}, so it was not kept. Try again.`,
      );
    }
    return count;
  } catch (e) {
    if (e instanceof SiglumError) throw e;
    throw new SiglumError('not-a-project', `The backup ${basename(path)} is damaged or is not a Siglum project.`);
  } finally {
    db.close();
  }
}

/**
 * The same checks as verifyBackup, in a worker thread, so that checking a large backup
 * does not hold up the thread that answers edits. Where better-sqlite3 cannot be loaded
 * by a worker (a bundled build), the check runs here instead.
 */
export async function verifyBackupOffThread(path: string, expectedDocuments?: number): Promise<number> {
  let modulePath: string;
  try {
    modulePath = createRequire(import.meta.url).resolve('better-sqlite3');
  } catch {
    return verifyBackup(path, expectedDocuments);
  }
  const answer = await new Promise<{ check?: unknown; count?: number; error?: string }>((resolveAnswer) => {
    const worker = new Worker(VERIFY_WORKER, {
      eval: true,
      workerData: { modulePath, path, binding: process.env['SIGLUM_SQLITE_BINDING'] ?? null },
    });
    worker.once('message', (m: { check?: unknown; count?: number; error?: string }) => resolveAnswer(m));
    worker.once('error', (e) => resolveAnswer({ error: e.message }));
    worker.once('exit', (code) => resolveAnswer({ error: `the check stopped (${code})` }));
  });
  if (answer.error !== undefined) {
    throw new SiglumError('not-a-project', `The backup ${basename(path)} is damaged or is not a Siglum project.`);
  }
  if (answer.check !== 'ok') {
    throw new SiglumError('not-a-project', `The backup ${basename(path)} is damaged (${String(answer.check)}).`);
  }
  const count = answer.count ?? -1;
  if (expectedDocuments !== undefined && count !== expectedDocuments) {
    throw new SiglumError(
      'io',
      `The backup ${basename(path)} holds ${count} documents where the project has ${expectedDocuments}, so it was not kept. Try again.`,
    );
  }
  return count;
}

const VERIFY_WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
try {
  const Database = require(workerData.modulePath);
  const options = { readonly: true, fileMustExist: true };
  if (workerData.binding) options.nativeBinding = workerData.binding;
  const db = new Database(workerData.path, options);
  const check = db.pragma('integrity_check', { simple: true });
  const count = db.prepare('SELECT count(*) FROM documents').pluck().get();
  db.close();
  parentPort.postMessage({ check, count });
} catch (e) {
  parentPort.postMessage({ error: String((e && e.message) || e) });
}
`;

function nativeBinding(): Database.Options {
  const binding = process.env['SIGLUM_SQLITE_BINDING'];
  return binding ? { nativeBinding: binding } : {};
}

/** How long one step of an online backup may hold the thread: well under a frame. */
const STEP_BUDGET_MS = 6;
/** And at most this many pages (16 MB of 4 KB pages), however fast the last step was. */
const MAX_PAGES_PER_STEP = 4096;

/**
 * Copies the open database `db` to `target` with SQLite's online backup API, to a
 * temporary name, verified, then renamed: a failed backup leaves nothing.
 *
 * With `stepwise` (in the app) the copy runs in a worker thread on its own read-only
 * connection: one step, so one consistent read of everything committed (WAL included)
 * while this thread goes on committing edits, and the copy's final write to disk and
 * its check never hold this thread. Where a worker cannot load better-sqlite3 (a
 * bundled build) it copies here, a few pages per turn of the event loop (about
 * STEP_BUDGET_MS each). Without `stepwise`, all pages in one step here (the command line).
 * `expectedDocuments` is counted before and after: the copy must hold one of the two.
 */
export async function backupDatabase(
  db: Database.Database,
  target: string,
  options: { stepwise: boolean; expectedDocuments?: () => number },
): Promise<number> {
  // The file system's calls through libuv's threads: removing a large partial copy left
  // by a crash, or renaming over a full disk, must not hold the thread that answers edits.
  await mkdir(dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  await rm(partial, { force: true });
  try {
    const before = options.expectedDocuments?.();
    const module = options.stepwise ? workerModule() : null;
    let count: number;
    if (module !== null) count = await copyInWorker(module, db.name, partial);
    else {
      let pages = 64;
      let last = performance.now();
      await db.backup(partial, {
        progress: ({ totalPages }) => {
          if (!options.stepwise) return totalPages + 1;
          const now = performance.now();
          const took = Math.max(0.1, now - last);
          // Scale the next step to the budget, from what the last one cost.
          pages = Math.max(16, Math.min(MAX_PAGES_PER_STEP, Math.round((pages * STEP_BUDGET_MS) / took)));
          last = now;
          return pages;
        },
      });
      count = verifyBackup(partial);
    }
    const after = options.expectedDocuments?.();
    if (before !== undefined && count !== before && count !== after) {
      throw new SiglumError(
        'io',
        `The backup ${basename(target)} holds ${count} documents where the project has ${after ?? before}, so it was not kept. Try again.`,
      );
    }
    await rename(partial, target);
    return count;
  } catch (e) {
    await rm(partial, { force: true });
    if (e instanceof SiglumError) throw e;
    throw new SiglumError(
      'io',
      `The backup to ${target} could not be written (${e instanceof Error ? e.message : String(e)}). Check the disk and that the folder is writable.`,
    );
  }
}

/** better-sqlite3's entry for a worker to require, or null when there is none to load (a bundle). */
function workerModule(): string | null {
  try {
    return createRequire(import.meta.url).resolve('better-sqlite3');
  } catch {
    return null;
  }
}

const COPY_WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
(async () => {
  const Database = require(workerData.modulePath);
  const options = { readonly: true, fileMustExist: true };
  if (workerData.binding) options.nativeBinding = workerData.binding;
  const source = new Database(workerData.source, options);
  try {
    await source.backup(workerData.target, { progress: (p) => p.totalPages + 1 });
  } finally {
    source.close();
  }
  const copy = new Database(workerData.target, options);
  const check = copy.pragma('integrity_check', { simple: true });
  const count = copy.prepare('SELECT count(*) FROM documents').pluck().get();
  copy.close();
  parentPort.postMessage({ check, count });
})().catch((e) => parentPort.postMessage({ error: String((e && e.message) || e) }));
`;

/** Copies `source` to `target` and checks the copy, in a worker thread; returns its document count. */
async function copyInWorker(modulePath: string, source: string, target: string): Promise<number> {
  const answer = await new Promise<{ check?: unknown; count?: number; error?: string }>((resolveAnswer) => {
    const worker = new Worker(COPY_WORKER, {
      eval: true,
      workerData: { modulePath, source, target, binding: process.env['SIGLUM_SQLITE_BINDING'] ?? null },
    });
    worker.once('message', resolveAnswer);
    worker.once('error', (e) => resolveAnswer({ error: e.message }));
    worker.once('exit', (code) => resolveAnswer({ error: `the copy stopped (${code})` }));
  });
  if (answer.error !== undefined) throw new Error(answer.error);
  if (answer.check !== 'ok') {
    throw new SiglumError(
      'io',
      `The backup ${basename(target)} came out damaged (${String(answer.check)}). Try again.`,
    );
  }
  return answer.count ?? -1;
}

/**
 * A synchronous consistent copy (VACUUM INTO) from a connection that may be read-only:
 * for the moment before a migration, when nothing else runs yet.
 */
export function copyDatabaseSync(db: Database.Database, target: string): void {
  mkdirSync(dirname(target), { recursive: true });
  db.prepare('VACUUM INTO ?').run(target);
}

/**
 * A sentence pointing at the newest backup of the project at `projectPath`, for the
 * messages about a damaged project; empty when it has none.
 */
export function latestBackupHint(projectPath: string): string {
  const latest = listBackupFiles(backupFolder(projectPath))[0];
  if (latest === undefined) return '';
  return ` The latest backup is ${latest.path} (${latest.at}): restore it from the Backups panel, or with \`siglum restore "${latest.path}" --to "${projectPath}"\`.`;
}
