/**
 * The variant graph: a directed acyclic graph from `START` to `END` whose vertices hold
 * aligned tokens (at most one per witness) and whose edges carry the witnesses that pass
 * along them. Each witness is one path through the graph; reading a witness is walking
 * its path.
 */
import type { Token, Witness } from './tokenise.ts';

export const START = 0;
export const END = 1;

export interface Vertex {
  readonly id: number;
  /** The normalised form shared by the vertex's tokens ('' for START and END). */
  readonly n: string;
  /** witness index -> token index, one entry per witness whose token sits here. */
  readonly tokens: Map<number, number>;
  /** Indices of the witnesses whose token sits here, ascending. */
  readonly witnesses: number[];
}

export class VariantGraph {
  readonly vertices: Vertex[] = [];
  readonly witnesses: Witness[] = [];
  /** For each witness, the vertex of each of its tokens. */
  readonly paths: Int32Array[] = [];
  /** out[v]: target vertex -> witnesses on that edge. */
  private readonly out: Array<Map<number, number[]>> = [];
  private readonly inn: Array<Set<number>> = [];
  /** Blocks of vertex pairs set on one rank without being aligned (ties.ts). */
  private readonly ties: Array<ReadonlyArray<readonly [number, number]>> = [];

  constructor() {
    this.newVertex('');
    this.newVertex('');
  }

  private newVertex(n: string): number {
    const id = this.vertices.length;
    this.vertices.push({ id, n, tokens: new Map(), witnesses: [] });
    this.out.push(new Map());
    this.inn.push(new Set());
    return id;
  }

  vertex(id: number): Vertex {
    const v = this.vertices[id];
    if (!v) throw new RangeError(`No vertex ${id}`);
    return v;
  }

  successors(id: number): IterableIterator<number> {
    return this.out[id]!.keys();
  }

  predecessors(id: number): ReadonlySet<number> {
    return this.inn[id]!;
  }

  outDegree(id: number): number {
    return this.out[id]!.size;
  }

  inDegree(id: number): number {
    return this.inn[id]!.size;
  }

  hasEdge(from: number, to: number): boolean {
    return this.out[from]!.has(to);
  }

  /** The witnesses on the edge `from` -> `to` (empty if there is none). */
  edgeWitnesses(from: number, to: number): readonly number[] {
    return this.out[from]!.get(to) ?? [];
  }

  edgeCount(): number {
    return this.out.reduce((sum, m) => sum + m.size, 0);
  }

  /** The token of witness `w` held by vertex `v`, if any. */
  token(v: number, w: number): Token | undefined {
    const index = this.vertex(v).tokens.get(w);
    return index === undefined ? undefined : this.witnesses[w]?.tokens[index];
  }

  /**
   * Adds a witness as a path. `links[i]` is the existing vertex token i joins, or -1 for
   * a new vertex of its own. The caller guarantees the links keep the graph acyclic (the
   * aligner checks that before it merges).
   */
  addWitness(witness: Witness, links: Int32Array): number {
    if (links.length !== witness.tokens.length) throw new RangeError('One link per token is needed');
    const w = this.witnesses.length;
    this.witnesses.push(witness);
    const path = new Int32Array(links.length);
    let previous = START;
    witness.tokens.forEach((token, i) => {
      let v = links[i]!;
      if (v < 0) v = this.newVertex(token.n);
      const vertex = this.vertex(v);
      if (vertex.tokens.has(w)) throw new RangeError(`Witness ${witness.siglum} would pass vertex ${v} twice`);
      vertex.tokens.set(w, i);
      vertex.witnesses.push(w);
      path[i] = v;
      this.connect(previous, v, w);
      previous = v;
    });
    this.connect(previous, END, w);
    this.paths.push(path);
    this.pruneTies();
    return w;
  }

  private connect(from: number, to: number, w: number): void {
    const edges = this.out[from]!;
    const list = edges.get(to);
    if (list) list.push(w);
    else edges.set(to, [w]);
    this.inn[to]!.add(from);
  }

  /**
   * Asks for pairs of unaligned vertices to share a rank, in blocks: when a later witness
   * reads the two vertices of any pair one after the other, the whole block is dropped.
   */
  tie(blocks: ReadonlyArray<ReadonlyArray<readonly [number, number]>>): void {
    for (const block of blocks) {
      for (const [a, b] of block) {
        this.vertex(a);
        this.vertex(b);
      }
      if (block.length > 0) this.ties.push(block);
    }
    this.pruneTies();
  }

