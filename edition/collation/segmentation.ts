/**
 * The parallel segmentation: runs of vertices that every witness passing them reads in one
 * go (one edge out, one edge in, the same witnesses) are joined into a segment, and the
 * segments are ranked into columns. Adjacent agreement becomes one column; each place
 * where witnesses part becomes one column of readings. Ties (ties.ts) are left out here:
 * they pair single readings, while a segment holds a whole run.
 */
import type { Collation } from './collate.ts';
import { groupedTable, type AlignmentTable } from './table.ts';
import { END, START } from './variant-graph.ts';

export function parallelSegmentation(collation: Collation): AlignmentTable {
  const graph = collation.graph;
  const ranks = graph.ranks();
  const group = Int32Array.from(graph.vertices, (v) => v.id);
  const order = graph.vertices.map((v) => v.id).sort((a, b) => ranks[a]! - ranks[b]!);
  for (const v of order) {
    if (v === START || v === END || graph.inDegree(v) !== 1) continue;
    const [p] = graph.predecessors(v);
    if (p === undefined || p === START || graph.outDegree(p) !== 1) continue;
    const a = graph.vertex(p).witnesses;
    const b = graph.vertex(v).witnesses;
    if (a.length === b.length && a.every((w, i) => b[i] === w)) group[v] = group[p]!;
  }
  return groupedTable(collation, group);
}
