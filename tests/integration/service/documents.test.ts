import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DocumentMeta } from '../../../edition/api.ts';
import { LATEST_VERSION } from '../../../db/migrations/index.ts';
import { CollabClient, serviceFixture } from './helpers.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const smallVolume = readFileSync(join(root, '../shared/corpus/frus/frus1938v03-d480-d486.xml'), 'utf8');

const { service, tmp } = serviceFixture();

describe('documents and collections', () => {
  it('creates folders and documents in them, listed in order with their counts', async () => {
    const s = service('folders.siglum');
    const folder = await s.createCollection({ title: 'Tokyo despatches' });
    expect(folder).toMatchObject({ title: 'Tokyo despatches', kind: 'folder', documentCount: 0 });
    const a = await s.createDocument({ title: 'No. 256', collectionId: folder.id });
    const b = await s.createDocument({ title: 'No. 257', collectionId: folder.id });
    const loose = await s.createDocument({ title: 'Notes' });
    expect((await s.listDocuments({ collectionId: folder.id })).map((d) => [d.title, d.position])).toEqual([
      ['No. 256', 0],
      ['No. 257', 1],
    ]);
    expect((await s.listCollections({}))[0]!.documentCount).toBe(2);
    expect((await s.listDocuments({})).map((d) => d.id)).toEqual([loose.id, a.id, b.id]);
  });

  it('moves a document to another place and renumbers the list it lands in', async () => {
    const s = service('move.siglum');
    const folder = await s.createCollection({ title: 'Folder' });
    const [x, y, z] = [
      await s.createDocument({ title: 'x' }),
      await s.createDocument({ title: 'y' }),
      await s.createDocument({ title: 'z' }),
    ];
    await s.moveDocument({ id: z!.id, collectionId: null, position: 0 });
    expect((await s.listDocuments({})).map((d) => d.title)).toEqual(['z', 'x', 'y']);
    const moved = await s.moveDocument({ id: x!.id, collectionId: folder.id });
    expect(moved).toMatchObject({ collectionId: folder.id, position: 0 });
    expect((await s.listDocuments({ collectionId: folder.id })).map((d) => d.id)).toEqual([x!.id]);
    expect(y).toBeDefined();
  });

  it('keeps a document of an imported volume in its volume, so that the volume exports whole', async () => {
    const s = service('volume.siglum');
    const { documents } = await s.importFiles({ files: [{ name: 'frus1938v03-d480-d486.xml', text: smallVolume }] });
    const [volume] = await s.listCollections({});
    expect(volume).toMatchObject({ kind: 'volume', documentCount: documents.length });
    const first = documents[0]!;
    await expect(s.moveDocument({ id: first.id, collectionId: null })).rejects.toMatchObject({
      code: 'bad-input',
      message: expect.stringMatching(/stays in it/),
    });
    await s.moveDocument({ id: first.id, collectionId: volume!.id });
    expect((await s.listDocuments({ collectionId: volume!.id })).at(-1)!.id).toBe(first.id);
  });

  it('updates metadata, with the title following it', async () => {
    const s = service('meta.siglum');
    const { id } = await s.createDocument({ title: 'Draft' });
    const meta: DocumentMeta = {
      title: 'The Ambassador in Japan to the Secretary of State',
      date: '1933-01-13',
      source: '761.94/587',
      extra: { 'frus:doc-dateTime-min': '1933-01-13T00:00:00+09:00' },
    };
    expect((await s.updateMeta({ id, meta })).title).toBe(meta.title);
    expect((await s.openDocument({ id })).meta).toEqual(meta);
    await s.renameDocument({ id, title: 'No. 256' });
    expect((await s.openDocument({ id })).meta.title).toBe('No. 256');
    await expect(s.updateMeta({ id, meta: { ...meta, date: 13 } as never })).rejects.toMatchObject({
      code: 'bad-input',
    });
    await expect(s.updateMeta({ id, meta: { ...meta, title: '  ' } })).rejects.toMatchObject({ code: 'bad-input' });
  });

  it('deletes a document with its snapshots and steps, after which it is not found', async () => {
    const s = service('delete.siglum');
    const { id } = await s.createDocument({ title: 'Doomed' });
    const client = await CollabClient.open(s, id, 'a');
    client.type('text', 1);
    await client.sync();
    expect(await s.deleteDocument({ id })).toEqual({ id });
    expect(await s.listDocuments({})).toEqual([]);
    await expect(s.openDocument({ id })).rejects.toMatchObject({ code: 'not-found' });
    await expect(s.pushSteps({ documentId: id, version: 1, clientID: 'a', steps: [] })).rejects.toMatchObject({
      code: 'not-found',
    });
    s.close();
    const db = new Database(tmp.file('delete.siglum'), { readonly: true });
    expect(db.prepare('SELECT (SELECT count(*) FROM steps) + (SELECT count(*) FROM snapshots)').pluck().get()).toBe(0);
    db.close();
  });

  it('deletes a collection with all its documents and their history', async () => {
    const s = service('collections.siglum');
    const { documents } = await s.importFiles({ files: [{ name: 'frus1938v03-d480-d486.xml', text: smallVolume }] });
    const folder = await s.createCollection({ title: 'Drafts' });
    const kept = await s.createDocument({ title: 'Kept', collectionId: folder.id });
    const [volume] = await s.listCollections({});
    const client = await CollabClient.open(s, documents[0]!.id, 'a');
    client.type('edited ', 1 + client.state.doc.firstChild!.nodeSize);
    await client.sync();

    expect(await s.deleteCollection({ id: volume!.id })).toEqual({ id: volume!.id });
    expect(await s.listCollections({})).toEqual([{ id: folder.id, title: 'Drafts', kind: 'folder', documentCount: 1 }]);
    expect((await s.listDocuments({})).map((d) => d.id)).toEqual([kept.id]);
    await expect(s.openDocument({ id: documents[0]!.id })).rejects.toMatchObject({ code: 'not-found' });
    await expect(s.deleteCollection({ id: volume!.id })).rejects.toMatchObject({ code: 'not-found' });
    s.close();
    const db = new Database(tmp.file('collections.siglum'), { readonly: true });
    expect(db.prepare('SELECT count(*) FROM steps').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM snapshots').pluck().get()).toBe(1);
    db.close();
  });

  it('answers ids that name nothing with not-found, and malformed arguments with bad-input', async () => {
    const s = service('bad-args.siglum');
    await expect(s.openDocument({ id: '999' })).rejects.toMatchObject({ name: 'SiglumError', code: 'not-found' });
    await expect(s.openDocument({ id: '../etc' })).rejects.toMatchObject({ code: 'not-found' });
    await expect(s.listDocuments({ collectionId: '7' })).rejects.toMatchObject({ code: 'not-found' });
    await expect(s.createDocument({ title: '' })).rejects.toMatchObject({ code: 'bad-input' });
    await expect(s.createDocument(42 as never)).rejects.toMatchObject({ code: 'bad-input' });
    const { id } = await s.createDocument({ title: 'x' });
    await expect(s.pushSteps({ documentId: id, version: -1, clientID: 'a', steps: [] })).rejects.toMatchObject({
      code: 'bad-input',
    });
    await expect(s.pushSteps({ documentId: id, version: 0, clientID: 'a', steps: 'x' as never })).rejects.toMatchObject(
      { code: 'bad-input' },
    );
    await expect(s.stepsSince({ documentId: id, version: 5 })).rejects.toMatchObject({ code: 'bad-input' });
  });

  it('rejects calls after it has been closed, with a sentence, and closes only once', async () => {
    const s = service('closed.siglum');
    await s.createDocument({ title: 'x' });
    s.close();
    s.close();
    await expect(s.listDocuments({})).rejects.toMatchObject({
      name: 'SiglumError',
      message: expect.stringMatching(/closed\. Open it again/),
    });
  });

  it('describes the project: its path, title (from the file name) and schema version', async () => {
    const s = service('Grew Papers.siglum');
    expect(await s.projectInfo({})).toEqual({
      path: tmp.file('Grew Papers.siglum'),
      title: 'Grew Papers',
      schemaVersion: LATEST_VERSION,
    });
  });
});
