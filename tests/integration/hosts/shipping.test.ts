/**
 * What a fresh install and a packaged app depend on: the built command line runs with
 * neither tsx nor esbuild, the bin and `npm start` say in one line what is missing, the
 * native-addon check tells an Electron build from a Node build, and the test run's
 * prerequisite check names the command that installs what is missing.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'siglum-shipping-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const nodeAddon = join(
  dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')),
  'build',
  'Release',
  'better_sqlite3.node',
);

function node(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, SIGLUM_PROJECT: '', ...env },
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, lines: r.stderr.split('\n').filter(Boolean) };
}

/**
 * A module hook (`--import` it) that refuses to load the packages `pattern` matches,
 * in the process and in its worker threads.
 */
function forbidding(name: string, pattern: string): string {
  const forbid = join(dir, `${name}.mjs`);
  writeFileSync(
    join(dir, `${name}-hooks.mjs`),
    `export async function resolve(specifier, context, next) {
      if (/${pattern}/.test(specifier)) throw new Error('loaded at run time: ' + specifier);
      return next(specifier, context);
    }`,
  );
  writeFileSync(forbid, `import { register } from 'node:module'; register('./${name}-hooks.mjs', import.meta.url);`);
  return forbid;
}

/** The `siglum` command of this checkout. */
const bin = (): string => join(root, 'electron', 'bin', 'siglum.mjs');

describe('the built command line', () => {
  it('imports, exports TEI and typesets a PDF with tsx and esbuild unreachable', () => {
    const forbid = forbidding('forbid', '^(tsx|esbuild)(\\/|$)');
    const project = join(dir, 'built.siglum');
    const seed = resolve(root, '../shared/corpus/seed/frus1933v03-d63-grew-256.txt');
    const run = (args: string[]) => node(['--import', forbid, bin(), ...args, '--project', project]);

    const imported = run(['import', seed, '--json']);
    expect(imported.stderr).toBe('');
    const id = (JSON.parse(imported.stdout) as { documents: Array<{ id: string }> }).documents[0]!.id;
    const tei = run(['export', id, '--format', 'tei', '--out', join(dir, 'seed.xml')]);
    expect(tei.stderr).toBe('');
    expect(tei.status).toBe(0);
    const pdf = run(['export', id, '--format', 'pdf', '--out', join(dir, 'seed.pdf')]);
    expect(pdf.stderr).not.toContain('loaded at run time');
    expect(pdf.stdout).toMatch(/seed\.pdf: \d+ pages/);
  });

  it('exports TEI without loading what only the editor and the page-image import use, and requires CommonJS packages', () => {
    const volume = resolve(root, '../shared/corpus/frus/frus1938v03-d480-d486.xml');
    const project = join(dir, 'lean.siglum');
    const imported = node([bin(), 'import', volume, '--json', '--project', project]);
    expect(imported.status).toBe(0);
    const { documents } = JSON.parse(imported.stdout) as { documents: Array<{ id: string; collectionId: string }> };
    // An ESM import of a CommonJS package costs a scan of its source; `require` is what the build uses.
    const forbid = forbidding('lean', '^(prosemirror-state|fflate|better-sqlite3|saxes|diff-sequences)(\\/|$)');
    const run = (args: string[]) => node(['--import', forbid, bin(), 'export', ...args, '--project', project]);
    for (const target of [['--collection', documents[0]!.collectionId], [documents[1]!.id]]) {
      const r = run([...target, '--format', 'tei', '--out', join(dir, `lean-${target.at(-1)}.xml`)]);
      expect(r.stderr).not.toContain('loaded at run time');
      expect(r.stdout).toMatch(/pointers? checked/);
    }
  });

  it('says in one line how to build it when dist/cli is missing', () => {
    mkdirSync(join(dir, 'checkout', 'electron', 'bin'), { recursive: true });
    const bin = join(dir, 'checkout', 'electron', 'bin', 'siglum.mjs');
    copyFileSync(join(root, 'electron', 'bin', 'siglum.mjs'), bin);
    const r = node([bin, '--help']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.lines).toEqual([
      expect.stringMatching(/^siglum: the command line is not built .* Run `npm run build:cli`/),
    ]);
  });
});

