/**
 * Project search on 20 FRUS volumes (frus1934v05 and frus1952-54Guat imported ten
 * times each, each import a new volume): how soon the first search after the imports
 * answers and when the index is whole, a word search's first page of hits (target
 * ≤ 30 ms) and its total (target ≤ 100 ms), a regular expression over the whole
 * project (target ≤ 1 s), and what a keystroke and a search right after it cost in a
 * long document (indexed before the search). Prints figures; asserts nothing.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseQuery } from '../../edition/search/query.ts';
import { countMatches, matchPassages } from '../../db/search.ts';
import { Store } from '../../db/store.ts';
import { parseInProcess } from '../../electron/service/formats.ts';
import { openService } from '../../electron/service/index.ts';
import { CollabClient } from '../integration/service/helpers.ts';
import { findInDoc } from '../../edition/search/find.ts';

const VOLUMES = Number(process.env['SIGLUM_BENCH_VOLUMES'] ?? 20);
const dir = mkdtempSync(join(tmpdir(), 'siglum-bench-search-'));
const path = join(dir, 'twenty.siglum');

function stats(samples: number[]): string {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number): string => (s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0).toFixed(1);
  return `median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${(s[s.length - 1] ?? 0).toFixed(1)} ms (n=${s.length})`;
}

async function timed<T>(samples: number[], fn: () => Promise<T> | T): Promise<T> {
  const t = performance.now();
  const r = await fn();
  samples.push(performance.now() - t);
  return r;
}

const files = ['frus1934v05.xml', 'frus1952-54Guat.xml'].map((name) => ({
  name,
  text: readFileSync(new URL(`../../../shared/corpus/frus/${name}`, import.meta.url), 'utf8'),
}));

try {
  const service = openService(path, { create: true, parseFile: parseInProcess });
  const t = performance.now();
  let documents = 0;
  for (let i = 0; i < VOLUMES; i++) {
    const file = files[i % files.length]!;
    // Each a volume of its own: the same file again would otherwise be refused as already there.
    const again = i >= files.length ? { existing: 'new' as const } : {};
    documents += (await service.importFiles({ files: [file], ...again })).documents.length;
  }
  const imported = performance.now() - t;
  // Imports are indexed by the indexer's thread; the first search answers from what is
  // indexed so far and says how many documents are left; `complete` waits for the rest.
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const first = performance.now();
  const early = await service.searchProject({ query: 'warm' });
  const firstMs = performance.now() - first;
  await service.searchProject({ query: 'warm', complete: true });
  const wholeMs = performance.now() - first;
  loop.disable();
  const store = Store.open(path);
  const segments = store.db.prepare('SELECT count(*) FROM search_segments').pluck().get() as number;
  console.log(
    `${VOLUMES} volumes, ${documents} documents, ${segments} indexed passages; imported in ${(imported / 1000).toFixed(1)} s; load average ${loadavg()[0]?.toFixed(1)}\n` +
      `  first search after the imports: ${firstMs.toFixed(0)} ms, with ${early.indexing?.documentsLeft ?? 0} documents still to index\n` +
      `  the whole index ${(wholeMs / 1000).toFixed(1)} s after that search; longest event-loop stall meanwhile ${(loop.max / 1e6).toFixed(0)} ms`,
  );

  for (const query of ['Montevideo', 'Batista', 'communique', '"United Fruit Company"', 'Guatema*', 'the']) {
    const page: number[] = [];
    const total: number[] = [];
    const call: number[] = [];
    const match = `{text} : (${parseQuery(query)!.fts}) NOT {field} : element`;
    let result = { total: 0, documents: 0 };
    for (let i = 0; i < 15; i++) {
      await timed(page, () => matchPassages(store.db, match, {}, 50, 0));
      result = await timed(total, () => countMatches(store.db, match, {}));
      await timed(call, () => service.searchProject({ query }));
    }
    console.log(
      `word search ${query}: ${result.total} passages in ${result.documents} documents\n` +
        `  first page (50): ${stats(page)}\n  total:           ${stats(total)}\n  searchProject (page + total, through the service): ${stats(call)}`,
    );
  }
  const filtered: number[] = [];
  for (let i = 0; i < 10; i++) {
    await timed(filtered, () => service.searchProject({ query: 'Batista', dateFrom: '1953', dateTo: '1953-12' }));
  }
  console.log(`word search with a date range (Batista, 1953): ${stats(filtered)}`);

  for (const query of ['Montevideo|Batista', '\\b[A-Z][a-z]+ista\\b', 'Dulles']) {
    const samples: number[] = [];
    let r = { total: 0 };
    for (let i = 0; i < 5; i++) r = await timed(samples, () => service.searchProject({ query, regex: true }));
    console.log(`regular expression /${query}/ over the whole project: ${r.total} passages, ${stats(samples)}`);
  }

  // What indexing costs: the first volume's documents indexed again from scratch.
  const firstVolume = store.db
    .prepare('SELECT id FROM documents WHERE collection_id = (SELECT min(id) FROM collections)')
    .pluck()
    .all() as number[];
  const writer = Store.open(path);
  writer.write((tx) => {
    const forget = tx.db.prepare('DELETE FROM search_indexed WHERE document_id = ?');
    for (const id of firstVolume) forget.run(id);
  });
  writer.close();
  const reindex = performance.now();
  await service.searchProject({ query: 'Montevideo' });
  console.log(
    `indexing the ${firstVolume.length} documents of ${files[0]!.name} again (a search catching up): ${(performance.now() - reindex).toFixed(0)} ms`,
  );

  // A keystroke in the longest document: the push commits the step and reindexes the document.
  const longest = store.db
    .prepare(
      `SELECT document_id FROM search_segments WHERE document_id IS NOT NULL GROUP BY document_id ORDER BY sum(length(text)) DESC LIMIT 1`,
    )
    .pluck()
    .get() as number;
  const chars = store.db
    .prepare('SELECT sum(length(text)) FROM search_segments WHERE document_id = ?')
    .pluck()
    .get(longest) as number;
  const editor = await CollabClient.open(service, String(longest), 'bench');
  const at = findInDoc(editor.state.doc, 'the')[0]!.from;
  const keystrokes: number[] = [];
  for (let i = 0; i < 50; i++) {
    editor.type('x', at + i);
    await timed(keystrokes, () => editor.sync());
  }
  console.log(`a keystroke committed in the longest document (${chars} characters): ${stats(keystrokes)}`);
  const after: number[] = [];
  for (let i = 0; i < 5; i++) {
    editor.type('y', at);
    await editor.sync();
    await timed(after, () => service.searchProject({ query: 'Batista' }));
  }
  console.log(`a search right after such a keystroke (it indexes that document first): ${stats(after)}`);
  store.close();
  service.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
