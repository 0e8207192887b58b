import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { Node } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import { schema } from '../../../edition/schema.ts';
import { listBackupFiles, verifyBackupOffThread } from '../../../db/backup.ts';
import { MIGRATIONS } from '../../../db/migrations/index.ts';
import { Store } from '../../../db/store.ts';
import { openService } from '../../../electron/service/index.ts';
import { CollabClient, serviceFixture } from '../service/helpers.ts';

const { service, tmp } = serviceFixture();

const YESTERDAY = new Date(Date.now() - 24 * 3600 * 1000);

/** Moves the first `count` steps of a document back to `when` (one second apart), as if typed then. */
function backdate(path: string, documentId: string, count: number, when: Date): void {
  const db = new Database(path);
  const set = db.prepare('UPDATE steps SET created_at = ? WHERE document_id = ? AND version = ?');
  for (let v = 0; v < count; v++) set.run(new Date(when.getTime() + v * 1000).toISOString(), Number(documentId), v);
  db.close();
}

async function typed(s: ReturnType<typeof service>, id: string, texts: string[]): Promise<CollabClient> {
  const c = await CollabClient.open(s, id, 'editor');
  for (const t of texts) {
    c.type(t, c.state.doc.content.size - 1);
    await c.sync();
  }
  return c;
}

describe('a document’s history', () => {
  it('groups steps into sessions, diffs two versions word by word and restores yesterday’s as new steps', async () => {
    const path = tmp.file('history.siglum');
    const s = service('history.siglum');
    const { id } = await s.createDocument({ title: 'Despatch' });
    await typed(s, id, ['Tokyo, ', 'July ', '12.']);
    backdate(path, id, 3, YESTERDAY);
    const c = await typed(s, id, [' The Ambassador', ' called.']);
    expect(c.state.doc.textContent).toBe('Tokyo, July 12. The Ambassador called.');

    const history = await s.documentHistory({ documentId: id });
    expect(history.version).toBe(5);
    expect(history.versions.map((v) => [v.version, v.steps])).toEqual([
      [0, 0],
      [3, 3],
      [5, 2],
    ]);
    expect(Date.parse(history.versions[1]!.at)).toBeLessThan(Date.now() - 23 * 3600 * 1000);

    const diff = await s.diffVersions({ documentId: id, from: 3, to: 5 });
    expect(diff.added).toBe(3);
    expect(diff.removed).toBe(0);
    expect(diff.changes.map((ch) => ch.description)).toEqual(['Added "The Ambassador called."']);
    expect(diff.segments.filter((g) => g.op === 'insert').map((g) => g.text)).toEqual(['The Ambassador called.']);

    const restored = await s.restoreVersion({ documentId: id, version: 3 });
    expect(restored.version).toBe(6);
    const now = await s.openDocument({ id });
    expect(Node.fromJSON(schema, now.doc).textContent).toBe('Tokyo, July 12.');
    // Nothing rewritten: the later version is still there to go back to.
    const before = await s.documentAt({ documentId: id, version: 5 });
    expect(Node.fromJSON(schema, before.doc).textContent).toBe('Tokyo, July 12. The Ambassador called.');
    const since = await s.stepsSince({ documentId: id, version: 5 });
    expect(since.clientIDs).toEqual(['siglum-history']);
  });

  it('names a version of the whole project, with each document’s version at that moment', async () => {
    const s = service('named.siglum');
    const a = await s.createDocument({ title: 'A' });
    await typed(s, a.id, ['one', ' two']);
    const press = await s.nameVersion({ name: 'sent to the press' });
    await typed(s, a.id, [' three']);
    const b = await s.createDocument({ title: 'B' });
    expect((await s.documentHistory({ documentId: a.id })).named).toEqual([{ ...press, version: 2 }]);
    expect((await s.documentHistory({ documentId: b.id })).named[0]!.version).toBeNull();
    await expect(s.nameVersion({ name: '  ' })).rejects.toMatchObject({ code: 'bad-input' });
  });

  it('rebuilds an old version from the nearest checkpoint snapshot', async () => {
    const path = tmp.file('checkpoints.siglum');
    const s = service('checkpoints.siglum', { create: true, snapshots: { everySteps: 50, idleMs: 10 } });
    const { id } = await s.createDocument({ title: 'Long' });
    const c = await CollabClient.open(s, id, 'editor');
    const snapshots = () => {
      const db = new Database(path, { readonly: true });
      const v = db
        .prepare('SELECT version FROM snapshots WHERE document_id = ? ORDER BY version')
        .pluck()
        .all(Number(id));
      db.close();
      return v as number[];
    };
    for (let round = 0; round < 22; round++) {
      for (let k = 0; k < 50; k++) c.type('x', 1);
      await c.sync();
      await expect.poll(() => snapshots().at(-1)).toBe((round + 1) * 50);
    }
    const versions = snapshots();
    // The first, one in each later 500 versions, and the latest.
    expect(versions[0]).toBe(0);
    for (const from of [500, 1000]) expect(versions.some((v) => v >= from && v < from + 100)).toBe(true);
    const at = await s.documentAt({ documentId: id, version: 1050 });
    expect(Node.fromJSON(schema, at.doc).textContent).toBe('x'.repeat(1050));
    // Two old versions: the later replayed on from the earlier, either way round.
    for (const [from, to] of [
      [1020, 1049],
      [1049, 1020],
      [480, 1020],
    ] as const) {
      const d = await s.diffVersions({ documentId: id, from, to });
      expect(d.segments.map((g) => [g.op, g.text.length])).toEqual([
        ['delete', from],
        ['insert', to],
      ]);
    }
  });
});

