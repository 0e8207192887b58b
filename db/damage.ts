/**
 * Telling a damaged project from a file that is not a project, and saying what to do
 * about it. connection.ts calls these while it looks at a file read-only: a file that
 * starts like SQLite but cannot be read, fails `PRAGMA quick_check`, or is empty is
 * damaged, and the sentence names the latest backup beside it when there is one.
 */
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { SiglumError } from '../edition/errors.ts';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** True when the file at `path` begins with SQLite's 16-byte header. */
export function hasSqliteHeader(path: string): boolean {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(SQLITE_HEADER.length);
    return readSync(fd, head, 0, head.length, 0) === head.length && head.equals(SQLITE_HEADER);
  } catch {
    return false;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * The newest backup of the project at `path`, if any: a sibling named like
 * `P.siglum.bak…` or `P.bak…`, or a file named after the project in a `backups`
 * folder beside it. Null when there is none.
 */
export function latestBackup(path: string): string | null {
  const dir = dirname(path);
  const name = basename(path);
  const stem = basename(path, extname(path));
  const candidates: string[] = [];
  const list = (folder: string): string[] => {
    try {
      return readdirSync(folder);
    } catch {
      return [];
    }
  };
  for (const entry of list(dir)) {
    if (entry.startsWith(`${name}.bak`) || entry.startsWith(`${stem}.bak`)) candidates.push(join(dir, entry));
  }
  for (const folder of ['backups', `${name}.backups`]) {
    for (const entry of list(join(dir, folder))) {
      if (entry.startsWith(stem) && !/-(wal|shm|journal)$/.test(entry)) candidates.push(join(dir, folder, entry));
    }
  }
  let best: { path: string; time: number } | null = null;
  for (const candidate of candidates) {
    try {
      const stat = statSync(candidate);
      if (stat.isFile() && stat.size > 0 && (best === null || stat.mtimeMs > best.time)) {
        best = { path: candidate, time: stat.mtimeMs };
      }
    } catch {
      // Gone meanwhile: not a backup to offer.
    }
  }
  return best?.path ?? null;
}

/**
 * The error for a damaged project file: what is wrong (`why`), and to restore the
 * latest backup beside it, or a copy of the user's own when there is none.
 */
export function damaged(path: string, why: string): SiglumError {
  const name = basename(path);
  const backup = latestBackup(path);
  const restore = backup
    ? `Restore it from the latest backup, ${backup} (copy it over ${name}), or from a copy of your own`
    : 'No backup was found beside it: restore it from a copy of your own';
  return new SiglumError(
    'damaged',
    `The project file "${name}" is damaged: ${why}. ${restore}; Siglum has not changed the file.`,
  );
}
