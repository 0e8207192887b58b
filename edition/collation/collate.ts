/**
 * The collation pipeline, one step per module: tokenise, normalise, align each witness in
 * turn against the graph of those before it, and record the transpositions found.
 * Deterministic: the same witnesses and options always give the same graph.
 */
import { alignWitness, type AlignOptions, type WitnessAlignment } from './align.ts';
import { normaliser, normaliseWitness, type NormaliseOptions, type Normaliser } from './normalise.ts';
import { fromJsonTokens, tokenise, type JsonToken, type TokeniseOptions, type Witness } from './tokenise.ts';
import { VariantGraph } from './variant-graph.ts';

/** A witness to collate: plain text, or tokens as in CollateX's JSON input. */
export type WitnessInput =
  | { readonly siglum: string; readonly text: string }
  | { readonly siglum: string; readonly tokens: readonly JsonToken[] };

export interface CollateOptions extends AlignOptions {
  readonly tokenise?: TokeniseOptions;
  /** Normalisation options, or a normaliser of your own. Default: lower case only. */
  readonly normalise?: NormaliseOptions | Normaliser;
}

/** A phrase of one witness matched out of order, with the vertices it would have joined. */
export interface Transposition {
  readonly witness: number;
  readonly tokens: readonly number[];
  readonly vertices: readonly number[];
}

export interface Collation {
  readonly graph: VariantGraph;
  readonly witnesses: readonly Witness[];
  readonly transpositions: readonly Transposition[];
  /** What the aligner decided for each witness (the first has nothing to align against). */
  readonly alignments: readonly WitnessAlignment[];
}

/** Tokenises and normalises one input. */
export function prepareWitness(input: WitnessInput, options: CollateOptions = {}): Witness {
  const normalise = typeof options.normalise === 'function' ? options.normalise : normaliser(options.normalise);
  if ('tokens' in input)
    return normaliseWitness(
      {
        siglum: input.siglum,
        leading: '',
        tokens: fromJsonTokens(input.tokens),
      },
      normalise,
    );
  const { leading, tokens } = tokenise(input.text, options.tokenise);
  return normaliseWitness({ siglum: input.siglum, leading, tokens }, normalise);
}

/** Collates the witnesses in the order given (the order matters, as in CollateX). */
export function collate(inputs: readonly WitnessInput[], options: CollateOptions = {}): Collation {
  const sigla = new Set<string>();
  for (const input of inputs) {
    if (sigla.has(input.siglum)) throw new RangeError(`Two witnesses have the siglum "${input.siglum}"`);
    sigla.add(input.siglum);
  }
  const graph = new VariantGraph();
  const transpositions: Transposition[] = [];
  const alignments: WitnessAlignment[] = [];
  for (const input of inputs) {
    const witness = prepareWitness(input, options);
    const alignment = alignWitness(graph, witness, options);
    const w = graph.addWitness(witness, alignment.links);
    alignments.push(alignment);
    graph.tie(alignment.ties.map((block) => block.map(([t, v]) => [graph.paths[w]![t]!, v] as const)));
    if (alignment.transposed.length === 0) continue;
    // Like CollateX, a short phrase that moved a long way is not reported as a transposition
    // (it stays unaligned all the same): more than three times its length in ranks.
    const ranks = graph.ranks();
    const path = graph.paths[w]!;
    for (const phrase of alignment.transposed) {
      const distance = Math.abs(ranks[path[phrase.tokens[0]!]!]! - ranks[phrase.vertices[0]!]!) - 1;
      if (distance <= 3 * phrase.tokens.length) transpositions.push({ witness: w, ...phrase });
    }
  }
  return { graph, witnesses: graph.witnesses, transpositions, alignments };
}
