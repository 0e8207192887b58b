/**
 * The match phase of the Dekker aligner. A witness token matches every graph vertex with
 * the same normalised form; an island is a run of matches on consecutive tokens whose
 * vertices sit on consecutive ranks (a diagonal of the token x rank match table). Islands
 * are then chosen largest first, each token and each vertex used at most once; equal-sized
 * islands that compete for a token or a vertex are settled by preferring one that keeps
 * the order of the islands already chosen, then one on the diagonal of a chosen island,
 * then the one closest to a chosen island.
 */
import type { VariantGraph } from './variant-graph.ts';

/** A token (by index in its witness) matched to a vertex. */
export interface Coordinate {
  readonly row: number;
  readonly vertex: number;
}

/** Matches on consecutive rows whose vertices have consecutive ranks. */
export type Island = readonly Coordinate[];

/**
 * Islands among `candidates`: `candidates(row)` lists the vertices row may match, in a
 * fixed order. Rows are visited from `lo` to `hi` (exclusive).
 */
export function findIslands(
  graph: VariantGraph,
  ranks: Int32Array,
  lo: number,
  hi: number,
  candidates: (row: number) => readonly number[],
): Island[] {
  const islands: Coordinate[][] = [];
  let ending = new Map<number, Coordinate[]>(); // islands ending on the previous row, by vertex
  for (let row = lo; row < hi; row++) {
    const next = new Map<number, Coordinate[]>();
    const taken = new Set<Coordinate[]>();
    for (const vertex of candidates(row)) {
      let extend: Coordinate[] | undefined;
      for (const [u, island] of ending) {
        if (taken.has(island)) continue;
        const edge = graph.hasEdge(u, vertex);
        if (!edge && ranks[u]! + 1 !== ranks[vertex]) continue;
        if (!extend || edge) extend = island;
        if (edge) break;
      }
      const coordinate = { row, vertex };
      if (extend) {
        taken.add(extend);
        extend.push(coordinate);
        next.set(vertex, extend);
      } else {
        const island = [coordinate];
        islands.push(island);
        next.set(vertex, island);
      }
    }
    ending = next;
  }
  return islands;
}

export interface SelectOptions {
  /** Among otherwise equal competitors, take the one on the later token (CollateX Python's habit). */
  readonly preferLater?: boolean;
}

/**
 * Chooses non-conflicting islands, largest first. `corners` are the matches that bound the
 * region (the tokens and vertices before and after it): until an island is chosen, distance
 * is measured to them. Returns the chosen coordinates by row.
 */
export function selectIslands(
  islands: readonly Island[],
  ranks: Int32Array,
  corners: ReadonlyArray<{ readonly row: number; readonly rank: number }>,
  options: SelectOptions = {},
): Coordinate[] {
  const usedRows = new Set<number>();
  const usedVertices = new Set<number>();
  const fixed: Island[] = [];
  const diagonals = new Set<number>();
  const buckets: Island[][] = [];
  for (const island of islands) (buckets[island.length] ??= []).push(island);

  const free = (c: Coordinate) => !usedRows.has(c.row) && !usedVertices.has(c.vertex);
  const split = (island: Island): Island[] => {
    const pieces: Coordinate[][] = [];
    let piece: Coordinate[] = [];
    for (const c of island) {
      if (free(c)) piece.push(c);
      else if (piece.length > 0) {
        pieces.push(piece);
        piece = [];
      }
    }
    if (piece.length > 0) pieces.push(piece);
    return pieces;
  };
  const commit = (island: Island) => {
    for (const c of island) {
      usedRows.add(c.row);
      usedVertices.add(c.vertex);
    }
    fixed.push(island);
    diagonals.add(island[0]!.row - ranks[island[0]!.vertex]!);
  };
  const requeue = (island: Island, size: number) => {
    for (const piece of split(island)) if (piece.length < size) (buckets[piece.length] ??= []).push(piece);
  };

  for (let size = buckets.length - 1; size > 0; size--) {
    const candidates: Island[] = [];
    for (const island of buckets[size] ?? []) {
      const pieces = split(island);
      if (pieces.length === 1 && pieces[0]!.length === size) candidates.push(island);
      else for (const piece of pieces) (buckets[piece.length] ??= []).push(piece);
    }
    if (candidates.length === 0) continue;
    const rowUse = new Map<number, number>();
    const vertexUse = new Map<number, number>();
    for (const island of candidates)
      for (const c of island) {
        rowUse.set(c.row, (rowUse.get(c.row) ?? 0) + 1);
        vertexUse.set(c.vertex, (vertexUse.get(c.vertex) ?? 0) + 1);
      }
    const competes = (island: Island) => island.some((c) => rowUse.get(c.row)! > 1 || vertexUse.get(c.vertex)! > 1);
    const competing = candidates.filter(competes);
    const scored = competing.map((island, order) => ({
      island,
      order,
      crosses: fixed.some((f) => crosses(island, f, ranks)) ? 1 : 0,
      ideal: diagonals.has(island[0]!.row - ranks[island[0]!.vertex]!) ? 0 : 1,
      distance:
        fixed.length > 0
          ? smallestDistance(island, fixed, ranks)
          : Math.min(
              ...corners.flatMap((p) => ends(island).map((c) => Math.hypot(c.row - p.row, ranks[c.vertex]! - p.rank))),
            ),
      row: island[0]!.row,
      rank: ranks[island[0]!.vertex]!,
    }));
    scored.sort(
      (a, b) =>
        a.crosses - b.crosses ||
        a.ideal - b.ideal ||
        a.distance - b.distance ||
        (options.preferLater ? b.row - a.row : a.row - b.row) ||
        a.rank - b.rank ||
        a.order - b.order,
    );
    for (const { island } of scored) {
      if (island.every(free)) commit(island);
      else requeue(island, size);
    }
    for (const island of candidates) if (!competes(island)) commit(island);
  }
  return fixed.flat().sort((a, b) => a.row - b.row);
}

/** Whether two islands are in opposite orders in the witness and in the graph. */
function crosses(a: Island, b: Island, ranks: Int32Array): boolean {
  const aFirst = a[0]!;
  const aLast = a[a.length - 1]!;
  const bFirst = b[0]!;
  const bLast = b[b.length - 1]!;
  if (aLast.row < bFirst.row) return ranks[aLast.vertex]! > ranks[bFirst.vertex]!;
  return ranks[aFirst.vertex]! < ranks[bLast.vertex]!;
}

const ends = (i: Island) => [i[0]!, i[i.length - 1]!];

function smallestDistance(island: Island, fixed: readonly Island[], ranks: Int32Array): number {
  let best = Infinity;
  for (const other of fixed)
    for (const a of ends(island))
      for (const b of ends(other))
        best = Math.min(best, Math.hypot(a.row - b.row, ranks[a.vertex]! - ranks[b.vertex]!));
  return best;
}
