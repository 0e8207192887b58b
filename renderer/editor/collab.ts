/**
 * Keeps one open document in step with the store, by prosemirror-collab's
 * protocol: local steps are pushed on top of the version this window has; the
 * store either commits them (`ok`) or says we are behind, in which case we fetch
 * the steps since our version, rebase ours over them and push again. A 'steps'
 * event (another window wrote) makes us fetch too.
 *
 * One exchange with the store at a time, so versions never race. Steps typed
 * while a push is in flight go out together in the next push.
 *
 * The save status is derived from what is unconfirmed: "saving" while local
 * steps wait for the store, "saved" once every step is committed, "offline" when
 * the store could not be reached (nothing is dropped: a retry sends them again),
 * "refused" when the host refuses this window for good (`siglum serve` restarted with
 * a new access token): then the unconfirmed steps are handed to the host to keep
 * (renderer/editor/unsent.ts) for a session opened at the new address.
 */
import { getVersion, receiveTransaction, sendableSteps } from 'prosemirror-collab';
import { closeHistory } from 'prosemirror-history';
import type { EditorState, Transaction } from 'prosemirror-state';
import { Step } from 'prosemirror-transform';
import type { PushResult, SiglumApi, StepJSON, StepsSince } from '../../edition/api.ts';
import { SiglumError } from '../../edition/errors.ts';
import { schema } from '../../edition/schema.ts';
import { REPLACE_CLIENT } from '../../edition/search/api.ts';

export type SaveStatus = 'saved' | 'saving' | 'offline' | 'refused';

/** Steps this window could not send, for the host to keep. */
export interface Unsent {
  version: number;
  steps: StepJSON[];
  clientID: string;
}

/** What the sync needs of the editor: read its state, apply a transaction to it. */
export interface CollabHost {
  getState(): EditorState;
  apply(tr: Transaction): void;
  onStatus(status: SaveStatus, error?: unknown): void;
  /** Keeps the steps of a refused window (true once they are stored); `null` forgets them. */
  keepUnsent?(unsent: Unsent | null): boolean;
}

/** Whether the host refused this window's access (the server restarted with a new token). */
function isRefusal(error: unknown): boolean {
  return error instanceof SiglumError && error.code === 'forbidden';
}

/** Name of the performance mark set each time the store commits this window's steps. */
export const COMMITTED_MARK = 'siglum:committed';

const RETRY_MS = 5000;
const PUSH_LATEST_MS = 50;

export class CollabSync {
  private running = false;
  private again = false;
  private needPull = false;
  private failed: unknown = null;
  /** The host refused this window: its steps are kept for another session. */
  private refused = false;
  /** Whether the host stored the current unsent steps. */
  private kept = false;
  private disposed = false;
  private status: SaveStatus = 'saved';
  /** The version the store will be at if the push in flight succeeds. */
  private pushingTo: number | null = null;
  private scheduled = false;

  constructor(
    private readonly api: Pick<SiglumApi, 'pushSteps' | 'stepsSince'>,
    private readonly documentId: string,
    private readonly host: CollabHost,
  ) {}

