/**
 * The write gate a background writer waits on (Store.writeGate, waitForWriters): raised
 * while the store writes, lowered after, also when the write fails; a thread waiting
 * on it goes on only once the store is done.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { Store } from '../../../db/store.ts';

const dir = mkdtempSync(join(tmpdir(), 'siglum-gate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the write gate', () => {
  it('is raised while the store writes and lowered after, also when the write throws', () => {
    const store = Store.open(join(dir, 'gate.siglum'), { create: true });
    const gate = new Int32Array(store.writeGate());
    expect(Atomics.load(gate, 0)).toBe(0);
    const inside = store.write(() => store.write(() => Atomics.load(gate, 0)));
    expect(inside).toBe(1);
    expect(Atomics.load(gate, 0)).toBe(0);
    expect(() =>
      store.write(() => {
        throw new RangeError('a failed write');
      }),
    ).toThrow('a failed write');
    expect(Atomics.load(gate, 0)).toBe(0);
    store.close();
  });

  it('holds a waiting thread until the store has finished writing', async () => {
    const store = Store.open(join(dir, 'wait.siglum'), { create: true });
    const shared = store.writeGate();
    const order = new Int32Array(new SharedArrayBuffer(8));
    // The thread waits as waitForWriters does, then notes whether the store was still writing.
    const worker = new Worker(
      `const { workerData } = require('node:worker_threads');
       const gate = new Int32Array(workerData.gate); const order = new Int32Array(workerData.order);
       Atomics.store(order, 0, 1); Atomics.notify(order, 0);
       for (let n = Atomics.load(gate, 0); n > 0; n = Atomics.load(gate, 0)) Atomics.wait(gate, 0, n, 100);
       Atomics.store(order, 1, Atomics.load(order, 1) === 1 ? 2 : -1);`,
      { eval: true, workerData: { gate: shared, order: order.buffer } },
    );
    store.write(() => {
      // The thread has started and is waiting on the gate while this write runs.
      while (Atomics.load(order, 0) === 0) Atomics.wait(order, 0, 0, 100);
      expect(Atomics.load(order, 1)).toBe(0);
      Atomics.store(order, 1, 1); // the write's last act
    });
    await new Promise((resolve) => worker.once('exit', resolve));
    expect(Atomics.load(order, 1)).toBe(2);
    store.close();
  });
});
