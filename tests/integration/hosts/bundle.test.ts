/**
 * The desktop app's service bundle (dist/electron/service.cjs from electron/build.mjs)
 * runs: built into a temporary folder, started under Node the way Electron starts a
 * utility process (a `process.parentPort` that carries messages), and given
 * better-sqlite3's addon through SIGLUM_SQLITE_BINDING, as the desktop app does with
 * its Electron build. Here the addon is npm's Node build, since Node runs the bundle.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WireReply } from '../../../edition/protocol.ts';

const root = resolve(import.meta.dirname, '../../..');
const nodeAddon = join(
  dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')),
  'build',
  'Release',
  'better_sqlite3.node',
);
const teiFile = resolve(root, '../shared/corpus/frus/frus1938v03-d486-grew-3534.xml');

let dir: string;
let children: ChildProcess[] = [];

const HARNESS = `
const { EventEmitter } = require('node:events');
const port = new EventEmitter();
port.postMessage = (m) => process.send(m);
process.on('message', (m) => port.emit('message', { data: m }));
process.parentPort = port;
require(process.env.BUNDLE);
`;

function startService(project: string, addon: string) {
  const child = fork(join(dir, 'harness.cjs'), [project, 'seed'], {
    env: { ...process.env, BUNDLE: join(dir, 'dist', 'electron', 'service.cjs'), SIGLUM_SQLITE_BINDING: addon },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  children.push(child);
  let next = 0;
  const pending = new Map<number, (r: WireReply) => void>();
  const fatal = new Promise<{ code: string; message: string }>((resolveFatal) => {
    child.on('message', (m: { id?: number; reply?: WireReply; fatal?: { code: string; message: string } }) => {
      if (m.fatal) resolveFatal(m.fatal);
      if (m.id !== undefined && m.reply) pending.get(m.id)?.(m.reply);
    });
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  // A call the process can no longer answer fails at once with what it printed, not at the test's timeout.
  const call = (method: string, args: unknown) =>
    new Promise<WireReply>((resolveReply, rejectReply) => {
      pending.set(++next, resolveReply);
      child.send({ id: next, method, args });
      void exited.then((code) =>
        rejectReply(new Error(`the service exited (${code}) before answering ${method}: ${stderr.slice(0, 2000)}`)),
      );
    });
  return { call, fatal, exited, send: (m: unknown) => child.send(m as object) };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'siglum-bundle-'));
  // The bundle finds the sample despatch beside it, as it would in the app folder.
  symlinkSync(join(root, 'resources'), join(dir, 'resources'));
  writeFileSync(join(dir, 'harness.cjs'), HARNESS);
  mkdirSync(join(dir, 'dist'));
  execFileSync(
    process.execPath,
    [join(root, 'electron/build.mjs'), '--skip-native', '--outdir', join(dir, 'dist', 'electron')],
    {
      stdio: 'pipe',
    },
  );
});

afterEach(() => {
  for (const c of children) c.kill();
  children = [];
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the bundled service process', () => {
  it('builds main, a CommonJS preload and the service, with electron left to Electron', () => {
    const preload = readFileSync(join(dir, 'dist/electron/preload.cjs'), 'utf8');
    expect(preload).toContain('require("electron")');
    expect(preload).toContain('exposeInMainWorld');
    expect(preload).not.toMatch(/^import /m);
    expect(readFileSync(join(dir, 'dist/electron/main.cjs'), 'utf8')).toContain('registerSchemesAsPrivileged');
  });

  it('opens a new default project seeded with the sample despatch and answers calls', async () => {
    const service = startService(join(dir, 'seeded.siglum'), nodeAddon);
    const listed = await service.call('listDocuments', {});
    expect(listed.ok).toBe(true);
    expect(JSON.stringify(listed)).toContain('Grew');
    expect(await service.call('openDocument', { id: 'nothing' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });

  it('imports a FRUS TEI file through the bundled import worker', async () => {
    const service = startService(join(dir, 'tei.siglum'), nodeAddon);
    const imported = await service.call('importFiles', {
      files: [{ name: 'd486.xml', text: readFileSync(teiFile, 'utf8') }],
    });
    expect(imported).toMatchObject({ ok: true });
    expect(JSON.stringify(imported)).toContain('Grew');
    expect(existsSync(join(dir, 'dist/electron/importWorker.cjs'))).toBe(true);
    expect(existsSync(join(dir, 'dist/electron/indexWorker.cjs'))).toBe(true);
  });

  it('gives a malformed file its one-line parse error from the worker, with line and column', async () => {
    const service = startService(join(dir, 'bad.siglum'), nodeAddon);
    const reply = await service.call('importFiles', { files: [{ name: 'bad.xml', text: '<TEI>\n  <text></TEI>' }] });
    expect(reply).toMatchObject({ ok: false, error: { name: 'ParseError', code: 'parse-error' } });
    expect(JSON.stringify(reply)).toMatch(/bad\.xml:2:\d+/);
  });

  it('closes the project and exits when the main process asks it to shut down', async () => {
    const service = startService(join(dir, 'quit.siglum'), nodeAddon);
    expect((await service.call('createDocument', { title: 'Kept' })).ok).toBe(true);
    service.send({ shutdown: true });
    expect(await service.exited).toBe(0);
    const again = startService(join(dir, 'quit.siglum'), nodeAddon);
    expect(JSON.stringify(await again.call('listDocuments', {}))).toContain('Kept');
  });

  it('loads SQLite from the addon named by SIGLUM_SQLITE_BINDING, and reports when it is missing', async () => {
    const service = startService(join(dir, 'none.siglum'), join(dir, 'missing', 'better_sqlite3.node'));
    const fatal = await service.fatal;
    expect(fatal.message).toContain(join(dir, 'missing', 'better_sqlite3.node'));
  });
});
