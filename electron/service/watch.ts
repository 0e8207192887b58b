/**
 * Noticing writes made by other processes on the same project file (the command line
 * importing while the app is open, a second app instance). SQLite bumps
 * `PRAGMA data_version` on a connection when another connection commits, so a cheap
 * poll of it tells when to look.
 */
import type { SiglumEvent } from '../../edition/api.ts';
import type { Store } from '../../db/store.ts';
import type { CollabAuthority } from './authority.ts';

/** Starts watching; returns the function that stops. */
export function watchOtherWriters(
  store: Store,
  authority: CollabAuthority,
  emit: (events: SiglumEvent[]) => void,
  intervalMs: number,
): () => void {
  let seen = store.dataVersion();
  const timer = setInterval(() => {
    if (!store.db.open) return;
    const now = store.dataVersion();
    if (now === seen) return;
    seen = now;
    const events: SiglumEvent[] = [{ type: 'documents-changed' }];
    for (const [id, version] of authority.changedElsewhere()) {
      events.push({ type: 'steps', documentId: String(id), version });
    }
    emit(events);
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
