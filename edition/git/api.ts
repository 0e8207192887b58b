/**
 * The project in Git: the part of the API contract (merged into SiglumApi) that links
 * a project to a repository, shares changes, pulls, pushes and settles conflicts.
 * The types, the argument schemas and the method names.
 */
import * as v from 'valibot';
import { fields, optStr, type ArgsIn } from '../args.ts';
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

/** A name, an e-mail address or a user name a call may carry: trimmed, and "" counts as none. */
function optTrimmed(method: string, key: string) {
  return v.pipe(
    optStr(method, key),
    v.transform((s) => (s === undefined || s.trim() === '' ? undefined : s.trim())),
  );
}

/** Credentials a call may carry (GitCredentialsArgs); the environment's when absent (electron/service/git.ts). */
function credentials(method: string) {
  return { username: optTrimmed(method, 'username'), password: optStr(method, 'password') };
}

/** What sharing changes needs typed: trimmed, not empty, at most 2,000 characters. */
function typed(what: string) {
  const message = `Sharing changes needs ${what}. Type it and try again.`;
  return v.pipe(v.string(message), v.maxLength(2000, message), v.trim(), v.nonEmpty(message));
}

/** Whether `path` is absolute, written for POSIX (`/...`) or Windows (`C:\...`, `\\server\...`). */
function isAbsolutePath(path: string): boolean {
  return /^([/\\]|[A-Za-z]:[/\\])/.test(path);
}

const CHOICE_MESSAGE = 'Each choice is "ours", "theirs", "both" or { text } with the text you want.';

/** One choice for a conflict of gitResolve. */
const choice = v.union(
  [
    v.picklist(['ours', 'theirs', 'both'] as const),
    v.pipe(
      v.object({ text: v.string() }),
      v.transform(({ text }): ConflictChoice => ({ text })),
    ),
  ],
  CHOICE_MESSAGE,
);

/** The arguments of the git methods. */
export const GIT_ARGS = {
  gitStatus: fields({}),
  gitInit: fields({
    workTree: v.optional(
      v.pipe(
        v.string('gitInit takes "workTree" as an absolute folder path.'),
        v.check(isAbsolutePath, 'gitInit takes "workTree" as an absolute folder path.'),
      ),
    ),
    remote: v.pipe(
      v.optional(v.string('gitInit takes "remote" as a URL or a folder path.')),
      v.transform((r) => (r === '' ? undefined : r)),
    ),
    ci: v.optional(v.picklist(['github', 'gitlab'] as const, 'gitInit takes "ci" as "github" or "gitlab".')),
  }),
  gitClone: fields({
    url: v.pipe(
      v.string('gitClone needs "url": the repository\'s address or folder.'),
      v.trim(),
      v.nonEmpty('gitClone needs "url": the repository\'s address or folder.'),
    ),
    workTree: optStr('gitClone', 'workTree'),
    ...credentials('gitClone'),
  }),
  gitCommit: fields({
    message: typed('a message saying what changed'),
    name: typed('your name'),
    email: typed('your e-mail address'),
  }),
  gitPull: fields({
    name: optTrimmed('gitPull', 'name'),
    email: optTrimmed('gitPull', 'email'),
    ...credentials('gitPull'),
  }),
  gitPush: fields({ ...credentials('gitPush') }),
  gitResolve: fields({
    documentId: v.string('gitResolve needs "documentId".'),
    choices: v.array(choice, 'gitResolve needs "choices": one per conflict, in order.'),
    name: optTrimmed('gitResolve', 'name'),
    email: optTrimmed('gitResolve', 'email'),
  }),
  gitLog: fields({}),
};

type In<M extends keyof typeof GIT_ARGS> = ArgsIn<(typeof GIT_ARGS)[M]>;

export interface GitApi {
  gitStatus(args: In<'gitStatus'>): Promise<GitStatus>;
  /** Links the project to a new repository (its working tree by default beside the project, NAME.git-work). */
  gitInit(args: In<'gitInit'>): Promise<GitStatus>;
  /** Fills an empty project from a repository. */
  gitClone(args: In<'gitClone'>): Promise<GitStatus>;
  /** "Share changes": writes the project into the working tree, commits, and names the version. */
  gitCommit(args: In<'gitCommit'>): Promise<GitCommitResult>;
  gitPull(args: In<'gitPull'>): Promise<GitPullResult>;
  gitPush(args: In<'gitPush'>): Promise<{ commit: string }>;
  /** Settles a document's conflicts (one choice per conflict, in order). */
  gitResolve(args: In<'gitResolve'>): Promise<GitStatus>;
  gitLog(args: In<'gitLog'>): Promise<GitCommitInfo[]>;
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
