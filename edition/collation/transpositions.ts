/**
 * The ordering phase of the Dekker aligner. Chosen matches are grouped into phrases (runs
 * that are contiguous in the witness and in the graph); phrases whose order in the witness
 * disagrees with their order in the graph are transpositions and are not merged.
 *
 * The detector repeatedly takes the phrase furthest from its place (the distance between
 * its position among the remaining phrases in graph order and in witness order), the
 * shorter one in characters when distances tie (then the one fewer witnesses read at the
 * vertices it matched: the better attested order stays), and sets it aside; when the phrase it
 * displaced is as far out (and more than one place), that one goes too. It stops when
 * every remaining phrase is in place. This is the rule of CollateX's Dekker algorithm.
 */
import type { Coordinate } from './islands.ts';
import type { VariantGraph } from './variant-graph.ts';

/** Matched tokens (indices in the witness) and the vertices they match, in order. */
export interface Phrase {
  readonly tokens: readonly number[];
  readonly vertices: readonly number[];
}

/**
 * Groups matches (sorted by row) into phrases: a match continues the phrase of the token
 * before it when that token matched a vertex with the same witnesses, joined to this one by
 * an edge, and one of the two has no other edge on that side.
 */
export function detectPhrases(graph: VariantGraph, matches: readonly Coordinate[]): Phrase[] {
  const phrases: Array<{ tokens: number[]; vertices: number[] }> = [];
  let previous: Coordinate | undefined;
  for (const match of matches) {
    const current = phrases[phrases.length - 1];
    const near =
      previous !== undefined &&
      current !== undefined &&
      previous.row + 1 === match.row &&
      graph.hasEdge(previous.vertex, match.vertex) &&
      sameWitnesses(graph, previous.vertex, match.vertex) &&
      (graph.outDegree(previous.vertex) === 1 || graph.inDegree(match.vertex) === 1);
    if (near) {
      current.tokens.push(match.row);
      current.vertices.push(match.vertex);
    } else phrases.push({ tokens: [match.row], vertices: [match.vertex] });
    previous = match;
  }
  return phrases;
}

function sameWitnesses(graph: VariantGraph, a: number, b: number): boolean {
  const wa = graph.vertex(a).witnesses;
  const wb = graph.vertex(b).witnesses;
  return wa.length === wb.length && wa.every((w, i) => wb[i] === w);
}

/**
 * Which phrases (given in witness order) are transposed. `size(p)` weighs a phrase (its
 * characters) and `support(p)` counts the witnesses behind its vertices; the lighter of two
 * equally displaced phrases is the one that moved.
 * Returns the indices of the transposed phrases, in the order they were found.
 */
export function detectTranspositions(
  phrases: readonly Phrase[],
  ranks: Int32Array,
  size: (phrase: Phrase) => number,
  support: (phrase: Phrase) => number,
): number[] {
  const count = phrases.length;
  if (count === 0) return [];
  const graphOrder = [...phrases.keys()].sort(
    (a, b) => ranks[phrases[a]!.vertices[0]!]! - ranks[phrases[b]!.vertices[0]!]! || a - b,
  );
  const graphIndex = new Int32Array(count);
  graphOrder.forEach((p, i) => (graphIndex[p] = i));

  const remaining = [...phrases.keys()]; // witness order
  const graphSlots = [...phrases.keys()]; // graph indices still in play, ascending
  const witnessSlots = remaining.map((p) => graphIndex[p]!); // graph index of each remaining phrase, witness order
  const transposed: number[] = [];
  const remove = (p: number) => {
    const g = graphIndex[p]!;
    remaining.splice(remaining.indexOf(p), 1);
    graphSlots.splice(graphSlots.indexOf(g), 1);
    witnessSlots.splice(witnessSlots.indexOf(g), 1);
    transposed.push(p);
  };

  for (;;) {
    const distance = new Map<number, number>();
    remaining.forEach((p, i) => distance.set(p, Math.abs(graphSlots[i]! - witnessSlots[i]!)));
    if (Math.max(0, ...distance.values()) === 0) break;
    const ordered = [...remaining].sort(
      (a, b) =>
        distance.get(b)! - distance.get(a)! ||
        size(phrases[a]!) - size(phrases[b]!) ||
        support(phrases[a]!) - support(phrases[b]!),
    );
    const moved = ordered[0]!;
    const slot = graphSlots.indexOf(graphIndex[moved]!);
    const displaced = graphOrder[witnessSlots[slot]!]!;
    remove(moved);
    const d = distance.get(moved)!;
    if (displaced !== moved && distance.get(displaced) === d && d > 1 && remaining.includes(displaced))
      remove(displaced);
  }
  return transposed;
}
