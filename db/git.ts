/**
 * A project's link to a Git repository, kept in the `settings` table (no table of its
 * own): where the working tree is, the remote, which file each document and folder each
 * volume is (so a renamed document keeps its file), and a pull waiting for conflicts
 * to be settled.
 */
import type Database from 'better-sqlite3';
import type { MergeChunk } from '../edition/git/merge.ts';
import { documentCreatedAt } from './history.ts';
import { getSetting, putSetting } from './settings.ts';
import type { Tx } from './store.ts';

const LINK_KEY = 'git';
const MERGE_KEY = 'git-merge';

export interface GitLinkRecord {
  /** The working tree's folder (absolute). */
  workTree: string;
  /** The remote's URL or path, or null. */
  remote: string | null;
  /** `documentKey` -> the document's file in the repository. */
  paths: Record<string, string>;
  /** Collection row id -> its folder. */
  folders: Record<string, string>;
}

/** A conflict waiting for the editor: a document and its merge. */
export interface PendingConflict {
  documentId: string;
  path: string;
  chunks: MergeChunk[];
}

/** A pull that found conflicts: the incoming commit, merged once every conflict is settled. */
export interface PendingMerge {
  theirs: string;
  conflicts: PendingConflict[];
}

/**
 * A document's key in the link: its row id and when it was created, so that a row id
 * SQLite hands out again after a deletion is not taken for the deleted document.
 */
export function documentKey(db: Database.Database, id: number): string {
  return `${id}@${documentCreatedAt(db, id) ?? ''}`;
}

/** The row id in a `documentKey`. */
export function idOfKey(key: string): number {
  return Number(key.split('@')[0]);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The project's link, or null when it is not linked to a repository. */
export function getGitLink(db: Database.Database): GitLinkRecord | null {
  const v = getSetting(db, LINK_KEY);
  if (!isObject(v) || typeof v['workTree'] !== 'string') return null;
  return {
    workTree: v['workTree'],
    remote: typeof v['remote'] === 'string' ? v['remote'] : null,
    paths: isObject(v['paths']) ? (v['paths'] as Record<string, string>) : {},
    folders: isObject(v['folders']) ? (v['folders'] as Record<string, string>) : {},
  };
}

export function putGitLink(tx: Tx, link: GitLinkRecord): void {
  putSetting(tx, LINK_KEY, link);
}

/** The pull waiting for conflicts to be settled, or null. */
export function getPendingMerge(db: Database.Database): PendingMerge | null {
  const v = getSetting(db, MERGE_KEY);
  if (!isObject(v) || typeof v['theirs'] !== 'string' || !Array.isArray(v['conflicts'])) return null;
  return { theirs: v['theirs'], conflicts: v['conflicts'] as PendingConflict[] };
}

export function putPendingMerge(tx: Tx, merge: PendingMerge | null): void {
  putSetting(tx, MERGE_KEY, merge);
}
