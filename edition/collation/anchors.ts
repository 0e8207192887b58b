/**
 * Divide and conquer for long witnesses. Before the Dekker match phase (which compares
 * every token of a region with every vertex in it), a long region is cut at anchors:
 * tokens whose normalised form occurs once in the region's tokens and once among its
 * vertices, and whose neighbour matches too (a shared bigram, so a lone coincidence does
 * not anchor). The longest chain of anchors in order (patience sorting) fixes those
 * matches; the regions between them are cut again the same way until they are small.
 * Memory stays proportional to the regions, never to witness length x graph size.
 */
import { longestIncreasing } from './sequence.ts';
import type { Token } from './tokenise.ts';
import type { VariantGraph } from './variant-graph.ts';

/** Tokens [lo, hi) to be aligned with the vertices whose rank lies strictly between rankLo and rankHi. */
export interface Region {
  readonly lo: number;
  readonly hi: number;
  readonly rankLo: number;
  readonly rankHi: number;
}

export interface VertexIndex {
  /** Vertices by normalised form, in rank order. */
  readonly byForm: ReadonlyMap<string, readonly number[]>;
  /** All vertices but START and END, sorted by rank; and their ranks, same order. */
  readonly sorted: Int32Array;
  readonly sortedRanks: Int32Array;
}

export function indexVertices(graph: VariantGraph, ranks: Int32Array): VertexIndex {
  const ids = graph.vertices.slice(2).map((v) => v.id);
  ids.sort((a, b) => ranks[a]! - ranks[b]! || a - b);
  const byForm = new Map<string, number[]>();
  for (const id of ids) {
    const n = graph.vertex(id).n;
    const list = byForm.get(n);
    if (list) list.push(id);
    else byForm.set(n, [id]);
  }
  const sorted = Int32Array.from(ids);
  return {
    byForm,
    sorted,
    sortedRanks: Int32Array.from(ids, (id) => ranks[id]!),
  };
}

/** The vertices whose rank lies strictly inside (rankLo, rankHi), from a rank-sorted list. */
export function withinRanks(
  list: readonly number[],
  ranks: Int32Array,
  rankLo: number,
  rankHi: number,
): readonly number[] {
  const first = (r: number) => {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ranks[list[mid]!]! <= r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const from = first(rankLo);
  const to = first(rankHi - 1);
  return from === 0 && to === list.length ? list : list.slice(from, to);
}

/** The vertices whose rank lies strictly inside (rankLo, rankHi), in rank order. */
export function rankWindow(index: VertexIndex, rankLo: number, rankHi: number): Int32Array {
  return index.sorted.subarray(rankBound(index, rankLo), rankBound(index, rankHi - 1));
}

/** How many vertices have rank <= r. */
function rankBound(index: VertexIndex, r: number): number {
  let lo = 0;
  let hi = index.sortedRanks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (index.sortedRanks[mid]! <= r) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function countWithin(index: VertexIndex, rankLo: number, rankHi: number): number {
  return rankBound(index, rankHi - 1) - rankBound(index, rankLo);
}

/**
 * Cuts `region` at anchors until every piece has at most `cells` token x vertex pairs.
 * Anchor matches go to `links`; the pieces left for the match phase are returned in order.
 */
export function partition(
  graph: VariantGraph,
  ranks: Int32Array,
  index: VertexIndex,
  tokens: readonly Token[],
  region: Region,
  links: Int32Array,
  cells: number,
): Region[] {
  const out: Region[] = [];
  const stack: Region[] = [region];
  while (stack.length > 0) {
    const r = stack.pop()!;
    if (r.hi <= r.lo) continue;
    const vertices = countWithin(index, r.rankLo, r.rankHi);
    if (vertices === 0 || (r.hi - r.lo) * vertices <= cells) {
      out.push(r);
      continue;
    }
    const anchors = findAnchors(graph, ranks, index, tokens, r);
    if (anchors.length === 0) {
      out.push(r);
      continue;
    }
    const pieces: Region[] = [];
    let lo = r.lo;
    let rankLo = r.rankLo;
    for (const [row, vertex] of anchors) {
      links[row] = vertex;
      pieces.push({ lo, hi: row, rankLo, rankHi: ranks[vertex]! });
      lo = row + 1;
      rankLo = ranks[vertex]!;
    }
    pieces.push({ lo, hi: r.hi, rankLo, rankHi: r.rankHi });
    for (let i = pieces.length - 1; i >= 0; i--) stack.push(pieces[i]!);
  }
  return out;
}

function findAnchors(
  graph: VariantGraph,
  ranks: Int32Array,
  index: VertexIndex,
  tokens: readonly Token[],
  r: Region,
): Array<[number, number]> {
  const counts = new Map<string, number>();
  for (let i = r.lo; i < r.hi; i++) counts.set(tokens[i]!.n, (counts.get(tokens[i]!.n) ?? 0) + 1);
  const candidates: Array<[number, number]> = [];
  const formAt = (i: number) => tokens[i]?.n;
  for (let i = r.lo; i < r.hi; i++) {
    const n = tokens[i]!.n;
    if (counts.get(n) !== 1) continue;
    const matches = withinRanks(index.byForm.get(n) ?? [], ranks, r.rankLo, r.rankHi);
    if (matches.length !== 1) continue;
    const v = matches[0]!;
    const after = i + 1 < r.hi && [...graph.successors(v)].some((u) => graph.vertex(u).n === formAt(i + 1));
    const before = i > r.lo && [...graph.predecessors(v)].some((u) => graph.vertex(u).n === formAt(i - 1));
    if (after || before) candidates.push([i, v]);
  }
  return longestIncreasing(candidates, ([, v]) => ranks[v]!, true);
}
