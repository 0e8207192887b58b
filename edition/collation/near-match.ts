/**
 * Near matching (as in CollateX Python): inside each gap between two matched tokens, an
 * unmatched token is set beside the most similar unmatched reading of the graph, so that
 * `this` stands under `that` rather than under `there`. Near matches never align tokens
 * (the readings stay different); they only tie the new vertex to the rank of its partner.
 */
import { rankWindow, type VertexIndex } from "./anchors.ts";
import type { Token } from "./tokenise.ts";
import type { VariantGraph } from "./variant-graph.ts";

/** Similarity of two strings in [0, 1]: twice their longest common subsequence over their total length. */
export function similarity(a: string, b: string): number {
  if (a.length + b.length === 0) return 1;
  let previous = new Int32Array(b.length + 1);
  let current = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++)
      current[j] =
        a[i - 1] === b[j - 1]
          ? previous[j - 1]! + 1
          : Math.max(previous[j]!, current[j - 1]!);
    [previous, current] = [current, previous];
  }
  return (2 * previous[b.length]!) / (a.length + b.length);
}

/**
 * Pairs (token, vertex) to tie: per gap, the most similar pairs first, each token and vertex
 * once, in the same order in the witness and in the graph (strictly increasing rank).
 */
export function nearMatches(
  graph: VariantGraph,
  ranks: Int32Array,
  index: VertexIndex,
  tokens: readonly Token[],
  links: Int32Array,
): Array<[number, number]> {
  const ties: Array<[number, number]> = [];
  let row = 0;
  while (row < tokens.length) {
    if (links[row]! >= 0) {
      row++;
      continue;
    }
    const lo = row;
    while (row < tokens.length && links[row]! < 0) row++;
    const rankLo = lo > 0 ? ranks[links[lo - 1]!]! : 0;
    const rankHi = row < tokens.length ? ranks[links[row]!]! : ranks[1]!;
    const vertices = rankWindow(index, rankLo, rankHi);
    const pairs: Array<{ t: number; v: number; score: number }> = [];
    for (let t = lo; t < row; t++)
      for (const v of vertices)
        pairs.push({
          t,
          v,
          score: similarity(tokens[t]!.n, graph.vertex(v).n),
        });
    pairs.sort(
      (a, b) => b.score - a.score || a.t - b.t || ranks[a.v]! - ranks[b.v]!,
    );
    const chosen: Array<[number, number]> = [];
    for (const { t, v, score } of pairs) {
      if (score === 0) break;
      const fits = chosen.every(
        ([ct, cv]) =>
          ct !== t &&
          cv !== v &&
          ct < t === ranks[cv]! < ranks[v]! &&
          ranks[cv] !== ranks[v],
      );
      if (fits) chosen.push([t, v]);
    }
    ties.push(...chosen.sort((a, b) => a[0] - b[0]));
  }
  return ties;
}
