/**
 * Every witness can be read back, exactly, from the variant graph (walking the edges that
 * carry it) and from both tables, for every witness set in the reference suites, the 47
 * Darwin paragraph sets and the whole of Darwin's chapter 1 in six editions; and the same
 * input always gives the same graph.
 */
import { describe, expect, test } from 'vitest';
import {
  alignmentTable,
  collate,
  parallelSegmentation,
  readWitnessFromTable,
  type CollateOptions,
  type WitnessInput,
} from '../../../edition/collation/index.ts';
import { inputs, JAVA, listCorpus, PYTHON, readCorpus, readJson, type PlainWitness } from './corpus.ts';

type Sets = Array<{ name: string; witnesses: WitnessInput[] }>;

function suiteSets(): Sets {
  const sets: Sets = [];
  const s01 = readJson<Record<string, Array<{ id?: string; witnesses: PlainWitness[] }>>>(
    '01-collatex-java-dekker-suite/suite.json',
  );
  for (const key of [
    'table_cases',
    'graph_path_cases',
    'phrase_match_cases',
    'transposition_count_cases',
    'graph_size_cases',
  ])
    s01[key]!.forEach((c, i) =>
      sets.push({
        name: `01 ${c.id ?? `${key} ${i}`}`,
        witnesses: inputs(c.witnesses),
      }),
    );
  const s06 = readJson<{
    plain_text_cases: Array<{ id: string; witnesses: PlainWitness[] }>;
  }>('06-collatex-python-suite/suite.json');
  for (const c of s06.plain_text_cases) sets.push({ name: `06 ${c.id}`, witnesses: inputs(c.witnesses) });
  sets.push({
    name: '02 black cat',
    witnesses: inputs(readJson<{ witnesses: PlainWitness[] }>('02-black-cat-docs/witnesses.json').witnesses),
  });
  for (const folder of ['collatex-koala', 'collatex-duplicates', 'wife-of-bath-4mss'])
    sets.push({
      name: `07 ${folder}`,
      witnesses: inputs(
        readJson<{ witnesses: PlainWitness[] }>(`07-tei-parallel-segmentation/${folder}/witnesses.json`).witnesses,
      ),
    });
  return sets;
}

const darwinParagraphs = readJson<Array<{ witnesses: PlainWitness[] }>>(
  '12-darwin-full-chapter1-6ed-perf/web-console-darwin-paragraph-sets.json',
);

function checkReconstruction(witnesses: readonly WitnessInput[], options: CollateOptions): void {
  const collation = collate(witnesses, options);
  const token = alignmentTable(collation);
  const segmented = parallelSegmentation(collation);
  witnesses.forEach((input, w) => {
    const text = 'text' in input ? input.text : '';
    expect(collation.graph.readWitness(w)).toBe(text);
    expect(readWitnessFromTable(collation, token, w)).toBe(text);
    expect(readWitnessFromTable(collation, segmented, w)).toBe(text);
  });
}

const profiles: Array<[string, CollateOptions]> = [
  ['default settings', {}],
  ['CollateX Java conventions', JAVA],
  ['CollateX Python conventions with near matching', { ...PYTHON, nearMatch: true }],
];

describe('every witness is reconstructible', () => {
  for (const [label, options] of profiles)
    test(`from the graph and the tables, for all suite witness sets (${label})`, () => {
      for (const set of suiteSets()) checkReconstruction(set.witnesses, options);
    });

  test('for the 47 Darwin paragraph sets of the CollateX web console, with default settings', () => {
    expect(darwinParagraphs).toHaveLength(47);
    for (const set of darwinParagraphs) checkReconstruction(inputs(set.witnesses), {});
  });

  test("for the whole of Darwin's chapter 1 in six editions, and the graph is the same on a second run", () => {
    const folder = '12-darwin-full-chapter1-6ed-perf/witnesses/';
    const witnesses = listCorpus(folder).map((f) => ({
      siglum: f.replace(/\.txt$/, ''),
      text: readCorpus(folder + f),
    }));
    expect(witnesses).toHaveLength(6);
    checkReconstruction(witnesses, {});
    const shape = () => collate(witnesses).graph.paths.map((p) => Array.from(p).join(','));
    expect(shape()).toEqual(shape());
  });
});
