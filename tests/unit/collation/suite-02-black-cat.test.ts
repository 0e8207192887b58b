/**
 * Reference suite 02: the "black cat" examples of the CollateX documentation: plain
 * witnesses (against CollateX Python's reference tables), pre-tokenised JSON whose `n`
 * decides matching and whose extra properties pass through, and the documented JSON
 * output shapes.
 */
import {
  alignmentTable,
  collate,
  fromCollateXJson,
  parallelSegmentation,
  toCollateXJson,
  toCollateXTei,
  type JsonToken,
} from '../../../edition/collation/index.ts';
import { inputs, listCorpus, PYTHON, readCorpus, readJson, textRows, type PlainWitness } from './corpus.ts';
import { suiteTests } from './suite.ts';
import { teiSegments } from './tei-segments.ts';

const dir = '02-black-cat-docs/';
const plain = readJson<{ witnesses: PlainWitness[] }>(`${dir}witnesses.json`).witnesses;
const pretokenised = readJson<unknown>(`${dir}pretokenized-input.json`);

type Case = { id: string; run: () => { got: unknown; expected: unknown } };

const cases: Case[] = [
  {
    id: 'witnesses/*.txt are the witnesses of witnesses.json',
    run: () => ({
      got: listCorpus(`${dir}witnesses`).map((f) => ({
        id: f.replace(/\.txt$/, ''),
        content: readCorpus(`${dir}witnesses/${f}`).trimEnd(),
      })),
      expected: plain,
    }),
  },
  ...(['segmented', 'unsegmented'] as const).map((kind) => ({
    id: `four witnesses: collatex-python-2.3/table-${kind}.json`,
    run: () => {
      const collation = collate(inputs(plain), PYTHON);
      const table = kind === 'segmented' ? parallelSegmentation(collation) : alignmentTable(collation);
      const expected = readJson<{
        witnesses: string[];
        rows: unknown;
        variant_columns: unknown;
      }>(`${dir}expected/collatex-python-2.3/table-${kind}.json`);
      return {
        got: {
          witnesses: table.sigla,
          rows: textRows(collation, table),
          variant_columns: table.columns.map((c) => c.variant),
        },
        expected,
      };
    },
  })),
  {
    id: 'four witnesses: collatex-python-2.3/apparatus.tei.xml, byte for byte',
    run: () => {
      const collation = collate(inputs(plain), PYTHON);
      return {
        got: toCollateXTei(collation, parallelSegmentation(collation)),
        // The fixture file ends with a newline; CollateX's string does not.
        expected: readCorpus(`${dir}expected/collatex-python-2.3/apparatus.tei.xml`).replace(/\n$/, ''),
      };
    },
  },
  {
    id: 'four witnesses, default settings: two substitution sites, nothing added or omitted',
    run: () => {
      const collation = collate(inputs(plain));
      const table = alignmentTable(collation);
      const rows = textRows(collation, table);
      const sites = table.columns.flatMap((c, k) =>
        c.variant ? [Object.values(rows).map((r) => r[k]?.trim() ?? null)] : [],
      );
      return {
        got: sites,
        expected: [
          ['black', 'black', 'striped', 'striped'],
          ['black', 'black', 'black', 'white'],
        ],
      };
    },
  },
  {
    id: 'pre-tokenised input: documented JSON output (expected/documented/pretokenized-output.json)',
    run: () => {
      const collation = collate(fromCollateXJson(pretokenised));
      return {
        got: toCollateXJson(collation, alignmentTable(collation)),
        expected: readJson(`${dir}expected/documented/pretokenized-output.json`),
      };
    },
  },
  {
    id: 'pre-tokenised input: CollateX Python JSON output (expected/collatex-python-2.3/pretokenized-output.json)',
    run: () => {
      const collation = collate(fromCollateXJson(pretokenised), PYTHON);
      const json = toCollateXJson(collation, alignmentTable(collation), {
        layout: 'horizontal',
        gap: 'null',
        pythonFields: true,
      });
      return {
        got: json,
        expected: readJson(`${dir}expected/collatex-python-2.3/pretokenized-output.json`),
      };
    },
  },
  {
    id: 'pre-tokenised input: documented TEI output (expected/documented/pretokenized-output.tei.xml), as segments',
    run: () => {
      // The documentation shows CollateX Java's pretty-printed TEI (sigla without "#"): compared
      // as segments, since whitespace between elements and "#" differ between the two ports.
      const collation = collate(fromCollateXJson(pretokenised));
      return {
        got: teiSegments(toCollateXTei(collation, parallelSegmentation(collation))),
        expected: teiSegments(readCorpus(`${dir}expected/documented/pretokenized-output.tei.xml`)),
      };
    },
  },
  {
    id: 'an omission: documented JSON output with an empty cell (expected/documented/gap-example-output.json)',
    run: () => {
      const expected = readJson<{
        witnesses: string[];
        table: Array<Array<Array<{ t: string }>>>;
      }>(`${dir}expected/documented/gap-example-output.json`);
      // The documentation prints no input for this example: each witness's tokens are read off its row.
      const witnesses = expected.witnesses.map((id, w) => ({
        id,
        tokens: expected.table.flatMap((column) => column[w]!) as JsonToken[],
      }));
      const collation = collate(fromCollateXJson({ witnesses }));
      return {
        got: toCollateXJson(collation, alignmentTable(collation)),
        expected,
      };
    },
  },
];

suiteTests(
  'suite 02, black cat',
  cases,
  (c) => c.id,
  (c) => c.run(),
  {},
);
