/**
 * Normalising: each token gets the form the aligner compares (`n`). Options compose in a
 * fixed order: case, diacritics, punctuation, then the regularisation table, whose own
 * entries pass through the same steps first (so `&` = `and` still holds with case folding).
 */
import type { Token, Witness } from './tokenise.ts';

/** One row of an editable regularisation table. */
export interface Regularisation {
  /** The form as it appears (after the other normalisation steps). */
  readonly from: string;
  /** The form it counts as. */
  readonly to: string;
  /** `token` (default): the whole token; `character`: every occurrence inside tokens (u/v, i/j). */
  readonly scope?: 'token' | 'character';
}

export interface NormaliseOptions {
  /** Lower-case before comparing. Default true. */
  readonly caseFold?: boolean;
  /** Compare without combining marks (NFD, marks removed). Default false. */
  readonly diacritics?: boolean;
  /** Compare without punctuation characters; a token of punctuation only becomes `''`. Default false. */
  readonly punctuation?: boolean;
  readonly regularisations?: readonly Regularisation[];
}

/** A function from a token's text to its normalised form. */
export type Normaliser = (text: string) => string;

const MARKS = /\p{M}+/gu;
const PUNCTUATION = /[\p{P}\p{S}]+/gu;

/** Builds the normaliser the options describe. */
export function normaliser(options: NormaliseOptions = {}): Normaliser {
  const steps: Normaliser[] = [(s) => s.normalize('NFC')];
  if (options.caseFold ?? true) steps.push((s) => s.toLowerCase());
  if (options.diacritics) steps.push((s) => s.normalize('NFD').replace(MARKS, '').normalize('NFC'));
  if (options.punctuation) steps.push((s) => s.replace(PUNCTUATION, ''));
  const base = composeNormalisers(...steps);
  const table = options.regularisations ?? [];
  if (table.length > 0) steps.push(regulariser(table, base));
  return composeNormalisers(...steps);
}

/** Runs normalisers left to right. */
export function composeNormalisers(...steps: readonly Normaliser[]): Normaliser {
  return (text) => steps.reduce((s, step) => step(s), text);
}

function regulariser(table: readonly Regularisation[], base: Normaliser): Normaliser {
  const whole = new Map<string, string>();
  const chars: Array<[string, string]> = [];
  for (const row of table) {
    if (row.from.length === 0) throw new RangeError('A regularisation needs a non-empty "from"');
    if ((row.scope ?? 'token') === 'token') whole.set(base(row.from), base(row.to));
    else chars.push([base(row.from), base(row.to)]);
  }
  return (s) => {
    const mapped = whole.get(s) ?? s;
    return chars.reduce((acc, [from, to]) => acc.split(from).join(to), mapped);
  };
}

/**
 * The witness with every token's `n` recomputed, except tokens whose `n` came with the
 * input (pre-tokenised JSON that gives `n`).
 */
export function normaliseWitness(witness: Witness, normalise: Normaliser): Witness {
  const tokens = witness.tokens.map((t): Token =>
    t.data && typeof t.data.n === 'string' ? t : { ...t, n: normalise(t.text) },
  );
  return { ...witness, tokens };
}
