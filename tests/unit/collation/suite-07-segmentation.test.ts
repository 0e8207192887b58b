/**
 * Reference suite 07: parallel segmentation. The expected TEI apparatus of CollateX's own
 * tests and the TEI Guidelines' Wife of Bath examples are read as segments (agreement text,
 * or readings with their witnesses) and compared with our parallel segmentation; the four
 * Wife of Bath manuscripts are compared with the hand-derived variation sites.
 */
import {
  alignmentTable,
  collate,
  parallelSegmentation,
  toCollateXTei,
  type CollateOptions,
} from '../../../edition/collation/index.ts';
import { inputs, PYTHON, readCorpus, readJson, segments, textRows, type PlainWitness } from './corpus.ts';
import { suiteTests } from './suite.ts';
import { teiSegments } from './tei-segments.ts';

interface Guidelines {
  listWit: string[];
  examples: Array<{
    id: string;
    xml: string;
    listWit?: string[];
    expected_witness_text: Record<string, string>;
  }>;
}

interface Hand {
  expected_variation_sites: Array<Record<string, string | null>>;
  acceptable_alternative_for_sites_5_6: Array<Record<string, string | null>>;
}

const dir = '07-tei-parallel-segmentation/';
const witnesses = (folder: string) =>
  readJson<{ witnesses: PlainWitness[] }>(`${dir}${folder}/witnesses.json`).witnesses;

/** The CollateX fixtures, collated with CollateX Python's conventions, whose output they record. */
const collatexCases = [
  {
    id: 'collatex-koala (expected-apparatus.tei.xml)',
    folder: 'collatex-koala',
    file: 'expected-apparatus.tei.xml',
  },
  {
    id: 'collatex-duplicates (expected-apparatus.pretty.tei.xml)',
    folder: 'collatex-duplicates',
    file: 'expected-apparatus.pretty.tei.xml',
  },
  {
    id: 'wife-of-bath-4mss (CollateX Python apparatus)',
    folder: 'wife-of-bath-4mss',
    file: 'expected/collatex-python-2.3/apparatus.tei.xml',
  },
];

suiteTests(
  'suite 07, CollateX apparatus as segments',
  collatexCases,
  (c) => c.id,
  (c) => {
    const collation = collate(inputs(witnesses(c.folder)), PYTHON);
    return {
      got: segments(collation, parallelSegmentation(collation)),
      expected: teiSegments(readCorpus(`${dir}${c.folder}/${c.file}`)),
    };
  },
  {},
);

suiteTests(
  'suite 07, CollateX TEI output, byte for byte',
  collatexCases.filter((c) => !c.file.includes('pretty')),
  (c) => c.id,
  (c) => {
    const collation = collate(inputs(witnesses(c.folder)), PYTHON);
    return {
      got: toCollateXTei(collation, parallelSegmentation(collation)),
      // The fixture file ends with a newline; the upstream string does not.
      expected: readCorpus(`${dir}${c.folder}/${c.file}`).replace(/\n$/, ''),
    };
  },
  {},
);

suiteTests(
  'suite 07, CollateX Python tables of the Wife of Bath',
  [
    { id: 'table-segmented.json', segmented: true },
    { id: 'table-unsegmented.json', segmented: false },
  ],
  (c) => c.id,
  (c) => {
    const collation = collate(inputs(witnesses('wife-of-bath-4mss')), PYTHON);
    const table = c.segmented ? parallelSegmentation(collation) : alignmentTable(collation);
    const expected = readJson<{ rows: unknown; variant_columns: unknown }>(
      `${dir}wife-of-bath-4mss/expected/collatex-python-2.3/${c.id}`,
    );
    return {
      got: {
        rows: textRows(collation, table),
        variant_columns: table.columns.map((col) => col.variant),
      },
      expected: {
        rows: expected.rows,
        variant_columns: expected.variant_columns,
      },
    };
  },
  {},
);

const guidelines = readJson<Guidelines>(`${dir}tei-guidelines-wife-of-bath.json`);
const DEFAULTS: CollateOptions = {};

suiteTests(
  'suite 07, TEI Guidelines examples: collating their witnesses gives their apparatus',
  guidelines.examples,
  (c) => c.id,
  (c) => {
    const sigla = c.listWit ?? guidelines.listWit;
    const collation = collate(
      sigla.map((s) => ({ siglum: s, text: c.expected_witness_text[s]! })),
      DEFAULTS,
    );
    const inner = c.xml.replace(/^<l[^>]*>|<\/l>$/g, '');
    return {
      got: segments(collation, parallelSegmentation(collation)),
      expected: teiSegments(`<l>${inner}</l>`, sigla),
    };
  },
  {
    'nested-app': 'the example nests apps (Chi3 against the rest); a flat parallel segmentation cannot produce nesting',
  },
);

/** Variation sites of the token-level table: each witness's reading (null = absent) where they differ. */
suiteTests(
  'suite 07, Wife of Bath: the hand-derived variation sites',
  [{ id: 'wife-of-bath-4mss/expected-hand.json' }],
  (c) => c.id,
  () => {
    const hand = readJson<Hand>(`${dir}wife-of-bath-4mss/expected-hand.json`);
    const collation = collate(inputs(witnesses('wife-of-bath-4mss')), DEFAULTS);
    const table = alignmentTable(collation);
    const rows = textRows(collation, table);
    const sites = table.columns.flatMap((col, k) =>
      col.variant ? [Object.fromEntries(Object.entries(rows).map(([s, cells]) => [s, cells[k]?.trim() ?? null]))] : [],
    );
    const expected = hand.expected_variation_sites.map((site) =>
      Object.fromEntries(Object.entries(site).filter(([k]) => k !== 'note')),
    );
    const alternative = [...expected.slice(0, 4), ...hand.acceptable_alternative_for_sites_5_6, ...expected.slice(6)];
    return { got: sites, expected, alternatives: [alternative] };
  },
  {},
);
