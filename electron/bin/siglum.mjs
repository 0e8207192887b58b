#!/usr/bin/env node
// The `siglum` command (package.json "bin"). It runs the built command line, plain
// JavaScript in dist/cli (electron/build-cli.mjs, run by `npm install`'s prepare script
// and by `npm run build`), in this process: no TypeScript is compiled at run time.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../../dist/cli/siglum.mjs', import.meta.url);
if (!existsSync(entry)) {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  process.stderr.write(
    `siglum: the command line is not built (${fileURLToPath(entry)} is missing). Run \`npm run build:cli\` in ${root}, then try again.\n`,
  );
  process.exit(1);
}
await import(entry.href);
