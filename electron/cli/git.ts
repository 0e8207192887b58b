/**
 * `siglum git init|clone|status|commit|pull|push`: the project in a Git repository from
 * a terminal, through the same service methods as the Share panel.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { GitPullResult, GitStatus } from '../../edition/git/api.ts';
import { SiglumError } from '../../edition/errors.ts';
import { chooseProject } from '../paths.ts';
import { projectMustExist, withNewProjectUndone, withService, type Output } from './commands.ts';
import { UsageError } from './usage.ts';

export interface GitOptions {
  project?: string;
  json?: boolean;
  remote?: string;
  'work-tree'?: string;
  ci?: string;
  message?: string;
  name?: string;
  email?: string;
}

const SUBCOMMANDS = ['init', 'clone', 'status', 'commit', 'pull', 'push'] as const;
type Sub = (typeof SUBCOMMANDS)[number];

function printStatus(status: GitStatus, io: Output): void {
  if (!status.linked) {
    io.out('This project is not linked to a Git repository (siglum git init, or git clone URL into a new project).');
    return;
  }
  io.out(
    `Working tree ${status.workTree}; remote ${status.remote ?? 'none'}; at ${status.head?.slice(0, 8) ?? 'no commit yet'}.`,
  );
  const commits = (n: number) => `${n} commit${n === 1 ? '' : 's'}`;
  if (status.remote !== null) {
    io.out(`${commits(status.ahead)} to push, ${status.behind} to pull (as of the last pull or push).`);
  }
  for (const t of status.changed) io.out(`  changed: ${t}`);
  for (const p of status.otherChanges) io.out(`  changed: ${p}`);
  for (const c of status.conflicts) io.out(`  in conflict: ${c.title} (${c.path}); settle it in the Share panel`);
}

function printPull(result: GitPullResult, io: Output): void {
  if (result.upToDate) {
    io.out('Already up to date.');
    return;
  }
  const line = (what: string, list: string[]): void => {
    for (const t of list) io.out(`  ${what}: ${t}`);
  };
  line('from the remote', result.changed);
  line('merged', result.merged);
  line('added', result.added);
  line('removed', result.removed);
  line(
    'in conflict',
    result.conflicts.map((c) => `${c.title} (${c.path})`),
  );
  line('register entry changed on both sides, yours kept', result.registerConflicts);
  io.out(`The project as it was before is the version "${result.before}".`);
  if (result.conflicts.length > 0) io.out('Settle the conflicts in the Share panel, then push.');
}

export async function gitCommand(positionals: string[], opts: GitOptions, io: Output): Promise<number> {
  const sub = positionals[0];
  if (!SUBCOMMANDS.includes(sub as Sub)) {
    throw new UsageError(`git takes one of ${SUBCOMMANDS.join(', ')}${sub === undefined ? '' : ` (got "${sub}")`}.`);
  }
  const rest = positionals.slice(1);
  if (sub !== 'clone' && rest.length > 0) throw new UsageError(`git ${sub} takes no arguments besides its options.`);
  const project = chooseProject(opts.project);
  const workTree = opts['work-tree'] === undefined ? {} : { workTree: resolve(opts['work-tree']) };
  if (sub === 'clone') {
    if (rest.length !== 1) throw new UsageError("git clone takes the repository's URL or folder.");
    if (existsSync(project.path)) {
      throw new SiglumError(
        'bad-input',
        `${project.path} already exists. Clone into a new project: pass --project NEW.siglum.`,
      );
    }
    const url = /^[a-z]+:\/\/|^[\w.-]+@/i.test(rest[0]!) ? rest[0]! : resolve(rest[0]!);
    // A clone that fails leaves no project behind.
    const status = await withNewProjectUndone(project, () =>
      withService({ ...project, isDefault: false }, true, (s) => s.gitClone({ url, ...workTree })),
    );
    printStatus(status, io);
    return 0;
  }
  projectMustExist(project);
  return withService(project, false, async (s) => {
    switch (sub as Sub) {
      case 'init': {
        if (opts.ci !== undefined && opts.ci !== 'github' && opts.ci !== 'gitlab') {
          throw new UsageError('git init takes --ci github or --ci gitlab.');
        }
        const remote =
          opts.remote === undefined
            ? {}
            : { remote: /^[a-z]+:\/\/|^[\w.-]+@/i.test(opts.remote) ? opts.remote : resolve(opts.remote) };
        const status = await s.gitInit({
          ...workTree,
          ...remote,
          ...(opts.ci ? { ci: opts.ci as 'github' | 'gitlab' } : {}),
        });
        io.out(`Linked to a new repository in ${status.workTree}.`);
        if (opts.ci) io.out('The CI workflow is in the working tree; it is committed with your next commit.');
        return 0;
      }
      case 'status': {
        const status = await s.gitStatus({});
        if (opts.json) io.out(JSON.stringify(status));
        else printStatus(status, io);
        return 0;
      }
      case 'commit': {
        if (!opts.message) throw new UsageError('git commit needs -m MESSAGE.');
        const name = opts.name ?? process.env['GIT_AUTHOR_NAME'];
        const email = opts.email ?? process.env['GIT_AUTHOR_EMAIL'];
        if (!name || !email) {
          throw new SiglumError(
            'bad-input',
            'A commit needs your name and e-mail: pass --name and --email, or set GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL.',
          );
        }
        const result = await s.gitCommit({ message: opts.message, name, email });
        io.out(`Committed ${result.commit.slice(0, 8)} (${result.files.length} files changed).`);
        return 0;
      }
      case 'pull': {
        const result = await s.gitPull({
          ...(opts.name ? { name: opts.name } : {}),
          ...(opts.email ? { email: opts.email } : {}),
        });
        if (opts.json) io.out(JSON.stringify(result));
        else printPull(result, io);
        return 0;
      }
      case 'push': {
        const result = await s.gitPush({});
        io.out(`Pushed ${result.commit.slice(0, 8)}.`);
        return 0;
      }
      case 'clone':
        return 0;
    }
  });
}
