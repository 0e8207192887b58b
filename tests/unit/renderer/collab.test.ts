import { collab, getVersion } from 'prosemirror-collab';
import type { Node as PMNode } from 'prosemirror-model';
import { EditorState, type Transaction } from 'prosemirror-state';
import { Step } from 'prosemirror-transform';
import { describe, expect, it, vi } from 'vitest';
import type { PushResult, SiglumApi, StepBatch, StepJSON, StepsSince } from '../../../edition/api.ts';
import { schema } from '../../../edition/schema.ts';
import { CollabSync, type SaveStatus } from '../../../renderer/editor/collab.ts';
import { doc, p } from './build.ts';

/**
 * The collab authority's protocol as the API states it, in memory: a step log
 * and a version. Each call can be held back (to see the state while a push is
 * in flight) or made to fail (the store unreachable).
 */
class Authority implements Pick<SiglumApi, 'pushSteps' | 'stepsSince'> {
  log: Array<{ step: StepJSON; clientID: string }> = [];
  doc: PMNode = doc(p('Sir: During the month'));
  failing = false;
  private held: Array<() => void> = [];
  holding = false;

  private async gate(): Promise<void> {
    if (this.holding) await new Promise<void>((resolve) => this.held.push(resolve));
    if (this.failing) throw new Error('Siglum cannot reach its server');
  }

  /** How many calls are held back now. */
  get waiting(): number {
    return this.held.length;
  }

  release(): void {
    const held = this.held;
    this.held = [];
    for (const r of held) r();
  }

  pushes = 0;

  async pushSteps(batch: StepBatch): Promise<PushResult> {
    this.pushes++;
    await this.gate();
    if (batch.version !== this.log.length) return { ok: false, reason: 'behind', version: this.log.length };
    for (const json of batch.steps) {
      const result = Step.fromJSON(schema, json).apply(this.doc);
      if (!result.doc) throw new Error(result.failed ?? 'step failed');
      this.doc = result.doc;
      this.log.push({ step: json, clientID: batch.clientID });
    }
    return { ok: true, version: this.log.length };
  }

  fetches = 0;

  async stepsSince(args: { documentId: string; version: number }): Promise<StepsSince> {
    this.fetches++;
    await this.gate();
    const since = this.log.slice(args.version);
    return { version: this.log.length, steps: since.map((e) => e.step), clientIDs: since.map((e) => e.clientID) };
  }
}

/** A window: an editor state, its sync, and the statuses it was shown. */
function windowOn(authority: Authority, clientID: string) {
  let state = EditorState.create({ doc: authority.doc, plugins: [collab({ version: 0, clientID })] });
  const statuses: SaveStatus[] = [];
  const sync = new CollabSync(authority, 'd1', {
    getState: () => state,
    apply: (tr: Transaction) => {
      state = state.apply(tr);
    },
    onStatus: (s) => statuses.push(s),
  });
  return {
    sync,
    statuses,
    get state() {
      return state;
    },
    type(text: string, at?: number) {
      state = state.apply(state.tr.insertText(text, at ?? state.doc.content.size - 1));
      sync.localChange();
    },
  };
}

/**
 * Waits until `check` passes: a push starts once its fallback timer fires (no frames
 * are drawn here), and the store answers on later turns.
 */
const until = (check: () => void) => vi.waitFor(check, { timeout: 2000, interval: 5 });

describe('collab sync with the store', () => {
  it('says "saving" while a push is in flight and "saved" only once the store has committed it', async () => {
    const authority = new Authority();
    authority.holding = true;
    const w = windowOn(authority, 'a');
    w.type(' of December');
    await until(() => expect(authority.waiting).toBe(1));
    expect(w.statuses).toEqual(['saving']);
    expect(authority.log).toHaveLength(0);
    authority.release();
    await until(() => expect(w.statuses).toEqual(['saving', 'saved']));
    expect(authority.doc.textContent).toBe('Sir: During the month of December');
    expect(getVersion(w.state)).toBe(1);
  });

  it('does not fetch back its own steps when the store announces them during the push', async () => {
    const authority = new Authority();
    authority.holding = true;
    const w = windowOn(authority, 'a');
    w.type(' of December');
    await until(() => expect(authority.waiting).toBe(1));
    w.sync.remoteVersion(1);
    authority.release();
    await until(() => expect(w.statuses.at(-1)).toBe('saved'));
    expect(authority.fetches).toBe(0);
  });

  it('sends what was typed during a push in the next push', async () => {
    const authority = new Authority();
    authority.holding = true;
    const w = windowOn(authority, 'a');
    w.type(' of');
    await until(() => expect(authority.waiting).toBe(1));
    w.type(' December');
    authority.release();
    await until(() => expect(authority.waiting).toBe(1));
    expect(authority.doc.textContent).toBe('Sir: During the month of');
    authority.release();
    await until(() => expect(w.statuses.at(-1)).toBe('saved'));
    expect(authority.doc.textContent).toBe('Sir: During the month of December');
    expect(authority.pushes).toBe(2);
    expect(w.sync.hasUnsaved()).toBe(false);
  });

  it('rebases over steps from another window when it is behind, and both converge', async () => {
    const authority = new Authority();
    const a = windowOn(authority, 'a');
    const b = windowOn(authority, 'b');
    a.type(' of December', undefined);
    await until(() => expect(a.statuses.at(-1)).toBe('saved'));
    // b is behind: its push is refused, it fetches a's step, rebases and pushes again.
    b.type('Dear ', 1);
    await until(() => expect(b.statuses.at(-1)).toBe('saved'));
    expect(authority.fetches).toBe(1);
    a.sync.remoteVersion(authority.log.length);
    await until(() => expect(getVersion(a.state)).toBe(authority.log.length));
    expect(authority.doc.textContent).toBe('Dear Sir: During the month of December');
    expect(a.state.doc.eq(authority.doc)).toBe(true);
    expect(b.state.doc.eq(authority.doc)).toBe(true);
  });

  it('reports "offline" when the store cannot be reached, keeps the steps, and saves them on retry', async () => {
    const authority = new Authority();
    authority.failing = true;
    const w = windowOn(authority, 'a');
    w.type(' of December');
    await until(() => expect(w.statuses.at(-1)).toBe('offline'));
    expect(w.sync.hasUnsaved()).toBe(true);
    authority.failing = false;
    w.sync.retry();
    await until(() => expect(w.statuses.at(-1)).toBe('saved'));
    expect(authority.doc.textContent).toBe('Sir: During the month of December');
    w.sync.dispose();
  });
});
