/**
 * The part of the API contract about projects, history, the trash and backups
 * (types only, plus the method names), merged into SiglumApi by edition/api.ts.
 */
import type { DocJSON, DocumentInfo, ProjectInfo } from '../types.ts';
import type { DocumentDiff } from './diff.ts';

export type { DiffChange, DiffSegment, DocumentDiff } from './diff.ts';

/** A point in a document's timeline: the version at the end of an editing session. */
export interface HistoryVersion {
  /** The collab version (how many steps the document had then). */
  version: number;
  /** When the session's last step was committed (version 0: when the document was made). */
  at: string;
  /** When the session began. */
  start: string;
  /** How many steps the session made. */
  steps: number;
  /** The clients that made them (an editor window's id, "siglum-history", "siglum-register"...). */
  clients: string[];
}

/** A named version of the whole project ("sent to the press"). */
export interface NamedVersion {
  id: string;
  name: string;
  at: string;
  /** In a document's history: the document's version then (null if it did not exist yet). */
  version?: number | null;
}

export interface DocumentHistory {
  documentId: string;
  /** The document's current version. */
  version: number;
  /** Oldest first: version 0, then one per editing session. */
  versions: HistoryVersion[];
  named: NamedVersion[];
}

/** A deleted document waiting in the trash. */
export interface TrashEntry {
  id: string;
  documentId: string;
  title: string;
  deletedAt: string;
}

/** A verified backup of the project. */
export interface BackupInfo {
  /** Absolute path of the backup file. */
  path: string;
  /** When it was taken (ISO). */
  at: string;
  /** Why: 'scheduled', 'manual', 'before-migration', 'before-import', 'before-restore', ... */
  reason: string;
  bytes: number;
  documents: number;
}

/** A project in the chooser's list. */
export interface RecentProject {
  path: string;
  title: string;
  /** When it was last opened (ISO). */
  openedAt: string;
  /** Whether the file is still there. */
  exists: boolean;
  isDefault: boolean;
}

export interface ProjectList {
  /** The open project, or null while the browser host waits for a choice. */
  current: ProjectInfo | null;
  recent: RecentProject[];
  defaultPath: string;
  /** Whether this host can open another project (the command line's cannot). */
  canSwitch: boolean;
}

export interface HistoryApi {
  /** The document's timeline: versions by editing session, and the project's named versions. */
  documentHistory(args: { documentId: string }): Promise<DocumentHistory>;
  /** The document as it was at `version`. */
  documentAt(args: { documentId: string; version: number }): Promise<{ version: number; doc: DocJSON }>;
  /** A word-level comparison of two versions (`to` defaults to the current one). */
  diffVersions(args: { documentId: string; from: number; to?: number }): Promise<DocumentDiff>;
  /** Makes the document read as at `version` again, by new steps (nothing is rewritten). */
  restoreVersion(args: { documentId: string; version: number }): Promise<{ version: number }>;
  /** Names the project as it is now. */
  nameVersion(args: { name: string }): Promise<NamedVersion>;
  listNamedVersions(args: Record<string, never>): Promise<NamedVersion[]>;
  listTrash(args: Record<string, never>): Promise<TrashEntry[]>;
  /** Puts a deleted document back, with its history. */
  restoreFromTrash(args: { id: string }): Promise<DocumentInfo>;
  listBackups(args: Record<string, never>): Promise<BackupInfo[]>;
  /** Takes a verified backup now. */
  backupNow(args: Record<string, never>): Promise<BackupInfo>;
  /**
   * Replaces the open project with a backup, after backing up its current state; the
   * project is then reopened and a `project-changed` event sent.
   */
  restoreBackup(args: { path: string }): Promise<{ restored: string; safety: BackupInfo }>;
  /** The open project, the recent ones and the default, for the chooser. */
  listProjects(args: Record<string, never>): Promise<ProjectList>;
  /** Opens another project (with `create`, a new one) in place of the open one. */
  openProject(args: { path: string; create?: boolean }): Promise<ProjectInfo>;
  /** Writes a consistent copy of the open project to `path` (which must not exist). */
  saveProjectCopy(args: { path: string }): Promise<{ path: string }>;
}

export const HISTORY_METHODS = [
  'documentHistory',
  'documentAt',
  'diffVersions',
  'restoreVersion',
  'nameVersion',
  'listNamedVersions',
  'listTrash',
  'restoreFromTrash',
  'listBackups',
  'backupNow',
  'restoreBackup',
  'listProjects',
  'openProject',
  'saveProjectCopy',
] as const satisfies ReadonlyArray<keyof HistoryApi>;

/** Events about the project as a whole. */
export type ProjectEvent = { type: 'project-changed'; path: string };
