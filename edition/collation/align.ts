/**
 * Aligning one witness against the variant graph so far (progressive alignment, as in
 * CollateX's Dekker algorithm): match phase (islands.ts), phrases and transpositions
 * (transpositions.ts), then the links that merge the witness into the graph. Long
 * witnesses are first cut into regions at unique shared anchors (anchors.ts), and each
 * region is matched on its own, so time and memory grow with the regions, not with the
 * product of witness and graph sizes.
 */
import diffModule from 'diff-sequences';
import { type VertexIndex, indexVertices, rankWindow, partition, withinRanks, type Region } from './anchors.ts';
import { nearMatches, parallelTies } from './ties.ts';
import { longestIncreasing } from './sequence.ts';
import { findIslands, selectIslands } from './islands.ts';
import type { Token, Witness } from './tokenise.ts';
import { detectPhrases, detectTranspositions, type Phrase } from './transpositions.ts';
import { rankOver, type VariantGraph } from './variant-graph.ts';

// diff-sequences is CommonJS with `exports.default`: vitest and bundlers hand over that
// function, Node's own ESM loader (the command line) the exports object holding it.
const diffSequences: typeof diffModule =
  typeof diffModule === 'function' ? diffModule : (diffModule as unknown as { default: typeof diffModule }).default;

export interface AlignOptions {
  /** Detect transpositions (Dekker); when false, out-of-order matches are simply dropped. Default true. */
  readonly transpositions?: boolean;
  /** Among equally good matches for a repeated token, take the later one. Default false. */
  readonly preferLater?: boolean;
  /**
   * Set unmatched tokens beside the most similar unmatched reading in their gap (ties.ts)
   * rather than beside the reading they stand opposite when aligned. Default false.
   */
  readonly nearMatch?: boolean;
  /**
   * Keep readings that stood opposite each other when this witness was aligned in one
   * column when later witnesses add text before one of them (ties.ts). Default true.
   */
  readonly keepColumns?: boolean;
  /** Largest token x vertex region matched without cutting it at anchors first. */
  readonly regionCells?: number;
}

/** What aligning one witness decided. */
export interface WitnessAlignment {
  /** For each token, the existing vertex it joins, or -1 (a new vertex). */
  readonly links: Int32Array;
  /** The phrase matches of the match phase (before transposed ones were set aside), witness order. */
  readonly phrases: readonly Phrase[];
  /** Phrases matched out of order and therefore not merged. */
  readonly transposed: readonly Phrase[];
  /**
   * (token, vertex) pairs whose new vertex is to share the vertex's rank (ties.ts), in
   * blocks, one per gap: a block stands or falls as a whole.
   */
  readonly ties: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
}

const DEFAULT_REGION_CELLS = 40_000;
/**
 * A region with more token-vertex matches than this (a text repeating a few words, where
 * no anchor is unique) is aligned in order by Myers' diff instead of the match phase,
 * whose islands would grow with the square of the region.
 */
const MAX_MATCHES = 20_000;

/**
 * Decides, for each token of `witness`, the vertex of `graph` it joins (or none); the
 * graph is not changed (`VariantGraph.addWitness` merges the result).
 */
export function alignWitness(graph: VariantGraph, witness: Witness, options: AlignOptions = {}): WitnessAlignment {
  const tokens = witness.tokens;
  const ranks = graph.ranks();
  const index = indexVertices(graph, ranks);
  const links = new Int32Array(tokens.length).fill(-1);
  const whole: Region = {
    lo: 0,
    hi: tokens.length,
    rankLo: 0,
    rankHi: ranks[1]!,
  };
  const regions = partition(graph, ranks, index, tokens, whole, links, options.regionCells ?? DEFAULT_REGION_CELLS);
  const phrases: Phrase[] = [];
  const transposed: Phrase[] = [];
  for (const region of regions) {
    const found = matchRegion(graph, ranks, index, tokens, region, options.preferLater ?? false, links);
    for (const phrase of found.phrases) phrases.push(phrase);
    for (const phrase of found.transposed) if (options.transpositions ?? true) transposed.push(phrase);
  }
  keepAcyclic(graph, ranks, tokens, links);
  if (options.preferLater) {
    shiftLater(graph, ranks, tokens, links);
    keepAcyclic(graph, ranks, tokens, links);
  }
  const moved = new Set(transposed.flatMap((p) => p.tokens));
  const ties = options.nearMatch
    ? nearMatches(graph, ranks, index, tokens, links)
    : (options.keepColumns ?? true)
      ? parallelTies(ranks, index, tokens, links, moved)
      : [];
  return { links, phrases, transposed, ties };
}

/**
 * Where a matched token could as well be matched later (the same form again before the
 * next match, in the witness or further along the graph), take the later one: the gap
 * then comes before the match, as CollateX Python places it. Works from the last match
 * back, so a repeated run (`a b c a b c` against `a b c`) moves as a whole.
 */
