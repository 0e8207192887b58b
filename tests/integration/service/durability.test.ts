import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Node } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import { afterAll, describe, expect, it } from 'vitest';
import type { DocJSON } from '../../../edition/api.ts';
import { schema } from '../../../edition/schema.ts';
import { loadContent } from '../../../db/content.ts';
import { insertDocument } from '../../../db/documents.ts';
import { emptyMeta } from '../../../db/meta.ts';
import { putSnapshot } from '../../../db/snapshots.ts';
import { Store } from '../../../db/store.ts';
import { CollabAuthority } from '../../../electron/service/authority.ts';
import { importFiles } from '../../../electron/service/importer.ts';
import { wireFile } from '../../../electron/service/import-source.ts';
import { openService } from '../../../electron/service/index.ts';
import { importTei } from '../../../edition/tei/index.ts';
import { readFileSync } from 'node:fs';
import { tempDir } from './helpers.ts';

const here = dirname(fileURLToPath(import.meta.url));
const tmp = tempDir();
afterAll(() => tmp.cleanup());

function newDocument(store: Store): number {
  return store.write((tx) => {
    const info = insertDocument(tx, {
      collectionId: null,
      kind: 'document',
      title: 'Despatch',
      n: null,
      frameKey: null,
      meta: emptyMeta('Despatch'),
    });
    putSnapshot(tx, Number(info.id), 0, schema.node('doc', null, [schema.node('paragraph')]).toJSON() as DocJSON);
    return Number(info.id);
  });
}

function typeAtEnd(authority: CollabAuthority, id: number, text: string): ReturnType<CollabAuthority['push']> {
  const { doc, version } = authority.document(id);
  const tr = new Transform(doc).insert(doc.content.size - 1, schema.text(text));
  return authority.push(
    id,
    version,
    tr.steps.map((s) => s.toJSON()),
    'a',
  );
}

describe('a full disk', () => {
  it('gives a sentence saying the disk is full, and loses no step committed before', async () => {
    const path = tmp.file('full.siglum');
    const store = Store.open(path, { create: true });
    const id = newDocument(store);
    const authority = new CollabAuthority(store);
    for (const w of ['Tokyo, ', 'January 13, ', '1933. ']) expect(typeAtEnd(authority, id, w).ok).toBe(true);

    const pages = store.db.pragma('page_count', { simple: true }) as number;
    store.db.pragma(`max_page_count = ${pages}`);
    const bigPaste = 'The Japanese press continues to discuss the situation. '.repeat(4000);
    let caught: unknown;
    try {
      typeAtEnd(authority, id, bigPaste);
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({ name: 'SiglumError', code: 'io' });
    expect((caught as Error).message).toMatch(/disk holding "full\.siglum" is full.*Free some disk space/);
    expect(authority.document(id).version).toBe(3);

    const seed = { name: 'big.txt', text: `Sir:\n\n${bigPaste}\n` };
    await expect(
      importFiles(
        store,
        authority,
        async (f) => ({
          title: f.name,
          meta: emptyMeta(f.name),
          doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: bigPaste }] }] },
        }),
        [wireFile(seed)],
      ),
    ).rejects.toMatchObject({ code: 'io' });
    authority.close();
    store.close();

    const reopened = Store.open(path);
    expect(reopened.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const loaded = loadContent(reopened.db, id);
    expect(loaded.version).toBe(3);
    expect(loaded.doc.textContent).toBe('Tokyo, January 13, 1933. ');
    expect(reopened.db.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(1);
    reopened.close();
  });
});

/**
 * Runs the writer child and kills it (SIGKILL) once `killWhen` says so for a line it
 * printed. Resolves with every line it printed; rejects if it ended any other way.
 */
function runAndKill(args: string[], killWhen: (line: string, child: ChildProcess) => void): Promise<string[]> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'writer-child.ts'), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const complete = buffer.split('\n');
      buffer = complete.pop() ?? '';
      for (const line of complete) {
        lines.push(line);
        killWhen(line, child);
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' || code === 0) resolvePromise(lines);
      else reject(new Error(`writer exited with ${code}: ${stderr}`));
    });
  });
}

