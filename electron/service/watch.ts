/**
 * Noticing writes made by other processes on the same project file (the command line
 * importing while the app is open, a second app instance). SQLite bumps
 * SQLite's data_version on a connection when another connection commits, so a cheap
 * poll of it tells when to look.
 */
import type { SiglumEvent } from '../../edition/api.ts';
import type { Store } from '../../db/store.ts';
import type { CollabAuthority } from './authority.ts';

/** Polls for other writers every `intervalMs` between `start` and `stop`, emitting what changed. */
export class Watcher {
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly store: Store,
    private readonly authority: CollabAuthority,
    private readonly emit: (events: SiglumEvent[]) => void,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    if (this.timer !== null) return;
    let seen = this.store.dataVersion();
    this.timer = setInterval(() => {
      if (!this.store.db.open) return;
      const now = this.store.dataVersion();
      if (now === seen) return;
      seen = now;
      const events: SiglumEvent[] = [{ type: 'documents-changed' }];
      for (const [id, version] of this.authority.changedElsewhere()) {
        events.push({ type: 'steps', documentId: String(id), version });
      }
      this.emit(events);
    }, this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}
