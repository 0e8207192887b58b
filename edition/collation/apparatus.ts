/**
 * Apparatus entries on a base text, derived from a table (usually the parallel
 * segmentation): one entry per variant column, with the base's reading as lemma and the
 * other readings grouped by text (witnesses with nothing there form an empty reading, an
 * omission). Each entry knows where its lemma lies in the base witness's text, so an
 * editor can attach it there; each reading carries its kind (classify.ts). A positive
 * apparatus prints the lemma's witnesses too, a negative one only the readings: both come
 * from the same entries.
 */
import { classifyVariants, type ClassifyOptions, type VariantKind } from './classify.ts';
import type { Collation } from './collate.ts';
import type { AlignmentTable } from './table.ts';

export interface Reading {
  /** The reading as written in the first of its witnesses ('' for an omission). */
  readonly text: string;
  /** Indices of the witnesses that read it, ascending. */
  readonly witnesses: readonly number[];
  /** How it differs from the lemma (absent for the lemma itself). */
  readonly kind?: VariantKind;
}

export interface ApparatusEntry {
  readonly column: number;
  /** UTF-16 offsets in the base witness's text: the lemma's extent (equal for an addition elsewhere). */
  readonly from: number;
  readonly to: number;
  readonly lemma: Reading;
  readonly readings: readonly Reading[];
}

/** The apparatus of `table` on the base witness (`options.base`, default the first). */
export function apparatusEntries(
  collation: Collation,
  table: AlignmentTable,
  options: ClassifyOptions = {},
): ApparatusEntry[] {
  const base = options.base ?? 0;
  const kinds = new Map<string, VariantKind>();
  for (const v of classifyVariants(collation, table, options)) kinds.set(`${v.column}:${v.witness}`, v.kind);
  const baseTokens = collation.witnesses[base]!.tokens;
  const text = (w: number, cell: readonly number[]) => {
    const tokens = collation.witnesses[w]!.tokens;
    return cell.map((t, i) => tokens[t]!.text + (i < cell.length - 1 ? tokens[t]!.trailing : '')).join('');
  };
  let offset = collation.witnesses[base]!.leading.length;
  const entries: ApparatusEntry[] = [];
  table.columns.forEach((column, k) => {
    const lemmaCell = column.cells[base]!;
    const first = baseTokens[lemmaCell[0] ?? -1];
    const last = baseTokens[lemmaCell[lemmaCell.length - 1] ?? -1];
    const from = first ? first.start : offset;
    const to = last ? last.start + last.text.length : offset;
    if (last) offset = to + last.trailing.length;
    if (!column.variant) return;
    const lemmaText = text(base, lemmaCell);
    const groups = new Map<string, { text: string; witnesses: number[]; kind?: VariantKind }>();
    const lemma = { text: lemmaText, witnesses: [] as number[] };
    column.cells.forEach((cell, w) => {
      const reading = text(w, cell);
      if (w === base || reading === lemmaText) {
        lemma.witnesses.push(w);
        return;
      }
      const group = groups.get(reading);
      if (group) group.witnesses.push(w);
      else
        groups.set(reading, {
          text: reading,
          witnesses: [w],
          kind: kinds.get(`${k}:${w}`),
        });
    });
    entries.push({
      column: k,
      from,
      to,
      lemma,
      readings: [...groups.values()],
    });
  });
  return entries;
}
