/**
 * The register through the service (what the UI waits for): suggestions for one
 * entity across the 639 documents of frus1934v05 (target ≤ 100 ms), and type-ahead
 * in a register of 10,000 entities (target ≤ 30 ms a keystroke), each call going
 * through the service's argument checks and its in-memory caches. Prints figures;
 * asserts nothing.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { EntityInfo } from '../../edition/api.ts';
import { validateEntity } from '../../edition/entities/index.ts';
import { insertEntity } from '../../db/entities.ts';
import { Store } from '../../db/store.ts';
import { parseInProcess } from '../../electron/service/formats.ts';
import { openService } from '../../electron/service/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'siglum-bench-entities-'));

function stats(samples: number[]): string {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number): string => (s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0).toFixed(2);
  return `n=${s.length} median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${(s[s.length - 1] ?? 0).toFixed(2)} ms`;
}

/** Awaits `fn`, adding its wall-clock and CPU milliseconds to the samples. */
async function timed<T>(wall: number[], cpu: number[], fn: () => Promise<T>): Promise<T> {
  const c = process.cpuUsage();
  const w = performance.now();
  const result = await fn();
  wall.push(performance.now() - w);
  const used = process.cpuUsage(c);
  cpu.push((used.user + used.system) / 1000);
  return result;
}

async function benchSuggestions(): Promise<void> {
  const name = 'frus1934v05.xml';
  const text = readFileSync(new URL(`../../../shared/corpus/frus/${name}`, import.meta.url), 'utf8');
  const service = openService(join(dir, 'volume.siglum'), { create: true, parseFile: parseInProcess });
  let t = performance.now();
  const { documents } = await service.importFiles({ files: [{ name, text }] });
  console.log(
    `suggestions: ${documents.length} documents of ${name}, imported in ${(performance.now() - t).toFixed(0)} ms`,
  );

  const entities: EntityInfo[] = [];
  for (const entity of [
    { type: 'place', name: 'Cuba', altNames: ['Republic of Cuba'] },
    { type: 'place', name: 'Haiti', altNames: ['Haïti', 'Republic of Haiti'] },
    { type: 'person', name: 'Cordell Hull', altNames: ['Hull', 'Secretary Hull', 'Mr. Hull'] },
    { type: 'person', name: 'Franklin D. Roosevelt', altNames: ['Roosevelt', 'President Roosevelt'] },
    { type: 'person', name: 'Fulgencio Batista', altNames: ['Batista', 'Colonel Batista'] },
    { type: 'place', name: 'Manchuli', altNames: ['Manzhouli'] },
  ]) {
    entities.push(await service.createEntity({ entity }));
  }

  t = performance.now();
  await service.entitySuggestions({ id: entities[0]!.id });
  console.log(`  first call (reads and prepares every document once): ${(performance.now() - t).toFixed(0)} ms`);

  const wall: number[] = [];
  const cpu: number[] = [];
  const counts: string[] = [];
  for (let round = 0; round < 5; round++) {
    for (const e of entities) {
      const found = await timed(wall, cpu, () => service.entitySuggestions({ id: e.id }));
      if (round === 0) counts.push(`${e.name} ${found.length}`);
    }
  }
  console.log(`  one entity across ${documents.length} documents, wall: ${stats(wall)} (target ≤ 100 ms)`);
  console.log(`  one entity across ${documents.length} documents, CPU:  ${stats(cpu)}`);
  console.log(`    found: ${counts.join(', ')}`);

  // After an edit, only the edited document is read again.
  const after: number[] = [];
  for (let i = 0; i < 5; i++) {
    await service.acceptSuggestions({ entityId: entities[2]!.id, documentId: documents[10 + i]!.id });
    await timed(after, [], () => service.entitySuggestions({ id: entities[2]!.id }));
  }
  console.log(`  right after accepting suggestions in one document (that document read again): ${stats(after)}`);

  const list: number[] = [];
  for (let i = 0; i < 5; i++) await timed(list, [], () => service.listEntities({}));
  console.log(`  listEntities with mention counts over the project: ${stats(list)}`);
  service.close();
}

/** A register of `count` made-up entities, deterministic (mulberry32), with names like "Kamiseph Rato". */
function register(count: number): Array<{ type: string; name: string; altNames: string[] }> {
  let a = 7;
  const rnd = (): number => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const parts = 'ka to mi ra su ping wen gre lin sta man chu jo seph ō sa ber go lia dé val ha ru ne ko ví an el'.split(
    ' ',
  );
  const word = (): string => {
    const w = Array.from({ length: 2 + Math.floor(rnd() * 3) }, () => parts[Math.floor(rnd() * parts.length)]).join('');
    return w.charAt(0).toUpperCase() + w.slice(1);
  };
  const name = (): string => Array.from({ length: 1 + Math.floor(rnd() * 3) }, word).join(' ');
  const types = ['person', 'place', 'org', 'term'];
  return Array.from({ length: count }, (_, i) => ({
    type: types[i % types.length]!,
    name: name(),
    altNames: Array.from({ length: Math.floor(rnd() * 3) }, name),
  }));
}

async function benchTypeahead(): Promise<void> {
  const path = join(dir, 'register.siglum');
  const entries = register(10_000);
  // Filled in one transaction (as an import would); the service then builds its index from the store.
  const store = Store.open(path, { create: true });
  store.write((tx) => {
    for (const e of entries) insertEntity(tx, validateEntity({ ...e, id: 'new' }));
  });
  store.close();

  const service = openService(path);
  let t = performance.now();
  await service.searchEntities({ query: 'x' });
  console.log(
    `type-ahead: register of ${entries.length} entities; first call (builds the index): ${(performance.now() - t).toFixed(0)} ms`,
  );

  const queries = [...entries.slice(0, 40).map((e) => e.name), 'Joseph Grew', 'Ōsaka', 'zzz qqq'];
  const wall: number[] = [];
  const cpu: number[] = [];
  let hits = 0;
  for (const q of queries) {
    for (let i = 1; i <= q.length; i++) {
      hits += (await timed(wall, cpu, () => service.searchEntities({ query: q.slice(0, i) }))).length;
    }
  }
  console.log(`  keystroke, wall: ${stats(wall)} (${hits} hits; target ≤ 30 ms)`);
  console.log(`  keystroke, CPU:  ${stats(cpu)}`);

  const [first] = await service.searchEntities({ query: entries[0]!.name });
  t = performance.now();
  await service.updateEntity({ id: first!.id, entity: { type: first!.type, name: 'Renamed Entity' } });
  const hit = await service.searchEntities({ query: 'renamed ent' });
  console.log(
    `  rename and the next keystroke (index updated in place): ${(performance.now() - t).toFixed(1)} ms, found ${hit.length}`,
  );
  service.close();
}

console.log(`(load average ${loadavg()[0]?.toFixed(1)})`);
try {
  await benchSuggestions();
  await benchTypeahead();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
