import { Node } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import { afterAll, describe, expect, it } from 'vitest';
import type { DocJSON } from '../../../edition/api.ts';
import { schema } from '../../../edition/schema.ts';
import { insertDocument } from '../../../db/documents.ts';
import { emptyMeta } from '../../../db/meta.ts';
import { latestSnapshotVersion, putSnapshot } from '../../../db/snapshots.ts';
import { Store } from '../../../db/store.ts';
import { CollabAuthority } from '../../../electron/service/authority.ts';
import { tempDir } from './helpers.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

function newDocument(store: Store, title: string): number {
  return store.write((tx) => {
    const info = insertDocument(tx, {
      collectionId: null,
      kind: 'document',
      title,
      n: null,
      frameKey: null,
      meta: emptyMeta(title),
    });
    putSnapshot(tx, Number(info.id), 0, schema.node('doc', null, [schema.node('paragraph')]).toJSON() as DocJSON);
    return Number(info.id);
  });
}

function typeAtEnd(authority: CollabAuthority, id: number, text: string): void {
  const { doc, version } = authority.document(id);
  const tr = new Transform(doc).insert(doc.content.size - 1, schema.text(text));
  expect(
    authority.push(
      id,
      version,
      tr.steps.map((s) => s.toJSON()),
      'a',
    ),
  ).toEqual({ ok: true, version: version + 1 });
}

describe('documents held in memory', () => {
  it('lets the least recently used go beyond the limit, snapshotting it first, and reloads it when needed', () => {
    const store = Store.open(tmp.file('lru.siglum'), { create: true });
    const authority = new CollabAuthority(store, { everySteps: 1000, idleMs: 60_000 }, 2);
    const [a, b, c] = ['A', 'B', 'C'].map((t) => newDocument(store, t)) as [number, number, number];
    typeAtEnd(authority, a, 'first ');
    typeAtEnd(authority, b, 'second ');
    typeAtEnd(authority, a, 'again ');
    expect(latestSnapshotVersion(store.db, b)).toBe(0);
    typeAtEnd(authority, c, 'third '); // b is now the least recently used: it goes

    expect(latestSnapshotVersion(store.db, b)).toBe(1);
    expect(latestSnapshotVersion(store.db, a)).toBe(0);
    typeAtEnd(authority, b, 'back ');
    expect(authority.document(b).doc.textContent).toBe('second back ');
    expect(authority.document(a).doc.textContent).toBe('first again ');
    authority.close();
    store.close();
  });

  it('answers "behind" when another connection committed steps to the document since it was loaded', () => {
    const path = tmp.file('two.siglum');
    const one = Store.open(path, { create: true });
    const two = Store.open(path);
    const id = newDocument(one, 'Shared');
    const here = new CollabAuthority(one);
    const there = new CollabAuthority(two);
    const stale = Node.fromJSON(schema, here.document(id).doc.toJSON());
    typeAtEnd(there, id, 'from elsewhere ');

    const tr = new Transform(stale).insert(1, schema.text('from here '));
    expect(
      here.push(
        id,
        0,
        tr.steps.map((s) => s.toJSON()),
        'b',
      ),
    ).toEqual({ ok: false, reason: 'behind', version: 1 });
    expect(here.stepsSince(id, 0).clientIDs).toEqual(['a']);
    here.close();
    there.close();
    two.close();
    one.close();
  });
});
