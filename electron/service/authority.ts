/**
 * The collab authority (prosemirror-collab's protocol): it holds each open document
 * in memory with its version, orders the steps clients send, and acknowledges them
 * only once they are committed in the store.
 *
 * A push on top of an old version is refused as a value ('behind'); the client fetches
 * `stepsSince`, rebases and pushes again. A step that does not apply is bad input.
 */
import type { Node } from 'prosemirror-model';
import { Step, type StepResult } from 'prosemirror-transform';
import type { PushResult, StepJSON, StepsSince } from '../../edition/api.ts';
import { SiglumError } from '../../edition/errors.ts';
import { schema } from '../../edition/schema.ts';
import { flattenMarkSets } from '../../edition/steps.ts';
import { loadContent } from '../../db/content.ts';
import { documentVersion, setDocumentVersion } from '../../db/documents.ts';
import { putSnapshot } from '../../db/snapshots.ts';
import { appendSteps, readSteps } from '../../db/steps.ts';
import type { Store } from '../../db/store.ts';

export interface SnapshotPolicy {
  /** Snapshot as soon as a document is this many steps past its last snapshot. */
  everySteps: number;
  /** Otherwise snapshot once a document has had no push for this long. */
  idleMs: number;
}

export const DEFAULT_SNAPSHOTS: SnapshotPolicy = { everySteps: 200, idleMs: 2000 };

/** The most steps one push may carry (a paste of a whole chapter is a handful). */
const MAX_STEPS_PER_PUSH = 10_000;

interface Live {
  readonly id: number;
  doc: Node;
  version: number;
  snapshotVersion: number;
  idle: ReturnType<typeof setTimeout> | null;
}

function badStep(why: string): SiglumError {
  return new SiglumError(
    'bad-input',
    `An edit could not be applied to the document (${why}). Reload the document and try again.`,
  );
}

export class CollabAuthority {
  private readonly live = new Map<number, Live>();

  constructor(
    private readonly store: Store,
    private readonly policy: SnapshotPolicy = DEFAULT_SNAPSHOTS,
    /** How many documents to keep in memory; the least recently used go first. */
    private readonly maxOpen: number = 64,
  ) {}

  /** The document as the authority holds it, loaded from the store on first use. */
  document(id: number): { doc: Node; version: number } {
    return this.open(id);
  }

  /**
   * Applies `steps` on top of `version`. Returns 'behind' when other steps came
   * first; otherwise commits the steps in one transaction and only then answers ok.
   */
  push(id: number, version: number, steps: readonly unknown[], clientID: string): PushResult {
    if (steps.length > MAX_STEPS_PER_PUSH) {
      throw new SiglumError(
        'too-large',
        `One push may carry at most ${MAX_STEPS_PER_PUSH} steps. Send them in smaller batches.`,
      );
    }
    const live = this.open(id);
    if (version < live.version) return { ok: false, reason: 'behind', version: live.version };
    if (version > live.version) {
      throw new SiglumError(
        'bad-input',
        `The edit is based on version ${version} of the document, but the store has only version ${live.version}. Reload the document.`,
      );
    }
    let doc = live.doc;
    const json: StepJSON[] = [];
    for (const raw of steps) {
      // Step.fromJSON and apply throw RangeError on malformed steps and positions.
      let step: Step;
      let result: StepResult;
      try {
        step = Step.fromJSON(schema, flattenMarkSets(raw));
        result = step.apply(doc);
      } catch (e) {
        throw badStep(e instanceof Error ? e.message : String(e));
      }
      if (result.doc === null) throw badStep(result.failed ?? 'the step failed');
      doc = result.doc;
      json.push(step.toJSON() as StepJSON);
    }
    if (json.length === 0) return { ok: true, version: live.version };
    try {
      doc.check();
    } catch (e) {
      throw badStep(e instanceof Error ? e.message : String(e));
    }
    const next = live.version + json.length;
    const committed = this.store.write((tx) => {
      // Another process may have committed steps since `open` looked; now that this
      // transaction holds the write lock, look again.
      if (documentVersion(tx.db, id) !== live.version) return false;
      appendSteps(tx, id, live.version, json, clientID);
      setDocumentVersion(tx, id, next);
      return true;
    });
    if (!committed) return { ok: false, reason: 'behind', version: this.open(id).version };
    live.doc = doc;
    live.version = next;
    this.scheduleSnapshot(live);
    return { ok: true, version: next };
  }

