/**
 * The Git repository beside a project, through isomorphic-git: commits are made from a
 * set of files (a tree written directly, then checked out so the working tree and its
 * index match), files are read at any commit, and a remote is reached over HTTP(S)
 * (isomorphic-git's own client) or, for a repository in a folder of this machine (a
 * shared drive, a bare repository), by copying the objects between the two object
 * stores with isomorphic-git's object functions. isomorphic-git does not speak SSH.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SiglumError } from '../../edition/errors.ts';

type IsoGit = { git: typeof import('isomorphic-git').default; http: typeof import('isomorphic-git/http/node').default };
let loaded: Promise<IsoGit> | null = null;

/**
 * isomorphic-git and its HTTP client, loaded on first use: they are large, and most
 * runs of Siglum (an import, an export) never touch the repository.
 */
function isoGit(): Promise<IsoGit> {
  return (loaded ??= Promise.all([import('isomorphic-git'), import('isomorphic-git/http/node')]).then(
    ([git, http]) => ({ git: git.default, http: http.default }),
  ));
}

/** The one branch Siglum works on. */
export const BRANCH = 'main';
const HEAD_REF = `refs/heads/${BRANCH}`;
const REMOTE_REF = `refs/remotes/origin/${BRANCH}`;

export interface Author {
  name: string;
  email: string;
}

/** HTTP basic credentials for a remote. */
export interface Credentials {
  username: string;
  password: string;
}

export interface CommitInfo {
  oid: string;
  message: string;
  author: string;
  email: string;
  at: string;
}

/** Creates an empty repository (with a working tree at `dir`, or bare). */
export async function initRepository(dir: string, bare = false): Promise<void> {
  const { git } = await isoGit();
  fs.mkdirSync(dir, { recursive: true });
  await git.init({ fs, dir, bare, defaultBranch: BRANCH });
}

async function resolveOid(gitdir: string, ref: string): Promise<string | null> {
  const { git } = await isoGit();
  try {
    return await git.resolveRef({ fs, gitdir, ref });
  } catch {
    return null;
  }
}

const gitdirOf = (dir: string): string => join(dir, '.git');

/** The last commit of the branch, or null in a repository without commits. */
export function headOid(dir: string): Promise<string | null> {
  return resolveOid(gitdirOf(dir), HEAD_REF);
}

/** The remote's branch as last fetched, or null. */
export function remoteOid(dir: string): Promise<string | null> {
  return resolveOid(gitdirOf(dir), REMOTE_REF);
}

/** The blobs of a commit (path -> blob id), or of its folder `under` only. */
export async function listBlobs(dir: string, oid: string | null, under?: string): Promise<Map<string, string>> {
  const { git } = await isoGit();
  const blobs = new Map<string, string>();
  if (oid === null) return blobs;
  const gitdir = gitdirOf(dir);
  const walk = async (treeOid: string, prefix: string): Promise<void> => {
    const { tree } = await git.readTree({ fs, gitdir, oid: treeOid });
    for (const entry of tree) {
      const path = prefix + entry.path;
      if (entry.type === 'tree') await walk(entry.oid, path + '/');
      else if (entry.type === 'blob') blobs.set(path, entry.oid);
    }
  };
  const { commit } = await git.readCommit({ fs, gitdir, oid });
  let root: string | null = commit.tree;
  if (under !== undefined) {
    const { tree } = await git.readTree({ fs, gitdir, oid: commit.tree });
    root = tree.find((e) => e.path === under && e.type === 'tree')?.oid ?? null;
  }
  if (root !== null) await walk(root, under === undefined ? '' : `${under}/`);
  return blobs;
}

/** A blob's bytes as stored. */
export async function readBlobBytes(dir: string, blobOid: string): Promise<Buffer> {
  const { git } = await isoGit();
  const { blob } = await git.readBlob({ fs, gitdir: gitdirOf(dir), oid: blobOid });
  return Buffer.from(blob);
}

/**
 * Every file of a commit, by path, as text; the files of the top folder `except` (binary
 * files, read with listBlobs and readBlobBytes) are left out.
 */
export async function readFiles(dir: string, oid: string | null, except?: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const skip = except === undefined ? null : `${except}/`;
  for (const [path, blob] of await listBlobs(dir, oid)) {
    if (skip === null || !path.startsWith(skip)) files.set(path, (await readBlobBytes(dir, blob)).toString('utf8'));
  }
  return files;
}

/** A file to commit: text, bytes, or a blob the repository holds already (by its id, not read again). */
export type FileContent = string | Uint8Array | { blob: string };

