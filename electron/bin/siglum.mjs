#!/usr/bin/env node
// The `siglum` command (package.json "bin"). The command line is TypeScript, so this
// starts Node again with tsx loaded through --import: worker threads inherit execArgv,
// which lets the import worker load its .ts files too. Signals are passed on, so that
// stopping `siglum serve` stops the server, and the exit status is passed back.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../cli/run.ts', import.meta.url));
// Resolved from here, not from the working directory, so `siglum` works from anywhere.
const tsx = import.meta.resolve('tsx');
const child = spawn(process.execPath, ['--import', tsx, entry, ...process.argv.slice(2)], {
  stdio: 'inherit',
});

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}
child.on('error', (e) => {
  process.stderr.write(`siglum: could not start Node (${e.message}). Check your Node installation.\n`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1));
});
