import { describe, expect, test } from 'vitest';
import {
  alignmentTable,
  cellReading,
  collate,
  parallelSegmentation,
  readWitnessFromTable,
  type CollateOptions,
} from '../../../edition/collation/index.ts';
import { inputs, readJson, type PlainWitness } from './corpus.ts';

const rows = (texts: string[], options = {}) => {
  const collation = collate(
    texts.map((text, i) => ({ siglum: String.fromCharCode(65 + i), text })),
    options,
  );
  const table = alignmentTable(collation);
  return collation.witnesses.map((_, w) =>
    table.columns.map((c) => cellReading(collation, w, c.cells[w]!) ?? '-').join(' '),
  );
};

describe('collate', () => {
  test('aligns a substitution, an omission and an addition', () => {
    expect(rows(['the black cat sat', 'the white cat', 'the black cat sat down'])).toEqual([
      'the black cat sat -',
      'the white cat - -',
      'the black cat sat down',
    ]);
  });

  test('matches on the normalised form: a regularisation aligns "&" with "and"', () => {
    expect(rows(['salt & pepper', 'salt and pepper'])).toEqual(['salt & pepper', 'salt and pepper']);
    expect(
      rows(['salt & pepper', 'salt and pepper'], {
        normalise: { regularisations: [{ from: '&', to: 'and' }] },
      }),
    ).toEqual(['salt and pepper', 'salt and pepper']);
  });

  test('detects a transposition and leaves it unmerged', () => {
    const collation = collate([
      { siglum: 'A', text: 'the black dog chases a red cat' },
      { siglum: 'B', text: 'a red cat chases the black dog' },
    ]);
    expect(
      collation.transpositions.map((t) => t.tokens.map((i) => collation.witnesses[1]!.tokens[i]!.text).join(' ')),
    ).toEqual(['a red cat', 'the black dog']);
    expect(collation.graph.vertex(collation.graph.paths[1]![3]!).witnesses).toEqual([0, 1]);
  });

  test('gives the same graph for the same input', () => {
    const input = [
      { siglum: 'A', text: 'a b c d e f' },
      { siglum: 'B', text: 'x y z d e' },
      { siglum: 'C', text: 'a b x y z' },
    ];
    const snapshot = () => {
      const c = collate(input);
      return c.graph.vertices.map((v) => [v.n, [...v.tokens]]);
    };
    expect(snapshot()).toEqual(snapshot());
  });

  test('accepts no witnesses, empty witnesses, and rejects a repeated siglum', () => {
    expect(alignmentTable(collate([])).columns).toEqual([]);
    expect(parallelSegmentation(collate([{ siglum: 'A', text: ' ' }])).columns).toEqual([]);
    const collation = collate([
      { siglum: 'A', text: '' },
      { siglum: 'B', text: 'only B' },
    ]);
    expect(collation.graph.readWitness(0)).toBe('');
    expect(readWitnessFromTable(collation, alignmentTable(collation), 1)).toBe('only B');
    expect(() =>
      collate([
        { siglum: 'A', text: 'x' },
        { siglum: 'A', text: 'y' },
      ]),
    ).toThrow(/siglum "A"/);
  });

  test('joins agreeing runs in the parallel segmentation', () => {
    const collation = collate([
      { siglum: 'A', text: 'A black cat in a black basket' },
      { siglum: 'B', text: 'A striped cat in a white basket' },
    ]);
    const table = parallelSegmentation(collation);
    expect(table.columns.map((c) => cellReading(collation, 0, c.cells[0]!))).toEqual([
      'a',
      'black',
      'cat in a',
      'black',
      'basket',
    ]);
    expect(table.columns.map((c) => c.variant)).toEqual([false, true, false, true, false]);
  });

  test('near matching sets an unmatched word beside the most similar reading', () => {
    expect(rows(['over this dog', 'over there that dog'], { nearMatch: true })).toEqual([
      'over - this dog',
      'over there that dog',
    ]);
    expect(rows(['over this dog', 'over there that dog'])).toEqual(['over this - dog', 'over there that dog']);
  });
});

describe('collate, long and repetitive witnesses', () => {
  test('a text repeating two words (no unique anchor) is aligned in order and read back exactly', () => {
    const a = Array.from({ length: 6000 }, (_, i) => (i % 2 ? 'b' : 'a')).join(' ');
    const b = Array.from({ length: 6000 }, (_, i) => (i % 3 ? 'b' : 'a')).join(' ');
    const collation = collate([
      { siglum: 'A', text: a },
      { siglum: 'B', text: b },
    ]);
    expect(collation.graph.readWitness(0)).toBe(a);
    expect(collation.graph.readWitness(1)).toBe(b);
    const shared = collation.graph.paths[1]!.filter((v) => collation.graph.vertex(v).witnesses.length === 2).length;
    // B (a b b a b b ...) has 6,000 tokens; an in-order alignment shares most of them with A (a b a b ...).
    expect(shared).toBeGreaterThan(4000);
  });
});

describe('collate, columns of readings that stood opposite', () => {
  test('a substitution stays one column when a later witness adds a word before one side', () => {
    const texts = [
      'the black cat',
      'the black and white cat',
      'the black very special cat',
      'the black not very special cat',
    ];
    expect(rows(texts)).toEqual([
      'the black - - - cat',
      'the black - and white cat',
      'the black - very special cat',
      'the black not very special cat',
    ]);
    expect(rows(texts, { keepColumns: false })[1]).toBe('the black and white - cat');
  });

  test('the pairing gives way when a later witness reads the two readings in order', () => {
    expect(rows(['a b c d e f', 'x y z d e', 'a b x y z'])).toEqual([
      'a b c - - d e f',
      '- - x y z d e -',
      'a b x y z - - -',
    ]);
  });
});

describe('collate, anchoring long regions', () => {
  test("cutting at anchors keeps nearly every match the unanchored match phase finds, on Darwin's paragraphs", () => {
    const sets = readJson<Array<{ witnesses: PlainWitness[] }>>(
      '12-darwin-full-chapter1-6ed-perf/web-console-darwin-paragraph-sets.json',
    ).slice(0, 8);
    const shared = (options: CollateOptions) =>
      sets.reduce((sum, set) => {
        const c = collate(inputs(set.witnesses), options);
        return sum + c.graph.vertices.reduce((n, v) => n + Math.max(0, v.witnesses.length - 1), 0);
      }, 0);
    const anchored = shared({});
    const whole = shared({ regionCells: Number.MAX_SAFE_INTEGER });
    expect(anchored).toBeGreaterThan(whole * 0.99);
  });
});