async function blobOf(content: FileContent): Promise<string> {
  const { git } = await isoGit();
  if (typeof content === 'string') return (await git.hashBlob({ object: Buffer.from(content, 'utf8') })).oid;
  return content instanceof Uint8Array ? (await git.hashBlob({ object: content })).oid : content.blob;
}

/** The paths whose content `files` changes from commit `oid`'s: added, changed or removed. */
export async function changedPaths(
  dir: string,
  oid: string | null,
  files: ReadonlyMap<string, FileContent>,
): Promise<string[]> {
  const before = await listBlobs(dir, oid);
  const out: string[] = [];
  for (const [path, content] of files) if (before.get(path) !== (await blobOf(content))) out.push(path);
  for (const path of before.keys()) if (!files.has(path)) out.push(path);
  return out;
}

/** Writes the tree of `files` and returns its id. */
async function writeTree(gitdir: string, files: ReadonlyMap<string, FileContent>): Promise<string> {
  const { git } = await isoGit();
  type Folder = Map<string, Folder | FileContent>;
  const root: Folder = new Map();
  for (const [path, text] of files) {
    const parts = path.split('/');
    let folder = root;
    for (const part of parts.slice(0, -1)) {
      let next = folder.get(part);
      if (!(next instanceof Map)) folder.set(part, (next = new Map()));
      folder = next;
    }
    folder.set(parts[parts.length - 1]!, text);
  }
  const write = async (folder: Folder): Promise<string> => {
    const tree = [];
    for (const [name, item] of folder) {
      if (item instanceof Map) {
        tree.push({ mode: '040000', path: name, oid: await write(item), type: 'tree' as const });
        continue;
      }
      const oid =
        typeof item === 'string'
          ? await git.writeBlob({ fs, gitdir, blob: Buffer.from(item, 'utf8') })
          : item instanceof Uint8Array
            ? await git.writeBlob({ fs, gitdir, blob: item })
            : item.blob;
      tree.push({ mode: '100644', path: name, oid, type: 'blob' as const });
    }
    return git.writeTree({ fs, gitdir, tree });
  };
  return write(root);
}

/**
 * Commits exactly `files` on the branch with the given parents, and checks the commit
 * out so that the working tree holds those files.
 */
export async function commitFiles(
  dir: string,
  files: ReadonlyMap<string, FileContent>,
  parents: readonly string[],
  message: string,
  author: Author,
): Promise<string> {
  const { git } = await isoGit();
  const gitdir = gitdirOf(dir);
  const tree = await writeTree(gitdir, files);
  const oid = await git.commit({ fs, dir, message, author, parent: [...parents], tree, noUpdateBranch: true });
  await git.writeRef({ fs, gitdir, ref: HEAD_REF, value: oid, force: true });
  await checkoutHead(dir);
  return oid;
}

/** Moves the branch to `oid` (a fast-forward) and checks it out. */
export async function fastForward(dir: string, oid: string): Promise<void> {
  const { git } = await isoGit();
  await git.writeRef({ fs, gitdir: gitdirOf(dir), ref: HEAD_REF, value: oid, force: true });
  await checkoutHead(dir);
}

async function checkoutHead(dir: string): Promise<void> {
  const { git } = await isoGit();
  await git.checkout({ fs, dir, ref: BRANCH, force: true });
}

/** The last commit both `a` and `b` descend from, or null. */
export async function mergeBase(dir: string, a: string, b: string): Promise<string | null> {
  const { git } = await isoGit();
  const bases = await git.findMergeBase({ fs, gitdir: gitdirOf(dir), oids: [a, b] });
  return (bases[0] as string | undefined) ?? null;
}

/** Whether `ancestor` is `oid` or one of its ancestors. */
export async function isAncestor(dir: string, ancestor: string, oid: string): Promise<boolean> {
  const { git } = await isoGit();
  if (ancestor === oid) return true;
  return git.isDescendent({ fs, gitdir: gitdirOf(dir), oid, ancestor, depth: -1 });
}

/** The commits of the branch (or of the commit `from`), newest first. */
export async function commitLog(dir: string, depth = 200, from?: string): Promise<CommitInfo[]> {
  const { git } = await isoGit();
  if (from === undefined && (await headOid(dir)) === null) return [];
  const entries = await git.log({ fs, dir, ref: from ?? BRANCH, depth });
  return entries.map((e) => ({
    oid: e.oid,
    message: e.commit.message.trim(),
    author: e.commit.author.name,
    email: e.commit.author.email,
    at: new Date(e.commit.author.timestamp * 1000).toISOString(),
  }));
}

