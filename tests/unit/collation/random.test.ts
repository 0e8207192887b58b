/**
 * Random witnesses: a base text of a few repeated words, varied by seeded random edits
 * (substitutions, additions, omissions, moved phrases), collated with every profile. Each
 * witness must read back exactly from the graph and both tables, and every witness path
 * must climb in rank (the graph has no cycle).
 */
import { describe, expect, test } from 'vitest';
import {
  alignmentTable,
  collate,
  parallelSegmentation,
  readWitnessFromTable,
  type CollateOptions,
} from '../../../edition/collation/index.ts';
import { JAVA, PYTHON } from './corpus.ts';

/** Mulberry32: a small seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['the', 'cat', 'sat', 'on', 'a', 'mat', ',', '.', 'and', 'dog', 'ran', 'Über', 'café'];

function variant(base: string[], next: () => number): string[] {
  const words = [...base];
  const pick = () => WORDS[Math.floor(next() * WORDS.length)]!;
  for (let edits = Math.floor(next() * 6); edits > 0; edits--) {
    const at = Math.floor(next() * (words.length + 1));
    const kind = next();
    if (kind < 0.3) words.splice(at, 0, pick());
    else if (kind < 0.55) words.splice(at, 1);
    else if (kind < 0.8) words.splice(at, 1, pick());
    else {
      const moved = words.splice(at, 1 + Math.floor(next() * 3));
      words.splice(Math.floor(next() * (words.length + 1)), 0, ...moved);
    }
  }
  return words;
}

const profiles: Array<[string, CollateOptions]> = [
  ['defaults', {}],
  ['Java', JAVA],
  ['Python with near matching', { ...PYTHON, nearMatch: true }],
  ['small regions', { regionCells: 16 }],
];

describe('random witnesses', () => {
  for (const [label, options] of profiles)
    test(`400 random collations read back exactly (${label})`, () => {
      const next = random(label.length * 7919);
      for (let round = 0; round < 400; round++) {
        const base = Array.from(
          { length: 3 + Math.floor(next() * 20) },
          () => WORDS[Math.floor(next() * WORDS.length)]!,
        );
        const texts = Array.from({ length: 2 + Math.floor(next() * 5) }, () => variant(base, next).join(' '));
        const collation = collate(
          texts.map((text, i) => ({ siglum: `W${i}`, text })),
          options,
        );
        const ranks = collation.graph.ranks();
        const tables = [alignmentTable(collation), parallelSegmentation(collation)];
        texts.forEach((text, w) => {
          const context = `round ${round}, witness ${w}: ${JSON.stringify(texts)}`;
          expect(collation.graph.readWitness(w), context).toBe(text);
          for (const table of tables) expect(readWitnessFromTable(collation, table, w), context).toBe(text);
          const path = [...collation.graph.paths[w]!].map((v) => ranks[v]!);
          expect(
            path.every((r, i) => i === 0 || r > path[i - 1]!),
            context,
          ).toBe(true);
        });
      }
    });
});
