/**
 * Reference suite 06: CollateX Python's test expectations. Python conventions: its
 * `\w+\s*|\W+` tokenizer, case-sensitive comparison, no transposition detection, repeated
 * tokens matched late, near matching where the case asks for it.
 */
import {
  alignmentTable,
  collate,
  fromCollateXJson,
  parallelSegmentation,
  plainTable,
  toCollateXJson,
  type JsonToken,
} from '../../../edition/collation/index.ts';
import { inputs, PYTHON, readJson, textRows, type PlainWitness } from './corpus.ts';
import { suiteTests } from './suite.ts';

interface PlainCase {
  id: string;
  witnesses: PlainWitness[];
  segmentation: boolean;
  near_match?: boolean;
  expected_rows?: Record<string, Array<string | null>>;
  expected_variant_columns?: boolean[];
  expected_plain?: string;
}

interface Suite {
  plain_text_cases: PlainCase[];
  pretokenized_cases: Array<{
    id: string;
    input: { witnesses: Array<{ id: string; tokens: JsonToken[] }> };
    near_match?: boolean;
    expected_rows: Record<string, Array<string | null>>;
  }>;
  json_output_case: {
    id: string;
    witnesses: PlainWitness[];
    expected: unknown;
  };
}

const suite = readJson<Suite>('06-collatex-python-suite/suite.json');

suiteTests(
  'suite 06, plain-text cases',
  suite.plain_text_cases,
  (c) => c.id,
  (c) => {
    const collation = collate(inputs(c.witnesses), {
      ...PYTHON,
      nearMatch: c.near_match ?? false,
    });
    const table = c.segmentation ? parallelSegmentation(collation) : alignmentTable(collation);
    if (c.expected_rows) return { got: textRows(collation, table), expected: c.expected_rows };
    if (c.expected_variant_columns)
      return {
        got: table.columns.map((col) => col.variant),
        expected: c.expected_variant_columns,
      };
    return { got: plainTable(collation, table), expected: c.expected_plain };
  },
  {},
);

suiteTests(
  'suite 06, pre-tokenised JSON input',
  suite.pretokenized_cases,
  (c) => c.id,
  (c) => {
    const collation = collate(fromCollateXJson(c.input), {
      ...PYTHON,
      nearMatch: c.near_match ?? false,
    });
    return {
      got: textRows(collation, alignmentTable(collation)),
      expected: c.expected_rows,
    };
  },
  {},
);

suiteTests(
  'suite 06, JSON output',
  [suite.json_output_case],
  (c) => c.id,
  (c) => {
    const collation = collate(inputs(c.witnesses), PYTHON);
    const json = toCollateXJson(collation, parallelSegmentation(collation), {
      layout: 'horizontal',
      gap: 'null',
      pythonFields: true,
    });
    return { got: json, expected: c.expected };
  },
  {},
);
