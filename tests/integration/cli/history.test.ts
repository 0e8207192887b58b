/**
 * `siglum history`, `export --at`, `backup` and `restore`, run through the command
 * line's entry (runCli) on temporary projects; the refusal to restore over an open
 * project runs the real command in its own process, as a user would.
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Node } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import { schema } from '../../../edition/schema.ts';
import { listBackupFiles, backupFolder } from '../../../db/backup.ts';
import { runCli } from '../../../electron/cli/main.ts';
import { openService } from '../../../electron/service/index.ts';
import { CollabClient, serviceFixture } from '../service/helpers.ts';

const { service, tmp } = serviceFixture();
const root = resolve(import.meta.dirname, '../../..');

async function cli(argv: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const status = await runCli(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { status, out, err };
}

async function despatch(name: string): Promise<{ path: string; id: string; client: CollabClient }> {
  const path = tmp.file(name);
  const s = service(name);
  const { id } = await s.createDocument({ title: 'Despatch' });
  const client = await CollabClient.open(s, id, 'editor');
  for (const t of ['Tokyo, ', 'July 12.']) {
    client.type(t, client.state.doc.content.size - 1);
    await client.sync();
  }
  return { path, id, client };
}

describe('siglum history and export --at', () => {
  it('prints the versions as JSON and exports the document as it was at a version or a time', async () => {
    const { path, id, client } = await despatch('history.siglum');
    const db = new Database(path);
    db.prepare('UPDATE steps SET created_at = ? WHERE document_id = ?').run('2026-01-01T10:00:00.000Z', Number(id));
    db.close();
    client.type(' The Ambassador called.', client.state.doc.content.size - 1);
    await client.sync();

    const r = await cli(['history', id, '--project', path, '--json']);
    expect(r.status).toBe(0);
    const printed = JSON.parse(r.out) as { versions: Array<{ version: number; at: string; steps: number }> };
    expect(printed.versions.map((v) => [v.version, v.steps])).toEqual([
      [0, 0],
      [2, 2],
      [3, 1],
    ]);
    expect(printed.versions[1]!.at).toBe('2026-01-01T10:00:00.000Z');
    expect(printed).toHaveProperty('named', []);

    const byVersion = tmp.file('v2.xml');
    expect(
      (await cli(['export', id, '--at', '2', '--format', 'tei', '--out', byVersion, '--project', path])).status,
    ).toBe(0);
    const byTime = tmp.file('then.xml');
    expect(
      (await cli(['export', id, '--at', '2026-01-02T00:00:00Z', '--format', 'tei', '--out', byTime, '--project', path]))
        .status,
    ).toBe(0);
    for (const file of [byVersion, byTime]) {
      const xml = readFileSync(file, 'utf8');
      expect(xml).toContain('July 12.');
      expect(xml).not.toContain('Ambassador');
    }
    const bad = await cli(['export', id, '--at', 'yesterday', '--out', byTime, '--project', path]);
    expect(bad.status).toBe(2);
  });
});

describe('siglum backup and restore', () => {
  it('backs up a project that is open and being written, with every committed edit, and restores it', async () => {
    const { path, id, client } = await despatch('open.siglum');
    client.type(' Received.', client.state.doc.content.size - 1);
    await client.sync();
    // The edits are in the WAL, not yet in the main file: a plain copy would miss them.
    expect(existsSync(`${path}-wal`)).toBe(true);
    const out = tmp.file('copy.siglum');
    const r = await cli(['backup', '--project', path, '--out', out]);
    expect(r.err).toBe('');
    expect(r.out).toContain('1 documents, verified');

    const target = tmp.file('restored.siglum');
    const restored = await cli(['restore', out, '--to', target]);
    expect(restored.status).toBe(0);
    const s = openService(target);
    try {
      const doc = Node.fromJSON(schema, (await s.openDocument({ id })).doc);
      expect(doc.textContent).toBe('Tokyo, July 12. Received.');
    } finally {
      s.close();
    }
    // Restoring over that project again keeps its state in its backups first.
    expect((await cli(['restore', out, '--to', target])).status).toBe(0);
    expect(listBackupFiles(backupFolder(target)).map((f) => f.reason)).toEqual(['before-restore']);
  });

  it('refuses to restore over a project that Siglum has open', async () => {
    const { path } = await despatch('busy.siglum');
    const out = tmp.file('busy-copy.siglum');
    expect((await cli(['backup', '--project', path, '--out', out])).status).toBe(0);
    const r = spawnSync(process.execPath, [join(root, 'electron/bin/siglum.mjs'), 'restore', out, '--to', path], {
      encoding: 'utf8',
      env: { ...process.env, SIGLUM_PROJECT: '' },
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^siglum: busy\.siglum is open in Siglum \(process \d+\)\./);
  });

  it('refuses a backup file that is not a project', async () => {
    const junk = tmp.file('junk.siglum');
    writeFileSync(junk, 'not a database at all, just text that is long enough to look like a header');
    const r = await cli(['restore', junk, '--to', tmp.file('x.siglum')]);
    expect(r.status).toBe(1);
    expect(r.err).toMatch(/junk\.siglum/);
    expect(existsSync(tmp.file('x.siglum'))).toBe(false);
  });
});
