/**
 * The register's tables: entries read back as they went in, xml:ids handed out by
 * an export stay, rejections follow their entity and their document.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateEntity } from '../../../edition/entities/index.ts';
import { insertCollection, deleteCollection } from '../../../db/collections.ts';
import { insertDocument } from '../../../db/documents.ts';
import {
  deleteEntity,
  entitiesWithXmlId,
  entityRowId,
  getEntityRecord,
  insertEntity,
  listEntityRecords,
  setXmlIds,
  updateEntity,
} from '../../../db/entities.ts';
import { emptyMeta } from '../../../db/meta.ts';
import { addRejection, moveRejections, rejectionsOf } from '../../../db/rejections.ts';
import { Store, type StoreChange } from '../../../db/store.ts';

const dir = mkdtempSync(join(tmpdir(), 'siglum-entities-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = (): Store => Store.open(join(dir, `p${++n}.siglum`), { create: true });

const grew = validateEntity({
  id: 'x',
  type: 'person',
  name: 'Joseph C. Grew',
  altNames: ['Grew'],
  dates: { birth: '1880-05-27', death: '1965-05-25' },
  authority: { viaf: '19684357', wikidata: 'Q312549' },
  description: 'United States Ambassador to Japan',
});
const tokyo = validateEntity({ id: 'x', type: 'place', name: 'Tokyo', coordinates: { lat: 35.6895, long: 139.69171 } });

describe('the entities table', () => {
  it('reads an entry back with every field as it was written, under a new id', () => {
    const store = fresh();
    const changes: StoreChange[] = [];
    store.onChange((c) => changes.push(...c));
    const [a, b] = store.write((tx) => [insertEntity(tx, grew), insertEntity(tx, tokyo)]);
    expect(changes).toContainEqual({ table: 'entities' });
    expect(getEntityRecord(store.db, entityRowId(a!.id))).toEqual({
      entity: { ...grew, id: a!.id },
      listCollectionId: null,
    });
    expect(listEntityRecords(store.db).map((r) => r.entity)).toEqual([
      { ...grew, id: a!.id },
      { ...tokyo, id: b!.id },
    ]);
    store.close();
  });

  it('keeps the xml:ids an export handed out, across a rename', () => {
    const store = fresh();
    const e = store.write((tx) => insertEntity(tx, grew));
    store.write((tx) => setXmlIds(tx, new Map([[e.id, 'pers_joseph_c_grew']])));
    store.write((tx) =>
      updateEntity(tx, { ...getEntityRecord(store.db, entityRowId(e.id)).entity, name: 'Grew, Joseph C.' }),
    );
    const again = getEntityRecord(store.db, entityRowId(e.id)).entity;
    expect(again.name).toBe('Grew, Joseph C.');
    expect(again.xmlId).toBe('pers_joseph_c_grew');
    expect(entitiesWithXmlId(store.db, 'pers_joseph_c_grew').map((r) => r.entity.id)).toEqual([e.id]);
    store.close();
  });

  it('frees an entry from its volume’s list when the volume is deleted, and refuses unknown ids', () => {
    const store = fresh();
    const volume = store.write((tx) =>
      insertCollection(tx, { title: 'V', kind: 'volume', frame: null, meta: emptyMeta('V') }),
    );
    const e = store.write((tx) => insertEntity(tx, grew, volume));
    expect(getEntityRecord(store.db, entityRowId(e.id)).listCollectionId).toBe(volume);
    store.write((tx) => deleteCollection(tx, volume));
    expect(getEntityRecord(store.db, entityRowId(e.id)).listCollectionId).toBeNull();
    expect(() => getEntityRecord(store.db, 999)).toThrow(expect.objectContaining({ code: 'not-found' }));
    expect(() => entityRowId('abc')).toThrow(expect.objectContaining({ code: 'not-found' }));
    store.close();
  });
});

describe('the suggestion_rejections table', () => {
  it('remembers a rejection once, moves it on merge, and drops it with its entity or document', () => {
    const store = fresh();
    const doc = store.write((tx) =>
      insertDocument(tx, {
        collectionId: null,
        kind: 'document',
        title: 'D',
        n: null,
        frameKey: null,
        meta: emptyMeta('D'),
      }),
    );
    const docId = Number(doc.id);
    const [a, b] = store.write((tx) => [insertEntity(tx, grew), insertEntity(tx, tokyo)]);
    const [ida, idb] = [entityRowId(a!.id), entityRowId(b!.id)];
    store.write((tx) => {
      addRejection(tx, idb, docId, 'Grew', 'h1');
      addRejection(tx, idb, docId, 'Grew', 'h1');
    });
    expect(rejectionsOf(store.db, idb)).toEqual([{ documentId: doc.id, text: 'Grew', contextHash: 'h1' }]);
    store.write((tx) => {
      moveRejections(tx, idb, ida);
      deleteEntity(tx, idb);
    });
    expect(rejectionsOf(store.db, idb)).toEqual([]);
    expect(rejectionsOf(store.db, ida)).toEqual([{ documentId: doc.id, text: 'Grew', contextHash: 'h1' }]);
    store.db.prepare('DELETE FROM documents WHERE id = ?').run(docId);
    expect(rejectionsOf(store.db, ida)).toEqual([]);
    store.close();
  });
});
