/**
 * The collab client against a dummy server that answers each request the moment it
 * arrives but lets the test decide when each answer and each 'steps' event reaches
 * the window (prosemirror-collab's test/test-collab.ts drives its clients the same
 * way). So orderings that the network makes rare happen on purpose here.
 */
import { collab, getVersion } from 'prosemirror-collab';
import type { Node as PMNode } from 'prosemirror-model';
import { EditorState, type Transaction } from 'prosemirror-state';
import { Step } from 'prosemirror-transform';
import { describe, expect, it, vi } from 'vitest';
import type { PushResult, SiglumApi, StepBatch, StepJSON, StepsSince } from '../../../edition/api.ts';
import { schema } from '../../../edition/schema.ts';
import { CollabSync } from '../../../renderer/editor/collab.ts';
import { doc, p } from './build.ts';

type Api = Pick<SiglumApi, 'pushSteps' | 'stepsSince'>;

class DummyServer {
  log: Array<{ step: StepJSON; clientID: string }> = [];
  doc: PMNode = doc(p('Sir: During the month'));
  /** Answers computed but not yet delivered, per window. */
  readonly answers = new Map<string, Array<() => void>>();
  /** 'steps' events not yet delivered, per window. */
  readonly events = new Map<string, number[]>();

  /** The API as window `name` sees it. */
  api(name: string): Api {
    const later = <T>(value: T): Promise<T> =>
      new Promise((resolve) => this.queue(this.answers, name).push(() => resolve(value)));
    return {
      pushSteps: (batch: StepBatch) => later(this.push(batch)),
      stepsSince: (args) => later(this.since(args.version)),
    };
  }

  private queue<T>(map: Map<string, T[]>, name: string): T[] {
    let q = map.get(name);
    if (q === undefined) map.set(name, (q = []));
    return q;
  }

  private push(batch: StepBatch): PushResult {
    if (batch.version !== this.log.length) return { ok: false, reason: 'behind', version: this.log.length };
    for (const json of batch.steps) {
      const result = Step.fromJSON(schema, json).apply(this.doc);
      if (!result.doc) throw new Error(result.failed ?? 'step failed');
      this.doc = result.doc;
      this.log.push({ step: json, clientID: batch.clientID });
    }
    for (const name of this.answers.keys()) this.queue(this.events, name).push(this.log.length);
    return { ok: true, version: this.log.length };
  }

  private since(version: number): StepsSince {
    const since = this.log.slice(version);
    return { version: this.log.length, steps: since.map((e) => e.step), clientIDs: since.map((e) => e.clientID) };
  }

  /** Delivers the oldest answer waiting for `name`; false if none. */
  answer(name: string): boolean {
    const next = this.answers.get(name)?.shift();
    next?.();
    return next !== undefined;
  }

  waiting(name: string): number {
    return this.answers.get(name)?.length ?? 0;
  }
}

function windowOn(server: DummyServer, name: string) {
  server.answers.set(name, []);
  let state = EditorState.create({ doc: server.doc, plugins: [collab({ version: 0, clientID: name })] });
  const sync = new CollabSync(server.api(name), 'd1', {
    getState: () => state,
    apply: (tr: Transaction) => {
      state = state.apply(tr);
    },
    onStatus: () => undefined,
  });
  return {
    sync,
    get state() {
      return state;
    },
    type(text: string) {
      state = state.apply(state.tr.insertText(text, state.doc.content.size - 1));
      sync.localChange();
    },
    /** Delivers the 'steps' events the server sent this window so far. */
    events() {
      for (const v of server.events.get(name)?.splice(0) ?? []) sync.remoteVersion(v);
    },
  };
}

/** Waits until `name` has sent a request (a push starts once a frame, or 50 ms, has passed). */
async function requestFrom(server: DummyServer, name: string): Promise<void> {
  await vi.waitFor(() => expect(server.waiting(name)).toBeGreaterThan(0), { timeout: 5000, interval: 5 });
}

/** Answers everything `name` asks until it has nothing more to ask (flushing promise turns between). */
async function drain(server: DummyServer, name: string): Promise<void> {
  for (let turns = 0; turns < 50; turns++) {
    server.answer(name);
    await new Promise<void>((r) => setImmediate(r));
  }
}

describe('collab sync when answers and events cross', () => {
  it('fetches again when a newer version is announced while a fetch is in flight', async () => {
    const server = new DummyServer();
    const a = windowOn(server, 'a');
    const b = windowOn(server, 'b');

    a.type(' of December');
    await requestFrom(server, 'a');
    server.answer('a'); // committed: version 1, announced to b
    b.events(); // b fetches; the server reads version 1 for it now
    expect(server.waiting('b')).toBe(1);

    a.type(', 1932');
    await vi.waitFor(() => expect(server.log).toHaveLength(2), { timeout: 5000, interval: 5 });
    await drain(server, 'a');
    b.events(); // version 2 announced while b's fetch of version 1 is still on its way

    await drain(server, 'b');
    expect(server.doc.textContent).toBe('Sir: During the month of December, 1932');
    expect(getVersion(b.state)).toBe(2);
    expect(b.state.doc.eq(server.doc)).toBe(true);
  });

  it('fetches again after a failed fetch, once it is retried', async () => {
    const server = new DummyServer();
    const a = windowOn(server, 'a');
    let failing = true;
    const api = server.api('b');
    let state = EditorState.create({ doc: server.doc, plugins: [collab({ version: 0, clientID: 'b' })] });
    let status = 'saved';
    const b = new CollabSync(
      {
        pushSteps: api.pushSteps,
        stepsSince: (args) => (failing ? Promise.reject(new Error('offline')) : api.stepsSince(args)),
      },
      'd1',
      { getState: () => state, apply: (tr) => void (state = state.apply(tr)), onStatus: (s) => (status = s) },
    );
    a.type(' of December');
    await requestFrom(server, 'a');
    server.answer('a');
    b.remoteVersion(1);
    await vi.waitFor(() => expect(status).toBe('offline'), { timeout: 5000, interval: 5 });
    failing = false;
    b.retry();
    await requestFrom(server, 'b');
    await drain(server, 'b');
    expect(getVersion(state)).toBe(1);
    b.dispose();
  });
});
