/**
 * A document's timeline: its steps grouped into editing sessions, a session ending
 * where the editor paused for longer than SESSION_GAP_MS. Pure.
 */
import type { HistoryVersion } from './api.ts';

/** A pause longer than this starts a new session. */
export const SESSION_GAP_MS = 5 * 60 * 1000;

export interface StampedStep {
  version: number;
  at: string;
  clientID: string;
}

/**
 * The versions worth showing: version 0 (as created or imported, at `createdAt`) and
 * the version at the end of each session, with the session's first and last times and
 * how many steps it made. Steps must be in version order.
 */
export function sessionVersions(
  steps: readonly StampedStep[],
  createdAt: string,
  gapMs: number = SESSION_GAP_MS,
): HistoryVersion[] {
  const versions: HistoryVersion[] = [{ version: 0, at: createdAt, start: createdAt, steps: 0, clients: [] }];
  let current: HistoryVersion | null = null;
  let lastMs = -Infinity;
  for (const s of steps) {
    const ms = Date.parse(s.at);
    if (current === null || ms - lastMs > gapMs) {
      current = { version: s.version + 1, at: s.at, start: s.at, steps: 0, clients: [] };
      versions.push(current);
    }
    current.version = s.version + 1;
    current.at = s.at;
    current.steps += 1;
    if (!current.clients.includes(s.clientID)) current.clients.push(s.clientID);
    lastMs = ms;
  }
  return versions;
}
