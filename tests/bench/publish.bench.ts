/**
 * The static HTML edition and the LaTeX file of the frus1934v05 volume (639
 * documents): import (for reference), build (target ≤ 10 s for the HTML), writing
 * the folder, and what comes out: files, bytes, the search index's size, memory.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildHtmlEdition } from '../../edition/publish/html/index.ts';
import { buildLatex } from '../../edition/publish/latex/index.ts';
import { editionFromTei } from '../../edition/publish/model.ts';
import { importTei } from '../../edition/tei/index.ts';
import { writeEditionFolder } from '../../electron/publish/write.ts';

const VOLUME = fileURLToPath(new URL('../../../shared/corpus/frus/frus1934v05.xml', import.meta.url));
const RUNS = 3;

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function time<T>(f: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = f();
  return { value, ms: performance.now() - t0 };
}

const imported = time(() => importTei(readFileSync(VOLUME, 'utf8'), 'frus1934v05.xml'));
const edition = editionFromTei(imported.value);
const documents = edition.documents.filter((d) => d.kind === 'document').length;
console.log(
  `frus1934v05: ${edition.documents.length} documents (${documents} numbered), imported in ${imported.ms.toFixed(0)} ms`,
);

const builds: number[] = [];
let built = buildHtmlEdition(edition);
let peakHeap = 0;
for (let i = 0; i < RUNS; i++) {
  (globalThis as { gc?: () => void }).gc?.();
  const run = time(() => buildHtmlEdition(edition));
  built = run.value;
  builds.push(run.ms);
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
}
let bytes = 0;
for (const content of built.files.values()) bytes += Buffer.byteLength(content);
const index = Buffer.byteLength(built.files.get('assets/search-index.js') ?? '');
console.log(
  `HTML edition: build ${median(builds).toFixed(0)} ms median of ${RUNS} (${builds.map((x) => x.toFixed(0)).join(', ')}), target ≤ 10000 ms`,
);
console.log(`  ${built.files.size} files, ${mb(bytes)}; search index ${mb(index)}; heap after build ${mb(peakHeap)}`);

const dir = mkdtempSync(join(tmpdir(), 'siglum-publish-bench-'));
try {
  const written = await (async () => {
    const t0 = performance.now();
    const n = await writeEditionFolder(dir, built.files);
    return { n, ms: performance.now() - t0 };
  })();
  console.log(`  written to disk: ${written.n} files in ${written.ms.toFixed(0)} ms`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const latex = time(() => buildLatex(edition));
console.log(`LaTeX (reledmac): ${latex.ms.toFixed(0)} ms, ${mb(Buffer.byteLength(latex.value))}`);
