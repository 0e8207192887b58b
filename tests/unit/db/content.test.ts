import Database from 'better-sqlite3';
import { Node } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import { afterAll, describe, expect, it } from 'vitest';
import type { DocJSON, StepJSON } from '../../../edition/api.ts';
import { schema } from '../../../edition/schema.ts';
import { loadContent } from '../../../db/content.ts';
import { insertDocument, setDocumentVersion } from '../../../db/documents.ts';
import { emptyMeta } from '../../../db/meta.ts';
import { latestSnapshot, latestSnapshotVersion, putSnapshot } from '../../../db/snapshots.ts';
import { appendSteps, readSteps } from '../../../db/steps.ts';
import { Store, type StoreChange } from '../../../db/store.ts';
import { tempDir } from '../../integration/service/helpers.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const start = schema.node('doc', null, [
  schema.node('heading', null, [schema.text('No. 256')]),
  schema.node('paragraph'),
]);

/** Edits a document the way typing does: one small step at a time. */
function typingSteps(doc: Node, words: string[]): { steps: StepJSON[]; doc: Node } {
  const tr = new Transform(doc);
  for (const w of words) tr.insert(tr.doc.content.size - 1, schema.text(w));
  tr.addMark(1, 4, schema.marks.italic.create());
  return { steps: tr.steps.map((s) => s.toJSON() as StepJSON), doc: tr.doc };
}

function newDocument(store: Store, doc: Node): number {
  return store.write((tx) => {
    const info = insertDocument(tx, {
      collectionId: null,
      kind: 'document',
      title: 'Despatch',
      n: null,
      frameKey: null,
      meta: emptyMeta('Despatch'),
    });
    putSnapshot(tx, Number(info.id), 0, doc.toJSON() as DocJSON);
    return Number(info.id);
  });
}

describe('document content', () => {
  it('rebuilds a document from its latest snapshot and the steps after it, equal to the live document', () => {
    const store = Store.open(tmp.file('replay.siglum'), { create: true });
    const id = newDocument(store, start);
    const words = 'I have the honor to report that the Japanese press'.split(' ').map((w) => `${w} `);
    const first = typingSteps(start, words.slice(0, 5));
    const second = typingSteps(first.doc, words.slice(5));
    store.write((tx) => {
      appendSteps(tx, id, 0, first.steps, 'a');
      setDocumentVersion(tx, id, first.steps.length);
    });
    store.write((tx) => putSnapshot(tx, id, first.steps.length, first.doc.toJSON() as DocJSON));
    store.write((tx) => {
      appendSteps(tx, id, first.steps.length, second.steps, 'b');
      setDocumentVersion(tx, id, first.steps.length + second.steps.length);
    });

    const loaded = loadContent(store.db, id);
    expect(loaded.snapshotVersion).toBe(first.steps.length);
    expect(loaded.version).toBe(first.steps.length + second.steps.length);
    expect(loaded.doc.eq(second.doc)).toBe(true);
    expect(loaded.doc.textContent).toContain('the Japanese press');
    store.close();
  });

  it('keeps the first snapshot and the latest, dropping those between', () => {
    const store = Store.open(tmp.file('prune.siglum'), { create: true });
    const id = newDocument(store, start);
    const { steps, doc } = typingSteps(start, ['a', 'b', 'c']);
    store.write((tx) => {
      appendSteps(tx, id, 0, steps, 'a');
      setDocumentVersion(tx, id, steps.length);
      putSnapshot(tx, id, 2, start.toJSON() as DocJSON);
      putSnapshot(tx, id, steps.length, doc.toJSON() as DocJSON);
    });
    const versions = store.db
      .prepare('SELECT version FROM snapshots WHERE document_id = ? ORDER BY version')
      .pluck()
      .all(id);
    expect(versions).toEqual([0, steps.length]);
    expect(latestSnapshotVersion(store.db, id)).toBe(steps.length);
    store.close();
  });

  it('reads back the steps after a version with the clients that sent them', () => {
    const store = Store.open(tmp.file('log.siglum'), { create: true });
    const id = newDocument(store, start);
    const { steps } = typingSteps(start, ['x', 'y']);
    store.write((tx) => appendSteps(tx, id, 0, steps.slice(0, 1), 'a'));
    store.write((tx) => appendSteps(tx, id, 1, steps.slice(1), 'b'));
    expect(readSteps(store.db, id, 1)).toEqual({ steps: steps.slice(1), clientIDs: steps.slice(1).map(() => 'b') });
    store.close();
  });

  it('refuses a step log with a gap in it rather than loading a wrong document', () => {
    const store = Store.open(tmp.file('gap.siglum'), { create: true });
    const id = newDocument(store, start);
    const { steps } = typingSteps(start, ['x', 'y']);
    store.write((tx) => {
      appendSteps(tx, id, 0, steps.slice(0, 1), 'a');
      setDocumentVersion(tx, id, steps.length);
    });
    expect(() => loadContent(store.db, id)).toThrow(expect.objectContaining({ code: 'internal' }));
    store.close();
  });
});

