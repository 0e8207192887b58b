/**
 * Which projects are open: the service writes `<project>.lock` (its process id) while
 * it has the project open and removes it on close, so that `siglum restore` can refuse
 * to replace a project an app or a `siglum serve` is editing. A lock whose process is
 * gone (a crash) does not count.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { processAlive } from '../../db/facsimiles.ts';

function lockPath(projectPath: string): string {
  return `${projectPath}.lock`;
}

/** Marks the project open by this process. Best effort: a read-only folder only loses the mark. */
export function claimLock(projectPath: string): void {
  try {
    writeFileSync(lockPath(projectPath), `${process.pid}\n`);
  } catch {
    // Nothing to do: the project opens all the same.
  }
}

/** Removes the mark if this process made it. */
export function releaseLock(projectPath: string): void {
  try {
    if (readFileSync(lockPath(projectPath), 'utf8').trim() === String(process.pid)) rmSync(lockPath(projectPath));
  } catch {
    // Already gone.
  }
}

/** The id of a live process (other than this one) that has the project open, or null. */
export function openElsewhere(projectPath: string): number | null {
  const path = lockPath(projectPath);
  if (!existsSync(path)) return null;
  const pid = Number(readFileSync(path, 'utf8').trim());
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return null;
  return processAlive(pid) ? pid : null;
}
