// Checks that a compiled better-sqlite3 addon is built for the ABI it will be loaded by:
// a Node addon exports `node_register_module_v<ABI>`, and Electron refuses one whose ABI
// is not its own (NODE_MODULE_VERSION), which the desktop app would only find out at
// start. electron/build.mjs runs it on dist/native/better_sqlite3.node after the build.
//
//   node electron/check-native.mjs [FILE] [--electron | --node | --abi N]
//     FILE        default dist/native/better_sqlite3.node
//     --electron  expect the ABI of the installed Electron (the default)
//     --node      expect the ABI of the Node running this script
// Prints one line; exit 0 when the addon matches, 1 when it does not (or cannot be read).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** The ABIs (NODE_MODULE_VERSION) the addon at `file` registers itself for. */
export function addonAbis(file) {
  const text = readFileSync(file).toString('latin1');
  return [...new Set([...text.matchAll(/node_register_module_v(\d+)/g)].map((m) => Number(m[1])))];
}

/** The installed Electron's version and its ABI: the package's own abi_version file, else node-abi's table. */
export function electronAbi() {
  const dir = dirname(require.resolve('electron/package.json'));
  const version = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
  const file = join(dir, 'abi_version');
  const abi = existsSync(file) ? readFileSync(file, 'utf8').trim() : require('node-abi').getAbi(version, 'electron');
  return { version, abi: Number(abi) };
}

/** Checks `file` against `abi`; returns the one line to print and whether it matched. */
export function checkAddon(file, abi, runtime) {
  let found;
  try {
    found = addonAbis(file);
  } catch (e) {
    return {
      ok: false,
      line: `Cannot read ${file} (${e.code ?? e.message}): build it with \`node electron/build.mjs --native\`.`,
    };
  }
  if (found.length === 0) {
    return { ok: false, line: `${file} exports no node_register_module_v<ABI>: it is not a Node addon.` };
  }
  if (!found.includes(abi)) {
    return {
      ok: false,
      line: `${file} is built for ABI ${found.join(', ')}, but ${runtime} needs ABI ${abi}: rebuild it with \`node electron/build.mjs --native\`.`,
    };
  }
  return { ok: true, line: `${file} exports node_register_module_v${abi}, the ABI of ${runtime}.` };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { electron: { type: 'boolean' }, node: { type: 'boolean' }, abi: { type: 'string' } },
  });
  const file = resolve(positionals[0] ?? join(root, 'dist', 'native', 'better_sqlite3.node'));
  let abi;
  let runtime;
  if (values.abi !== undefined) [abi, runtime] = [Number(values.abi), `ABI ${values.abi}`];
  else if (values.node) [abi, runtime] = [Number(process.versions.modules), `Node ${process.version}`];
  else {
    const electron = electronAbi();
    [abi, runtime] = [electron.abi, `Electron ${electron.version}`];
  }
  const result = checkAddon(file, abi, runtime);
  (result.ok ? process.stdout : process.stderr).write(`${result.line}\n`);
  process.exit(result.ok ? 0 : 1);
}