  /** The steps after `version`, with the clients that sent them. */
  stepsSince(id: number, version: number): StepsSince {
    const live = this.open(id);
    if (version > live.version) {
      throw new SiglumError(
        'bad-input',
        `Version ${version} of the document does not exist yet (the store is at ${live.version}). Reload the document.`,
      );
    }
    if (version === live.version) return { version, steps: [], clientIDs: [] };
    const { steps, clientIDs } = readSteps(this.store.db, id, version);
    // Counted from the steps read, which may already include steps another process
    // committed a moment ago.
    return { version: version + steps.length, steps, clientIDs };
  }

  /**
   * The document's current content without keeping it in memory: the live copy when
   * the document is open, else rebuilt from the store (exporting a whole volume should
   * not leave every document of it in memory).
   */
  peek(id: number): Node {
    const cached = this.live.get(id);
    if (cached !== undefined && documentVersion(this.store.db, id) === cached.version) return cached.doc;
    return loadContent(this.store.db, id).doc;
  }

  /**
   * Open documents whose stored version differs from the one held in memory, because
   * another process wrote to them, with the stored version. Deleted ones are dropped.
   */
  changedElsewhere(): Array<[number, number]> {
    const changed: Array<[number, number]> = [];
    for (const live of [...this.live.values()]) {
      const stored = documentVersion(this.store.db, live.id);
      if (stored === null) this.forget(live.id);
      else if (stored !== live.version) changed.push([live.id, stored]);
    }
    return changed;
  }

  /** Drops a document from memory (after it was deleted, say). */
  forget(id: number): void {
    const live = this.live.get(id);
    if (live?.idle) clearTimeout(live.idle);
    this.live.delete(id);
  }

  /** Snapshots every document with steps since its last snapshot; used on close. */
  flush(): void {
    for (const live of this.live.values()) {
      if (live.idle) clearTimeout(live.idle);
      live.idle = null;
      if (live.version > live.snapshotVersion) this.snapshot(live);
    }
  }

  close(): void {
    this.flush();
    this.live.clear();
  }

  private open(id: number): Live {
    const cached = this.live.get(id);
    // Another process (the command line, a second window on the same file) may have
    // written to this document since it was loaded: then load it again.
    if (cached !== undefined && documentVersion(this.store.db, id) === cached.version) {
      // Most recently used last: Map keeps insertion order.
      this.live.delete(id);
      this.live.set(id, cached);
      return cached;
    }
    if (cached?.idle) clearTimeout(cached.idle);
    this.live.delete(id);
    const loaded = loadContent(this.store.db, id);
    const live: Live = {
      id,
      doc: loaded.doc,
      version: loaded.version,
      snapshotVersion: loaded.snapshotVersion,
      idle: null,
    };
    this.live.set(id, live);
    this.evict();
    // A long replay (after a crash, or steps written by another process): snapshot soon,
    // so that the next load is short.
    if (live.version > live.snapshotVersion) this.scheduleSnapshot(live);
    return live;
  }

  /** Keeps at most `maxOpen` documents in memory, snapshotting those it lets go. */
  private evict(): void {
    for (const old of this.live.values()) {
      if (this.live.size <= this.maxOpen) return;
      if (old.idle) clearTimeout(old.idle);
      old.idle = null;
      if (old.version > old.snapshotVersion) this.snapshot(old);
      this.live.delete(old.id);
    }
  }

  private scheduleSnapshot(live: Live): void {
    if (live.idle) clearTimeout(live.idle);
    live.idle = null;
    const behind = live.version - live.snapshotVersion;
    // Pushes that follow each other without a turn of the event loop (a script, a batch
    // of replacements) would starve the deferred snapshot: far enough behind, take it
    // now, so that loading and history never replay more than about two intervals.
    if (behind >= 2 * this.policy.everySteps) {
      this.snapshot(live);
      return;
    }
    if (behind >= this.policy.everySteps) {
      // After the reply has gone out, not before it.
      setImmediate(() => this.snapshot(live));
      return;
    }
    live.idle = setTimeout(() => {
      live.idle = null;
      this.snapshot(live);
    }, this.policy.idleMs);
    live.idle.unref();
  }

  private snapshot(live: Live): void {
    if (live.version <= live.snapshotVersion || this.live.get(live.id) !== live || !this.store.db.open) return;
    const version = live.version;
    const doc = live.doc;
    const write = (): void => {
      if (!this.store.db.open) return;
      try {
        this.store.write((tx) => putSnapshot(tx, live.id, version, doc.toJSON()));
        live.snapshotVersion = Math.max(live.snapshotVersion, version);
      } catch (e) {
        // The steps are committed; a snapshot is only a shortcut for loading. Try again later.
        console.error(`Siglum: could not snapshot document ${live.id}:`, e instanceof Error ? e.message : e);
      }
    };
    // Inside a read transaction (a document evicted while an export reads) a write could
    // not take the lock safely: write right after it.
    if (this.store.reading) setImmediate(write);
    else write();
  }
}
