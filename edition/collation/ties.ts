/**
 * Ties between the unmatched tokens of a new witness and the unmatched readings of the
 * graph in the same gap (between the same two matches): the new vertex is tied to its
 * partner's rank, so the two stay in one column whatever later witnesses add (readings are
 * never merged by a tie). By default a token's partner is the reading it stands opposite
 * when aligned (a substitution stays a substitution: adding `not` before `very special`
 * later moves `and white`, which stood opposite `very special`, along with it). With near
 * matching (as in CollateX Python) the partner is the most similar reading instead, so
 * `this` stands under `that` rather than under `there`.
 */
import { rankWindow, type VertexIndex } from './anchors.ts';
import type { Token } from './tokenise.ts';
import type { VariantGraph } from './variant-graph.ts';

/** Similarity of two strings in [0, 1]: twice their longest common subsequence over their total length. */
export function similarity(a: string, b: string): number {
  if (a.length + b.length === 0) return 1;
  let previous = new Int32Array(b.length + 1);
  let current = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++)
      current[j] = a[i - 1] === b[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, current[j - 1]!);
    [previous, current] = [current, previous];
  }
  return (2 * previous[b.length]!) / (a.length + b.length);
}

/**
 * Pairs (token, vertex) to tie, one block per gap: per gap, the most similar pairs first, each token and vertex
 * once, in the same order in the witness and in the graph (strictly increasing rank).
 */
export function nearMatches(
  graph: VariantGraph,
  ranks: Int32Array,
  index: VertexIndex,
  tokens: readonly Token[],
  links: Int32Array,
): Array<Array<[number, number]>> {
  const ties: Array<Array<[number, number]>> = [];
  for (const { lo, hi, rankLo, rankHi } of gaps(ranks, tokens, links)) {
    const vertices = rankWindow(index, rankLo, rankHi);
    const pairs: Array<{ t: number; v: number; score: number }> = [];
    for (let t = lo; t < hi; t++)
      for (const v of vertices)
        pairs.push({
          t,
          v,
          score: similarity(tokens[t]!.n, graph.vertex(v).n),
        });
    pairs.sort((a, b) => b.score - a.score || a.t - b.t || ranks[a.v]! - ranks[b.v]!);
    const chosen: Array<[number, number]> = [];
    for (const { t, v, score } of pairs) {
      if (score === 0) break;
      const fits = chosen.every(
        ([ct, cv]) => ct !== t && cv !== v && ct < t === ranks[cv]! < ranks[v]! && ranks[cv] !== ranks[v],
      );
      if (fits) chosen.push([t, v]);
    }
    if (chosen.length > 0) ties.push(chosen.sort((a, b) => a[0] - b[0]));
  }
  return ties;
}

/**
 * Each unmatched token tied to the first reading of the rank it takes when aligned, inside
 * its gap; one block per gap. Tokens of a transposed phrase (`moved`) are not tied: what
 * stands opposite them is not their counterpart.
 */
export function parallelTies(
  ranks: Int32Array,
  index: VertexIndex,
  tokens: readonly Token[],
  links: Int32Array,
  moved: ReadonlySet<number>,
): Array<Array<[number, number]>> {
  const ties: Array<Array<[number, number]>> = [];
  for (const { lo, hi, rankLo, rankHi } of gaps(ranks, tokens, links)) {
    const block: Array<[number, number]> = [];
    for (let t = lo; t < hi && rankLo + 1 + t - lo < rankHi; t++) {
      const rank = rankLo + 1 + t - lo;
      const opposite = rankWindow(index, rank - 1, rank + 1);
      if (opposite.length > 0 && !moved.has(t)) block.push([t, opposite[0]!]);
    }
    if (block.length > 0) ties.push(block);
  }
  return ties;
}

/** The runs of unmatched tokens [lo, hi) and the ranks of the matches around them. */
function* gaps(ranks: Int32Array, tokens: readonly Token[], links: Int32Array) {
  let row = 0;
  while (row < tokens.length) {
    if (links[row]! >= 0) {
      row++;
      continue;
    }
    const lo = row;
    while (row < tokens.length && links[row]! < 0) row++;
    yield {
      lo,
      hi: row,
      rankLo: lo > 0 ? ranks[links[lo - 1]!]! : 0,
      rankHi: row < tokens.length ? ranks[links[row]!]! : ranks[1]!,
    };
  }
}