describe('the trash', () => {
  it('keeps a deleted document with its history and witnesses, and puts it back under its id', async () => {
    const s = service('trash.siglum');
    const { id } = await s.createDocument({ title: 'Despatch' });
    await typed(s, id, ['Tokyo, ', 'July 12.']);
    await s.addWitness({ documentId: id, siglum: 'B', text: 'Tokio, July 12.' });
    await s.deleteDocument({ id });
    expect(await s.listDocuments({})).toEqual([]);
    const [entry] = await s.listTrash({});
    expect(entry).toMatchObject({ documentId: id, title: 'Despatch' });

    const back = await s.restoreFromTrash({ id: entry!.id });
    expect(back.id).toBe(id);
    expect(await s.listTrash({})).toEqual([]);
    const opened = await s.openDocument({ id });
    expect(Node.fromJSON(schema, opened.doc).textContent).toBe('Tokyo, July 12.');
    expect((await s.documentHistory({ documentId: id })).version).toBe(2);
    expect((await s.listWitnesses({ documentId: id })).map((w) => w.text)).toEqual(['Tokio, July 12.']);
    // Still editable where it left off.
    const c = await typed(s, id, [' Received.']);
    expect(c.state.doc.textContent).toBe('Tokyo, July 12. Received.');
  });

  it('gives a restored document a new id when another took its id meanwhile', async () => {
    const s = service('trash-id.siglum');
    const { id } = await s.createDocument({ title: 'Old' });
    await typed(s, id, ['old text']);
    await s.deleteDocument({ id });
    const newer = await s.createDocument({ title: 'New' });
    expect(newer.id).toBe(id);
    const [entry] = await s.listTrash({});
    const back = await s.restoreFromTrash({ id: entry!.id });
    expect(back.id).not.toBe(id);
    expect(Node.fromJSON(schema, (await s.openDocument({ id: back.id })).doc).textContent).toBe('old text');
    expect((await s.documentHistory({ documentId: back.id })).version).toBe(1);
    expect((await s.listDocuments({})).map((d) => d.title).sort()).toEqual(['New', 'Old']);
  });

  it('sends the documents of a deleted folder to the trash, restored into no folder', async () => {
    const s = service('trash-folder.siglum');
    const folder = await s.createCollection({ title: 'Drafts' });
    const { id } = await s.createDocument({ title: 'Draft', collectionId: folder.id });
    await s.deleteCollection({ id: folder.id });
    const [entry] = await s.listTrash({});
    const back = await s.restoreFromTrash({ id: entry!.id });
    expect(back).toMatchObject({ id, collectionId: null });
  });
});

