/**
 * The git methods of the API (edition/git/api.ts): each checks its argument and hands
 * it to its handler in git.ts. Git work on one project runs one call at a time, since
 * every call reads and moves the same branch.
 */
import type { GitApi } from '../../edition/git/api.ts';
import { argsObject } from './args.ts';
import type { GitContext } from './git-files.ts';
import {
  credentialsOf,
  gitClone,
  gitCloneArgs,
  gitCommit,
  gitCommitArgs,
  gitInit,
  gitInitArgs,
  gitLog,
  gitPull,
  gitPush,
  gitResolve,
  gitResolveArgs,
  gitStatus,
} from './git.ts';

type Call = <T>(body: () => T | Promise<T>) => Promise<T>;

function optional(o: Record<string, unknown>, key: string): string | undefined {
  const v = o[key];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** Name, e-mail and credentials a call may carry. */
function who(o: Record<string, unknown>) {
  const name = optional(o, 'name');
  const email = optional(o, 'email');
  const username = optional(o, 'username');
  const password = typeof o['password'] === 'string' ? o['password'] : undefined;
  return {
    author: { ...(name ? { name } : {}), ...(email ? { email } : {}) },
    credentials: credentialsOf({ ...(username ? { username } : {}), ...(password !== undefined ? { password } : {}) }),
  };
}

export function gitMethods(parts: Omit<GitContext, 'keys'>, call: Call): GitApi {
  const ctx: GitContext = { ...parts, keys: new Map() };
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(body: () => Promise<T>): Promise<T> =>
    call(() => {
      const run = queue.then(body, body);
      queue = run.catch(() => undefined);
      return run;
    });
  const authorOf = (o: Record<string, unknown>) => {
    const a = who(o).author;
    return {
      name: a.name ?? process.env['GIT_AUTHOR_NAME'] ?? 'Siglum',
      email: a.email ?? process.env['GIT_AUTHOR_EMAIL'] ?? 'siglum@localhost',
    };
  };
  return {
    gitStatus: () => serial(() => gitStatus(ctx)),
    gitInit: (args) => serial(() => gitInit(ctx, gitInitArgs(argsObject(args, 'gitInit')))),
    gitClone: (args) => {
      const o = argsObject(args, 'gitClone');
      return serial(() => gitClone(ctx, gitCloneArgs(o), who(o).credentials));
    },
    gitCommit: (args) => serial(() => gitCommit(ctx, gitCommitArgs(argsObject(args, 'gitCommit')))),
    gitPull: (args) => {
      const o = argsObject(args, 'gitPull');
      return serial(() => gitPull(ctx, authorOf(o), who(o).credentials));
    },
    gitPush: (args) => serial(() => gitPush(ctx, who(argsObject(args, 'gitPush')).credentials)),
    gitResolve: (args) => {
      const o = argsObject(args, 'gitResolve');
      return serial(() => gitResolve(ctx, gitResolveArgs(o), authorOf(o)));
    },
    gitLog: () => serial(() => gitLog(ctx)),
  };
}
