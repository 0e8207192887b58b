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
  return wrappedTable(collation, table, Infinity);
}

/**
 * `plainTable` no wider than `width` characters a line: the columns go into blocks
 * that fit, one after another (the sigla repeated in each, a blank line between), and
 * a cell too wide for a line on its own is wrapped inside its column at spaces. A
 * table that fits is exactly `plainTable`'s.
 */
export function wrappedTable(collation: Collation, table: AlignmentTable, width: number): string {
  const sigla = collation.witnesses.map((w) => w.siglum);
  const cells = table.columns.map((c) =>
    collation.witnesses.map((_, i) => cellText(collation, i, c.cells[i]!)?.replace(/\s+/gu, ' ').trim() ?? '-'),
  );
  const siglumWidth = Math.max(0, ...sigla.map((s) => s.length));
  // A line is "| " + siglum + " |" and then " " + cell + " |" per column.
  const lead = siglumWidth + 4;
  const widest = Math.max(1, width - lead - 3);
  const widths = cells.map((column) => Math.min(widest, Math.max(...column.map((c) => c.length))));
  const blocks: number[][] = [];
  let used = Infinity;
  widths.forEach((w, k) => {
    if (used + w + 3 > width || blocks.length === 0) {
      blocks.push([]);
      used = lead;
    }
    blocks.at(-1)!.push(k);
    used += w + 3;
  });
  if (blocks.length === 0) blocks.push([]);
  return blocks
    .map((block) => {
      const rule = `+${['-'.repeat(siglumWidth + 2), ...block.map((k) => '-'.repeat(widths[k]! + 2))].join('+')}+`;
      const lines = sigla.flatMap((siglum, i) => {
        const wrapped = block.map((k) => wrapCell(cells[k]![i]!, widths[k]!));
        const height = Math.max(1, ...wrapped.map((w) => w.length));
        return Array.from({ length: height }, (_, l) => {
          const first = (l === 0 ? siglum : '').padEnd(siglumWidth);
          return `| ${[first, ...block.map((k, b) => (wrapped[b]![l] ?? '').padEnd(widths[k]!))].join(' | ')} |`;
        });
      });
      return [rule, ...lines, rule].join('\n');
    })
    .join('\n\n');
}

/** `text` in lines of at most `width` characters, broken at spaces (a longer word is cut). */
function wrapCell(text: string, width: number): string[] {
  if (text.length <= width) return [text];
  const lines: string[] = [];
  let line = '';
  for (let word of text.split(' ')) {
    while (word.length > width) {
      if (line !== '') lines.push(line);
      lines.push(word.slice(0, width));
      word = word.slice(width);
      line = '';
    }
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}
