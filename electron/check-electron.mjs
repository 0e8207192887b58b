// `npm start` runs this first: is Electron's binary there? npm installs the electron
// package without it when the download is skipped or fails (offline, or with
// ELECTRON_SKIP_BINARY_DOWNLOAD), and `electron .` would then try to download it and end
// in a stack trace. Say in one line what is missing and how to get it instead.
//
//   node electron/check-electron.mjs [ELECTRON_PACKAGE_DIR]   (default: the installed package)
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const dir = process.argv[2]
  ? resolve(process.argv[2])
  : dirname(createRequire(import.meta.url).resolve('electron/package.json'));
const pathFile = join(dir, 'path.txt');
const binary = existsSync(pathFile) ? join(dir, 'dist', readFileSync(pathFile, 'utf8').trim()) : null;
if (binary === null || !existsSync(binary)) {
  process.stderr.write(
    `siglum: Electron's binary is not installed (${binary ?? join(dir, 'dist')} is missing); run \`node ${join(dir, 'install.js')}\` with network access, then \`npm start\` again (or use \`npm run serve\`, which needs no Electron).\n`,
  );
  process.exit(1);
}
