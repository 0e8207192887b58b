/**
 * A project of 20 volumes, about 53 MB of TEI and 9,000 documents: the two whole FRUS
 * volumes of ../shared/corpus/frus (frus1934v05, frus1952-54Guat) imported again and
 * again as new volumes, through the service as `siglum import --as-new` does (parsed
 * in this process rather than in the import worker). Prints import and export per MB,
 * list and open times at 20 volumes, and the project file's size against the TEI's.
 * Every volume's export is also checked as the tests check one: the same XML as its
 * file (canonical comparison) and no pointer left unresolved that the file resolves.
 * Set SIGLUM_BENCH_VOLUMES to build another number of volumes.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkPointers } from '../../edition/tei/pointers.ts';
import { parseXml } from '../../edition/xml/index.ts';
import { parseInProcess } from '../../electron/service/formats.ts';
import { openService } from '../../electron/service/index.ts';
import { canonicalDifference } from '../unit/tei/canonical.ts';

const corpus = fileURLToPath(new URL('../../../shared/corpus/frus/', import.meta.url));
const sources = ['frus1934v05.xml', 'frus1952-54Guat.xml'].map((name) => {
  const text = readFileSync(join(corpus, name), 'utf8');
  return { name, text, bytes: Buffer.byteLength(text, 'utf8') };
});
const VOLUMES = Number(process.env['SIGLUM_BENCH_VOLUMES'] ?? 20);
const MB = 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'siglum-volumes-bench-'));
const path = join(dir, 'twenty.siglum');

function stats(ms: number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return `median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`;
}

async function timed<T>(f: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await f();
  return { value, ms: performance.now() - t0 };
}

try {
  console.log(
    `load average at start: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (2 cores, shared)`,
  );
  let service = openService(path, { create: true, parseFile: parseInProcess, watchMs: 60_000 });
  const order = Array.from({ length: VOLUMES }, (_, i) => sources[i % sources.length]!);
  let teiBytes = 0;
  let importMs = 0;
  let documents = 0;
  for (const [i, source] of order.entries()) {
    const files = [{ name: source.name, text: source.text }];
    const r = await timed(() => service.importFiles(i < sources.length ? { files } : { files, existing: 'new' }));
    if (r.value.existing.length > 0 && i < sources.length) throw new Error(`${source.name} was refused`);
    teiBytes += source.bytes;
    importMs += r.ms;
    documents += r.value.documents.length;
    if (i === 0 || i === VOLUMES - 1) {
      console.log(
        `import of volume ${i + 1} (${source.name}, ${(source.bytes / MB).toFixed(1)} MB): ${r.ms.toFixed(0)} ms`,
      );
    }
  }
  console.log(
    `import: ${VOLUMES} volumes, ${documents} documents, ${(teiBytes / MB).toFixed(1)} MB of TEI in ` +
      `${(importMs / 1000).toFixed(1)} s: ${(importMs / (teiBytes / MB)).toFixed(0)} ms per MB`,
  );

  // Listing and opening, on a project opened afresh (nothing in memory).
  service.close();
  service = openService(path, { parseFile: parseInProcess, watchMs: 60_000 });
  const listMs: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    await service.listCollections({});
    await service.listDocuments({});
    listMs.push(performance.now() - t0);
  }
  console.log(`list (collections and all ${documents} documents): ${stats(listMs)}`);
  const all = await service.listDocuments({});
  const openMs: number[] = [];
  // A fixed spread over the whole project, each document opened for the first time.
  for (let i = 0; i < 100; i++) {
    const d = all[Math.floor((i * 7919) % all.length)]!;
    const t0 = performance.now();
    await service.openDocument({ id: d.id });
    openMs.push(performance.now() - t0);
  }
  console.log(`open a document not yet in memory (100 across the project): ${stats(openMs)}`);

  // Export each volume, checked as the tests check one.
  let exportMs = 0;
  let exportBytes = 0;
  let differing = 0;
  let unresolved = 0;
  const sourceDangling = new Map(
    sources.map((s) => [s.name, checkPointers(parseXml(s.text, { fileName: s.name }).root).dangling.length]),
  );
  const collections = await service.listCollections({});
  for (const [i, c] of collections.entries()) {
    const source = order[i]!;
    const r = await timed(() => service.exportTei({ collectionId: c.id }));
    exportMs += r.ms;
    exportBytes += Buffer.byteLength(r.value.xml, 'utf8');
    if (canonicalDifference(source.text, r.value.xml) !== null) differing++;
    if (r.value.pointers.dangling.length !== sourceDangling.get(source.name)) unresolved++;
  }
  console.log(
    `export: ${collections.length} volumes, ${(exportBytes / MB).toFixed(1)} MB of TEI in ${(exportMs / 1000).toFixed(1)} s: ` +
      `${(exportMs / (exportBytes / MB)).toFixed(0)} ms per MB (pointer check included); ` +
      `${differing} differ from their file, ${unresolved} leave pointers unresolved that the file resolves`,
  );
  service.close();
  const size = ['', '-wal'].reduce((sum, suffix) => {
    try {
      return sum + statSync(path + suffix).size;
    } catch {
      return sum;
    }
  }, 0);
  console.log(
    `project file: ${(size / MB).toFixed(1)} MB for ${(teiBytes / MB).toFixed(1)} MB of TEI (${(size / teiBytes).toFixed(2)}x)`,
  );
  console.log(
    `load average at end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
