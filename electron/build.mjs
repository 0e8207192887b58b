// Builds the desktop app's Node side into dist/electron with esbuild:
//   main.cjs     the main process (electron/main.ts)
//   preload.cjs  the sandboxed preload (CommonJS: sandboxed preloads cannot load ESM)
//   service.cjs  the service, run as an Electron utility process (host/service-process.ts),
//                with better-sqlite3's JavaScript bundled in
//   importWorker.cjs  the worker thread that parses imported files (electron/workers)
//   indexWorker.cjs   the search indexer's thread (electron/workers/indexWorker.ts)
//   paginator.js the PDF paginator (edition/print/browser/paginate.ts) as a script defining SiglumPrint
// and makes sure dist/native/better_sqlite3.node exists: better-sqlite3 compiled for
// Electron's ABI, which the service process loads through better-sqlite3's
// `nativeBinding` option. npm's own build in node_modules stays Node's, for the tests,
// the command line and `siglum serve`.
//
//   node electron/build.mjs                 bundle; build the native addon if missing
//   node electron/build.mjs --native        rebuild the native addon (needs network once:
//                                           Electron's headers are downloaded)
//   node electron/build.mjs --skip-native   bundle only
//   node electron/build.mjs --outdir DIR    bundle into DIR instead of dist/electron
import { build } from 'esbuild';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { checkAddon, electronAbi } from './check-native.mjs';
import { PAGINATOR_ENTRY, PAGINATOR_OPTIONS } from './paginator-build.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { values: flags } = parseArgs({
  options: { native: { type: 'boolean' }, 'skip-native': { type: 'boolean' }, outdir: { type: 'string' } },
});
const outdir = resolve(flags.outdir ?? join(root, 'dist', 'electron'));
const nativeDir = join(root, 'dist', 'native');

// Modules written as ESM use import.meta.url to find files beside them (the sample
// despatch, for one). In a CommonJS bundle it becomes this file's own URL; the paths
// still resolve because dist/electron sits two levels deep, like electron/service.
const importMetaUrl = {
  define: { 'import.meta.url': '__siglum_import_meta_url' },
  banner: { js: 'const __siglum_import_meta_url = require("node:url").pathToFileURL(__filename).href;' },
};

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: 'linked',
  logLevel: 'warning',
  // Electron 45 ships Node 22: built-ins as they are. esbuild and playwright-core are
  // loaded only on paths the app never takes (it passes the paginator built below and
  // prints PDFs in its own window), so they stay out of the bundles. sharp is native
  // (libvips in @img/sharp-*): loaded from node_modules beside the bundle.
  external: ['electron', 'esbuild', 'playwright-core', 'sharp'],
  ...importMetaUrl,
};

async function bundle() {
  rmSync(outdir, { recursive: true, force: true });
  await Promise.all([
    build({ ...common, entryPoints: { main: 'electron/main.ts' }, outdir, outExtension: { '.js': '.cjs' } }),
    build({ ...common, entryPoints: { preload: 'electron/preload.ts' }, outdir, outExtension: { '.js': '.cjs' } }),
    build({
      ...common,
      entryPoints: { service: 'electron/host/service-process.ts' },
      outdir,
      outExtension: { '.js': '.cjs' },
    }),
    build({
      ...common,
      entryPoints: { importWorker: 'electron/workers/importWorker.ts' },
      outdir,
      outExtension: { '.js': '.cjs' },
    }),
    build({
      ...common,
      entryPoints: { indexWorker: 'electron/workers/indexWorker.ts' },
      outdir,
      outExtension: { '.js': '.cjs' },
    }),
    // The PDF paginator, run inside the hidden print window (electron/pdf/electron.ts).
    build({ ...PAGINATOR_OPTIONS, absWorkingDir: root, entryPoints: { paginator: PAGINATOR_ENTRY }, outdir }),
  ]);
  console.log(`Bundled main, preload, service, import worker and paginator into ${outdir}`);
}

function electronVersion() {
  return JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
}

/** Compiles better-sqlite3 for Electron in a copy, leaving node_modules' Node build alone. */
async function buildNative() {
  const version = electronVersion();
  const stage = join(root, 'dist', 'native-build');
  const source = dirname(require.resolve('better-sqlite3/package.json'));
  const sqliteVersion = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')).version;
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(join(stage, 'node_modules'), { recursive: true });
  writeFileSync(
    join(stage, 'package.json'),
    JSON.stringify({
      name: 'siglum-native',
      version: '0.0.0',
      private: true,
      dependencies: { 'better-sqlite3': sqliteVersion },
    }),
  );
  cpSync(source, join(stage, 'node_modules', 'better-sqlite3'), {
    recursive: true,
    filter: (path) => !path.startsWith(join(source, 'build')),
  });
  // An npm config `nodedir` (say nodedir=/usr in ~/.npmrc, for Debian's Node) reaches
  // node-gyp as npm_config_nodedir and makes it compile against that Node's headers:
  // the addon then has Node's ABI, not Electron's. Drop it, and name Electron's headers.
  for (const key of Object.keys(process.env)) {
    if (key.toLowerCase() === 'npm_config_nodedir') delete process.env[key];
  }
  try {
    const { rebuild } = await import('@electron/rebuild');
    await rebuild({
      buildPath: stage,
      electronVersion: version,
      headerURL: 'https://electronjs.org/headers',
      onlyModules: ['better-sqlite3'],
      force: true,
      buildFromSource: true,
    });
    const built = join(stage, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
    const { abi } = electronAbi();
    const check = checkAddon(built, abi, `Electron ${version}`);
    if (!check.ok) throw new Error(check.line);
    mkdirSync(nativeDir, { recursive: true });
    copyFileSync(built, join(nativeDir, 'better_sqlite3.node'));
    writeFileSync(join(nativeDir, 'electron-version.txt'), `${version}\n`);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  console.log(`Built better-sqlite3 ${sqliteVersion} for Electron ${version} into ${nativeDir}`);
}

function nativeIsCurrent() {
  const stamp = join(nativeDir, 'electron-version.txt');
  const addon = join(nativeDir, 'better_sqlite3.node');
  return (
    existsSync(addon) &&
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8').trim() === electronVersion() &&
    // A build from before this check may carry Node's ABI: then build again.
    checkAddon(addon, electronAbi().abi, 'Electron').ok
  );
}

await bundle();
if (flags.native) {
  await buildNative();
} else if (!flags['skip-native'] && !nativeIsCurrent()) {
  try {
    await buildNative();
  } catch (e) {
    // The bundles are fine; only the desktop app needs this, and it says so when it starts.
    console.warn(
      `warning: could not build better-sqlite3 for Electron (${e instanceof Error ? e.message.split('\n')[0] : e}). ` +
        'The desktop app needs it: run `node electron/build.mjs --native` with network access.',
    );
  }
}