function shiftLater(graph: VariantGraph, ranks: Int32Array, tokens: readonly Token[], links: Int32Array): void {
  let nextRow = tokens.length;
  let nextRank = ranks[1]!;
  const used = new Set<number>();
  for (const v of links) if (v >= 0) used.add(v);
  for (let i = tokens.length - 1; i >= 0; i--) {
    let v = links[i]!;
    if (v < 0) continue;
    let row = i;
    for (let j = nextRow - 1; j > i; j--)
      if (tokens[j]!.n === tokens[i]!.n) {
        row = j;
        break;
      }
    if (row === i) {
      const later = laterVertex(graph, ranks, v, nextRank, used);
      if (later >= 0) {
        used.delete(v);
        used.add(later);
        v = later;
      }
    }
    links[i] = -1;
    links[row] = v;
    nextRow = row;
    nextRank = ranks[v]!;
  }
}

/** The furthest vertex with v's form reachable from v through vertices ranked below `limit`, not yet used. */
function laterVertex(
  graph: VariantGraph,
  ranks: Int32Array,
  v: number,
  limit: number,
  used: ReadonlySet<number>,
): number {
  const n = graph.vertex(v).n;
  let best = -1;
  const seen = new Set<number>([v]);
  const stack = [v];
  while (stack.length > 0) {
    const u = stack.pop()!;
    for (const next of graph.successors(u)) {
      if (seen.has(next) || ranks[next]! >= limit) continue;
      seen.add(next);
      stack.push(next);
      if (graph.vertex(next).n === n && !used.has(next) && (best < 0 || ranks[next]! > ranks[best]!)) best = next;
    }
  }
  return best;
}

/**
 * The Dekker phases on one region: islands, phrases, transpositions. Links the phrases
 * kept; returns all phrases and the transposed ones. A region with too many matches is
 * aligned in order instead (no phrases reported).
 */
function matchRegion(
  graph: VariantGraph,
  ranks: Int32Array,
  index: VertexIndex,
  tokens: readonly Token[],
  region: Region,
  preferLater: boolean,
  links: Int32Array,
): { phrases: Phrase[]; transposed: Phrase[] } {
  const rows: Array<readonly number[]> = [];
  let matches = 0;
  for (let row = region.lo; row < region.hi && matches <= MAX_MATCHES; row++) {
    const list = withinRanks(index.byForm.get(tokens[row]!.n) ?? [], ranks, region.rankLo, region.rankHi);
    rows.push(list);
    matches += list.length;
  }
  if (matches > MAX_MATCHES) {
    alignInOrder(tokens, rankWindow(index, region.rankLo, region.rankHi), graph, region, links);
    return { phrases: [], transposed: [] };
  }
  const candidates = (row: number) => rows[row - region.lo]!;
  const islands = findIslands(graph, ranks, region.lo, region.hi, candidates);
  const corners = [
    { row: region.lo - 1, rank: region.rankLo },
    { row: region.hi, rank: region.rankHi },
  ];
  const phrases = detectPhrases(graph, selectIslands(islands, ranks, corners, { preferLater }));
  const size = (p: Phrase) => p.tokens.reduce((sum, t) => sum + tokens[t]!.n.length, 0);
  const support = (p: Phrase) => p.vertices.reduce((sum, v) => sum + graph.vertex(v).witnesses.length, 0);
  const out = new Set(detectTranspositions(phrases, ranks, size, support));
  const transposed: Phrase[] = [];
  phrases.forEach((phrase, i) => {
    if (out.has(i)) transposed.push(phrase);
    else phrase.tokens.forEach((t, k) => (links[t] = phrase.vertices[k]!));
  });
  return { phrases, transposed };
}

/**
 * Aligns a region without transpositions: Myers' diff (diff-sequences, linear space)
 * between the region's tokens and its vertices in rank order.
 */
function alignInOrder(
  tokens: readonly Token[],
  vertices: Int32Array,
  graph: VariantGraph,
  region: Region,
  links: Int32Array,
): void {
  const form = (i: number) => graph.vertex(vertices[i]!).n;
  diffSequences(
    vertices.length,
    region.hi - region.lo,
    (a, b) => form(a) === tokens[region.lo + b]!.n,
    (count, a, b) => {
      for (let k = 0; k < count; k++) links[region.lo + b + k] = vertices[a + k]!;
    },
  );
}

/**
 * Makes sure merging `links` cannot close a cycle. The detector orders phrases by their
 * first vertex only, so in rare overlapping cases a merge could loop; if it would, keep
 * only the longest run of links whose ranks never decrease (always safe: every edge of
 * the graph climbs in rank) and leave the rest unaligned. Ties (ties.ts) do not
 * count here: a witness that orders two tied readings simply unties them.
 */
function keepAcyclic(graph: VariantGraph, ranks: Int32Array, tokens: readonly Token[], links: Int32Array): void {
  const linked: number[] = [];
  for (let i = 0; i < tokens.length; i++) if (links[i]! >= 0) linked.push(i);
  const extra = linked.slice(1).map((row, k) => [links[linked[k]!]!, links[row]!] as const);
  if (
    rankOver(
      graph,
      Int32Array.from(graph.vertices, (v) => v.id),
      { extra },
    )
  )
    return;
  const keep = new Set(longestIncreasing(linked, (row) => ranks[links[row]!]!, false));
  for (const row of linked) if (!keep.has(row)) links[row] = -1;
}
