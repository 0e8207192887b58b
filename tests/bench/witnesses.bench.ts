/**
 * What the witness views cost on top of the engine. Prints figures; asserts nothing.
 * - One paragraph across six editions (re-collation while a witness is typed, in the
 *   renderer): edition/apparatus `collateWitnesses` (engine + view with offsets, classified
 *   variants and apparatus entries) against the engine's `collate` alone (target 20 ms).
 * - The service's `collateDocument` on the seed despatch with five derived witnesses.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collateWitnesses } from '../../edition/apparatus/index.ts';
import { collate } from '../../edition/collation/index.ts';
import { parseInProcess } from '../../electron/service/formats.ts';
import { openService } from '../../electron/service/index.ts';

const corpus = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));

function time(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const sets = (
  JSON.parse(
    readFileSync(`${corpus}collation/12-darwin-full-chapter1-6ed-perf/web-console-darwin-paragraph-sets.json`, 'utf8'),
  ) as Array<{
    witnesses: Array<{ id: string; content: string }>;
  }>
)
  .filter((s) => s.witnesses.length === 6)
  .map((s) => s.witnesses.map((w) => ({ siglum: w.id, text: w.content })));
for (let round = 0; round < 3; round++) for (const set of sets) collateWitnesses(set); // warm up the JIT
const engine = sets.map((set) => median(Array.from({ length: 5 }, () => time(() => collate(set)))));
const views = sets.map((set) => median(Array.from({ length: 5 }, () => time(() => collateWitnesses(set)))));
console.log(`One paragraph across six editions (${sets.length} paragraph sets, median of 5 runs each):`);
console.log(
  `  engine alone        ${median(engine).toFixed(1)} ms median, ${Math.max(...engine).toFixed(1)} ms largest`,
);
console.log(
  `  collateWitnesses    ${median(views).toFixed(1)} ms median, ${Math.max(...views).toFixed(1)} ms largest  (target 20 ms)`,
);

const dir = mkdtempSync(join(tmpdir(), 'siglum-bench-'));
try {
  const service = openService(join(dir, 'bench.siglum'), { create: true, parseFile: parseInProcess });
  const seed = readFileSync(`${corpus}seed/frus1933v03-d63-grew-256.txt`, 'utf8');
  const [doc] = (await service.importFiles({ files: [{ name: 'grew-256.txt', text: seed }] })).documents;
  const own = (await service.collateDocument({ documentId: doc!.id })).texts[0]!;
  const edits: Array<[string, string]> = [
    ['rumored', 'rumoured'],
    ['somewhat strained', 'somewhat tense'],
    [' gradually ', ' '],
    ['Soviet', 'Russian'],
    ['December', 'Dec.'],
  ];
  for (const [i, [from, to]] of edits.entries()) {
    await service.addWitness({ documentId: doc!.id, siglum: `W${i + 1}`, text: own.split(from).join(to) });
  }
  await service.collateDocument({ documentId: doc!.id });
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    await service.collateDocument({ documentId: doc!.id });
    runs.push(performance.now() - start);
  }
  const words = own.split(/\s+/u).length;
  console.log(
    `collateDocument, the seed despatch (${words} words) with five witnesses: ${median(runs).toFixed(1)} ms median of 5`,
  );
  service.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`  load average while measuring: ${loadavg()[0]!.toFixed(1)} (2 cores)`);