describe('npm start without Electron’s binary', () => {
  it('says in one line what is missing and how to get it, and passes once the binary is there', () => {
    const electron = join(dir, 'electron-package');
    mkdirSync(electron, { recursive: true });
    const check = join(root, 'electron', 'check-electron.mjs');
    const missing = node([check, electron]);
    expect(missing.status).toBe(1);
    expect(missing.lines).toEqual([expect.stringMatching(/^siglum: Electron's binary is not installed .*install\.js/)]);

    writeFileSync(join(electron, 'path.txt'), 'electron');
    mkdirSync(join(electron, 'dist'));
    writeFileSync(join(electron, 'dist', 'electron'), '');
    expect(node([check, electron]).status).toBe(0);
  });
});

describe('the native addon check', () => {
  const check = join(root, 'electron', 'check-native.mjs');

  it('accepts npm’s build of better-sqlite3 for the Node running it (no network here to build Electron’s)', () => {
    const r = node([check, nodeAddon, '--node']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`node_register_module_v${process.versions.modules}`);
  });

  it('refuses the same Node build for Electron 45, naming both ABIs', () => {
    const r = node([check, nodeAddon, '--electron']);
    expect(r.status).toBe(1);
    expect(r.lines).toEqual([
      expect.stringMatching(
        new RegExp(`built for ABI ${process.versions.modules}, but Electron 45\\.\\S+ needs ABI 150`),
      ),
    ]);
  });

  it('refuses a file that is not a Node addon', () => {
    const fake = join(dir, 'fake.node');
    writeFileSync(fake, 'not an addon');
    const r = node([check, fake, '--node']);
    expect(r.status).toBe(1);
    expect(r.lines).toEqual([expect.stringContaining('is not a Node addon')]);
  });
});

describe('the test run’s prerequisites', () => {
  it('fails with one line naming `npm run setup` when a Debian package is missing', () => {
    const r = node([join(root, 'tests', 'prerequisites.mjs')], { SIGLUM_CHROMIUM: join(dir, 'no-chromium') });
    expect(r.status).toBe(1);
    expect(r.lines).toEqual([
      'siglum: the tests need Debian packages that are missing (chromium): run `npm run setup` (apt-get, as root or through sudo), then try again.',
    ]);
  });
});

describe('the electron-builder configuration', () => {
  it('names an author with an e-mail (the .deb needs one), a homepage and build resources with an icon', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      author?: { name?: string; email?: string };
      homepage?: string;
      build: { directories: { buildResources: string }; linux: { icon?: string } };
    };
    expect(pkg.author?.name).toBeTruthy();
    expect(pkg.author?.email).toMatch(/@/);
    expect(pkg.homepage).toMatch(/^https:\/\//);
    const resources = join(root, pkg.build.directories.buildResources);
    const icon = readFileSync(join(resources, 'icon.png'));
    // PNG: signature, then the IHDR chunk with width and height; electron-builder wants at least 512 px.
    expect(icon.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(icon.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
    expect(icon.readUInt32BE(20)).toBeGreaterThanOrEqual(512);
    expect(existsSync(join(root, pkg.build.linux.icon ?? 'missing'))).toBe(true);
  });
});

describe('the packaged app’s image library', () => {
  /** A package and, recursively, the dependencies it needs installed here (optional ones only when present). */
  function closure(name: string, seen = new Set<string>()): Set<string> {
    if (seen.has(name)) return seen;
    const dir = join(root, 'node_modules', name);
    if (!existsSync(join(dir, 'package.json'))) return seen;
    seen.add(name);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    for (const dep of [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {})]) {
      closure(dep, seen);
    }
    return seen;
  }

  it('ships sharp with every package it loads, its native parts outside the archive', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      build: { files: string[]; asarUnpack?: string[] };
    };
    // The service bundle leaves sharp to node_modules (electron/build.mjs), and the
    // files list leaves node_modules out unless a package is named after that.
    const excluded = pkg.build.files.indexOf('!**/node_modules/**/*');
    const named = (patterns: readonly string[], name: string) =>
      patterns.some((p) => p === `node_modules/${name}/**/*` || p === `node_modules/${name.split('/')[0]}/**/*`);
    const needed = [...closure('sharp')];
    expect(needed).toContain('detect-libc');
    expect(needed.some((n) => n.startsWith('@img/sharp-libvips-'))).toBe(true);
    for (const name of needed) expect(named(pkg.build.files.slice(excluded + 1), name), name).toBe(true);
    // A .node addon and libvips's shared library cannot be loaded from inside app.asar.
    for (const name of needed.filter((n) => n === 'sharp' || n.startsWith('@img/sharp-'))) {
      expect(named(pkg.build.asarUnpack ?? [], name), name).toBe(true);
    }
  });
});
