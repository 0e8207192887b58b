import { describe, expect, test } from 'vitest';
import {
  alignmentTable,
  classifyVariants,
  collate,
  parallelSegmentation,
  type ClassifyOptions,
  type CollateOptions,
} from '../../../edition/collation/index.ts';
import { inputs, readJson, type PlainWitness } from './corpus.ts';

/** Each variant as "witness: base reading -> witness reading = kind". */
function kinds(texts: string[], options: ClassifyOptions & CollateOptions = {}, segmented = true): string[] {
  const collation = collate(
    texts.map((text, i) => ({ siglum: String.fromCharCode(65 + i), text })),
    options,
  );
  const table = segmented ? parallelSegmentation(collation) : alignmentTable(collation);
  const read = (w: number, cell: readonly number[]) =>
    cell.map((t) => collation.witnesses[w]!.tokens[t]!.text).join(' ') || '-';
  const base = options.base ?? 0;
  return classifyVariants(collation, table, options).map(
    (v) =>
      `${collation.witnesses[v.witness]!.siglum}: ${read(base, v.baseTokens)} -> ${read(v.witness, v.tokens)} = ${v.kind}`,
  );
}

describe('classifyVariants', () => {
  test('tells substitutions, additions and omissions apart', () => {
    expect(kinds(['the black cat sat', 'the white cat sat down', 'the cat sat'])).toEqual([
      'B: black -> white = substantive',
      'C: black -> - = omission',
      'B: - -> down = addition',
    ]);
  });

  test('calls a difference in punctuation only, even a mark missing in one witness, punctuation', () => {
    expect(kinds(['He was agast, so', 'He was agast so'])).toEqual(['B: , -> - = punctuation']);
    expect(kinds(['Yes; no', 'Yes, no'])).toEqual(['B: ; -> , = punctuation']);
  });

  test('calls case, diacritics and regularised spellings orthographic, and other words substantive', () => {
    expect(
      kinds(['Were in this world', 'were in this world'], {
        normalise: { caseFold: false },
      }),
    ).toEqual(['B: Were -> were = orthographic']);
    expect(kinds(['a café noir', 'a cafe noir'])).toEqual(['B: café -> cafe = orthographic']);
    const regularisations = [{ from: 'v', to: 'u', scope: 'character' as const }];
    expect(kinds(['vnto the ende', 'unto the end'], { regularisations })).toEqual([
      'B: vnto -> unto = orthographic',
      'B: ende -> end = substantive',
    ]);
  });

  test('marks both places of a transposition', () => {
    expect(kinds(['the cat is black', 'black is the cat'], {}, false)).toEqual([
      'B: the -> black = transposition',
      'B: cat -> - = transposition',
      'B: black -> the = transposition',
      'B: - -> cat = transposition',
    ]);
  });

  test('compares with the chosen base', () => {
    expect(kinds(['the black cat', 'the white cat'], { base: 1 })).toEqual(['A: white -> black = substantive']);
    expect(() => kinds(['a'], { base: 3 })).toThrow(RangeError);
  });

  test("classifies the Wife of Bath's variants against Ellesmere, with a small regularisation table", () => {
    const witnesses = readJson<{ witnesses: PlainWitness[] }>(
      '07-tei-parallel-segmentation/wife-of-bath-4mss/witnesses.json',
    ).witnesses;
    const collation = collate(inputs(witnesses));
    const regularisations = [
      { from: 'ee', to: 'e', scope: 'character' as const },
      { from: 'ou', to: 'o', scope: 'character' as const },
    ];
    const read = (w: number, cell: readonly number[]) =>
      cell.map((t) => collation.witnesses[w]!.tokens[t]!.text).join(' ') || '-';
    const got = classifyVariants(collation, alignmentTable(collation), {
      regularisations,
    }).map(
      (v) =>
        `${collation.witnesses[v.witness]!.siglum}: ${read(0, v.baseTokens)} -> ${read(v.witness, v.tokens)} = ${v.kind}`,
    );
    expect(got).toEqual([
      'La: Experience -> Experiment = substantive',
      'Ra2: Experience -> Eryment = substantive',
      'Hg: though -> thogh = orthographic',
      'La: though -> thouh = substantive',
      'La: noon -> none = substantive',
      'Ra2: noon -> none = substantive',
      'La: Auctoritee -> auctorite = orthographic',
      'Ra2: Auctoritee -> auctorite = orthographic',
      'Ra2: - -> it = addition',
      'Hg: were -> is = substantive',
      'La: were -> is = substantive',
      'Ra2: were -> is = substantive',
      'La: ynogh -> ynohe = substantive',
      'Ra2: ynogh -> ynow = substantive',
      'Hg: to -> for = substantive',
      'La: to -> for = substantive',
      'Ra2: to -> for = substantive',
    ]);
  });
});