// ------------------------------------------------------------------ remotes

/** Whether a remote is an SSH address (`git@host:path`, `ssh://...`). */
export function isSshRemote(url: string): boolean {
  return /^ssh:\/\//i.test(url) || /^[\w.-]+@[\w.-]+:/.test(url);
}

/** The git directory of a repository in a folder of this machine, or null for a URL. */
function localGitdir(url: string): string | null {
  const path = url.startsWith('file://') ? fileURLToPath(url) : url.startsWith('/') ? url : null;
  if (path === null) return null;
  const full = resolve(path);
  if (fs.existsSync(join(full, '.git'))) return join(full, '.git');
  if (fs.existsSync(join(full, 'HEAD')) && fs.existsSync(join(full, 'objects'))) return full;
  throw new SiglumError(
    'not-found',
    `There is no Git repository at ${full}. Check the remote's path, or create the repository first.`,
  );
}

/** Copies the objects reachable from `oid` that `to` does not have yet. */
async function copyObjects(from: string, to: string, oid: string): Promise<void> {
  const { git } = await isoGit();
  const has = async (id: string): Promise<boolean> => {
    try {
      await git.readObject({ fs, gitdir: to, oid: id, format: 'deflated' });
      return true;
    } catch {
      return false;
    }
  };
  const pending = [oid];
  const seen = new Set<string>();
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (seen.has(id) || (await has(id))) continue;
    seen.add(id);
    const object = await git.readObject({ fs, gitdir: from, oid: id, format: 'content' });
    const type = object.type as 'commit' | 'tree' | 'blob' | 'tag';
    await git.writeObject({ fs, gitdir: to, type, object: object.object as Uint8Array, format: 'content', oid: id });
    if (type === 'commit') {
      const { commit } = await git.readCommit({ fs, gitdir: from, oid: id });
      pending.push(commit.tree, ...commit.parent);
    } else if (type === 'tree') {
      const { tree } = await git.readTree({ fs, gitdir: from, oid: id });
      for (const entry of tree) pending.push(entry.oid);
    }
  }
}

function onAuth(credentials: Credentials | null) {
  return () => (credentials === null ? { cancel: true } : credentials);
}

/** Fetches the remote's branch; its commit (now also `origin/main` here), or null when it has none. */
export async function fetchRemote(dir: string, url: string, credentials: Credentials | null): Promise<string | null> {
  const { git, http } = await isoGit();
  const gitdir = gitdirOf(dir);
  try {
    const local = localGitdir(url);
    if (local !== null) {
      const oid = await resolveOid(local, HEAD_REF);
      if (oid === null) return null;
      await copyObjects(local, gitdir, oid);
      await git.writeRef({ fs, gitdir, ref: REMOTE_REF, value: oid, force: true });
      return oid;
    }
    const program = sshProgram(url);
    if (program !== null) {
      runGit(program, dir, ['fetch', url, `+${HEAD_REF}:${REMOTE_REF}`], url, 'fetch');
      return await resolveOid(gitdir, REMOTE_REF);
    }
    // isomorphic-git's fetch records what it fetched under the remote's refspec, which a
    // repository made by init has not got: name the remote as \`git clone\` would.
    await git.addRemote({ fs, dir, remote: 'origin', url, force: true });
    const result = await git.fetch({
      fs,
      http,
      dir,
      url,
      ref: BRANCH,
      remoteRef: BRANCH,
      singleBranch: true,
      tags: false,
      onAuth: onAuth(credentials),
    });
    if (result.fetchHead === null) return null;
    await git.writeRef({ fs, gitdir, ref: REMOTE_REF, value: result.fetchHead, force: true });
    return result.fetchHead;
  } catch (e) {
    throw remoteError(e, url, 'fetch');
  }
}

/**
 * Sends the branch to the remote. A remote that has commits this branch lacks refuses
 * (`behind`): pull first.
 */
