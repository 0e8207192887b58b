import { collab } from 'prosemirror-collab';
import { EditorState, type Transaction } from 'prosemirror-state';
import { Transform } from 'prosemirror-transform';
import { describe, expect, it, vi } from 'vitest';
import type { PushResult, StepJSON, StepsSince } from '../../../edition/api.ts';
import { SiglumError } from '../../../edition/errors.ts';
import { schema } from '../../../edition/schema.ts';
import { CollabSync, type SaveStatus, type Unsent } from '../../../renderer/editor/collab.ts';
import {
  adoptCarriedUnsent,
  carryUnsent,
  findUnsent,
  serveAddress,
  rebaseUnsent,
  removeUnsent,
  storeUnsent,
  type UnsentStorage,
} from '../../../renderer/editor/unsent.ts';
import { doc, p } from './build.ts';

/** localStorage's interface over a Map. */
class MemoryStorage implements UnsentStorage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

const stepsOf = (tr: Transform): StepJSON[] => tr.steps.map((s) => s.toJSON() as StepJSON);
const text = (t: string) => schema.text(t);

describe('steps kept when the server refuses a tab', () => {
  it('are stored per project and document and found again only for that document', () => {
    const store = new MemoryStorage();
    const unsent = { version: 3, steps: [{ stepType: 'replace' }], savedAt: '2026-12-07T01:00:00.000Z' };
    expect(storeUnsent('/p/a.siglum', '7', 'tab1', unsent, store)).toBe(true);
    expect(storeUnsent('/p/b.siglum', '7', 'tab2', unsent, store)).toBe(true);
    const found = findUnsent('/p/a.siglum', '7', store);
    expect(found.map((e) => e.version)).toEqual([3]);
    expect(findUnsent('/p/a.siglum', '8', store)).toEqual([]);
    removeUnsent(found[0]!.key, store);
    expect(findUnsent('/p/a.siglum', '7', store)).toEqual([]);
    expect(findUnsent('/p/b.siglum', '7', store)).toHaveLength(1);
  });

  it('are rebased over the steps the store committed since their version', () => {
    const base = doc(p('Sir: During the month'));
    // The kept tab typed at the end; meanwhile another window added a word at the start.
    const own = new Transform(base).insert(22, text(' of December')).insert(34, text(','));
    const remote = new Transform(base).insert(1, text('Dear '));
    const { transform, dropped } = rebaseUnsent(remote.doc, stepsOf(own), stepsOf(remote));
    expect(dropped).toBe(0);
    expect(transform.doc.textContent).toBe('Dear Sir: During the month of December,');
  });

  it('drop a step whose text the store has deleted, and say so', () => {
    const base = doc(p('Sir: During the month'));
    const own = new Transform(base).delete(6, 12);
    const remote = new Transform(base).delete(1, 22);
    const { dropped } = rebaseUnsent(remote.doc, stepsOf(own), stepsOf(remote));
    expect(dropped).toBe(1);
  });

  it('are handed over by the sync on a refusal, which stops retrying and no longer warns before closing', async () => {
    const base = doc(p('Sir: During the month'));
    let state = EditorState.create({ doc: base, plugins: [collab({ version: 0, clientID: 'a' })] });
    const statuses: SaveStatus[] = [];
    const kept: Array<Unsent | null> = [];
    let pushes = 0;
    const api = {
      pushSteps: async (): Promise<PushResult> => {
        pushes++;
        throw new SiglumError(
          'forbidden',
          'Open the address that `siglum serve` printed: it carries the access token.',
        );
      },
      stepsSince: async (): Promise<StepsSince> => ({ version: 0, steps: [], clientIDs: [] }),
    };
    const sync = new CollabSync(api, 'd1', {
      getState: () => state,
      apply: (tr: Transaction) => {
        state = state.apply(tr);
      },
      onStatus: (s) => statuses.push(s),
      keepUnsent: (u) => {
        kept.push(u);
        return true;
      },
    });
    state = state.apply(state.tr.insertText(' of December', 22));
    sync.localChange();
    await vi.waitFor(() => expect(statuses.at(-1)).toBe('refused'), { interval: 5 });
    expect(kept.at(-1)?.version).toBe(0);
    expect(kept.at(-1)?.steps).toHaveLength(1);
    expect(sync.hasUnsaved()).toBe(false);
    // Typing on after the refusal keeps the new steps too, without another push: the
    // push it schedules is let run (fake timers: its fallback timer fires at once).
    vi.useFakeTimers();
    try {
      state = state.apply(state.tr.insertText('.', 34));
      sync.localChange();
      expect(kept.at(-1)?.steps).toHaveLength(2);
      expect(vi.getTimerCount()).toBe(1);
      await vi.runOnlyPendingTimersAsync();
      expect(vi.getTimerCount()).toBe(0);
      expect(pushes).toBe(1);
      expect(statuses.at(-1)).toBe('refused');
    } finally {
      vi.useRealTimers();
      sync.dispose();
    }
  });

  it('travel in the fragment of the new address, are taken in there, and leave the old storage', () => {
    const old = new MemoryStorage();
    const unsent = { version: 2, steps: [{ stepType: 'replace' }], savedAt: '2026-12-07T01:00:00.000Z' };
    storeUnsent('/p/a.siglum', '7', 'tab1', unsent, old);
    const to = serveAddress('  http://127.0.0.1:40123/?token=abc  ')!;
    const href = carryUnsent(to, '#/doc/7', old);
    expect(href.startsWith('http://127.0.0.1:40123/?token=abc#/doc/7~siglum-unsent=')).toBe(true);
    expect(findUnsent('/p/a.siglum', '7', old)).toEqual([]);

    const fresh = new MemoryStorage();
    let hash = new URL(href).hash;
    const adopted = adoptCarriedUnsent({ hash, replaceHash: (h) => (hash = h) }, fresh);
    expect(adopted).toBe(1);
    expect(hash).toBe('#/doc/7');
    expect(findUnsent('/p/a.siglum', '7', fresh).map((e) => e.steps)).toEqual([unsent.steps]);
  });

  it('go only to an address siglum serve prints', () => {
    expect(serveAddress('http://example.org/?token=abc')).toBeNull();
    expect(serveAddress('http://127.0.0.1:4000/')).toBeNull();
    expect(serveAddress('not an address')).toBeNull();
    expect(serveAddress('http://localhost:4000/?token=x')?.port).toBe('4000');
  });
});
