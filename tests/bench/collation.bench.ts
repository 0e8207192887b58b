/**
 * Collation speed and memory. Prints figures; asserts nothing.
 * - Darwin, Origin of Species chapter 1 in all six editions (about 12,000 words each):
 *   time and peak resident memory of collate() and of the tables (targets: 3 s, 500 MB).
 * - One paragraph across six witnesses, the re-collation done while an editor types:
 *   median time over the 43 six-edition paragraph sets of the CollateX web console, and
 *   the time for a median-length paragraph (target: 20 ms).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { alignmentTable, collate, parallelSegmentation, type WitnessInput } from '../../edition/collation/index.ts';

const corpus = fileURLToPath(
  new URL('../../../shared/corpus/collation/12-darwin-full-chapter1-6ed-perf/', import.meta.url),
);
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const words = (ws: readonly WitnessInput[]) =>
  ws.reduce((n, w) => n + ('text' in w ? w.text.split(/\s+/).filter(Boolean).length : 0), 0);

/** Wall-clock time, and CPU time (steadier when other processes share the machine). */
function time<T>(run: () => T): [T, number, number] {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = run();
  const used = process.cpuUsage(cpu);
  return [result, performance.now() - start, (used.user + used.system) / 1000];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

// Peak memory: the process's resident set, sampled while collating, plus the kernel's own peak.
let peak = process.memoryUsage().rss;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));

const chapter: WitnessInput[] = readdirSync(`${corpus}witnesses`)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => ({
    siglum: f.replace(/\.txt$/, ''),
    text: readFileSync(`${corpus}witnesses/${f}`, 'utf8'),
  }));

(globalThis as { gc?: () => void }).gc?.();
const before = process.memoryUsage().rss;
const [collation, collateMs, collateCpu] = time(() => collate(chapter));
sample();
const [tables, tableMs] = time(() => [alignmentTable(collation), parallelSegmentation(collation)] as const);
sample();
clearInterval(sampler);
const kernelPeak = process.resourceUsage().maxRSS * 1024;

console.log(`Darwin chapter 1, ${chapter.length} editions, ${words(chapter)} words:`);
console.log(`  collate           ${collateMs.toFixed(0)} ms  (CPU ${collateCpu.toFixed(0)} ms; target 3000 ms)`);
console.log(
  `  table + segments  ${tableMs.toFixed(0)} ms  (${tables[0].columns.length} columns, ${tables[1].columns.length} segments)`,
);
console.log(`  total             ${(collateMs + tableMs).toFixed(0)} ms`);
console.log(`  peak RSS          ${mb(Math.max(peak, kernelPeak))}  (target 500 MB; ${mb(before)} before collating)`);
console.log(
  `  graph             ${collation.graph.vertices.length} vertices, ${collation.transpositions.length} transpositions`,
);

const sets = JSON.parse(readFileSync(`${corpus}web-console-darwin-paragraph-sets.json`, 'utf8')) as Array<{
  witnesses: Array<{ id: string; content: string }>;
}>;
const six = sets
  .filter((s) => s.witnesses.length === 6)
  .map((s) => s.witnesses.map((w): WitnessInput => ({ siglum: w.id, text: w.content })));
for (let round = 0; round < 3; round++) for (const set of six) collate(set); // warm up the JIT
const perSet = six.map((set) => {
  const runs = Array.from({ length: 5 }, () => time(() => collate(set)));
  return {
    words: words(set) / set.length,
    ms: median(runs.map((r) => r[1])),
    cpu: median(runs.map((r) => r[2])),
  };
});
perSet.sort((a, b) => a.words - b.words);
const typical = perSet[Math.floor(perSet.length / 2)]!;
const largest = perSet[perSet.length - 1]!;
console.log(`One paragraph across six editions (${perSet.length} paragraph sets, 5 runs each):`);
const show = (p: { ms: number; cpu: number }) => `${p.ms.toFixed(1)} ms (CPU ${p.cpu.toFixed(1)} ms)`;
console.log(`  median paragraph  ${typical.words.toFixed(0)} words a witness: ${show(typical)}  (target 20 ms)`);
console.log(`  median over sets  ${median(perSet.map((p) => p.ms)).toFixed(1)} ms`);
console.log(`  largest paragraph ${largest.words.toFixed(0)} words a witness: ${show(largest)}`);
console.log(`  load average while measuring: ${loadavg()[0]!.toFixed(1)} (2 cores; wall time suffers when it is high)`);