describe('a snapshot given as UTF-8 bytes (a document from the import worker)', () => {
  const json = JSON.stringify({
    type: 'doc',
    content: [{ type: 'paragraph', content: [{ type: 'text', text: 'é “quoted” 漢字 𝔊' }] }],
  });

  /** Stores `json` as bytes in the project `name` (made first by `prepare`, if given) and reads the row back. */
  function storeBytes(name: string, prepare?: (path: string) => void): { type: string; doc: string; read: unknown } {
    const path = tmp.file(name);
    prepare?.(path);
    const store = Store.open(path, { create: true });
    try {
      const id = store.write((tx) => {
        const info = insertDocument(tx, {
          collectionId: null,
          kind: 'document',
          title: 'Letter',
          n: null,
          frameKey: null,
          meta: emptyMeta('Letter'),
        });
        putSnapshot(tx, Number(info.id), 0, Buffer.from(json));
        return Number(info.id);
      });
      const row = store.db.prepare('SELECT typeof(doc) AS type, doc FROM snapshots WHERE document_id = ?').get(id) as {
        type: string;
        doc: string;
      };
      return { ...row, read: latestSnapshot(store.db, id)?.doc };
    } finally {
      store.close();
    }
  }

  it('is kept as text, the same characters', () => {
    const row = storeBytes('bytes.siglum');
    expect(row.type).toBe('text');
    expect(row.doc).toBe(json);
    expect(row.read).toEqual(JSON.parse(json));
  });

  it('is kept as the same text in a file whose text is UTF-16', () => {
    const row = storeBytes('utf16.siglum', (path) => {
      const db = new Database(path);
      db.pragma("encoding = 'UTF-16le'");
      db.exec('CREATE TABLE t (x); DROP TABLE t'); // written, so the encoding is the file's
      db.close();
    });
    expect(row.type).toBe('text');
    expect(row.doc).toBe(json);
  });
});

describe('the write wrapper', () => {
  it('emits the changes of a transaction only after it commits, and none when it rolls back', () => {
    const store = Store.open(tmp.file('events.siglum'), { create: true });
    const seen: StoreChange[][] = [];
    store.onChange((c) => seen.push([...c]));
    const id = newDocument(store, start);
    expect(seen).toEqual([
      [
        { table: 'documents', documentId: id },
        { table: 'snapshots', documentId: id, version: 0 },
      ],
    ]);
    expect(() =>
      store.write((tx) => {
        insertDocument(tx, {
          collectionId: null,
          kind: 'document',
          title: 'Lost',
          n: null,
          frameKey: null,
          meta: emptyMeta('Lost'),
        });
        throw new Error('changed my mind');
      }),
    ).toThrow('changed my mind');
    expect(seen).toHaveLength(1);
    expect(store.db.prepare("SELECT count(*) FROM documents WHERE title = 'Lost'").pluck().get()).toBe(0);
    store.close();
  });

  it('turns a write that finds the file locked by another writer into a sentence saying to try again', () => {
    const path = tmp.file('busy.siglum');
    const holder = Store.open(path, { create: true });
    const waiter = Store.open(path);
    waiter.db.pragma('busy_timeout = 0');
    holder.db.prepare('BEGIN IMMEDIATE').run();
    expect(() => newDocument(waiter, start)).toThrow(
      expect.objectContaining({ name: 'SiglumError', code: 'io', message: expect.stringMatching(/busy.*Try again/) }),
    );
    holder.db.prepare('ROLLBACK').run();
    expect(newDocument(waiter, start)).toBeGreaterThan(0);
    waiter.close();
    holder.close();
  });
});
