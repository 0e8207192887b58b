/**
 * Backups of the open project (db/backup.ts does the copying and checking): on a
 * schedule while the project is edited, on demand, and before imports; one at a time,
 * each verified, kept in rotation. The copy and its check run in a worker thread
 * (db/backup.ts), so pushes of steps keep being answered while it runs.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { BackupInfo } from '../../edition/history/api.ts';
import { SiglumError } from '../../edition/errors.ts';
import {
  backupDatabase,
  backupFileName,
  backupFolder,
  documentCount,
  listBackupFiles,
  rotateBackupsOffThread,
  verifyBackup,
} from '../../db/backup.ts';
import type { Store } from '../../db/store.ts';

export interface BackupPolicy {
  /** Where backups go (default: db/backup.ts `backupFolder`, beside the project). */
  folder?: string;
  /** While the project is edited, a backup at least this often. */
  everyMs: number;
  /** Back up before an import into a project that has documents (default true). */
  beforeImport?: boolean;
}

export const DEFAULT_BACKUPS: BackupPolicy = { everyMs: 10 * 60 * 1000 };

function countIn(path: string): number {
  const binding = process.env['SIGLUM_SQLITE_BINDING'];
  const db = new Database(path, { ...(binding ? { nativeBinding: binding } : {}), readonly: true });
  try {
    return documentCount(db);
  } finally {
    db.close();
  }
}

export class Backups {
  readonly folder: string;
  private running: Promise<BackupInfo> | null = null;
  private lastMs: number;
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly policy: BackupPolicy = DEFAULT_BACKUPS,
  ) {
    this.folder = policy.folder ?? backupFolder(store.path);
    const latest = listBackupFiles(this.folder)[0];
    this.lastMs = latest === undefined ? Date.now() : Date.parse(latest.at);
  }

  /** The backups, newest first, with how many documents each holds. */
  list(): BackupInfo[] {
    return listBackupFiles(this.folder).map((f) => {
      let documents = -1;
      try {
        documents = countIn(f.path);
      } catch {
        // Listed all the same; restoring it will say what is wrong.
      }
      return { path: f.path, at: f.at, reason: f.reason, bytes: f.bytes, documents };
    });
  }

  /** Takes a verified backup now (after any running one). */
  take(reason: string): Promise<BackupInfo> {
    const previous = this.running ?? Promise.resolve(null);
    const next = previous
      .catch(() => null)
      .then(async () => {
        if (this.closed) throw new SiglumError('internal', 'The project has been closed. Open it again.');
        const at = new Date();
        const path = join(this.folder, backupFileName(at, reason));
        const documents = await backupDatabase(this.store.db, path, {
          stepwise: true,
          expectedDocuments: () => documentCount(this.store.db),
        });
        this.lastMs = at.getTime();
        await rotateBackupsOffThread(this.folder);
        return { path, at: at.toISOString(), reason, bytes: (await stat(path)).size, documents };
      });
    this.running = next;
    void next.finally(() => {
      if (this.running === next) this.running = null;
    });
    return next;
  }

  /** Called on every committed edit: starts a scheduled backup when one is due. */
  noteEdit(): void {
    if (this.closed || this.running !== null || Date.now() - this.lastMs < this.policy.everyMs) return;
    this.take('scheduled').catch((e: unknown) => {
      if (!this.closed) console.error('Siglum: a scheduled backup failed:', e instanceof Error ? e.message : e);
    });
  }

  /** Resolves once no backup is running. */
  async idle(): Promise<void> {
    while (this.running !== null) await this.running.catch(() => undefined);
  }

  close(): void {
    this.closed = true;
  }
}

/**
 * Replaces the project file at `to` with the backup at `from`, which is verified first;
 * the project must be closed. The file is copied beside `to` and renamed over it, and
 * the old WAL and shared-memory files go, so nothing of the replaced state survives.
 */
export function replaceProjectFile(from: string, to: string): void {
  if (!existsSync(from)) throw new SiglumError('not-found', `There is no backup at ${from}. Check the path.`);
  verifyBackup(from);
  const partial = `${to}.restoring`;
  try {
    copyFileSync(from, partial);
    for (const suffix of ['-wal', '-shm']) rmSync(to + suffix, { force: true });
    renameSync(partial, to);
  } catch (e) {
    rmSync(partial, { force: true });
    throw new SiglumError(
      'io',
      `${basename(to)} could not be replaced by the backup (${(e as NodeJS.ErrnoException).code ?? 'error'}). Check that its folder is writable.`,
    );
  }
}
