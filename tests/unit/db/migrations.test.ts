import Database from 'better-sqlite3';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { openProjectDatabase } from '../../../db/connection.ts';
import { APPLICATION_ID } from '../../../db/migrate.ts';
import { LATEST_VERSION, MIGRATIONS, type Migration } from '../../../db/migrations/index.ts';
import { Store } from '../../../db/store.ts';
import { ensureProject, getProject } from '../../../db/project.ts';
import { insertDocument, listDocuments } from '../../../db/documents.ts';
import { emptyMeta } from '../../../db/meta.ts';
import { tempDir } from '../../integration/service/helpers.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** A later migration, for testing the upgrade path before a real one exists. */
const addNotes: Migration = {
  version: LATEST_VERSION + 1,
  name: 'test-notes',
  sql: 'CREATE TABLE test_notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL); ALTER TABLE documents ADD COLUMN test_flag INTEGER NOT NULL DEFAULT 7;',
};

function tables(db: Database.Database): string[] {
  return db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];
}

/** Opens and closes an existing file, expecting a refusal; returns the error. */
function refusal(path: string): unknown {
  try {
    openProjectDatabase(path).db.close();
  } catch (e) {
    return e;
  }
  throw new Error(`${path} was opened, not refused`);
}

describe('opening a project file', () => {
  it('creates a new file at the latest version, stamped as a Siglum project, with the connection set for durability', () => {
    const { db, created } = openProjectDatabase(tmp.file('fresh.siglum'), { create: true });
    expect(created).toBe(true);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    // Later migrations add tables of their own; these are the first layout's and the register's.
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        'collections',
        'documents',
        'entities',
        'project',
        'snapshots',
        'steps',
        'suggestion_rejections',
      ]),
    );
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    db.close();
  });

  it('sets synchronous=FULL again on reopening, since SQLite does not keep it in the file', () => {
    const path = tmp.file('reopen.siglum');
    openProjectDatabase(path, { create: true }).db.close();
    const { db, created } = openProjectDatabase(path);
    expect(created).toBe(false);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('says there is no project when the file is missing and creating was not asked for', () => {
    const path = tmp.file('missing.siglum');
    expect(refusal(path)).toMatchObject({ name: 'SiglumError', code: 'not-found' });
    expect(existsSync(path)).toBe(false);
  });

  it('upgrades a file from every earlier version, keeping its content', () => {
    for (let k = 1; k <= LATEST_VERSION; k++) {
      const path = tmp.file(`from-${k}.siglum`);
      const old = Store.open(path, { create: true, migrations: MIGRATIONS.slice(0, k) });
      old.write((tx) => {
        ensureProject(tx, `Made at version ${k}`);
        insertDocument(tx, {
          collectionId: null,
          kind: 'document',
          title: 'Despatch 256',
          n: null,
          frameKey: null,
          meta: emptyMeta('Despatch 256'),
        });
      });
      old.close();
      const store = Store.open(path, { migrations: [...MIGRATIONS, addNotes] });
      expect(store.db.pragma('user_version', { simple: true })).toBe(addNotes.version);
      expect(getProject(store.db)?.title).toBe(`Made at version ${k}`);
      expect(listDocuments(store.db).map((d) => d.title)).toEqual(['Despatch 256']);
      expect(store.db.prepare('SELECT test_flag FROM documents').pluck().get()).toBe(7);
      store.close();
    }
  });

  it('runs each migration with its version bump in one transaction: a failing one leaves the file at the version before', () => {
    const path = tmp.file('half.siglum');
    openProjectDatabase(path, { create: true }).db.close();
    const broken: Migration = {
      version: LATEST_VERSION + 1,
      name: 'broken',
      sql: 'CREATE TABLE test_half (x); INSERT INTO no_such_table VALUES (1);',
    };
    expect(() => openProjectDatabase(path, { migrations: [...MIGRATIONS, broken] })).toThrow(/no_such_table/);
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(tables(db)).not.toContain('test_half');
    db.close();
  });
});

describe('refusing files it must not touch', () => {
  function snapshotOf(path: string): { bytes: Buffer; mtimeMs: number } {
    return { bytes: readFileSync(path), mtimeMs: statSync(path).mtimeMs };
  }

  it('refuses a file from a newer Siglum with a sentence saying to update, and leaves its bytes unchanged', () => {
    const path = tmp.file('newer.siglum');
    const db = openProjectDatabase(path, { create: true }).db;
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.pragma('journal_mode = DELETE');
    db.close();
    const before = snapshotOf(path);

    const e = refusal(path);
    expect(e).toMatchObject({ name: 'SiglumError', code: 'newer-version' });
    expect((e as Error).message).toMatch(/newer version of Siglum.*Update Siglum/);
    expect(snapshotOf(path)).toEqual(before);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('leaves a newer file in WAL mode unchanged too', () => {
    const path = tmp.file('newer-wal.siglum');
    const db = openProjectDatabase(path, { create: true }).db;
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    expect(new Database(path, { readonly: true }).pragma('journal_mode', { simple: true })).toBe('wal');
    const before = snapshotOf(path);
    expect(refusal(path)).toMatchObject({ code: 'newer-version' });
    expect(snapshotOf(path)).toEqual(before);
  });

  it('refuses an SQLite file of another application, and leaves its bytes unchanged', () => {
    const path = tmp.file('other.db');
    const db = new Database(path);
    db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('keep me');");
    db.close();
    const before = snapshotOf(path);

    const e = refusal(path);
    expect(e).toMatchObject({ name: 'SiglumError', code: 'not-a-project' });
    expect((e as Error).message).toMatch(/is not a Siglum project\. Choose/);
    expect(snapshotOf(path)).toEqual(before);
  });

  it("refuses a file with Siglum's stamp but without its tables", () => {
    const path = tmp.file('stamped.siglum');
    const db = new Database(path);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma('user_version = 1');
    db.exec('CREATE TABLE project (id INTEGER PRIMARY KEY)');
    db.close();
    const before = snapshotOf(path);
    expect(refusal(path)).toMatchObject({ code: 'not-a-project' });
    expect(snapshotOf(path)).toEqual(before);
  });

  it('refuses a file that is not SQLite at all, even when asked to create, and leaves it unchanged', () => {
    const path = tmp.file('letter.siglum');
    writeFileSync(path, 'Sir: I have the honor to report that this is a text file.\n'.repeat(200));
    const before = snapshotOf(path);
    expect(() => openProjectDatabase(path, { create: true })).toThrow(
      expect.objectContaining({ code: 'not-a-project' }),
    );
    expect(snapshotOf(path)).toEqual(before);
  });

  it('refuses an empty file as damaged, even when asked to create a project in it', () => {
    const path = tmp.file('empty.siglum');
    writeFileSync(path, '');
    expect(refusal(path)).toMatchObject({ code: 'damaged' });
    expect(() => openProjectDatabase(path, { create: true })).toThrow(expect.objectContaining({ code: 'damaged' }));
    expect(statSync(path).size).toBe(0);
  });
});
