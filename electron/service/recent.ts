/**
 * The recent projects, kept in the user's config folder (`recent-projects.json` in
 * electron/paths.ts `userDataDir()`), never in a project: the list is the user's, not
 * the edition's.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE = 'recent-projects.json';
const MAX_RECENT = 12;

export interface RecentEntry {
  path: string;
  title: string;
  openedAt: string;
}

/** The recent projects, most recent first; an unreadable list is an empty one. */
export function readRecent(configDir: string): RecentEntry[] {
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(configDir, FILE), 'utf8'));
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (e): e is RecentEntry =>
        typeof e === 'object' &&
        e !== null &&
        typeof (e as RecentEntry).path === 'string' &&
        typeof (e as RecentEntry).title === 'string' &&
        typeof (e as RecentEntry).openedAt === 'string',
    );
  } catch {
    return [];
  }
}

/** Puts `entry` first in the list (once), keeping the MAX_RECENT most recent. */
export function rememberRecent(configDir: string, entry: RecentEntry): void {
  const list = [entry, ...readRecent(configDir).filter((e) => e.path !== entry.path)].slice(0, MAX_RECENT);
  try {
    if (!existsSync(configDir)) mkdirSync(configDir, { recursive: true });
    const partial = join(configDir, `${FILE}.${process.pid}.partial`);
    writeFileSync(partial, JSON.stringify(list, null, 2));
    renameSync(partial, join(configDir, FILE));
  } catch (e) {
    // The project is open all the same; only the list misses it.
    console.error('Siglum: could not update the recent projects:', e instanceof Error ? e.message : e);
  }
}
