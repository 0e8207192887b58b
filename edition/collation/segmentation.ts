/**
 * The parallel segmentation: runs of vertices that every witness passing them reads in one
 * go (one edge out, one edge in, the same witnesses) are joined into a segment, and the
 * segments are ranked into columns (a segment tied to another's rank shares its column).
 * Adjacent agreement becomes one column; each place where witnesses part becomes one
 * column of readings.
 */
import type { Collation } from "./collate.ts";
import { groupedTable, type AlignmentTable } from "./table.ts";
import { END, rankOver, START } from "./variant-graph.ts";

export function parallelSegmentation(collation: Collation): AlignmentTable {
  const graph = collation.graph;
  const ranks = graph.ranks();
  const ties = graph.rankGroups();
  // A tied vertex stays a segment of its own: joined, it would pull its neighbours into its partner's column.
  const tied = new Set<number>();
  ties.forEach((g, v) => {
    if (g !== v) tied.add(g).add(v);
  });
  const chain = Int32Array.from(graph.vertices, (v) => v.id);
  const order = graph.vertices
    .map((v) => v.id)
    .sort((a, b) => ranks[a]! - ranks[b]!);
  for (const v of order) {
    if (v === START || v === END || tied.has(v) || graph.inDegree(v) !== 1)
      continue;
    const [p] = graph.predecessors(v);
    if (
      p === undefined ||
      p === START ||
      tied.has(p) ||
      graph.outDegree(p) !== 1
    )
      continue;
    const a = graph.vertex(p).witnesses;
    const b = graph.vertex(v).witnesses;
    if (a.length === b.length && a.every((w, i) => b[i] === w))
      chain[v] = chain[p]!;
  }
  // Segments and ties together; if joining both would loop, segments alone.
  const parent = Int32Array.from(graph.vertices, (v) => v.id);
  const find = (v: number): number => {
    while (parent[v] !== v) v = parent[v] = parent[parent[v]!]!;
    return v;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  for (let v = 0; v < parent.length; v++) {
    union(v, chain[v]!);
    union(v, ties[v]!);
  }
  const group = Int32Array.from(parent, (_, v) => find(v));
  return groupedTable(collation, rankOver(graph, group) ? group : chain);
}