  /**
   * Call after every local transaction that changed the document. The push starts
   * once the frame showing the change is drawn (a request costs a few milliseconds
   * the keystroke's paint need not wait for), or after PUSH_LATEST_MS where no
   * frames are drawn (a hidden window).
   */
  localChange(): void {
    if (this.refused) this.keep();
    this.report();
    if (this.scheduled) return;
    this.scheduled = true;
    const start = () => {
      if (!this.scheduled) return;
      this.scheduled = false;
      clearTimeout(fallback);
      void this.run();
    };
    const fallback = setTimeout(start, PUSH_LATEST_MS);
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(start, 0));
  }

  /** Another window committed steps up to `version`. */
  remoteVersion(version: number): void {
    if (version <= getVersion(this.host.getState())) return;
    // Most likely the echo of our own push: its answer will tell if someone came first.
    if (this.pushingTo !== null && version <= this.pushingTo) return;
    this.needPull = true;
    void this.run();
  }

  /** Fetches whatever the store has beyond this window's version. */
  catchUp(): void {
    this.needPull = true;
    void this.run();
  }

  /** Try again after a failure. */
  retry(): void {
    this.failed = null;
    this.report();
    void this.run();
  }

  /** Whether some local steps are neither committed nor kept for another session. */
  hasUnsaved(): boolean {
    return this.unconfirmed() && !(this.refused && this.kept);
  }

  private unconfirmed(): boolean {
    return sendableSteps(this.host.getState()) !== null;
  }

  /** Hands what is unconfirmed to the host to keep. */
  private keep(): void {
    const sendable = sendableSteps(this.host.getState());
    if (!sendable || !this.host.keepUnsent) return;
    this.kept = this.host.keepUnsent({
      version: sendable.version,
      steps: sendable.steps.map((s) => s.toJSON() as StepJSON),
      clientID: String(sendable.clientID),
    });
  }

  /**
   * Gives up sending (the editor goes to a restarted server at another address):
   * what is unconfirmed is handed to the host to keep, as after a refusal. True
   * when nothing is left that was not kept.
   */
  abandon(): boolean {
    this.failed ??= new SiglumError('forbidden', 'This window handed its edits to another address.');
    this.refused = true;
    this.keep();
    this.report();
    return !this.hasUnsaved();
  }

  dispose(): void {
    this.disposed = true;
  }

  private report(): void {
    const status: SaveStatus =
      this.failed !== null ? (this.refused ? 'refused' : 'offline') : this.unconfirmed() ? 'saving' : 'saved';
    if (status !== this.status || status === 'offline' || status === 'refused') {
      this.status = status;
      this.host.onStatus(status, this.failed ?? undefined);
    }
  }

  private async run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.failed !== null || this.disposed) return;
    this.running = true;
    try {
      for (;;) {
        this.again = false;
        if (this.disposed) return;
        if (this.needPull) {
          await this.pull();
          continue;
        }
        if (!(await this.push()) && !this.again) break;
      }
    } catch (error) {
      this.failed = error;
      if (isRefusal(error)) {
        // A refusal is for good: keep the steps for the session at the new address.
        this.refused = true;
        this.keep();
      } else {
        // Try again by itself a little later; the user may also retry at once.
        setTimeout(() => {
          if (!this.disposed && this.failed === error) this.retry();
        }, RETRY_MS);
      }
    } finally {
      this.running = false;
    }
    this.report();
  }

  /** Pushes what is unconfirmed; false when there was nothing to push. */
  private async push(): Promise<boolean> {
    const sendable = sendableSteps(this.host.getState());
    if (!sendable) return false;
    this.pushingTo = sendable.version + sendable.steps.length;
    let result: PushResult;
    try {
      result = await this.api.pushSteps({
        documentId: this.documentId,
        version: sendable.version,
        clientID: String(sendable.clientID),
        steps: sendable.steps.map((s) => s.toJSON() as { stepType: string }),
      });
    } finally {
      this.pushingTo = null;
    }
    if (this.disposed) return false;
    if (!result.ok) {
      this.needPull = true;
      return true;
    }
    performance.mark(COMMITTED_MARK, { detail: { version: result.version } });
    if (this.refused) {
      // Let in again after all (a retry): what was kept must not be sent a second time.
      this.refused = false;
      this.kept = false;
      this.host.keepUnsent?.(null);
    }
    const state = this.host.getState();
    if (getVersion(state) === sendable.version) {
      // Ours were the next steps in the store: confirm them without asking for them back.
      this.host.apply(
        receiveTransaction(
          state,
          sendable.steps,
          sendable.steps.map(() => sendable.clientID),
        ),
      );
    }
    if (result.version > getVersion(this.host.getState())) this.needPull = true;
    this.report();
    return true;
  }

  private async pull(): Promise<void> {
    const version = getVersion(this.host.getState());
    // Cleared before asking, not after: a 'steps' event that arrives while the answer
    // is on its way announces a commit the answer may not hold, and must fetch again.
    this.needPull = false;
    let since: StepsSince;
    try {
      since = await this.api.stepsSince({ documentId: this.documentId, version });
    } catch (error) {
      this.needPull = true;
      throw error;
    }
    if (this.disposed) return;
    const state = this.host.getState();
    if (getVersion(state) !== version || since.steps.length === 0) return;
    const steps = since.steps.map((json) => Step.fromJSON(schema, json));
    const tr = receiveTransaction(state, steps, since.clientIDs, { mapSelectionBackward: true });
    // A replacement across documents, with nothing of ours unconfirmed under it: taken
    // into this editor's undo history as one step of its own, so that Mod-Z undoes it
    // (the undo is pushed like any edit). Mixed with other writers' steps it stays theirs.
    if (sendableSteps(state) === null && since.clientIDs.every((id) => id === REPLACE_CLIENT)) {
      closeHistory(tr).setMeta('addToHistory', true);
    }
    this.host.apply(tr);
    if (since.version > getVersion(this.host.getState())) this.needPull = true;
  }
}
