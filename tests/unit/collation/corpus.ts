/**
 * Reading the collation reference suites in ../shared/corpus/collation in place, and
 * turning a collation into the shapes their expectations use.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  cellReading,
  cellText,
  COLLATEX_JAVA,
  COLLATEX_PYTHON,
  type CollateOptions,
  type AlignmentTable,
  type Collation,
  type WitnessInput,
} from '../../../edition/collation/index.ts';

const root = new URL('../../../../shared/corpus/collation/', import.meta.url);

export function corpusPath(relative: string): string {
  return fileURLToPath(new URL(relative, root));
}

export function readCorpus(relative: string): string {
  return readFileSync(corpusPath(relative), 'utf8');
}

export function readJson<T>(relative: string): T {
  return JSON.parse(readCorpus(relative)) as T;
}

export function listCorpus(relative: string): string[] {
  return readdirSync(corpusPath(relative)).sort();
}

/** CollateX Java's conventions: its tokenizer, lower case, transpositions detected. */
export const JAVA: CollateOptions = { tokenise: { pattern: COLLATEX_JAVA } };

/**
 * CollateX Python's conventions: `\w+\s*|\W+` tokens, case-sensitive, no transposition
 * detection, repeated tokens matched late, ranks from the graph alone.
 */
export const PYTHON: CollateOptions = {
  tokenise: { pattern: COLLATEX_PYTHON },
  normalise: { caseFold: false },
  transpositions: false,
  preferLater: true,
  keepColumns: false,
};

export interface PlainWitness {
  readonly id: string;
  readonly content: string;
}

export function inputs(witnesses: readonly PlainWitness[]): WitnessInput[] {
  return witnesses.map((w) => ({ siglum: w.id, text: w.content }));
}

function rows(
  collation: Collation,
  table: AlignmentTable,
  cell: (collation: Collation, w: number, cell: readonly number[]) => string | null,
): Record<string, Array<string | null>> {
  return Object.fromEntries(
    collation.witnesses.map((w, i) => [w.siglum, table.columns.map((c) => cell(collation, i, c.cells[i]!))]),
  );
}

/** Each witness's row: the normalised reading of each cell (null = gap). */
export const readingRows = (collation: Collation, table: AlignmentTable) => rows(collation, table, cellReading);

/** Each witness's row: the text of each cell with its trailing whitespace (null = gap). */
export const textRows = (collation: Collation, table: AlignmentTable) => rows(collation, table, cellText);

/** One place in a parallel segmentation: text all witnesses share, or readings with their witnesses. */
export type Segment =
  | { readonly text: string }
  | {
      readonly readings: ReadonlyArray<{
        readonly wit: string[];
        readonly text: string;
      }>;
    };

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The segments of a (segmented) table: agreement as text, variation as readings grouped by text. */
export function segments(collation: Collation, table: AlignmentTable): Segment[] {
  const sigla = collation.witnesses.map((w) => w.siglum);
  return table.columns.map((column) => {
    const texts = column.cells.map((cell, w) => (cell.length === 0 ? null : squash(cellText(collation, w, cell)!)));
    if (!column.variant) return { text: texts[0]! };
    const readings: Array<{ wit: string[]; text: string }> = [];
    texts.forEach((text, w) => {
      if (text === null) return;
      const same = readings.find((r) => r.text === text);
      if (same) same.wit.push(sigla[w]!);
      else readings.push({ wit: [sigla[w]!], text });
    });
    return { readings };
  });
}
