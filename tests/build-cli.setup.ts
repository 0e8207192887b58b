/**
 * Global set-up of the vitest and Playwright runs: the tests start `siglum` as a user
 * does (electron/bin/siglum.mjs), which runs the built command line, so build it from
 * the sources being tested first (esbuild, about a second).
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

export default function buildCommandLine(): void {
  const root = resolve(import.meta.dirname, '..');
  execFileSync(process.execPath, [join(root, 'electron', 'build-cli.mjs')], { cwd: root, stdio: 'inherit' });
}
