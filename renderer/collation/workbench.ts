/**
 * The collation the variants panel shows, computed in the window on the pure engine
 * (edition/apparatus, edition/collation) from the document as the editor holds it and
 * the witnesses as the store gave them. The same inputs and order as the store's
 * `collateDocument` (the base first), so what the panel shows is what the store would
 * collate; computing it here lets an edit re-collate without a round trip.
 *
 * Also the derived figures the views draw: variant counts per column (heat map), the
 * pairwise differences (side by side) and the table cut into blocks (alignment table).
 */
import type { Node as PMNode } from "prosemirror-model";
import {
  collateWitnesses,
  documentText,
  entryFromVariant,
  normaliseOptions,
  type Cell,
  type Collated,
  type CollationSettings,
  type DocText,
  type NewEntry,
  type WitnessInfo,
} from "../../edition/apparatus/index.ts";
import {
  apparatusEntries,
  type ApparatusEntry,
  type VariantKind,
} from "../../edition/collation/index.ts";

export const VARIANT_KINDS: readonly VariantKind[] = [
  "substantive",
  "orthographic",
  "punctuation",
  "transposition",
  "omission",
  "addition",
];

export interface Workbench {
  /** Sigla in collation order, the base first. */
  sigla: string[];
  /** Per siglum: the witness id, or null for the document's own text. */
  ids: Array<string | null>;
  collated: Collated;
  /** One entry per variant column of the segmentation (same order as `collated.view.apparatus`). */
  entries: ApparatusEntry[];
  /** The document's own running text with positions, when it is the base (entries go on it); else null. */
  own: DocText | null;
  /** The document collated (positions in `own` refer to it). */
  doc: PMNode;
}

/** Collates the document's own text with its witnesses under its settings, the base first. */
export function collateDocumentView(
  doc: PMNode,
  witnesses: readonly WitnessInfo[],
  settings: CollationSettings,
): Workbench {
  const own = documentText(doc);
  const inputs = [
    {
      siglum: settings.documentSiglum,
      text: own.text,
      id: null as string | null,
    },
    ...[...witnesses]
      .sort((a, b) => a.position - b.position)
      .map((w) => ({
        siglum: w.siglum,
        text: w.text,
        id: w.id as string | null,
      })),
  ];
  const at = inputs.findIndex((w) => w.id === settings.base);
  const ordered =
    at <= 0
      ? inputs
      : [inputs[at]!, ...inputs.slice(0, at), ...inputs.slice(at + 1)];
  const normalise = normaliseOptions(settings);
  const collated = collateWitnesses(ordered, { base: 0, normalise });
  const entries =
    ordered.length < 2
      ? []
      : apparatusEntries(collated.collation, collated.segmentation, {
          base: 0,
          regularisations: normalise.regularisations,
        });
  return {
    sigla: ordered.map((w) => w.siglum),
    ids: ordered.map((w) => w.id),
    collated,
    entries,
    own: ordered[0]!.id === null ? own : null,
    doc,
  };
}

/** Where the entry of variant column `column` goes in the document, or null (base not the document's text, no text to attach to). */
export function placementOf(
  bench: Workbench,
  column: number,
): { from: number; to: number; entry: NewEntry } | null {
  const variant = bench.entries.find((e) => e.column === column);
  if (!variant || bench.own === null) return null;
  return entryFromVariant(bench.own, variant, bench.sigla);
}

/** Per segmentation column: the kinds of the readings that differ from the base there (after the filter). */
export function kindsByColumn(
  bench: Workbench,
  shown: ReadonlySet<VariantKind>,
): Map<number, VariantKind[]> {
  const byColumn = new Map<number, VariantKind[]>();
  for (const v of bench.collated.view.variants) {
    if (!shown.has(v.kind)) continue;
    const list = byColumn.get(v.column) ?? [];
    list.push(v.kind);
    byColumn.set(v.column, list);
  }
  return byColumn;
}

/** How many variants of each kind the collation has. */
export function kindCounts(bench: Workbench): Record<VariantKind, number> {
  const counts = Object.fromEntries(VARIANT_KINDS.map((k) => [k, 0])) as Record<
    VariantKind,
    number
  >;
  for (const v of bench.collated.view.variants) counts[v.kind]++;
  return counts;
}

