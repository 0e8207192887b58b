// Builds the command line (and with it `siglum serve`) into dist/cli with esbuild, so
// that it runs as plain JavaScript: no tsx and no esbuild at run time.
//   siglum.mjs       electron/cli/run.ts and everything it imports from this repository
//   importWorker.mjs the import worker (electron/workers/importWorker.ts), its packages included
//   indexWorker.mjs  the search indexer's thread (electron/workers/indexWorker.ts)
//   paginator.js     the PDF paginator (edition/print/browser/paginate.ts) defining SiglumPrint
// Packages stay in node_modules (better-sqlite3 is native, playwright-core is large);
// `npm install` runs this through the `prepare` script, `npm run build` too.
//
//   node electron/build-cli.mjs [--outdir DIR]
import { build } from 'esbuild';
import { renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PAGINATOR_ENTRY, PAGINATOR_OPTIONS } from './paginator-build.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The CommonJS packages the command line starts with, loaded with `require` rather than
 * `import`: an import of a CommonJS module makes Node's ESM loader scan its source for
 * the names it exports first (saxes is one 70 KB file), a cost paid at every start.
 * Each is replaced by a module that requires it and exports what it exports.
 */
const COMMONJS = ['better-sqlite3', 'saxes', 'diff-sequences'];
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const requireCommonJs = {
  name: 'require-commonjs',
  setup(b) {
    b.onResolve({ filter: new RegExp(`^(${COMMONJS.join('|')})$`) }, (args) => ({
      path: args.path,
      namespace: 'require-commonjs',
    }));
    b.onLoad({ filter: /.*/, namespace: 'require-commonjs' }, (args) => {
      const names = Object.keys(createRequire(join(root, 'package.json'))(args.path)).filter(
        (n) => IDENTIFIER.test(n) && n !== 'default',
      );
      return {
        contents: [
          `import { createRequire } from 'node:module';`,
          `const m = createRequire(import.meta.url)(${JSON.stringify(args.path)});`,
          'export default m;',
          ...names.map((n) => `export const ${n} = m.${n};`),
        ].join('\n'),
        loader: 'js',
        resolveDir: root,
      };
    });
  },
};

/** Builds into `outdir` (default dist/cli); resolves once every file is written. */
export async function buildCli(target = join(root, 'dist', 'cli')) {
  // Built beside the target and swapped in, so that a `siglum` started meanwhile (tests
  // running in another process) finds the old build or the new one, never half of one.
  const outdir = `${target}.building-${process.pid}`;
  rmSync(outdir, { recursive: true, force: true });
  const node = {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    // Commands load their modules when they run (electron/cli/main.ts): chunks keep that lazy.
    splitting: true,
    target: 'node20',
    packages: 'external',
    outdir,
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
    // dist/cli (bundle and chunks alike) is two folders deep like electron/cli, so paths made
    // from import.meta.url still resolve.
    define: {
      SIGLUM_BUILT_FILES: JSON.stringify({
        importWorker: './importWorker.mjs',
        paginator: './paginator.js',
        indexWorker: './indexWorker.mjs',
      }),
    },
  };
  await Promise.all([
    build({ ...node, plugins: [requireCommonJs], entryPoints: { siglum: 'electron/cli/run.ts' } }),
    // The import worker with its packages (prosemirror-model, saxes) inside: it starts
    // while an import waits for it, and one file loads faster than a module graph.
    build({ ...node, packages: undefined, entryPoints: { importWorker: 'electron/workers/importWorker.ts' } }),
    build({ ...node, plugins: [requireCommonJs], entryPoints: { indexWorker: 'electron/workers/indexWorker.ts' } }),
    build({ ...PAGINATOR_OPTIONS, absWorkingDir: root, entryPoints: { paginator: PAGINATOR_ENTRY }, outdir }),
  ]);
  const old = `${target}.old-${process.pid}`;
  try {
    renameSync(target, old);
  } catch (e) {
    if (e.code !== 'ENOENT') throw e;
  }
  renameSync(outdir, target);
  rmSync(old, { recursive: true, force: true });
  return target;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
  const outdir = await buildCli(values.outdir && resolve(values.outdir));
  console.log(`Built the command line into ${outdir}`);
}
