/**
 * Collation speed and memory. Prints figures; asserts nothing.
 * - Darwin, Origin of Species chapter 1 in all six editions (about 12,000 words each):
 *   time and peak resident memory of collate() and of the tables (targets: 3 s, 500 MB).
 * - One paragraph across six witnesses, the re-collation done while an editor types:
 *   median time over the 43 six-edition paragraph sets of the CollateX web console, and
 *   the time for a median-length paragraph (target: 20 ms).
 */
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  alignmentTable,
  collate,
  parallelSegmentation,
  type WitnessInput,
} from "../../edition/collation/index.ts";

const corpus = fileURLToPath(
  new URL(
    "../../../shared/corpus/collation/12-darwin-full-chapter1-6ed-perf/",
    import.meta.url,
  ),
);
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const words = (ws: readonly WitnessInput[]) =>
  ws.reduce(
    (n, w) =>
      n + ("text" in w ? w.text.split(/\s+/).filter(Boolean).length : 0),
    0,
  );

function time<T>(run: () => T): [T, number] {
  const start = performance.now();
  const result = run();
  return [result, performance.now() - start];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

// Peak memory: the process's resident set, sampled while collating, plus the kernel's own peak.
let peak = process.memoryUsage().rss;
const sampler = setInterval(
  () => (peak = Math.max(peak, process.memoryUsage().rss)),
  5,
);
const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));

const chapter: WitnessInput[] = readdirSync(`${corpus}witnesses`)
  .filter((f) => f.endsWith(".txt"))
  .sort()
  .map((f) => ({
    siglum: f.replace(/\.txt$/, ""),
    text: readFileSync(`${corpus}witnesses/${f}`, "utf8"),
  }));

(globalThis as { gc?: () => void }).gc?.();
const before = process.memoryUsage().rss;
const [collation, collateMs] = time(() => collate(chapter));
sample();
const [tables, tableMs] = time(
  () => [alignmentTable(collation), parallelSegmentation(collation)] as const,
);
sample();
clearInterval(sampler);
const kernelPeak = process.resourceUsage().maxRSS * 1024;

console.log(
  `Darwin chapter 1, ${chapter.length} editions, ${words(chapter)} words:`,
);
console.log(`  collate           ${collateMs.toFixed(0)} ms  (target 3000 ms)`);
console.log(
  `  table + segments  ${tableMs.toFixed(0)} ms  (${tables[0].columns.length} columns, ${tables[1].columns.length} segments)`,
);
console.log(`  total             ${(collateMs + tableMs).toFixed(0)} ms`);
console.log(
  `  peak RSS          ${mb(Math.max(peak, kernelPeak))}  (target 500 MB; ${mb(before)} before collating)`,
);
console.log(
  `  graph             ${collation.graph.vertices.length} vertices, ${collation.transpositions.length} transpositions`,
);

const sets = JSON.parse(
  readFileSync(`${corpus}web-console-darwin-paragraph-sets.json`, "utf8"),
) as Array<{
  witnesses: Array<{ id: string; content: string }>;
}>;
const six = sets
  .filter((s) => s.witnesses.length === 6)
  .map((s) =>
    s.witnesses.map((w): WitnessInput => ({ siglum: w.id, text: w.content })),
  );
for (let round = 0; round < 3; round++) for (const set of six) collate(set); // warm up the JIT
const perSet = six.map((set) => {
  const runs = Array.from({ length: 5 }, () => time(() => collate(set))[1]);
  return { words: words(set) / set.length, ms: median(runs) };
});
perSet.sort((a, b) => a.words - b.words);
const typical = perSet[Math.floor(perSet.length / 2)]!;
const largest = perSet[perSet.length - 1]!;
console.log(
  `One paragraph across six editions (${perSet.length} paragraph sets, 5 runs each):`,
);
console.log(
  `  median paragraph  ${typical.words.toFixed(0)} words a witness: ${typical.ms.toFixed(1)} ms  (target 20 ms)`,
);
console.log(
  `  median over sets  ${median(perSet.map((p) => p.ms)).toFixed(1)} ms`,
);
console.log(
  `  largest paragraph ${largest.words.toFixed(0)} words a witness: ${largest.ms.toFixed(1)} ms`,
);