export async function pushRemote(dir: string, url: string, credentials: Credentials | null): Promise<string> {
  const { git, http } = await isoGit();
  const gitdir = gitdirOf(dir);
  const head = await headOid(dir);
  if (head === null) throw new SiglumError('bad-input', 'There is nothing to push yet. Share your changes first.');
  try {
    const local = localGitdir(url);
    if (local !== null) {
      const theirs = await resolveOid(local, HEAD_REF);
      if (theirs !== null && theirs !== head) {
        await copyObjects(local, gitdir, theirs);
        if (!(await isAncestor(dir, theirs, head))) throw behind();
      }
      await copyObjects(gitdir, local, head);
      await git.writeRef({ fs, gitdir: local, ref: HEAD_REF, value: head, force: true });
      await git.writeRef({ fs, gitdir, ref: REMOTE_REF, value: head, force: true });
      return head;
    }
    const program = sshProgram(url);
    if (program !== null) {
      runGit(program, dir, ['push', url, `${HEAD_REF}:${HEAD_REF}`], url, 'push');
      await git.writeRef({ fs, gitdir, ref: REMOTE_REF, value: head, force: true });
      return head;
    }
    const result = await git.push({ fs, http, dir, url, ref: BRANCH, remoteRef: BRANCH, onAuth: onAuth(credentials) });
    if (!result.ok) throw behind();
    await git.writeRef({ fs, gitdir, ref: REMOTE_REF, value: head, force: true });
    return head;
  } catch (e) {
    throw remoteError(e, url, 'push');
  }
}

function behind(): SiglumError {
  return new SiglumError(
    'forbidden',
    'The remote has changes you do not have yet, so it refused the push. Pull first, then push again.',
  );
}

/** The `git` program (SIGLUM_GIT_PROGRAM, else `git` on the PATH), or null when there is none. */
function gitProgram(): string | null {
  const program = process.env['SIGLUM_GIT_PROGRAM'] || 'git';
  return spawnSync(program, ['--version'], { stdio: 'ignore' }).status === 0 ? program : null;
}

/**
 * isomorphic-git does not speak SSH: an SSH remote goes through the `git` program when
 * it is installed (its own SSH keys and agent), and is refused in a sentence otherwise.
 */
function sshProgram(url: string): string | null {
  if (!isSshRemote(url)) return null;
  const program = gitProgram();
  if (program === null) {
    throw new SiglumError(
      'bad-input',
      `${url} is an SSH address, which Siglum's Git cannot reach and no git program is installed to reach it. Use the repository's HTTPS address, or install git.`,
    );
  }
  return program;
}

/** Runs the git program in the working tree; a sentence with git's own first line when it fails. */
function runGit(program: string, dir: string, args: string[], url: string, what: 'fetch' | 'push'): string {
  const r = spawnSync(program, ['-C', dir, ...args], {
    encoding: 'utf8',
    timeout: 300_000,
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
  });
  if (r.status === 0) return r.stdout;
  const said = `${r.stderr ?? ''}`.trim();
  if (what === 'push' && /\[rejected\]|non-fast-forward|fetch first/.test(said)) throw behind();
  const line = said.split('\n').find((l) => /fatal|error|denied/i.test(l)) ?? said.split('\n')[0] ?? '';
  throw new SiglumError(
    'io',
    `git could not ${what} ${url}: ${line.replace(/^(fatal|error): /, '')}. Check the address and your SSH key.`,
  );
}

/** A sentence for what went wrong talking to a remote. */
export function remoteError(e: unknown, url: string, what: 'fetch' | 'push'): SiglumError {
  if (e instanceof SiglumError) return e;
  const err = e as { code?: string; data?: { statusCode?: number; reason?: string }; message?: string };
  const status = err.data?.statusCode;
  if (err.code === 'PushRejectedError') return behind();
  if (status === 401 || status === 403) {
    return new SiglumError(
      'forbidden',
      `${url} asked for a user name and password (or token) that Siglum does not have or that were refused. Enter them when asked, or set SIGLUM_GIT_USERNAME and SIGLUM_GIT_PASSWORD.`,
    );
  }
  if (err.code === 'UserCanceledError') {
    return new SiglumError(
      'forbidden',
      `${url} needs a user name and password (or token). Enter them when asked, or set SIGLUM_GIT_USERNAME and SIGLUM_GIT_PASSWORD.`,
    );
  }
  if (status === 404)
    return new SiglumError('not-found', `There is no repository at ${url}. Check the remote's address.`);
  const msg = err.message ?? String(e);
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|ECONNRESET|fetch failed/.test(msg)) {
    return new SiglumError(
      'io',
      `Could not reach ${url} to ${what}: there seems to be no network connection. Your work is kept here; try again when you are online.`,
    );
  }
  if (err.code === 'UrlParseError' || err.code === 'UnknownTransportError') {
    return new SiglumError(
      'bad-input',
      `${url} is not a remote Siglum can reach: give an https:// address or a folder's path.`,
    );
  }
  return new SiglumError('io', `Git could not ${what} ${url}: ${msg.replace(/\s+/g, ' ').trim()}`);
}
