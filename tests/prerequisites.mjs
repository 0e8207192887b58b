// What the tests need besides node_modules, in one list: the Debian packages (Chromium
// for the end-to-end tests and the PDF, jing, poppler's tools, DejaVu, LuaLaTeX with
// reledmac, git with its HTTP server program) and the shared corpus and schemas in ../shared.
//
//   node tests/prerequisites.mjs            check; `npm test` runs this first and stops
//                                           with one line naming the command to run
//   node tests/prerequisites.mjs --install  `npm run setup`: apt-get installs the missing
//                                           packages (as root, or through sudo)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function run(command, args) {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
}
const onPath = (name) => run('sh', ['-c', `command -v ${name}`]) !== null;
const texFile = (name) => (run('kpsewhich', [name]) ?? '').trim() !== '';

const TEX = ['texlive-luatex', 'texlive-latex-recommended', 'texlive-latex-extra', 'texlive-humanities'];

/** Each requirement: what it is for, whether it is there, and the Debian packages that provide it. */
export const REQUIREMENTS = [
  {
    what: 'Chromium',
    present: () => existsSync(process.env.SIGLUM_CHROMIUM ?? '/usr/bin/chromium'),
    packages: ['chromium'],
  },
  { what: 'jing', present: () => onPath('jing'), packages: ['jing'] },
  {
    what: 'git with git-http-backend',
    present: () => {
      const exec = run('git', ['--exec-path']);
      return exec !== null && existsSync(join(exec.trim(), 'git-http-backend'));
    },
    packages: ['git'],
  },
  {
    what: 'pdftotext, pdffonts, pdftoppm',
    present: () => ['pdftotext', 'pdffonts', 'pdftoppm'].every(onPath),
    packages: ['poppler-utils'],
  },
  { what: 'DejaVu fonts', present: () => /dejavu/i.test(run('fc-list', []) ?? ''), packages: ['fonts-dejavu-core'] },
  {
    what: 'LuaLaTeX with fontspec and reledmac',
    present: () => onPath('lualatex') && texFile('fontspec.sty') && texFile('reledmac.sty'),
    packages: TEX,
  },
];

/** The Debian packages to install for what is missing (none: everything is there). */
export function missingPackages() {
  return [...new Set(REQUIREMENTS.filter((r) => !r.present()).flatMap((r) => r.packages))];
}

const shared = resolve(root, '..', 'shared');

function sharedIsThere() {
  return existsSync(join(shared, 'corpus')) && existsSync(join(shared, 'schema', 'tei_all.rng'));
}

function fail(line) {
  process.stderr.write(`${line}\n`);
  process.exit(1);
}

function install(packages) {
  const asRoot = process.getuid?.() === 0;
  if (!asRoot && !onPath('sudo')) {
    fail(`siglum setup: installing ${packages.join(' ')} needs root: run \`npm run setup\` as root.`);
  }
  const prefix = asRoot ? [] : ['sudo'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['apt-get', 'update', '-q'],
    ['apt-get', 'install', '-y', '-q', '--no-install-recommends', ...packages],
  ]) {
    const [command, ...rest] = [...prefix, ...args];
    const r = spawnSync(command, rest, { stdio: 'inherit', env });
    if (r.status !== 0) fail(`siglum setup: \`${[command, ...rest].join(' ')}\` failed; see its output above.`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const installing = process.argv.includes('--install');
  let missing = missingPackages();
  if (installing && missing.length > 0) {
    install(missing);
    missing = missingPackages();
  }
  if (missing.length > 0) {
    fail(
      `siglum: the tests need Debian packages that are missing (${missing.join(' ')}): run \`npm run setup\` (apt-get, as root or through sudo), then try again.`,
    );
  }
  if (!sharedIsThere()) {
    fail(
      `siglum: the tests read the shared corpus and schemas from ${shared} (corpus/, schema/tei_all.rng), which is missing: put the shared folder beside this checkout, then try again.`,
    );
  }
  if (installing) console.log('Everything the tests need is installed.');
}
