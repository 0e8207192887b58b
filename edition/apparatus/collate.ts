/**
 * A collation as the UI and the command line use it: the engine's results
 * (edition/collation) turned into plain JSON with sigla and text offsets, so that a view
 * can draw the alignment table, link two witnesses side by side, shade the base text
 * by how much it varies, filter by kind, and make apparatus entries.
 */
import {
  alignmentTable,
  apparatusEntries,
  classifyVariants,
  collate,
  parallelSegmentation,
  wrappedTable,
  toCollateXJson,
  toCollateXTei,
  type AlignmentTable,
  type ApparatusEntry,
  type Collation,
  type NormaliseOptions,
  type VariantKind,
} from '../collation/index.ts';
import {
  collateOptionsOf,
  collationInputs,
  type CollationInput,
  type CollationSettings,
  type WitnessInfo,
} from './witnesses.ts';

/** A cell: the witness's text there as written (with trailing space) and its UTF-16 extent in the witness's text; null for a gap. */
export type Cell = { text: string; from: number; to: number } | null;

export interface TableView {
  sigla: string[];
  /** One column per place; `variant` when the witnesses do not all read the same there. */
  columns: Array<{ variant: boolean; cells: Cell[] }>;
}

export interface VariantView {
  /** Column of `segmentation`. */
  column: number;
  siglum: string;
  kind: VariantKind;
}

export interface ApparatusEntryView {
  /** Column of `segmentation`. */
  column: number;
  /** The lemma's UTF-16 extent in the base's text (equal for an addition). */
  from: number;
  to: number;
  lemma: { text: string; wit: string[] };
  readings: Array<{ text: string; wit: string[]; kind: VariantKind | null }>;
}

export interface CollationView {
  sigla: string[];
  /** Index of the base in `sigla`. */
  base: number;
  texts: string[];
  /** Token-level alignment table. */
  table: TableView;
  /** Parallel segmentation: agreement joined, each place of variation one column. */
  segmentation: TableView;
  /** Every reading that differs from the base's, classified. */
  variants: VariantView[];
  /** One entry per variant column of the segmentation, on the base. */
  apparatus: ApparatusEntryView[];
  /** Phrases read out of order: witness siglum and its text. */
  transpositions: Array<{ siglum: string; text: string }>;
}

function tableView(collation: Collation, table: AlignmentTable): TableView {
  return {
    sigla: [...table.sigla],
    columns: table.columns.map((c) => ({
      variant: c.variant,
      cells: c.cells.map((cell, w): Cell => {
        const tokens = collation.witnesses[w]!.tokens;
        const first = tokens[cell[0] ?? -1];
        const last = tokens[cell[cell.length - 1] ?? -1];
        if (!first || !last) return null;
        return {
          text: cell.map((t) => tokens[t]!.text + tokens[t]!.trailing).join(''),
          from: first.start,
          to: last.start + last.text.length,
        };
      }),
    })),
  };
}

export interface Collated {
  collation: Collation;
  table: AlignmentTable;
  segmentation: AlignmentTable;
  view: CollationView;
  /** The engine's apparatus entries, one per variant column of the segmentation (`view.apparatus` shows them). */
  entries: ApparatusEntry[];
}

/**
 * Collates the witnesses in order with `normalise`, the base being witness `base`
 * (an index). Deterministic. RangeError for a repeated siglum or a base out of range.
 */
export function collateWitnesses(
  witnesses: ReadonlyArray<{ siglum: string; text: string }>,
  options: { base?: number; normalise?: NormaliseOptions; nearMatch?: boolean } = {},
): Collated {
  const base = options.base ?? 0;
  if (witnesses.length > 0 && (base < 0 || base >= witnesses.length))
    throw new RangeError(`There is no witness ${base} to be the base`);
  const collation = collate(witnesses, { normalise: options.normalise, nearMatch: options.nearMatch === true });
  const table = alignmentTable(collation);
  const segmentation = parallelSegmentation(collation);
  const sigla = witnesses.map((w) => w.siglum);
  const classify = { base, regularisations: options.normalise?.regularisations };
  const entries = witnesses.length < 2 ? [] : apparatusEntries(collation, segmentation, classify);
  const view: CollationView = {
    sigla,
    base,
    texts: witnesses.map((w) => w.text),
    table: tableView(collation, table),
    segmentation: tableView(collation, segmentation),
    variants:
      witnesses.length < 2
        ? []
        : classifyVariants(collation, segmentation, classify).map((v) => ({
            column: v.column,
            siglum: sigla[v.witness]!,
            kind: v.kind,
          })),
    apparatus: entries.map((e) => ({
      column: e.column,
      from: e.from,
      to: e.to,
      lemma: { text: e.lemma.text, wit: e.lemma.witnesses.map((w) => sigla[w]!) },
      readings: e.readings.map((r) => ({
        text: r.text,
        wit: r.witnesses.map((w) => sigla[w]!),
        kind: r.kind ?? null,
      })),
    })),
    transpositions: collation.transpositions.map((t) => {
      const tokens = collation.witnesses[t.witness]!.tokens;
      return { siglum: sigla[t.witness]!, text: t.tokens.map((i) => tokens[i]!.text).join(' ') };
    }),
  };
  return { collation, table, segmentation, view, entries };
}

/** A document collated: what `collateWitnesses` gives, and the inputs in collation order (the base first). */
export interface DocumentCollated extends Collated {
  inputs: CollationInput[];
}

/**
 * Collates a document's own text with its witnesses under its saved settings, the base
 * first (`collationInputs`). The one collation of a document: the service's
 * `collateDocument`, the variants panel and `siglum collate --document` all call it.
 * `nearMatch: true` turns near matching on whatever the settings say.
 */
export function collateDocumentTexts(
  ownText: string,
  witnesses: readonly WitnessInfo[],
  settings: CollationSettings,
  overrides: { nearMatch?: boolean } = {},
): DocumentCollated {
  const inputs = collationInputs(ownText, witnesses, settings);
  const { normalise, nearMatch } = collateOptionsOf(settings);
  const collated = collateWitnesses(inputs, {
    base: 0,
    normalise,
    nearMatch: nearMatch || overrides.nearMatch === true,
  });
  return { ...collated, inputs };
}

export type CollationFormat = 'table' | 'json' | 'tei';

/**
 * A collation as text: `table` the parallel segmentation as a plain table (as CollateX
 * Python prints it, no wider than `width` a line: `wrappedTable`), `json` the token-level table as CollateX JSON, `tei` the
 * segmentation as CollateX writes TEI.
 */
export function formatCollation(c: Collated, format: CollationFormat, width = Infinity): string {
  if (format === 'json') return JSON.stringify(toCollateXJson(c.collation, c.table));
  if (format === 'tei') return toCollateXTei(c.collation, c.segmentation);
  return wrappedTable(c.collation, c.segmentation, width);
}
