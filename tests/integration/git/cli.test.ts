/**
 * `siglum git` through the command line's entry (runCli): init with a remote folder,
 * commit, push, clone into a new project, status and pull as JSON; and the sentences
 * for a push that cannot reach its remote.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main.ts';
import { initRepository, pushRemote, fetchRemote, commitFiles } from '../../../electron/git/repo.ts';
import { tempDir } from '../service/helpers.ts';

async function cli(argv: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const status = await runCli(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { status, out, err };
}

describe('siglum git', () => {
  it('inits, commits, pushes, clones, and reports status and pull as JSON', { timeout: 60_000 }, async () => {
    const tmp = tempDir();
    try {
      const bare = tmp.file('shared.git');
      await initRepository(bare, true);
      const a = tmp.file('a.siglum');
      expect((await cli(['import', '../shared/corpus/seed/frus1933v03-d63-grew-256.txt', '--project', a])).status).toBe(
        0,
      );
      expect((await cli(['git', 'init', '--remote', bare, '--project', a])).status).toBe(0);
      const status = JSON.parse((await cli(['git', 'status', '--json', '--project', a])).out) as { changed: string[] };
      expect(status.changed).toHaveLength(1);
      const noName = await cli(['git', 'commit', '-m', 'First', '--project', a]);
      if (!process.env['GIT_AUTHOR_NAME']) expect(noName.err).toMatch(/needs your name and e-mail/);
      const commit = await cli([
        'git',
        'commit',
        '-m',
        'First',
        '--name',
        'Ann',
        '--email',
        'ann@example.org',
        '--project',
        a,
      ]);
      expect(commit.status, commit.err).toBe(0);
      expect(commit.out).toMatch(/^Committed [0-9a-f]{8}/);
      expect((await cli(['git', 'push', '--project', a])).status).toBe(0);

      const b = tmp.file('b.siglum');
      const clone = await cli(['git', 'clone', bare, '--project', b]);
      expect(clone.status, clone.err).toBe(0);
      expect((await cli(['list', '--json', '--project', b])).out).toContain('The Ambassador in Japan');
      const pull = JSON.parse((await cli(['git', 'pull', '--json', '--project', b])).out) as { upToDate: boolean };
      expect(pull.upToDate).toBe(true);
      const again = await cli(['git', 'clone', bare, '--project', b]);
      expect(again.status).toBe(1);
      expect(again.err).toMatch(/already exists/);
      // What the published CI workflow runs: a clone of the checked-out working tree, then the HTML edition.
      mkdirSync(tmp.file('ci'));
      const c = tmp.file('ci/edition.siglum');
      const ci = await cli([
        'git',
        'clone',
        tmp.file('a.git-work'),
        '--project',
        c,
        '--work-tree',
        tmp.file('ci/work'),
      ]);
      expect(ci.status, ci.err).toBe(0);
      const html = await cli(['export', '--all', '--format', 'html', '--out', tmp.file('public'), '--project', c]);
      expect(html.status, html.err).toBe(0);
      expect(readFileSync(tmp.file('public/index.html'), 'utf8')).toContain('The Ambassador in Japan');
      const failed = await cli(['git', 'clone', tmp.file('nowhere.git'), '--project', tmp.file('never.siglum')]);
      expect(failed.err).toMatch(/There is no Git repository at/);
      expect(existsSync(tmp.file('never.siglum'))).toBe(false);
      expect(existsSync(tmp.file('never.git-work'))).toBe(false);
      const wrong = await cli(['git', 'fetch', '--project', b]);
      expect(wrong.status).toBe(2);
    } finally {
      tmp.cleanup();
    }
  });

  it('says in a sentence why a push could not reach its remote', { timeout: 60_000 }, async () => {
    const tmp = tempDir();
    const server = createServer((_req, res) => {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"' });
      res.end();
    });
    try {
      const work = tmp.file('work');
      await initRepository(work);
      await commitFiles(work, new Map([['a.txt', 'a\n']]), [], 'First', { name: 'Ann', email: 'ann@example.org' });
      await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      const port = (server.address() as AddressInfo).port;
      await expect(pushRemote(work, `http://127.0.0.1:${port}/edition.git`, null)).rejects.toThrow(
        /asked for a user name and password|needs a user name and password/,
      );
      await expect(fetchRemote(work, 'http://127.0.0.1:1/edition.git', null)).rejects.toThrow(
        /no network connection\. Your work is kept here/,
      );
      // An SSH remote needs the git program; without one, a sentence.
      process.env['SIGLUM_GIT_PROGRAM'] = tmp.file('no-git-here');
      try {
        await expect(pushRemote(work, 'git@github.com:frus/edition.git', null)).rejects.toThrow(
          /is an SSH address, which Siglum's Git cannot reach and no git program is installed to reach it\. Use the repository's HTTPS address, or install git\./,
        );
      } finally {
        delete process.env['SIGLUM_GIT_PROGRAM'];
      }
      await expect(pushRemote(work, tmp.file('nowhere'), null)).rejects.toThrow(/There is no Git repository at/);
    } finally {
      server.close();
      tmp.cleanup();
    }
  });
});
