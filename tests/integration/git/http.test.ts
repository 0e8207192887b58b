/**
 * The project in Git over smart HTTP with credentials: a bare repository served by
 * Git's own git-http-backend behind HTTP Basic auth on 127.0.0.1, and two editors who
 * share it through the service's git methods (what the Share tab and `siglum git`
 * call). Editor A passes credentials with the call, editor B through
 * SIGLUM_GIT_USERNAME and SIGLUM_GIT_PASSWORD.
 */
import { spawnSync } from 'node:child_process';
import { Node } from 'prosemirror-model';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { schema } from '../../../edition/schema.ts';
import { headOid, initRepository } from '../../../electron/git/repo.ts';
import type { SiglumService } from '../../../electron/service/index.ts';
import { serviceFixture } from '../service/helpers.ts';
import { documentId, edit, replaceText } from './editing.ts';
import { startGitHttpServer, type GitHttpServer } from './http-server.ts';

const { service, tmp } = serviceFixture();

const USER = 'ann';
const TOKEN = 'glpat-3x4mpl3-t0k3n';
const A = { name: 'Ann Editor', email: 'ann@example.org' };
const B = { name: 'Ben Reviewer', email: 'ben@example.org' };
const ENV = ['SIGLUM_GIT_USERNAME', 'SIGLUM_GIT_PASSWORD'] as const;

// Credentials come from the calls, or from the environment only where a step sets them.
const saved = ENV.map((name) => process.env[name]);
beforeEach(() => {
  for (const name of ENV) delete process.env[name];
});
afterAll(() => {
  ENV.forEach((name, i) => {
    if (saved[i] === undefined) delete process.env[name];
    else process.env[name] = saved[i];
  });
});

/** Git's own answer about the bare repository (it must read what Siglum pushed). */
function git(bare: string, ...args: string[]): string {
  const r = spawnSync('git', ['--git-dir', bare, ...args], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.trim();
}

/** Every document's title and text, in title order. */
async function texts(s: SiglumService): Promise<Array<[string, string]>> {
  const out: Array<[string, string]> = [];
  for (const d of await s.listDocuments({})) {
    out.push([d.title, Node.fromJSON(schema, (await s.openDocument({ id: d.id })).doc).textContent]);
  }
  return out.sort(([x], [y]) => x.localeCompare(y));
}

/** Editor A pushes, editor B clones, both edit, push and pull until they hold the same text. */
async function shareOverHttp(server: GitHttpServer): Promise<void> {
  const bare = tmp.file('edition.git');
  await initRepository(bare, true);
  git(bare, 'config', 'http.receivepack', 'true');
  const url = server.url('edition.git');

  const a = service('a.siglum', { create: true, seed: true });
  const seed = (await a.listDocuments({}))[0]!.title;
  const memo = await a.createDocument({ title: 'Memorandum' });
  await edit(a, memo.id, (tr) => tr.insert(1, schema.text('The memorandum on the treaty closes it.')));
  await a.gitInit({ remote: url });
  await a.gitCommit({ message: 'The despatch and the memorandum', ...A });

  // Without credentials, and with a wrong token: the sentences for credentials, nothing sent.
  await expect(a.gitPush({})).rejects.toThrow(
    /needs a user name and password \(or token\)\. .*SIGLUM_GIT_USERNAME and SIGLUM_GIT_PASSWORD/,
  );
  await expect(a.gitPush({ username: USER, password: 'wrong' })).rejects.toThrow(
    /asked for a user name and password \(or token\) that .* were refused\. .*SIGLUM_GIT_USERNAME and SIGLUM_GIT_PASSWORD/,
  );
  expect(git(bare, 'for-each-ref')).toBe('');
  expect(server.counts.refused).toBeGreaterThanOrEqual(2);

  // With them, the push lands, and Git itself reads it whole.
  const pushed = await a.gitPush({ username: USER, password: TOKEN });
  expect(pushed.commit).toBe(await headOid(tmp.file('a.git-work')));
  expect(git(bare, 'rev-parse', 'refs/heads/main')).toBe(pushed.commit);
  git(bare, 'fsck', '--strict');
  expect(git(bare, 'log', '-1', '--format=%an <%ae> %s', 'main')).toBe(
    'Ann Editor <ann@example.org> The despatch and the memorandum',
  );

  // B clones with credentials from the environment; a clone without them is refused and leaves nothing.
  const b = service('b.siglum');
  await expect(b.gitClone({ url })).rejects.toThrow(/needs a user name and password \(or token\)/);
  expect(await b.listDocuments({})).toEqual([]);
  process.env['SIGLUM_GIT_USERNAME'] = USER;
  process.env['SIGLUM_GIT_PASSWORD'] = TOKEN;
  await b.gitClone({ url });
  expect(await texts(b)).toEqual(await texts(a));

  // Different documents: A the despatch, B the memorandum; B is behind until it pulls.
  await edit(a, await documentId(a, seed), replaceText('several events occurred', 'several incidents occurred'));
  await a.gitCommit({ message: 'Despatch: incidents', ...A });
  await a.gitPush({ username: USER, password: TOKEN });
  await edit(b, await documentId(b, 'Memorandum'), replaceText('closes it', 'closes the memorandum'));
  await b.gitCommit({ message: 'Memorandum: closing', ...B });
  await expect(b.gitPush({})).rejects.toThrow(
    'The remote has changes you do not have yet, so it refused the push. Pull first, then push again.',
  );
  const pulledB = await b.gitPull(B);
  expect(pulledB.changed).toEqual([seed]);
  expect(pulledB.conflicts).toEqual([]);
  await b.gitPush({});
  expect(git(bare, 'rev-parse', 'refs/heads/main')).toBe(await headOid(tmp.file('b.git-work')));

  // A pulls B's merge over HTTP (its own credentials), and both hold the same text.
  delete process.env['SIGLUM_GIT_USERNAME'];
  delete process.env['SIGLUM_GIT_PASSWORD'];
  await expect(a.gitPull({ ...A })).rejects.toThrow(/needs a user name and password \(or token\)/);
  const pulledA = await a.gitPull({ ...A, username: USER, password: TOKEN });
  expect(pulledA.changed).toEqual(['Memorandum']);
  const both = await texts(a);
  expect(await texts(b)).toEqual(both);
  expect(both).toEqual([
    ['Memorandum', 'The memorandum on the treaty closes the memorandum.'],
    [seed, expect.stringContaining('several incidents occurred') as string],
  ]);
  expect((await a.gitStatus({})).behind).toBe(0);
  git(bare, 'fsck', '--strict');
}

describe('the project in Git over HTTP with credentials', () => {
  it(
    'pushes, clones and pulls both ways through git-http-backend, and says what is wrong without credentials or when behind',
    { timeout: 180_000 },
    async () => {
      // Without git-http-backend this fails with a sentence naming the Debian package git.
      const server = await startGitHttpServer(tmp.dir, USER, TOKEN);
      try {
        await shareOverHttp(server);
      } finally {
        await server.close();
      }
    },
  );
});
