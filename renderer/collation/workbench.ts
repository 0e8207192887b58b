/**
 * The collation the variants panel shows, computed in the window from the document as
 * the editor holds it and the witnesses as the store gave them, by the function the
 * store's `collateDocument` and `siglum collate --document` call (edition/apparatus
 * `collateDocumentTexts`), so what the panel shows is what the store would collate;
 * computing it here lets an edit re-collate without a round trip.
 *
 * Also the derived figures the views draw: variant counts per column (heat map), the
 * pairwise differences (side by side) and the table cut into blocks (alignment table).
 */
import type { Node as PMNode } from 'prosemirror-model';
import {
  collateDocumentTexts,
  collateWitnesses,
  collationInputs,
  documentText,
  entryFromVariant,
  collateOptionsOf,
  type Cell,
  type CollationView,
  type CollationSettings,
  type DocText,
  type NewEntry,
  type WitnessInfo,
} from '../../edition/apparatus/index.ts';
import { type ApparatusEntry, type NormaliseOptions, type VariantKind } from '../../edition/collation/index.ts';

export const VARIANT_KINDS: readonly VariantKind[] = [
  'substantive',
  'orthographic',
  'punctuation',
  'transposition',
  'omission',
  'addition',
];

export interface Workbench {
  /** Sigla in collation order, the base first. */
  sigla: string[];
  /** Per siglum: the witness id, or null for the document's own text. */
  ids: Array<string | null>;
  view: CollationView;
  /** One entry per variant column of the segmentation (same order as `view.apparatus`). */
  entries: ApparatusEntry[];
  /** The document's own running text with positions, when it is the base (entries go on it); else null. */
  own: DocText | null;
  /** The document collated (positions in `own` refer to it). */
  doc: PMNode;
  /** 'whole': one collation, as the store's; 'paragraphs': paragraph by paragraph (long texts, see below). */
  mode: 'whole' | 'paragraphs';
}

/**
 * Texts longer than this (all witnesses together) whose paragraphs correspond one to
 * one are collated paragraph by paragraph, each paragraph's result kept until its
 * texts change: typing in one paragraph of a chapter re-collates that paragraph
 * (milliseconds) instead of the chapter (seconds). The price: a phrase moved from one
 * paragraph to another is not seen as a transposition. Shorter texts are collated
 * whole, as the store collates them.
 */
export const PARAGRAPH_MODE_CHARS = 50_000;

type Input = { siglum: string; text: string };
type Piece = { view: CollationView; entries: ApparatusEntry[] };

/** What the settings tell the collation (edition/apparatus `collateOptionsOf`). */
type Options = { normalise: NormaliseOptions; nearMatch: boolean };

function collatePiece(inputs: readonly Input[], options: Options): Piece {
  const { view, entries } = collateWitnesses(inputs, { base: 0, ...options });
  return { view, entries };
}

/** A blank line (with any spaces around it) ends a paragraph, as documentText writes them. */
const PARAGRAPH_BREAK = /[^\S\n]*\n[^\S\n]*\n\s*/gu;

interface Paragraphs {
  /** Each paragraph's text and UTF-16 start in the whole text. */
  parts: Array<{ text: string; start: number }>;
  /** The break after each paragraph but the last. */
  breaks: Array<{ text: string; start: number }>;
}

function paragraphs(text: string): Paragraphs {
  const parts: Paragraphs['parts'] = [];
  const breaks: Paragraphs['breaks'] = [];
  let at = 0;
  for (const m of text.matchAll(PARAGRAPH_BREAK)) {
    // Blank lines at the very start or end do not make an empty paragraph.
    if (m.index === 0 || m.index + m[0].length === text.length) continue;
    parts.push({ text: text.slice(at, m.index), start: at });
    breaks.push({ text: m[0], start: m.index });
    at = m.index + m[0].length;
  }
  parts.push({ text: text.slice(at), start: at });
  return { parts, breaks };
}

/** Pieces kept from the last paragraph-by-paragraph collation, by their texts and settings. */
let pieceCache = new Map<string, Piece>();

/** Collates paragraph by paragraph and joins the pieces into one view; null when the paragraphs do not correspond. */
function collateByParagraph(inputs: readonly Input[], options: Options): Piece | null {
  const split = inputs.map((w) => paragraphs(w.text));
  const count = split[0]!.parts.length;
  if (count < 2 || split.some((p) => p.parts.length !== count)) return null;
  const settingsKey = JSON.stringify(options);
  const used = new Map<string, Piece>();
  const view: CollationView = {
    sigla: inputs.map((w) => w.siglum),
    base: 0,
    texts: inputs.map((w) => w.text),
    table: { sigla: inputs.map((w) => w.siglum), columns: [] },
    segmentation: { sigla: inputs.map((w) => w.siglum), columns: [] },
    variants: [],
    apparatus: [],
    transpositions: [],
  };
  const entries: ApparatusEntry[] = [];
  const shift = (cell: Cell, by: number): Cell =>
    cell === null ? null : { text: cell.text, from: cell.from + by, to: cell.to + by };
  for (let p = 0; p < count; p++) {
    const texts = inputs.map((w, i) => ({
      siglum: w.siglum,
      text: split[i]!.parts[p]!.text,
    }));
    const key = JSON.stringify([settingsKey, texts]);
    const piece = used.get(key) ?? pieceCache.get(key) ?? collatePiece(texts, options);
    used.set(key, piece);
    const offsets = split.map((s) => s.parts[p]!.start);
    const seg0 = view.segmentation.columns.length;
    for (const which of ['table', 'segmentation'] as const) {
      for (const column of piece.view[which].columns) {
        view[which].columns.push({
          variant: column.variant,
          cells: column.cells.map((c, w) => shift(c, offsets[w]!)),
        });
      }
      if (p < count - 1) {
        // The paragraph break, as each witness writes it: agreement, so the texts read on.
        view[which].columns.push({
          variant: false,
          cells: split.map((s) => {
            const b = s.breaks[p]!;
            return { text: b.text, from: b.start, to: b.start };
          }),
        });
      }
    }
    view.variants.push(...piece.view.variants.map((v) => ({ ...v, column: v.column + seg0 })));
    view.apparatus.push(
      ...piece.view.apparatus.map((e) => ({
        ...e,
        column: e.column + seg0,
        from: e.from + offsets[0]!,
        to: e.to + offsets[0]!,
      })),
    );
    entries.push(
      ...piece.entries.map((e) => ({
        ...e,
        column: e.column + seg0,
        from: e.from + offsets[0]!,
        to: e.to + offsets[0]!,
      })),
    );
    view.transpositions.push(...piece.view.transpositions);
  }
  pieceCache = used;
  return { view, entries };
}

