/**
 * Classifying variants. For each column where the witnesses differ, each witness's reading
 * is compared with the base witness's reading and given one kind:
 * - `transposition`: the reading is part of a phrase the aligner found out of order (in
 *   either witness: where it went and where it came from);
 * - `punctuation`: the readings differ only in punctuation (and spacing), including a
 *   mark present in one witness only;
 * - `addition` / `omission`: the witness has words where the base has none, or none where
 *   the base has some;
 * - `orthographic`: they are equal once case and diacritics are set aside and the
 *   regularisation table is applied (`u`/`v`, `&`/`and`: the editor's own table);
 * - `substantive`: anything else.
 * Checked in that order, so a reading that differs in punctuation and in spelling is
 * orthographic, and one that differs in a word is substantive.
 */
import type { Collation } from './collate.ts';
import { normaliser, type Regularisation } from './normalise.ts';
import type { AlignmentTable } from './table.ts';

export type VariantKind = 'addition' | 'omission' | 'transposition' | 'punctuation' | 'orthographic' | 'substantive';

export interface Variant {
  /** The table column. */
  readonly column: number;
  readonly witness: number;
  readonly kind: VariantKind;
  /** The base's tokens and the witness's tokens in the column (token indices). */
  readonly baseTokens: readonly number[];
  readonly tokens: readonly number[];
}

export interface ClassifyOptions {
  /** The witness readings are compared with (index). Default 0. */
  readonly base?: number;
  /** Regularisations that make a difference orthographic. */
  readonly regularisations?: readonly Regularisation[];
}

/** One entry per witness whose reading differs from the base's, per variant column, in table order. */
export function classifyVariants(
  collation: Collation,
  table: AlignmentTable,
  options: ClassifyOptions = {},
): Variant[] {
  const base = options.base ?? 0;
  if (!collation.witnesses[base]) throw new RangeError(`No witness ${base} to use as base`);
  const bare = normaliser({ caseFold: false, punctuation: true });
  const orthographic = normaliser({
    diacritics: true,
    punctuation: true,
    regularisations: options.regularisations ?? [],
  });
  const transposedTokens = collation.witnesses.map(() => new Set<number>());
  const transposedVertices = collation.witnesses.map(() => new Set<number>());
  for (const t of collation.transpositions) {
    for (const token of t.tokens) transposedTokens[t.witness]!.add(token);
    for (const v of t.vertices) transposedVertices[t.witness]!.add(v);
  }
  const text = (w: number, cell: readonly number[]) => {
    const tokens = collation.witnesses[w]!.tokens;
    return cell.map((t) => tokens[t]!.text).join(' ');
  };
  // Words only, each through `f`, so that spacing and punctuation tokens do not count.
  const words = (w: number, cell: readonly number[], f: (s: string) => string) =>
    cell
      .map((t) => f(collation.witnesses[w]!.tokens[t]!.text))
      .filter((s) => s.length > 0)
      .join(' ');
  const isTransposed = (w: number, cell: readonly number[], other: number, otherCell: readonly number[]) => {
    if (cell.some((t) => transposedTokens[w]!.has(t))) return true;
    const path = collation.graph.paths[other]!;
    return otherCell.some((t) => transposedVertices[w]!.has(path[t]!));
  };

  const variants: Variant[] = [];
  table.columns.forEach((column, k) => {
    if (!column.variant) return;
    const baseCell = column.cells[base]!;
    column.cells.forEach((cell, w) => {
      if (w === base || text(w, cell) === text(base, baseCell)) return;
      let kind: VariantKind;
      if (isTransposed(w, cell, base, baseCell) || isTransposed(base, baseCell, w, cell)) kind = 'transposition';
      else if (words(w, cell, bare) === words(base, baseCell, bare)) kind = 'punctuation';
      else if (baseCell.length === 0) kind = 'addition';
      else if (cell.length === 0) kind = 'omission';
      else if (words(w, cell, orthographic) === words(base, baseCell, orthographic)) kind = 'orthographic';
      else kind = 'substantive';
      variants.push({
        column: k,
        witness: w,
        kind,
        baseTokens: baseCell,
        tokens: cell,
      });
    });
  });
  return variants;
}
