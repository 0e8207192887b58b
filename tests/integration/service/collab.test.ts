import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { Node } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import type { SiglumEvent } from '../../../edition/api.ts';
import { schema } from '../../../edition/schema.ts';
import { openService } from '../../../electron/service/index.ts';
import { CollabClient, serviceFixture } from './helpers.ts';

const { service, tmp } = serviceFixture();

describe('the collab authority', () => {
  it('gives two clients editing at once the same document, with both edits in it', async () => {
    const s = service('converge.siglum');
    const { id } = await s.createDocument({ title: 'Despatch' });
    const a = await CollabClient.open(s, id, 'a');
    const b = await CollabClient.open(s, id, 'b');

    a.type('Tokyo, ', 1);
    b.type('January 13, 1933', 1);
    await a.sync();
    await b.sync();
    a.type('[Page 69] ', 1);
    await a.sync();
    await b.pull();

    const stored = await s.openDocument({ id });
    expect(a.state.doc.toJSON()).toEqual(stored.doc);
    expect(b.state.doc.toJSON()).toEqual(stored.doc);
    expect(a.state.doc.textContent).toContain('Tokyo, ');
    expect(a.state.doc.textContent).toContain('January 13, 1933');
    expect(a.state.doc.textContent).toContain('[Page 69] ');
    expect(stored.version).toBe(3);
  });

  it('refuses a push on top of an old version as "behind", without storing it', async () => {
    const s = service('behind.siglum');
    const { id } = await s.createDocument({ title: 'Despatch' });
    const opened = await s.openDocument({ id });
    const step = new Transform(Node.fromJSON(schema, opened.doc)).insert(1, schema.text('x')).steps[0]!.toJSON();
    expect(await s.pushSteps({ documentId: id, version: 0, clientID: 'a', steps: [step] })).toEqual({
      ok: true,
      version: 1,
    });
    expect(await s.pushSteps({ documentId: id, version: 0, clientID: 'b', steps: [step] })).toEqual({
      ok: false,
      reason: 'behind',
      version: 1,
    });
    const since = await s.stepsSince({ documentId: id, version: 0 });
    expect(since).toEqual({ version: 1, steps: [step], clientIDs: ['a'] });
  });

  it('rejects a step that does not apply as bad input, and keeps the document as it was', async () => {
    const s = service('bad-step.siglum');
    const { id } = await s.createDocument({ title: 'Despatch' });
    const outOfRange = { stepType: 'replace', from: 500, to: 500, slice: { content: [{ type: 'text', text: 'x' }] } };
    await expect(s.pushSteps({ documentId: id, version: 0, clientID: 'a', steps: [outOfRange] })).rejects.toMatchObject(
      {
        name: 'SiglumError',
        code: 'bad-input',
      },
    );
    const unknownNode = { stepType: 'replace', from: 0, to: 0, slice: { content: [{ type: 'script' }] } };
    await expect(
      s.pushSteps({ documentId: id, version: 0, clientID: 'a', steps: [unknownNode] }),
    ).rejects.toMatchObject({
      code: 'bad-input',
    });
    expect((await s.openDocument({ id })).version).toBe(0);
    expect((await s.stepsSince({ documentId: id, version: 0 })).steps).toEqual([]);
  });

  it('tells subscribers about committed steps and new documents', async () => {
    const s = service('events.siglum');
    const events: SiglumEvent[] = [];
    s.subscribe((e) => events.push(e));
    const { id } = await s.createDocument({ title: 'Despatch' });
    const client = await CollabClient.open(s, id, 'a');
    client.type('Sir:', 1);
    await client.sync();
    await vi.waitFor(() =>
      expect(events).toEqual([{ type: 'documents-changed' }, { type: 'steps', documentId: id, version: 1 }]),
    );
  });

  it('keeps every acknowledged step across closing and reopening the project', async () => {
    const path = 'reopen.siglum';
    const s = service(path);
    const { id } = await s.createDocument({ title: 'Despatch' });
    const client = await CollabClient.open(s, id, 'a');
    for (const word of ['Respectfully ', 'yours, ', 'Joseph C. Grew']) {
      client.type(word, client.state.doc.content.size - 1);
      await client.sync();
    }
    const live = client.state.doc.toJSON();
    s.close();

    const again = service(path, {});
    const reopened = await again.openDocument({ id });
    expect(reopened.doc).toEqual(live);
    expect(reopened.version).toBe(3);
    expect(client.state.doc.textContent).toBe('Respectfully yours, Joseph C. Grew');
  });
});

