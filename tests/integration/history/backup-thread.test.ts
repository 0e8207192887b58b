/**
 * A backup in the running app leaves the thread that answers edits alone: the copy and
 * its check run in a worker, and the file system's work around it (removing the
 * backups rotation drops, a stale partial copy, renaming the copy into place) goes
 * through libuv's threads, never a synchronous call: unlinking one copy of a large
 * project takes longer than a frame.
 */
import * as fs from 'node:fs';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backupFileName, KEEP_LATEST, listBackupFiles } from '../../../db/backup.ts';
import { serviceFixture } from '../service/helpers.ts';

vi.mock('node:fs', async (original) => {
  const real = await original<typeof import('node:fs')>();
  return {
    ...real,
    rmSync: vi.fn(real.rmSync),
    unlinkSync: vi.fn(real.unlinkSync),
    renameSync: vi.fn(real.renameSync),
  };
});

const { service, tmp } = serviceFixture();

afterEach(() => {
  vi.mocked(fs.rmSync).mockClear();
});

describe('a backup in the app', () => {
  it('rotates old backups and writes its copy without a synchronous file-system call on the service thread', async () => {
    const folder = tmp.file('rotated-backups');
    mkdirSync(folder, { recursive: true });
    // More backups than rotation keeps, all from today: only the newest KEEP_LATEST stay.
    const now = Date.now();
    const old = Array.from({ length: KEEP_LATEST + 3 }, (_, i) => {
      const path = `${folder}/${backupFileName(new Date(now - (i + 1) * 60_000), 'scheduled')}`;
      writeFileSync(path, 'an old copy');
      return path;
    });
    const s = service('rotated.siglum', { create: true, backups: { folder, everyMs: 3_600_000 } });
    await s.createDocument({ title: 'Despatch' });
    vi.mocked(fs.rmSync).mockClear();
    vi.mocked(fs.unlinkSync).mockClear();
    vi.mocked(fs.renameSync).mockClear();

    const backup = await s.backupNow({});

    expect(vi.mocked(fs.rmSync)).not.toHaveBeenCalled();
    expect(vi.mocked(fs.unlinkSync)).not.toHaveBeenCalled();
    expect(vi.mocked(fs.renameSync)).not.toHaveBeenCalled();
    expect(existsSync(backup.path)).toBe(true);
    expect(existsSync(`${backup.path}.partial`)).toBe(false);
    const kept = listBackupFiles(folder).map((f) => f.path);
    expect(kept).toHaveLength(KEEP_LATEST);
    expect(kept[0]).toBe(backup.path);
    // The oldest went, the newest stayed.
    expect(old.filter((p) => existsSync(p))).toEqual(old.slice(0, KEEP_LATEST - 1));
  });
});
