/**
 * The part of the API contract about projects, history, the trash and backups
 * (types only, plus the method names), merged into SiglumApi by edition/api.ts.
 */
import type { DocJSON, DocumentInfo, ProjectInfo } from '../types.ts';
import type { DocumentDiff } from './diff.ts';
import * as v from 'valibot';
import { fields, id, opaque, str, whole, type ArgsIn } from '../args.ts';
import { rowNumber } from '../ids.ts';

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

/** What deleting from the trash for good removed: documents, and page image files nothing else shows. */
export interface TrashPurge {
  documents: number;
  images: number;
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

const NAME_MESSAGE = 'A version needs a name of 1 to 200 characters. Type one and try again.';

/** The arguments of the history, trash, backup and project methods. */
export const HISTORY_ARGS = {
  documentHistory: fields({ documentId: id('documentHistory', 'documentId', 'document') }),
  documentAt: fields({
    documentId: id('documentAt', 'documentId', 'document'),
    version: whole('documentAt', 'version'),
  }),
  diffVersions: fields({
    documentId: id('diffVersions', 'documentId', 'document'),
    from: whole('diffVersions', 'from'),
    to: v.optional(whole('diffVersions', 'to')),
  }),
  restoreVersion: fields({
    documentId: id('restoreVersion', 'documentId', 'document'),
    version: whole('restoreVersion', 'version'),
  }),
  nameVersion: fields({
    name: v.pipe(str('nameVersion', 'name'), v.trim(), v.minLength(1, NAME_MESSAGE), v.maxLength(200, NAME_MESSAGE)),
  }),
  listTrash: fields({}),
  /** A trash id that names no entry is found missing by the trash itself ('not-found'). */
  restoreFromTrash: fields({
    id: v.pipe(
      str('restoreFromTrash', 'id'),
      v.transform((s) => rowNumber(s) ?? -1),
    ),
  }),
  /** As restoreFromTrash: an id that names no entry is 'not-found'. */
  purgeTrash: fields({
    id: v.pipe(
      str('purgeTrash', 'id'),
      v.transform((s) => rowNumber(s) ?? -1),
    ),
  }),
  emptyTrash: fields({}),
  listBackups: fields({}),
  backupNow: fields({}),
  restoreBackup: fields({ path: str('restoreBackup', 'path') }),
  listProjects: fields({}),
  openProject: fields({
    path: str('openProject', 'path'),
    create: v.pipe(
      v.optional(opaque<boolean>()),
      v.transform((c) => c === true),
    ),
  }),
  saveProjectCopy: fields({ path: str('saveProjectCopy', 'path') }),
};

type In<M extends keyof typeof HISTORY_ARGS> = ArgsIn<(typeof HISTORY_ARGS)[M]>;

export interface HistoryApi {
  /** The document's timeline: versions by editing session, and the project's named versions. */
  documentHistory(args: In<'documentHistory'>): Promise<DocumentHistory>;
  /** The document as it was at `version`. */
  documentAt(args: In<'documentAt'>): Promise<{ version: number; doc: DocJSON }>;
  /** A word-level comparison of two versions (`to` defaults to the current one). */
  diffVersions(args: In<'diffVersions'>): Promise<DocumentDiff>;
  /** Makes the document read as at `version` again, by new steps (nothing is rewritten). */
  restoreVersion(args: In<'restoreVersion'>): Promise<{ version: number }>;
  /** Names the project as it is now. */
  nameVersion(args: In<'nameVersion'>): Promise<NamedVersion>;
  listTrash(args: In<'listTrash'>): Promise<TrashEntry[]>;
  /** Puts a deleted document back, with its history. */
  restoreFromTrash(args: In<'restoreFromTrash'>): Promise<DocumentInfo>;
  /**
   * Deletes a document in the trash for good, with the page image files (and their tiles)
   * that no other document and no other entry of the trash shows.
   */
  purgeTrash(args: In<'purgeTrash'>): Promise<TrashPurge>;
  /** Deletes everything in the trash for good, as purgeTrash does each entry. */
  emptyTrash(args: In<'emptyTrash'>): Promise<TrashPurge>;
  listBackups(args: In<'listBackups'>): Promise<BackupInfo[]>;
  /** Takes a verified backup now. */
  backupNow(args: In<'backupNow'>): Promise<BackupInfo>;
  /**
   * Replaces the open project with a backup, after backing up its current state; the
   * project is then reopened and a `project-changed` event sent.
   */
  restoreBackup(args: In<'restoreBackup'>): Promise<{ restored: string; safety: BackupInfo }>;
  /** The open project, the recent ones and the default, for the chooser. */
  listProjects(args: In<'listProjects'>): Promise<ProjectList>;
  /** Opens another project (with `create`, a new one) in place of the open one. */
  openProject(args: In<'openProject'>): Promise<ProjectInfo>;
  /** Writes a consistent copy of the open project to `path` (which must not exist). */
  saveProjectCopy(args: In<'saveProjectCopy'>): Promise<{ path: string }>;
}

export const HISTORY_METHODS = [
  'documentHistory',
  'documentAt',
  'diffVersions',
  'restoreVersion',
  'nameVersion',
  'listTrash',
  'restoreFromTrash',
  'purgeTrash',
  'emptyTrash',
  'listBackups',
  'backupNow',
  'restoreBackup',
  'listProjects',
  'openProject',
  'saveProjectCopy',
] as const satisfies ReadonlyArray<keyof HistoryApi>;

/** Events about the project as a whole. */
export type ProjectEvent = { type: 'project-changed'; path: string };