/** One stretch of the base text for the heat map: `weight` is the share of other witnesses that differ there (0 to 1). */
export interface HeatSpan {
  column: number;
  text: string;
  weight: number;
  /** Witnesses add words here that the base lacks. */
  addition: boolean;
}

/** The base text cut at the segmentation's columns, each stretch weighted by how many witnesses vary there. */
export function heatSpans(
  bench: Workbench,
  shown: ReadonlySet<VariantKind>,
): HeatSpan[] {
  const others = Math.max(1, bench.sigla.length - 1);
  const varying = new Map<number, Set<string>>();
  for (const v of bench.collated.view.variants) {
    if (!shown.has(v.kind)) continue;
    const set = varying.get(v.column) ?? new Set<string>();
    set.add(v.siglum);
    varying.set(v.column, set);
  }
  const spans: HeatSpan[] = [];
  bench.collated.view.segmentation.columns.forEach((column, k) => {
    const cell = column.cells[0] ?? null;
    const weight = (varying.get(k)?.size ?? 0) / others;
    if (cell === null) {
      if (weight > 0)
        spans.push({ column: k, text: "", weight, addition: true });
      return;
    }
    spans.push({ column: k, text: cell.text, weight, addition: false });
  });
  return spans;
}

/** A segment of one side of the side-by-side view: its text, and whether it differs from the other side there. */
export interface PairSegment {
  column: number;
  text: string;
  differs: boolean;
}

const comparable = (cell: Cell) =>
  (cell?.text ?? "").trim().replace(/\s+/gu, " ");

/** The two witnesses' texts cut at the segmentation's columns, each column marked where they differ. */
export function pairSegments(
  bench: Workbench,
  left: number,
  right: number,
): { left: PairSegment[]; right: PairSegment[]; differences: number } {
  const l: PairSegment[] = [];
  const r: PairSegment[] = [];
  let differences = 0;
  bench.collated.view.segmentation.columns.forEach((column, k) => {
    const a = column.cells[left] ?? null;
    const b = column.cells[right] ?? null;
    const differs = comparable(a) !== comparable(b);
    if (differs) differences++;
    // A gap on one side still gets a marker there, so the difference can be pointed at.
    if (a !== null || differs)
      l.push({ column: k, text: a?.text ?? "", differs });
    if (b !== null || differs)
      r.push({ column: k, text: b?.text ?? "", differs });
  });
  return { left: l, right: r, differences };
}

/** A block of the alignment table: consecutive columns that fit in the panel's width. */
export interface TableBlock {
  /** Segmentation column indices. */
  columns: number[];
  /** Width of each column in characters. */
  widths: number[];
}

/** Widest a column may get before its cells are clipped (the full text is in the tooltip). */
export const MAX_COLUMN_CHARS = 28;
/** Agreement needs less room: it is the same in every row, and the variants are what the table is for. */
export const MAX_AGREEMENT_CHARS = 14;

/**
 * Cuts the segmentation into blocks no wider than `budget` characters, so the table
 * wraps like a page and each block has the same height (which lets the view draw only
 * the blocks on screen).
 */
export function tableBlocks(bench: Workbench, budget: number): TableBlock[] {
  const blocks: TableBlock[] = [];
  let current: TableBlock = { columns: [], widths: [] };
  let used = 0;
  bench.collated.view.segmentation.columns.forEach((column, k) => {
    const longest = Math.max(
      1,
      ...column.cells.map((c) => comparable(c).length),
    );
    const width =
      Math.min(
        column.variant ? MAX_COLUMN_CHARS : MAX_AGREEMENT_CHARS,
        longest,
      ) + 2;
    if (used + width > budget && current.columns.length > 0) {
      blocks.push(current);
      current = { columns: [], widths: [] };
      used = 0;
    }
    current.columns.push(k);
    current.widths.push(width);
    used += width;
  });
  if (current.columns.length > 0) blocks.push(current);
  return blocks;
}

/** A cell's text as the table shows it (spaces folded; a gap is empty). */
export function cellLabel(cell: Cell): string {
  return comparable(cell);
}
