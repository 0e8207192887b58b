/**
 * The project in Git: the part of the API contract (merged into SiglumApi) that links
 * a project to a repository, shares changes, pulls, pushes and settles conflicts.
 * Types only, plus the method names.
 */
import type { ConflictChoice, MergeChunk } from './merge.ts';

/** A document in conflict after a pull, with its merge shown side by side. */
export interface GitConflict {
  documentId: string;
  title: string;
  path: string;
  chunks: MergeChunk[];
}

export interface GitStatus {
  /** False when the project is not linked to a repository (the rest is then empty). */
  linked: boolean;
  workTree: string | null;
  remote: string | null;
  /** The last commit of the working tree's branch. */
  head: string | null;
  /** Documents (titles) whose text differs from the last commit. */
  changed: string[];
  /** Whether the register, print settings or witnesses differ from the last commit. */
  otherChanges: string[];
  /** Commits here not on the remote, and there not here, as of the last pull or push. */
  ahead: number;
  behind: number;
  /** Conflicts of the last pull still to settle. */
  conflicts: GitConflict[];
}

export interface GitPullResult {
  /** True when the remote had nothing new. */
  upToDate: boolean;
  /** Documents taken from the remote as they were (changed there only). */
  changed: string[];
  /** Documents changed on both sides and merged. */
  merged: string[];
  added: string[];
  removed: string[];
  /** Documents with changes that overlap, to settle with gitResolve. */
  conflicts: GitConflict[];
  /** Register entries (xml:ids) both sides changed differently: this project's version was kept. */
  registerConflicts: string[];
  /** The named version of the project as it was before the pull, or null when nothing changed. */
  before: string | null;
  /** The commit the branch is at after the pull (null while conflicts wait). */
  commit: string | null;
}

export interface GitCommitResult {
  commit: string;
  /** Files written or removed. */
  files: string[];
}

export interface GitCommitInfo {
  oid: string;
  message: string;
  author: string;
  email: string;
  at: string;
}

/** HTTP basic credentials (a token as password); from the environment when absent. */
export interface GitCredentialsArgs {
  username?: string;
  password?: string;
}

export interface GitApi {
  gitStatus(args: Record<string, never>): Promise<GitStatus>;
  /** Links the project to a new repository (its working tree by default beside the project, NAME.git-work). */
  gitInit(args: { workTree?: string; remote?: string; ci?: 'github' | 'gitlab' }): Promise<GitStatus>;
  /** Fills an empty project from a repository. */
  gitClone(args: { url: string; workTree?: string } & GitCredentialsArgs): Promise<GitStatus>;
  /** "Share changes": writes the project into the working tree, commits, and names the version. */
  gitCommit(args: { message: string; name: string; email: string }): Promise<GitCommitResult>;
  gitPull(args: { name?: string; email?: string } & GitCredentialsArgs): Promise<GitPullResult>;
  gitPush(args: GitCredentialsArgs): Promise<{ commit: string }>;
  /** Settles a document's conflicts (one choice per conflict, in order). */
  gitResolve(args: {
    documentId: string;
    choices: ConflictChoice[];
    name?: string;
    email?: string;
  }): Promise<GitStatus>;
  gitLog(args: Record<string, never>): Promise<GitCommitInfo[]>;
}

export const GIT_METHODS = [
  'gitStatus',
  'gitInit',
  'gitClone',
  'gitCommit',
  'gitPull',
  'gitPush',
  'gitResolve',
  'gitLog',
] as const satisfies ReadonlyArray<keyof GitApi>;
