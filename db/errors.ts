/**
 * Turns SQLite's failures into errors a user can act on. Anything that is not a
 * known condition of the disk or the file is a bug and passes through unchanged.
 */
import { basename } from 'node:path';
import { SiglumError } from '../edition/errors.ts';
import { damaged } from './damage.ts';

function sqliteCode(e: unknown): string | null {
  if (typeof e !== 'object' || e === null) return null;
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
}

export function isSqliteError(e: unknown): boolean {
  return sqliteCode(e) !== null;
}

/** The SiglumError for a SQLite failure of the disk or the file at `path`, else `e` itself. */
export function storeError(e: unknown, path: string): unknown {
  const code = sqliteCode(e);
  if (code === null) return e;
  const fileName = basename(path);
  if (code === 'SQLITE_FULL') {
    return new SiglumError(
      'io',
      `The disk holding "${fileName}" is full, so the last change was not saved. Free some disk space and try again; everything saved before is safe.`,
    );
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new SiglumError(
      'io',
      `"${fileName}" is busy in another Siglum window or command, so the change was not saved. Try again in a moment.`,
    );
  }
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_PERM')) {
    return new SiglumError(
      'io',
      `Siglum cannot write to "${fileName}". Check that the file and its folder are writable, or save the project elsewhere.`,
    );
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return new SiglumError(
      'io',
      `Reading or writing "${fileName}" failed (${code}). Check the disk, then reopen the project; everything saved before is safe.`,
    );
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return damaged(path, `SQLite found it broken while reading or writing (${code})`);
  }
  return e;
}