describe('snapshots', () => {
  it('snapshots a document as it is edited, and a reload (snapshot + later steps) equals the live document', async () => {
    const path = 'snapshots.siglum';
    const s = service(path, { create: true, snapshots: { everySteps: 5, idleMs: 60_000 } });
    const { id } = await s.createDocument({ title: 'Despatch' });
    const client = await CollabClient.open(s, id, 'a');
    for (let i = 0; i < 23; i++) {
      client.type(`word${i} `, client.state.doc.content.size - 1);
      await client.sync();
      await new Promise((r) => setImmediate(r));
    }
    const live = client.state.doc.toJSON();
    s.close();

    const db = new Database(tmp.file(path), { readonly: true });
    const versions = db
      .prepare('SELECT version FROM snapshots WHERE document_id = ? ORDER BY version')
      .pluck()
      .all(Number(id));
    db.close();
    // The first snapshot, and the one taken on close at the last version.
    expect(versions).toEqual([0, 23]);

    const again = service(path, {});
    expect((await again.openDocument({ id })).doc).toEqual(live);
  });

  it('rebuilds from an older snapshot plus the steps after it when the last snapshot was not taken', async () => {
    const path = 'replay.siglum';
    const s = service(path, { create: true, snapshots: { everySteps: 10, idleMs: 60_000 } });
    const { id } = await s.createDocument({ title: 'Despatch' });
    const client = await CollabClient.open(s, id, 'a');
    for (let i = 0; i < 14; i++) {
      client.type(`w${i} `, 1);
      await client.sync();
      await new Promise((r) => setImmediate(r));
    }
    // Reopen while the first service still holds the document: no snapshot at 14 yet.
    const db = new Database(tmp.file(path), { readonly: true });
    expect(db.prepare('SELECT max(version) FROM snapshots WHERE document_id = ?').pluck().get(Number(id))).toBe(10);
    db.close();
    const other = openService(tmp.file(path), { snapshots: { everySteps: 10, idleMs: 5 } });
    expect((await other.openDocument({ id })).doc).toEqual(client.state.doc.toJSON());
    // Having replayed steps, it snapshots once idle, so that the next load is short.
    const after = new Database(tmp.file(path), { readonly: true });
    await vi.waitFor(
      () =>
        expect(after.prepare('SELECT max(version) FROM snapshots WHERE document_id = ?').pluck().get(Number(id))).toBe(
          14,
        ),
      { timeout: 10_000 },
    );
    after.close();
    other.close();
  });
});

describe('another process on the same project', () => {
  it('is noticed: new documents and steps written elsewhere reach subscribers, and clients converge', async () => {
    const app = service('shared.siglum', { create: true, watchMs: 20 });
    const cli = openService(tmp.file('shared.siglum'));
    const { id } = await app.createDocument({ title: 'Despatch' });
    const here = await CollabClient.open(app, id, 'here');
    const there = await CollabClient.open(cli, id, 'there');
    const events: SiglumEvent[] = [];
    app.subscribe((e) => events.push(e));

    there.type('Written elsewhere. ', 1);
    await there.sync();
    await cli.createDocument({ title: 'Imported by the command line' });
    await vi.waitFor(() => expect(events).toContainEqual({ type: 'steps', documentId: id, version: 1 }), {
      timeout: 10_000,
    });
    expect(events).toContainEqual({ type: 'documents-changed' });

    here.type('Written here. ', 1);
    await here.sync();
    await there.pull();
    expect(here.state.doc.toJSON()).toEqual(there.state.doc.toJSON());
    // Both typed at the start; the later push is rebased after the earlier one.
    expect(here.state.doc.textContent).toBe('Written elsewhere. Written here. ');
    expect((await app.listDocuments({})).map((d) => d.title)).toContain('Imported by the command line');
    cli.close();
  });
});

describe('snapshots under pushes without a pause', () => {
  it('still snapshots every two intervals when no turn of the event loop comes between pushes', async () => {
    const path = 'burst.siglum';
    const s = service(path, { create: true, snapshots: { everySteps: 10, idleMs: 60_000 } });
    const { id } = await s.createDocument({ title: 'Despatch' });
    const client = await CollabClient.open(s, id, 'a');
    // Awaiting each push resolves in microtasks only: a deferred snapshot never gets its turn.
    for (let i = 0; i < 65; i++) {
      client.type('x', 1);
      await client.sync();
    }
    const db = new Database(tmp.file(path), { readonly: true });
    const versions = db
      .prepare('SELECT version FROM snapshots WHERE document_id = ? ORDER BY version')
      .pluck()
      .all(Number(id)) as number[];
    db.close();
    expect(versions[0]).toBe(0);
    // The newest is at most two intervals behind the document.
    expect(65 - versions.at(-1)!).toBeLessThan(20);
  });
});
