import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../../db/content.ts';
import { Store } from '../../../db/store.ts';
import { openService } from '../../../electron/service/index.ts';
import { tempDir } from './helpers.ts';

const here = dirname(fileURLToPath(import.meta.url));
const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** Starts a writer child that pushes words into `id`; resolves once it has acknowledged its first step. */
function startWriter(path: string, id: string): Promise<{ child: ChildProcess; acked: () => number }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'writer-child.ts'), 'steps', path, id], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let last = 0;
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      const lines = d.toString().trim().split('\n');
      last = Number(lines.at(-1));
      resolvePromise({ child, acked: () => last });
    });
    child.on('exit', (code, signal) => {
      if (signal === null) reject(new Error(`writer exited with ${code}: ${stderr}`));
    });
  });
}

describe('two processes on one project', () => {
  it('loads documents another process is writing to without ever calling them damaged', async () => {
    const path = tmp.file('shared.siglum');
    const setup = openService(path, { create: true });
    const ids = [(await setup.createDocument({ title: 'One' })).id, (await setup.createDocument({ title: 'Two' })).id];
    setup.close();

    // Each writer snapshots every 7 steps, so snapshots are added and dropped under the reader too.
    const writers = await Promise.all(ids.map((id) => startWriter(path, id)));
    const store = Store.open(path);
    const reader = openService(path);
    let loads = 0;
    try {
      // Until each writer has committed 300 more steps while this process reads.
      const target = writers.map((w) => w.acked() + 300);
      while (writers.some((w, i) => w.acked() < target[i]!)) {
        for (const id of ids) {
          const loaded = loadContent(store.db, Number(id));
          expect(loaded.doc.textContent).toContain('w0 ');
          // Through the service too: a fresh authority each time reads snapshot and steps.
          const opened = await reader.openDocument({ id });
          expect(opened.version).toBeGreaterThan(0);
          await reader.stepsSince({ documentId: id, version: 0 });
          loads++;
        }
        // Let the writers' output in.
        await new Promise<void>((r) => setImmediate(r));
      }
    } finally {
      for (const w of writers) w.child.kill('SIGKILL');
      reader.close();
      store.close();
    }
    expect(loads).toBeGreaterThan(50);
  });
});