describe('backups', () => {
  it('takes a verified backup while typing continues, holding every edit acknowledged before it was asked for', async () => {
    const path = tmp.file('backup.siglum');
    const s = service('backup.siglum');
    const { id } = await s.createDocument({ title: 'Despatch' });
    const c = await CollabClient.open(s, id, 'editor');
    let acknowledged = 0;
    const typing = (async () => {
      for (let k = 0; k < 60; k++) {
        c.type(`w${k} `, c.state.doc.content.size - 1);
        await c.sync();
        acknowledged = k + 1;
      }
    })();
    await expect.poll(() => acknowledged).toBeGreaterThanOrEqual(10);
    // Every edit acknowledged when the backup is asked for is in it.
    const atBackup = acknowledged;
    const backup = await s.backupNow({});
    await typing;
    expect(backup.documents).toBe(1);
    expect(backup.reason).toBe('manual');
    expect((await s.listBackups({})).map((b) => b.path)).toEqual([backup.path]);
    const copy = openService(backup.path, {});
    try {
      const text = Node.fromJSON(schema, (await copy.openDocument({ id })).doc).textContent;
      for (let k = 0; k < atBackup; k++) expect(text).toContain(`w${k} `);
    } finally {
      copy.close();
    }
    expect(existsSync(path)).toBe(true);
  });

  it('backs a project up before migrating it to a newer format', () => {
    const path = tmp.file('old-format.siglum');
    Store.open(path, { create: true, migrations: MIGRATIONS.slice(0, 4) }).close();
    const folder = tmp.file('old-format-backups');
    const s = openService(path, { backups: { folder, everyMs: 60_000 } });
    s.close();
    const files = listBackupFiles(folder);
    expect(files.map((f) => f.reason)).toEqual(['before-migration']);
    const copy = new Database(files[0]!.path, { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(4);
    copy.close();
  });

  it('backs up before an import into a project that has documents', async () => {
    const folder = tmp.file('import-backups');
    const s = service('import.siglum', { create: true, backups: { folder, everyMs: 60_000 } });
    await s.importFiles({ files: [{ name: 'a.txt', text: 'First.' }] });
    expect(listBackupFiles(folder)).toEqual([]);
    await s.importFiles({ files: [{ name: 'b.txt', text: 'Second.' }] });
    expect(listBackupFiles(folder).map((f) => f.reason)).toEqual(['before-import']);
  });

  it('backs up on schedule while the project is edited', async () => {
    const folder = tmp.file('scheduled-backups');
    const s = service('scheduled.siglum', { create: true, backups: { folder, everyMs: 0 } });
    const { id } = await s.createDocument({ title: 'Despatch' });
    await typed(s, id, ['a']);
    await expect.poll(() => listBackupFiles(folder).map((f) => f.reason)).toContain('scheduled');
  });

  it('checks a backup in a worker thread: integrity, and the number of documents', async () => {
    const s = service('checked.siglum');
    await s.createDocument({ title: 'One' });
    const backup = await s.backupNow({});
    await expect(verifyBackupOffThread(backup.path, 1)).resolves.toBe(1);
    await expect(verifyBackupOffThread(backup.path, 2)).rejects.toMatchObject({ code: 'io' });
    const junk = tmp.file('junk.siglum');
    writeFileSync(junk, 'SQLite format 3\0 but nothing after it that a database would hold');
    await expect(verifyBackupOffThread(junk)).rejects.toMatchObject({ code: 'not-a-project' });
  });

  it('names the latest backup when the project file is damaged', async () => {
    const path = tmp.file('damaged.siglum');
    const s = openService(path, { create: true });
    await s.createDocument({ title: 'One' });
    const backup = await s.backupNow({});
    s.close();
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(100, 0x41), 0, 100, 0);
    closeSync(fd);
    let message = '';
    try {
      openService(path).close();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('is not a Siglum project');
    expect(message).toContain(`The latest backup is ${backup.path}`);
  });
});