  /** For each vertex, the representative of its group of tied vertices (itself if untied). */
  rankGroups(): Int32Array {
    const parent = Int32Array.from(this.vertices, (v) => v.id);
    const find = (v: number): number => {
      while (parent[v] !== v) v = parent[v] = parent[parent[v]!]!;
      return v;
    };
    for (const [a, b] of this.ties.flat()) {
      const ra = find(a);
      const rb = find(b);
      if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
    return Int32Array.from(parent, (_, v) => find(v));
  }

  /**
   * Each vertex's rank: the length of the longest path from START (START is 0), tied
   * vertices sharing one. Vertices of one witness have strictly increasing ranks. A cycle
   * is a bug and throws.
   */
  ranks(): Int32Array {
    const grouped = this.ties.length > 0 ? rankOver(this, this.rankGroups(), { rejectInner: true }) : null;
    const ranks =
      grouped ??
      rankOver(
        this,
        Int32Array.from(this.vertices, (v) => v.id),
      );
    if (!ranks) throw new Error('The variant graph has a cycle');
    return ranks;
  }

  /**
   * Drops the tie blocks the graph now contradicts: a witness added since reads one tied
   * vertex before the other. If the rest still cannot share ranks, all ties go.
   */
  private pruneTies(): void {
    if (this.ties.length === 0 || rankOver(this, this.rankGroups(), { rejectInner: true })) return;
    const ranks = rankOver(
      this,
      Int32Array.from(this.vertices, (v) => v.id),
    );
    if (!ranks) throw new Error('The variant graph has a cycle');
    const keep = this.ties.filter((block) =>
      block.every(([a, b]) => !this.reaches(a, b, ranks) && !this.reaches(b, a, ranks)),
    );
    this.ties.splice(0, this.ties.length, ...keep);
    if (!rankOver(this, this.rankGroups(), { rejectInner: true })) this.ties.length = 0;
  }

  /** Whether a path leads from `from` to `to` (searching only below `to`'s rank). */
  private reaches(from: number, to: number, ranks: Int32Array): boolean {
    if (ranks[from]! >= ranks[to]!) return false;
    const seen = new Set([from]);
    const stack = [from];
    while (stack.length > 0) {
      for (const next of this.successors(stack.pop()!)) {
        if (next === to) return true;
        if (ranks[next]! < ranks[to]! && !seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
      }
    }
    return false;
  }

  /**
   * A witness's text read by walking the graph: from START, follow the edge that carries
   * the witness, collecting the witness's token at each vertex.
   */
  readWitness(w: number): string {
    const witness = this.witnesses[w];
    if (!witness) throw new RangeError(`No witness ${w}`);
    let text = witness.leading;
    let v = START;
    for (let steps = 0; steps <= witness.tokens.length; steps++) {
      let next = -1;
      for (const [to, ws] of this.out[v]!) if (ws.includes(w)) next = to;
      if (next < 0) throw new Error(`Witness ${witness.siglum} leaves the graph at vertex ${v}`);
      if (next === END) return text;
      const token = this.token(next, w);
      if (!token) throw new Error(`Vertex ${next} has no token of witness ${witness.siglum}`);
      text += token.text + token.trailing;
      v = next;
    }
    throw new Error(`Witness ${witness.siglum} does not reach the end of the graph`);
  }
}

/**
 * Longest-path ranks over the graph with each group (`group[v]` = its representative)
 * contracted to one node, plus `extra` edges; null if that contracted graph has a cycle.
 * Edges inside a group are ignored (a segment's run), or with `rejectInner` make it fail
 * (two tied vertices may not follow each other).
 */
export function rankOver(
  graph: VariantGraph,
  group: Int32Array,
  options: {
    extra?: ReadonlyArray<readonly [number, number]>;
    rejectInner?: boolean;
  } = {},
): Int32Array | null {
  const count = graph.vertices.length;
  // Contracted edges in compressed rows (repeats are harmless: each is counted and released once).
  const degree = new Int32Array(count + 1);
  const each = (visit: (a: number, b: number) => void): boolean => {
    for (let v = 0; v < count; v++)
      for (const u of graph.successors(v)) {
        if (group[v] === group[u]) {
          if (options.rejectInner) return false;
        } else visit(group[v]!, group[u]!);
      }
    for (const [v, u] of options.extra ?? []) {
      if (group[v] === group[u]) {
        if (options.rejectInner) return false;
      } else visit(group[v]!, group[u]!);
    }
    return true;
  };
  if (!each((a) => degree[a + 1]!++)) return null;
  for (let v = 0; v < count; v++) degree[v + 1]! += degree[v]!;
  const targets = new Int32Array(degree[count]!);
  const fill = degree.slice(0, count);
  const pending = new Int32Array(count);
  each((a, b) => {
    targets[fill[a]!++] = b;
    pending[b]!++;
  });
  const rank = new Int32Array(count);
  const queue = new Int32Array(count);
  let tail = 0;
  let groups = 0;
  for (let v = 0; v < count; v++)
    if (group[v] === v) {
      groups++;
      if (pending[v] === 0) queue[tail++] = v;
    }
  for (let head = 0; head < tail; head++) {
    const g = queue[head]!;
    for (let e = degree[g]!; e < degree[g + 1]!; e++) {
      const h = targets[e]!;
      if (rank[h]! < rank[g]! + 1) rank[h] = rank[g]! + 1;
      if (--pending[h]! === 0) queue[tail++] = h;
    }
  }
  if (tail !== groups) return null;
  return Int32Array.from(group, (g) => rank[g]!);
}
