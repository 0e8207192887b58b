/**
 * Opening a project checks it first: an empty file is refused rather than made into a
 * project, and a file SQLite finds damaged is refused with a sentence that names the
 * latest backup beside it, without a byte of it changing. Through the service and the
 * command line.
 */
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SiglumError } from '../../../edition/errors.ts';
import { openService } from '../../../electron/service/index.ts';
import { tempDir } from '../service/helpers.ts';

const root = resolve(import.meta.dirname, '../../..');
const bin = join(root, 'electron/bin/siglum.mjs');
const tmp = tempDir();
afterAll(() => tmp.cleanup());

function openError(path: string, create = true): SiglumError {
  let error: unknown = null;
  try {
    openService(path, { create }).close();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(SiglumError);
  return error as SiglumError;
}

/** A closed project with a few documents, so that it spans many pages. */
async function madeProject(name: string): Promise<string> {
  const path = tmp.file(name);
  const service = openService(path, { create: true });
  for (let i = 0; i < 40; i++) await service.createDocument({ title: `Despatch ${i} ${'x'.repeat(900)}` });
  service.close();
  return path;
}

/** Overwrites `length` bytes at `offset` with a pattern. */
function scribble(path: string, offset: number, length: number): void {
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(length, 0xa5), 0, length, offset);
  closeSync(fd);
}

describe('opening a project file', () => {
  it('refuses an empty file, even when asked to create, and leaves it empty', () => {
    const path = tmp.file('empty.siglum');
    writeFileSync(path, '');
    const e = openError(path);
    expect(e.code).toBe('damaged');
    expect(e.message).toMatch(/^The project file "empty\.siglum" is damaged: it is empty \(0 bytes\)\./);
    expect(e.message).toMatch(/restore it from a copy of your own; Siglum has not changed the file\.$/);
    expect(statSync(path).size).toBe(0);
  });

  it('refuses a project whose pages SQLite finds broken, naming the newest backup, and changes nothing', async () => {
    const path = await madeProject('broken.siglum');
    copyFileSync(path, tmp.file('broken.siglum.bak-1'));
    mkdirSync(tmp.file('backups'));
    copyFileSync(path, tmp.file('backups/broken-2026-12-07.siglum'));
    utimesSync(tmp.file('broken.siglum.bak-1'), new Date(2020, 0, 1), new Date(2020, 0, 1));
    const pageSize = readFileSync(path).readUInt16BE(16);
    // A page of the documents table, well past the schema on page 1.
    scribble(path, pageSize * 3 + 8, pageSize - 8);
    const before = readFileSync(path);
    const e = openError(path);
    expect(e.code).toBe('damaged');
    expect(e.message).toMatch(/"broken\.siglum" is damaged: SQLite's check found /);
    expect(e.message).toContain(`Restore it from the latest backup, ${tmp.file('backups/broken-2026-12-07.siglum')}`);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('calls a file with the SQLite header but an unreadable schema damaged, and any other file not a project', async () => {
    const path = await madeProject('schema.siglum');
    scribble(path, 100, 400);
    expect(openError(path).code).toBe('damaged');
    writeFileSync(tmp.file('letter.siglum'), 'Sir: this is a letter.\n'.repeat(100));
    expect(openError(tmp.file('letter.siglum')).code).toBe('not-a-project');
  });

  it('says so in one line from the command line', () => {
    const r = spawnSync(process.execPath, [bin, 'list', '--project', tmp.file('empty.siglum')], {
      encoding: 'utf8',
      env: { ...process.env, SIGLUM_PROJECT: '' },
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^siglum: The project file "empty\.siglum" is damaged: it is empty/);
    expect(r.stderr).not.toMatch(/internal error/);
  });

  it('still opens a sound project', async () => {
    const path = await madeProject('sound.siglum');
    const service = openService(path);
    expect(await service.listDocuments({})).toHaveLength(40);
    service.close();
  });
});

describe('a project damaged while open', () => {
  it('answers calls that meet the damage with the damaged sentence, not an internal error', async () => {
    const path = await madeProject('later.siglum');
    const service = openService(path);
    try {
      const pageSize = readFileSync(path).readUInt16BE(16);
      const pages = statSync(path).size / pageSize;
      // Every page but the first two (the schema), as a failing disk might leave them.
      scribble(path, pageSize * 2, pageSize * (pages - 2));
      const e = await service.listDocuments({}).then(
        () => null,
        (error: unknown) => error,
      );
      expect(e).toBeInstanceOf(SiglumError);
      expect((e as SiglumError).code).toBe('damaged');
      expect((e as SiglumError).message).toMatch(/"later\.siglum" is damaged: SQLite found it broken/);
    } finally {
      service.close();
    }
  });
});