/** Collates the document's own text with its witnesses under its settings, the base first. */
export function collateDocumentView(
  doc: PMNode,
  witnesses: readonly WitnessInfo[],
  settings: CollationSettings,
): Workbench {
  const own = documentText(doc);
  const ordered = collationInputs(own.text, witnesses, settings);
  const long = ordered.length > 1 && ordered.reduce((n, w) => n + w.text.length, 0) > PARAGRAPH_MODE_CHARS;
  const byParagraph = long ? collateByParagraph(ordered, collateOptionsOf(settings)) : null;
  const piece = byParagraph ?? collateDocumentTexts(own.text, witnesses, settings);
  return {
    sigla: ordered.map((w) => w.siglum),
    ids: ordered.map((w) => w.id),
    view: piece.view,
    entries: piece.entries,
    own: ordered[0]!.id === null ? own : null,
    doc,
    mode: byParagraph ? 'paragraphs' : 'whole',
  };
}

/** Where the entry of variant column `column` goes in the document, or null (base not the document's text, no text to attach to). */
export function placementOf(bench: Workbench, column: number): { from: number; to: number; entry: NewEntry } | null {
  const variant = bench.entries.find((e) => e.column === column);
  if (!variant || bench.own === null) return null;
  return entryFromVariant(bench.own, variant, bench.sigla);
}

/** Per segmentation column: the kinds of the readings that differ from the base there (after the filter). */
export function kindsByColumn(bench: Workbench, shown: ReadonlySet<VariantKind>): Map<number, VariantKind[]> {
  const byColumn = new Map<number, VariantKind[]>();
  for (const v of bench.view.variants) {
    if (!shown.has(v.kind)) continue;
    const list = byColumn.get(v.column) ?? [];
    list.push(v.kind);
    byColumn.set(v.column, list);
  }
  return byColumn;
}

/** How many places of variation have a reading of each kind (as the list shows them: one row per place). */
export function kindCounts(bench: Workbench): Record<VariantKind, number> {
  const places = Object.fromEntries(VARIANT_KINDS.map((k) => [k, new Set<number>()])) as Record<
    VariantKind,
    Set<number>
  >;
  for (const v of bench.view.variants) places[v.kind].add(v.column);
  return Object.fromEntries(VARIANT_KINDS.map((k) => [k, places[k].size])) as Record<VariantKind, number>;
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
export function heatSpans(bench: Workbench, shown: ReadonlySet<VariantKind>): HeatSpan[] {
  const others = Math.max(1, bench.sigla.length - 1);
  const varying = new Map<number, Set<string>>();
  for (const v of bench.view.variants) {
    if (!shown.has(v.kind)) continue;
    const set = varying.get(v.column) ?? new Set<string>();
    set.add(v.siglum);
    varying.set(v.column, set);
  }
  const spans: HeatSpan[] = [];
  bench.view.segmentation.columns.forEach((column, k) => {
    const cell = column.cells[0] ?? null;
    const weight = (varying.get(k)?.size ?? 0) / others;
    if (cell === null) {
      if (weight > 0) spans.push({ column: k, text: '', weight, addition: true });
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

const comparable = (cell: Cell) => (cell?.text ?? '').trim().replace(/\s+/gu, ' ');

/** The two witnesses' texts cut at the segmentation's columns, each column marked where they differ. */
export function pairSegments(
  bench: Workbench,
  left: number,
  right: number,
): { left: PairSegment[]; right: PairSegment[]; differences: number } {
  const l: PairSegment[] = [];
  const r: PairSegment[] = [];
  let differences = 0;
  bench.view.segmentation.columns.forEach((column, k) => {
    const a = column.cells[left] ?? null;
    const b = column.cells[right] ?? null;
    const differs = comparable(a) !== comparable(b);
    if (differs) differences++;
    // A gap on one side still gets a marker there, so the difference can be pointed at.
    if (a !== null || differs) l.push({ column: k, text: a?.text ?? '', differs });
    if (b !== null || differs) r.push({ column: k, text: b?.text ?? '', differs });
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
  bench.view.segmentation.columns.forEach((column, k) => {
    const longest = Math.max(1, ...column.cells.map((c) => comparable(c).length));
    const width = Math.min(column.variant ? MAX_COLUMN_CHARS : MAX_AGREEMENT_CHARS, longest) + 2;
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
