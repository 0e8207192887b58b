/**
 * The git rows of the service (schemas: edition/git/api.ts GIT_ARGS): each hands its
 * checked argument to its handler in git.ts. Git work on one project runs one call at
 * a time, since every call reads and moves the same branch: the project's GitSession
 * (in the ServiceContext) runs them in turn.
 */
import { GIT_ARGS } from '../../edition/git/api.ts';
import type { GitContext } from './git-files.ts';
import { credentialsOf, gitClone, gitCommit, gitInit, gitLog, gitPull, gitPush, gitResolve, gitStatus } from './git.ts';
import type { Rows, ServiceContext } from './table.ts';

/** What one project's git calls share: the queue that runs them one at a time, and the files' keys read. */
export class GitSession {
  /** Document files already read (git-files.ts `sameDocumentFile`). */
  readonly keys = new Map<string, string>();
  private queue: Promise<unknown> = Promise.resolve();

  /** Runs `body` after every call before it has finished. */
  serial<T>(body: () => Promise<T>): Promise<T> {
    const run = this.queue.then(body, body);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function gitContext(ctx: ServiceContext): GitContext {
  const { store, authority, entities, path } = ctx;
  return { store, authority, entities, projectPath: path, keys: ctx.git.keys };
}

/** The author of a merge commit: the call's name and e-mail, else the environment's, else Siglum's. */
function authorOf(a: { name?: string | undefined; email?: string | undefined }) {
  return {
    name: a.name ?? process.env['GIT_AUTHOR_NAME'] ?? 'Siglum',
    email: a.email ?? process.env['GIT_AUTHOR_EMAIL'] ?? 'siglum@localhost',
  };
}

type GitMethod = keyof typeof GIT_ARGS;

export const gitRows: Rows<GitMethod> = {
  gitStatus: { args: GIT_ARGS.gitStatus, run: (ctx) => ctx.git.serial(() => gitStatus(gitContext(ctx))) },
  gitInit: {
    args: GIT_ARGS.gitInit,
    run: (ctx, { workTree, remote, ci }) => ctx.git.serial(() => gitInit(gitContext(ctx), { workTree, remote, ci })),
  },
  gitClone: {
    args: GIT_ARGS.gitClone,
    run: (ctx, a) =>
      ctx.git.serial(() => gitClone(gitContext(ctx), { url: a.url, workTree: a.workTree }, credentialsOf(a))),
  },
  gitCommit: {
    args: GIT_ARGS.gitCommit,
    run: (ctx, { message, name, email }) =>
      ctx.git.serial(() => gitCommit(gitContext(ctx), { message, author: { name, email } })),
  },
  gitPull: {
    args: GIT_ARGS.gitPull,
    run: (ctx, a) => ctx.git.serial(() => gitPull(gitContext(ctx), authorOf(a), credentialsOf(a))),
  },
  gitPush: {
    args: GIT_ARGS.gitPush,
    run: (ctx, a) => ctx.git.serial(() => gitPush(gitContext(ctx), credentialsOf(a))),
  },
  gitResolve: {
    args: GIT_ARGS.gitResolve,
    run: (ctx, a) =>
      ctx.git.serial(() => gitResolve(gitContext(ctx), { documentId: a.documentId, choices: a.choices }, authorOf(a))),
  },
  gitLog: { args: GIT_ARGS.gitLog, run: (ctx) => ctx.git.serial(() => gitLog(gitContext(ctx))) },
};