/** Starts the step writer, waits for `acks` acknowledged versions, kills it; returns the last one it saw. */
async function killWriterAfter(path: string, id: string, acks: number): Promise<number> {
  let seen = 0;
  const lines = await runAndKill(['steps', path, id], (_line, child) => {
    if (++seen === acks) child.kill('SIGKILL');
  });
  return Number(lines.at(-1));
}

describe('a crash while writing', () => {
  it('loses no acknowledged step when the process is killed (kill -9) in the middle of writing', async () => {
    const path = tmp.file('killed.siglum');
    const setup = openService(path, { create: true });
    const { id } = await setup.createDocument({ title: 'Despatch' });
    setup.close();

    let acknowledged = 0;
    for (const acks of [37, 12, 53, 5, 29]) {
      acknowledged = await killWriterAfter(path, id, acks);
      const db = new Database(path, { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
      const store = Store.open(path);
      const { doc, version } = loadContent(store.db, Number(id));
      store.close();
      expect(version).toBeGreaterThanOrEqual(acknowledged);
      const text = doc.textContent;
      for (let v = 0; v < acknowledged; v++) expect(text).toContain(`w${v} `);
      expect(Node.fromJSON(schema, doc.toJSON()).eq(doc)).toBe(true);
    }
    expect(acknowledged).toBeGreaterThan(100);
  });
});

describe('a crash while importing', () => {
  it('leaves either the whole volume or none of it when the process is killed (kill -9) during the import', async () => {
    const name = 'frus1952-54Guat.xml';
    const parsed = importTei(readFileSync(join(here, '../../../../shared/corpus/frus', name), 'utf8'), name);
    const parsedFile = tmp.file('parsed.json');
    writeFileSync(parsedFile, JSON.stringify(parsed));
    const path = tmp.file('import-killed.siglum');
    openService(path, { create: true }).close();

    const walSize = (): number => (existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0);

    /**
     * Runs one import; with `kill`, kills it as soon as its transaction has started
     * writing pages to the WAL (before it can have committed). Checks the file after.
     */
    async function round(kill: boolean): Promise<{ volumes: number; done: boolean }> {
      let watch: ReturnType<typeof setInterval> | undefined;
      const lines = await runAndKill(['import', path, parsedFile], (line, child) => {
        if (line !== 'parsed' || !kill) return;
        const before = walSize();
        watch = setInterval(() => {
          if (walSize() > before) child.kill('SIGKILL');
        }, 1);
      });
      clearInterval(watch);
      const db = new Database(path, { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const counts = db
        .prepare(
          'SELECT (SELECT count(*) FROM collections), (SELECT count(*) FROM documents), (SELECT count(*) FROM snapshots)',
        )
        .raw()
        .get() as number[];
      db.close();
      const volumes = counts[0]!;
      // Each committed import adds one volume, all its documents and one snapshot each: never a part.
      expect(counts).toEqual([volumes, volumes * parsed.documents.length, volumes * parsed.documents.length]);
      return { volumes, done: lines.includes('done') };
    }

    expect(await round(false)).toEqual({ volumes: 1, done: true });
    let volumes = 1;
    let rolledBack = 0;
    for (let i = 0; i < 3; i++) {
      const r = await round(true);
      // Killed before its commit: none of it; killed after: all of it.
      expect((r.volumes === volumes && !r.done) || r.volumes === volumes + 1).toBe(true);
      if (r.volumes === volumes) rolledBack++;
      volumes = r.volumes;
    }
    expect(rolledBack).toBeGreaterThan(0);
    const store = Store.open(path);
    for (const d of store.db.prepare('SELECT id FROM documents').pluck().all() as number[]) loadContent(store.db, d);
    store.close();
  });
});
