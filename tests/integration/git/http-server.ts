/**
 * A Git server over smart HTTP for the tests: a Node `http` server on 127.0.0.1 that
 * asks for HTTP Basic credentials and hands each request to Git's own CGI program,
 * git-http-backend, with the bare repositories of one folder. What a forge does, with
 * Git's own protocol code on the other end.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface GitHttpServer {
  /** The http:// address of the repository `name` (a bare repository in the root folder). */
  url(name: string): string;
  /** Requests answered so far with 401, and requests handed to git-http-backend. */
  counts: { refused: number; served: number };
  /** Stops the server and any git-http-backend still running. */
  close(): Promise<void>;
}

/** Where git-http-backend is: in git's exec path (`git --exec-path`), else Debian's. */
export function gitHttpBackend(): string {
  const exec = spawnSync('git', ['--exec-path'], { encoding: 'utf8' });
  const folder = exec.status === 0 ? exec.stdout.trim() : '/usr/lib/git-core';
  const program = join(folder, 'git-http-backend');
  if (!existsSync(program)) {
    throw new Error(
      `The Git HTTP tests need git-http-backend (${program}), which comes with the Debian package git: run \`npm run setup\` (or apt-get install git), then try again.`,
    );
  }
  return program;
}

/** Splits a CGI program's output into its status, its headers and the rest (the body's start). */
function cgiHead(head: string): { status: number; headers: Array<[string, string]> } {
  let status = 200;
  const headers: Array<[string, string]> = [];
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
    else headers.push([name, value]);
  }
  return { status, headers };
}

/** Runs git-http-backend for one request and streams its answer back. */
function serveCgi(
  program: string,
  root: string,
  user: string,
  req: IncomingMessage,
  res: ServerResponse,
  children: Set<ChildProcess>,
): void {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const child = spawn(program, [], {
    env: {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      REMOTE_USER: user,
      REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      REQUEST_METHOD: req.method ?? 'GET',
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      ...(req.headers['content-length'] !== undefined ? { CONTENT_LENGTH: req.headers['content-length'] } : {}),
      ...(req.headers['content-encoding'] !== undefined
        ? { HTTP_CONTENT_ENCODING: req.headers['content-encoding'] }
        : {}),
      ...(typeof req.headers['git-protocol'] === 'string' ? { GIT_PROTOCOL: req.headers['git-protocol'] } : {}),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.add(child);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  req.pipe(child.stdin);
  child.stdin.on('error', () => undefined); // the program may answer before reading the whole body
  let pending: Buffer = Buffer.alloc(0);
  let headed = false;
  child.stdout.on('data', (chunk: Buffer) => {
    if (headed) {
      res.write(chunk);
      return;
    }
    pending = Buffer.concat([pending, chunk]);
    const crlf = pending.indexOf('\r\n\r\n');
    const lf = pending.indexOf('\n\n');
    const end = crlf >= 0 && (lf < 0 || crlf < lf) ? crlf + 4 : lf >= 0 ? lf + 2 : -1;
    if (end < 0) return;
    const { status, headers } = cgiHead(pending.subarray(0, end).toString('latin1'));
    res.writeHead(status, headers.flat());
    headed = true;
    res.write(pending.subarray(end));
  });
  child.on('close', (code) => {
    children.delete(child);
    if (!headed) {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(`git-http-backend ended (${code}) without an answer: ${stderr}`);
    } else res.end();
  });
}

/**
 * Serves the bare repositories in `root` over smart HTTP on 127.0.0.1 (a free port),
 * to a client that sends `username` and `password` by HTTP Basic; any other request
 * gets 401 with a WWW-Authenticate challenge.
 */
export async function startGitHttpServer(root: string, username: string, password: string): Promise<GitHttpServer> {
  const program = gitHttpBackend();
  const expected = `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
  const children = new Set<ChildProcess>();
  const counts = { refused: 0, served: 0 };
  const server = createServer((req, res) => {
    if (req.headers.authorization !== expected) {
      counts.refused++;
      req.resume();
      res.writeHead(401, {
        'WWW-Authenticate': 'Basic realm="Siglum test repositories"',
        'Content-Type': 'text/plain',
      });
      res.end('Authentication required.\n');
      return;
    }
    counts.served++;
    serveCgi(program, root, username, req, res, children);
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', done);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: (name) => `http://127.0.0.1:${port}/${name}`,
    counts,
    async close() {
      await Promise.all(
        [...children].map((child) => new Promise<void>((done) => (child.once('close', () => done()), child.kill()))),
      );
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
