/**
 * The command line as whole processes, the way a user or a script runs it: `siglum
 * --help` (target ≤ 150 ms), `siglum import` of the 639-document FRUS volume
 * frus1934v05 into a new project and `siglum export --format tei` of that volume back
 * out (each target ≤ 1 s), from the built JavaScript (dist/cli, built first). Each is
 * run several times; the medians of wall and CPU time are reported, with `node -e 0`
 * for the machine's own start-up cost under its present load.
 *
 *   npm run bench cli
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const bin = join(root, 'electron', 'bin', 'siglum.mjs');
const volume = join(root, '../shared/corpus/frus/frus1934v05.xml');
const RUNS = 7;
const dir = mkdtempSync(join(tmpdir(), 'siglum-bench-cli-'));

execFileSync(process.execPath, [join(root, 'electron', 'build-cli.mjs')], { stdio: 'ignore' });

// GNU time gives the process's CPU time (user + system, all threads): on a loaded
// machine wall time measures the queue for the cores as much as Siglum.
const gnuTime = existsSync('/usr/bin/time');

/** `okStatus`: the statuses that count as success (an export reports its source's own dangling pointers with 3). */
function run(args: string[], okStatus: readonly number[] = [0]): { ms: number; cpu: number; stdout: string } {
  const t = process.hrtime.bigint();
  const [command, full] = gnuTime
    ? ['/usr/bin/time', ['-f', 'siglum-cpu %U %S', process.execPath, ...args]]
    : [process.execPath, args];
  const r = spawnSync(command, full, { encoding: 'utf8', env: { ...process.env, SIGLUM_PROJECT: '' } });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status === null || !okStatus.includes(r.status))
    throw new Error(`${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
  const m = /siglum-cpu ([\d.]+) ([\d.]+)/.exec(r.stderr);
  return { ms, cpu: m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN, stdout: r.stdout };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function report(label: string, runs: Array<{ ms: number; cpu: number }>, target?: number): void {
  const m = median(runs.map((r) => r.ms));
  const min = Math.min(...runs.map((r) => r.ms));
  const cpu = median(runs.map((r) => r.cpu));
  const verdict = target === undefined ? '' : `  (target ≤ ${target} ms: ${m <= target ? 'met' : 'MISSED'})`;
  const ms = (x: number) => `${x.toFixed(0).padStart(5)} ms`;
  console.log(`${label.padEnd(40)} wall median ${ms(m)}, min ${ms(min)}; CPU median ${ms(cpu)}${verdict}`);
}

try {
  type Run = { ms: number; cpu: number };
  const bare: Run[] = [];
  const help: Run[] = [];
  const imports: Run[] = [];
  const exports: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    bare.push(run(['-e', '0']));
    help.push(run([bin, '--help']));
    const project = join(dir, `p${i}.siglum`);
    const imported = run([bin, 'import', volume, '--project', project, '--json']);
    imports.push(imported);
    const { documents } = JSON.parse(imported.stdout) as { documents: Array<{ collectionId: string }> };
    const out = join(dir, `v${i}.xml`);
    exports.push(
      run(
        [
          bin,
          'export',
          '--collection',
          documents[0]!.collectionId,
          '--format',
          'tei',
          '--out',
          out,
          '--project',
          project,
        ],
        [0, 3],
      ),
    );
  }
  report('node -e 0 (start-up, for comparison)', bare);
  report('siglum --help', help, 150);
  report('siglum import frus1934v05 (639 docs)', imports, 1000);
  report('siglum export --format tei frus1934v05', exports, 1000);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
