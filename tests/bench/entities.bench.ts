/**
 * Entities: type-ahead in a 10,000-entity register (target ≤ 30 ms a keystroke)
 * and suggestions for one entity across a 600-document project (target ≤ 100 ms).
 * Prints figures; asserts nothing.
 */
import { performance } from 'node:perf_hooks';
import { TypeaheadIndex, type TypeaheadEntry } from '../../edition/entities/typeahead.ts';

function stats(samples: number[]): string {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  const ms = (v: number): string => `${v.toFixed(2)} ms`;
  return `n=${s.length} median ${ms(at(0.5))}, p95 ${ms(at(0.95))}, max ${ms(s[s.length - 1] ?? 0)}`;
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

const SYLLABLES = ['ka', 'to', 'mi', 'ra', 'su', 'ping', 'wen', 'gre', 'lin', 'sta', 'man', 'chu', 'jo', 'seph', 'ō', 'sa', 'ber', 'go', 'lia', 'dé', 'val', 'ha', 'ru', 'ne', 'ko', 'ví', 'an', 'el'];
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
  const samples: number[] = [];
  let hits = 0;
  for (const q of queries) {
    for (let i = 1; i <= q.length; i++) {
      const start = performance.now();
      hits += index.search(q.slice(0, i)).length;
      samples.push(performance.now() - start);
    }
  }
  console.log(`  keystroke: ${stats(samples)} (${hits} hits shown; target ≤ 30 ms)`);

  const one = performance.now();
  index.set({ id: 'e5', type: 'person', name: 'Renamed Entity', altNames: [] });
  index.search('ren');
  console.log(`  keystroke right after a rename (inserted in place): ${(performance.now() - one).toFixed(1)} ms`);
}

benchTypeahead();
