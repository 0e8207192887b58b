/**
 * Entities: type-ahead in a 10,000-entity register (target ≤ 30 ms a keystroke)
 * and suggestions for one entity across a 600-document project (target ≤ 100 ms).
 * Prints figures; asserts nothing.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Node as PMNode } from 'prosemirror-model';
import { findSuggestions, prepareDocument, type SuggestEntity } from '../../edition/entities/suggest.ts';
import { TypeaheadIndex, type TypeaheadEntry } from '../../edition/entities/typeahead.ts';
import { schema } from '../../edition/schema.ts';
import { importTei } from '../../edition/tei/index.ts';

function stats(samples: number[]): string {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  const ms = (v: number): string => `${v.toFixed(2)} ms`;
  return `n=${s.length} median ${ms(at(0.5))}, p95 ${ms(at(0.95))}, max ${ms(s[s.length - 1] ?? 0)}`;
}

/** Runs `fn`, adding its wall-clock and CPU milliseconds to the samples (CPU time does not count waiting for a busy machine). */
function timed<T>(wall: number[], cpu: number[], fn: () => T): T {
  const c = process.cpuUsage();
  const w = performance.now();
  const result = fn();
  wall.push(performance.now() - w);
  const used = process.cpuUsage(c);
  cpu.push((used.user + used.system) / 1000);
  return result;
}

/** A deterministic pseudo-random generator (mulberry32), so every run benches the same register. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = [
  'ka',
  'to',
  'mi',
  'ra',
  'su',
  'ping',
  'wen',
  'gre',
  'lin',
  'sta',
  'man',
  'chu',
  'jo',
  'seph',
  'ō',
  'sa',
  'ber',
  'go',
  'lia',
  'dé',
  'val',
  'ha',
  'ru',
  'ne',
  'ko',
  'ví',
  'an',
  'el',
];
const TYPES = ['person', 'place', 'org', 'term'];

function generateRegister(count: number): TypeaheadEntry[] {
  const rnd = random(42);
  const word = (): string => {
    let w = '';
    for (let i = 1 + Math.floor(rnd() * 3); i >= 0; i--) w += SYLLABLES[Math.floor(rnd() * SYLLABLES.length)];
    return w.charAt(0).toUpperCase() + w.slice(1);
  };
  const name = (): string => Array.from({ length: 1 + Math.floor(rnd() * 3) }, word).join(' ');
  return Array.from({ length: count }, (_, i) => ({
    id: `e${i}`,
    type: TYPES[i % TYPES.length] ?? 'person',
    name: name(),
    altNames: Array.from({ length: Math.floor(rnd() * 3) }, name),
  }));
}

function benchTypeahead(): void {
  const register = generateRegister(10_000);
  const names = register.reduce((n, e) => n + 1 + e.altNames.length, 0);
  const t = performance.now();
  const index = new TypeaheadIndex(register);
  const build = performance.now() - t;
  console.log(`type-ahead: register of ${register.length} entities, ${names} names`);
  console.log(`  building the index: ${build.toFixed(1)} ms`);

  // Type real names of the register letter by letter, and some that match nothing.
  const queries = [...register.slice(0, 40).map((e) => e.name), 'Joseph Grew', 'Ōsaka', 'zzz qqq'];
  const wall: number[] = [];
  const cpu: number[] = [];
  let hits = 0;
  for (const q of queries) {
    for (let i = 1; i <= q.length; i++) hits += timed(wall, cpu, () => index.search(q.slice(0, i))).length;
  }
  console.log(`  keystroke, wall: ${stats(wall)} (${hits} hits shown; target ≤ 30 ms)`);
  console.log(`  keystroke, CPU:  ${stats(cpu)}`);

  const one = performance.now();
  index.set({ id: 'e5', type: 'person', name: 'Renamed Entity', altNames: [] });
  index.search('ren');
  console.log(`  keystroke right after a rename (inserted in place): ${(performance.now() - one).toFixed(1)} ms`);
}

function benchSuggestions(): void {
  const file = new URL('../../../shared/corpus/frus/frus1934v05.xml', import.meta.url);
  let t = performance.now();
  const imported = importTei(readFileSync(file, 'utf8'), 'frus1934v05.xml').documents.slice(0, 600);
  const nodes = imported.map((d, i) => ({ id: `d${i}`, doc: PMNode.fromJSON(schema, d.doc) }));
  const chars = nodes.reduce((n, d) => n + d.doc.content.size, 0);
  console.log(
    `suggestions: ${nodes.length} documents of frus1934v05.xml (${(chars / 1e6).toFixed(2)} M positions), imported in ${(performance.now() - t).toFixed(0)} ms`,
  );

  t = performance.now();
  const prepared = nodes.map((d) => prepareDocument(d.id, d.doc));
  console.log(`  preparing all documents (once, then per changed document): ${(performance.now() - t).toFixed(0)} ms`);

  const entities: SuggestEntity[] = [
    { id: 'cuba', name: 'Cuba', altNames: ['Republic of Cuba'] },
    { id: 'haiti', name: 'Haiti', altNames: ['Haïti', 'Republic of Haiti'] },
    { id: 'hull', name: 'Cordell Hull', altNames: ['Hull', 'Secretary Hull', 'Mr. Hull'] },
    { id: 'fdr', name: 'Franklin D. Roosevelt', altNames: ['Roosevelt', 'President Roosevelt'] },
    { id: 'batista', name: 'Fulgencio Batista', altNames: ['Batista', 'Colonel Batista'] },
    { id: 'bogota', name: 'Bogotá', altNames: ['Santa Fe de Bogotá'] },
    { id: 'none', name: 'Manchuli', altNames: ['Manzhouli'] },
  ];
  // Collect the garbage preparation left, so that its collection is not charged to the first queries.
  (globalThis as { gc?: () => void }).gc?.();
  const first = performance.now();
  findSuggestions(entities[1] as SuggestEntity, prepared);
  console.log(`  first query after preparing: ${(performance.now() - first).toFixed(1)} ms`);
  for (const caseSensitive of [false, true]) {
    const samples: number[] = [];
    const cpu: number[] = [];
    const counts: string[] = [];
    for (let round = 0; round < 5; round++) {
      for (const e of entities) {
        const found = timed(samples, cpu, () => findSuggestions(e, prepared, { caseSensitive }));
        if (round === 0) counts.push(`${e.name} ${found.length}`);
      }
    }
    const label = `  one entity across ${prepared.length} prepared documents${caseSensitive ? ', case-sensitive' : ''}`;
    console.log(`${label}, wall: ${stats(samples)} (target ≤ 100 ms)`);
    console.log(`${label}, CPU:  ${stats(cpu)}`);
    if (!caseSensitive) console.log(`    found: ${counts.join(', ')}`);
  }
  const cold = performance.now();
  findSuggestions(entities[0] as SuggestEntity, nodes);
  console.log(`  one entity across unprepared documents (prepares all): ${(performance.now() - cold).toFixed(0)} ms`);
}

// Wall-clock figures mean little on a machine busy with other work: say how busy it was.
console.log(`(load average ${loadavg()[0]?.toFixed(1)})`);
benchTypeahead();
benchSuggestions();
