/**
 * The alignment table: the graph's vertices ranked (longest path from the start), one
 * column per rank, one row per witness. A cell lists the witness's tokens in that column
 * (none: a gap). The parallel segmentation (segmentation.ts) is the same table over groups
 * of vertices.
 */
import type { Collation } from './collate.ts';
import { END, rankOver } from './variant-graph.ts';

export interface Column {
  /** Per witness (input order), the indices of its tokens in this column; empty = gap. */
  readonly cells: ReadonlyArray<readonly number[]>;
  /** False when every witness has the same reading here (same normalised tokens). */
  readonly variant: boolean;
}

export interface AlignmentTable {
  readonly sigla: readonly string[];
  readonly columns: readonly Column[];
}

/** The token-level table: one column per rank. */
export function alignmentTable(collation: Collation): AlignmentTable {
  return groupedTable(collation, collation.graph.rankGroups());
}

/**
 * The table over groups of vertices: `group[v]` is the representative of vertex v's group
 * (START and END alone). Groups are ranked like vertices, on the graph with each group
 * contracted to one node; groups of the same rank share a column. Throws if a grouping
 * creates a cycle.
 */
export function groupedTable(collation: Collation, group: Int32Array): AlignmentTable {
  const graph = collation.graph;
  const rank = rankOver(graph, group);
  if (!rank) throw new Error('Grouping the variant graph created a cycle');
  const width = Math.max(0, rank[END]! - 1);
  const cells: number[][][] = Array.from({ length: width }, () => collation.witnesses.map(() => []));
  collation.graph.paths.forEach((path, w) => {
    path.forEach((v, t) => cells[rank[v]! - 1]![w]!.push(t));
  });
  const columns = cells.map((row) => ({
    cells: row,
    variant: isVariant(collation, row),
  }));
  return { sigla: collation.witnesses.map((w) => w.siglum), columns };
}

function isVariant(collation: Collation, cells: ReadonlyArray<readonly number[]>): boolean {
  const readings = cells.map((cell, w) => cell.map((t) => collation.witnesses[w]!.tokens[t]!.n).join(' '));
  return cells.some((cell) => cell.length === 0) || readings.some((r) => r !== readings[0]);
}

/** A cell's text as written: the tokens with their trailing whitespace, or null for a gap. */
export function cellText(collation: Collation, w: number, cell: readonly number[]): string | null {
  if (cell.length === 0) return null;
  const tokens = collation.witnesses[w]!.tokens;
  return cell.map((t) => tokens[t]!.text + tokens[t]!.trailing).join('');
}

/** A cell's normalised reading: the tokens' `n` joined by spaces, or null for a gap. */
export function cellReading(collation: Collation, w: number, cell: readonly number[]): string | null {
  if (cell.length === 0) return null;
  return cell.map((t) => collation.witnesses[w]!.tokens[t]!.n).join(' ');
}

/** Witness w's text read back from a table: its cells in order, after its leading run. */
export function readWitnessFromTable(collation: Collation, table: AlignmentTable, w: number): string {
  return collation.witnesses[w]!.leading + table.columns.map((c) => cellText(collation, w, c.cells[w]!) ?? '').join('');
}

/**
 * The table as plain text, like CollateX Python's: one row per witness, `|` between
 * columns, a rule above and below, `-` for a gap; whitespace inside a cell becomes one space.
 */
export function plainTable(collation: Collation, table: AlignmentTable): string {
  const rows = collation.witnesses.map((w, i) => [
    w.siglum,
    ...table.columns.map((c) => cellText(collation, i, c.cells[i]!)?.replace(/\s+/gu, ' ').trim() ?? '-'),
  ]);
  const widths = rows[0]?.map((_, k) => Math.max(...rows.map((r) => r[k]!.length))) ?? [];
  const rule = `+${widths.map((n) => '-'.repeat(n + 2)).join('+')}+`;
  const line = (r: string[]) => `| ${r.map((cell, k) => cell.padEnd(widths[k]!)).join(' | ')} |`;
  return [rule, ...rows.map(line), rule].join('\n');
}
