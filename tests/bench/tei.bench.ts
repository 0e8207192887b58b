/**
 * TEI speed on the 639-document FRUS volume frus1934v05 (3.5 MB): import
 * (target ≤ 2 s), export of the volume back to TEI (target ≤ 1 s), and the
 * import through the worker (thread start, parse, structured clone back), in a
 * fresh worker each time and in a worker pre-warmed and kept between files.
 * The first run includes JIT warm-up; the median is over the following runs.
 *
 *   npm run bench tei
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportCollectionTei, importTei } from '../../edition/tei/index.ts';
import { parseXml } from '../../edition/xml/index.ts';
import { prewarmImportWorker, runImportWorker } from '../../electron/workers/index.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const file = 'frus1934v05.xml';
const text = readFileSync(join(root, '../shared/corpus/frus', file), 'utf8');
const RUNS = 5;

function time<T>(f: () => T): [T, number] {
  const t = process.hrtime.bigint();
  const r = f();
  return [r, Number(process.hrtime.bigint() - t) / 1e6];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function report(label: string, first: number, rest: number[], target?: number): void {
  const m = median(rest);
  const verdict =
    target === undefined ? '' : m <= target ? `  (target ≤ ${target} ms: met)` : `  (target ≤ ${target} ms: MISSED)`;
  console.log(
    `${label.padEnd(34)} first ${first.toFixed(0).padStart(6)} ms   median ${m.toFixed(0).padStart(6)} ms${verdict}`,
  );
}

const parses: number[] = [];
let parseFirst = 0;
for (let i = 0; i <= RUNS; i++) {
  const [, ms] = time(() => parseXml(text));
  if (i === 0) parseFirst = ms;
  else parses.push(ms);
}

const imports: number[] = [];
let importFirst = 0;
let imported = importTei(text, file);
for (let i = 0; i <= RUNS; i++) {
  const [r, ms] = time(() => importTei(text, file));
  imported = r;
  if (i === 0) importFirst = ms;
  else imports.push(ms);
}

const docs = new Map(imported.documents.map((d) => [d.key, d.doc]));
const exports: number[] = [];
let exportFirst = 0;
let xml = '';
for (let i = 0; i <= RUNS; i++) {
  const [r, ms] = time(() => exportCollectionTei(imported.collection.frame, docs));
  xml = r;
  if (i === 0) exportFirst = ms;
  else exports.push(ms);
}

async function timeWorker(reuse: boolean): Promise<number> {
  const t = process.hrtime.bigint();
  await runImportWorker({ name: file, text }, { reuse });
  return Number(process.hrtime.bigint() - t) / 1e6;
}
// A fresh worker each time: thread start, module loading, cold JIT, parse, copy back.
const coldRuns = [await timeWorker(false), await timeWorker(false), await timeWorker(false)];
// What the service does: a worker warmed up at start (a small file), then kept between files.
const tw = process.hrtime.bigint();
await prewarmImportWorker();
const prewarmMs = Number(process.hrtime.bigint() - tw) / 1e6;
const warmRuns = [await timeWorker(true), await timeWorker(true), await timeWorker(true)];

console.log(
  `${file}: ${(text.length / 1e6).toFixed(2)} M characters, ${imported.documents.length} documents, frame ${(imported.collection.frame.length / 1e3).toFixed(0)} k characters, export ${(xml.length / 1e6).toFixed(2)} M characters`,
);
report('parse XML (saxes + tree)', parseFirst, parses);
report('import TEI (parse + ProseMirror)', importFirst, imports, 2000);
report('export volume to TEI', exportFirst, exports, 1000);
report('import in a fresh worker', coldRuns[0]!, coldRuns.slice(1), 2000);
console.log(`${'prewarm a worker (small file)'.padEnd(34)} ${prewarmMs.toFixed(0).padStart(12)} ms`);
report('import in a pre-warmed worker', warmRuns[0]!, warmRuns.slice(1), 2000);
