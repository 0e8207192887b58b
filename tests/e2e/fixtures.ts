/**
 * The `served` fixture: a `siglum serve` of its own for each test, on a new temporary
 * project and a free port, started the way a user starts it (electron/bin/siglum.mjs).
 * It reads the address the server prints and stops the server after the test.
 *
 *   import { test, expect } from './fixtures.ts';
 *   test('...', async ({ page, served }) => { await page.goto(served.url); ... });
 */
import { test as base, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface Served {
  /** The printed address, with the token: opening it sets the cookie and lands on the app. */
  url: string;
  /** http://127.0.0.1:PORT, for building further addresses. */
  origin: string;
  /** The project file the server opened (created empty, not seeded). */
  projectPath: string;
}

const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'electron', 'bin', 'siglum.mjs');
const URL_LINE = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/;
const START_TIMEOUT_MS = 30_000;

/** The address a starting `siglum serve` prints. */
export function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(
      () => reject(new Error(`siglum serve printed no address within ${START_TIMEOUT_MS} ms. stderr: ${err}`)),
      START_TIMEOUT_MS,
    );
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = URL_LINE.exec(out);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]!);
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`siglum serve exited (${code}) before printing an address: ${err.trim()}`));
    });
  });
}

/** Stops a `siglum serve` (SIGTERM, then SIGKILL after 5 s). */
export function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolveStop();
    });
    child.kill('SIGTERM');
  });
}

export const test = base.extend<{ served: Served }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern.
  served: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'siglum-e2e-'));
    const projectPath = join(dir, 'e2e.siglum');
    const child = spawn(process.execPath, [bin, 'serve', '--project', projectPath, '--port', '0'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      // The recent-projects list goes to the test's folder, not the user's config.
      env: { ...process.env, SIGLUM_PROJECT: '', XDG_CONFIG_HOME: join(dir, 'config') },
    });
    try {
      const url = await waitForUrl(child);
      await use({ url, origin: new URL(url).origin, projectPath });
    } finally {
      await stop(child);
      rmSync(dir, { recursive: true, force: true });
    }
  },
});

export { expect };

/** A `siglum serve` the test starts and stops itself (to restart it, say), on `projectPath` and `port` (0: any). */
export interface ServeProcess {
  url: string;
  origin: string;
  port: number;
  stop(): Promise<void>;
}

export async function startServe(projectPath: string, port = 0): Promise<ServeProcess> {
  const child = spawn(process.execPath, [bin, 'serve', '--project', projectPath, '--port', String(port)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SIGLUM_PROJECT: '' },
  });
  try {
    const url = await waitForUrl(child);
    const parsed = new URL(url);
    return { url, origin: parsed.origin, port: Number(parsed.port), stop: () => stop(child) };
  } catch (e) {
    await stop(child);
    throw e;
  }
}
