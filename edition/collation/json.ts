/**
 * CollateX-compatible JSON: reading its input (`{"witnesses":[{"id","content"|"tokens"}]}`)
 * and writing an alignment table as `{"witnesses":[sigla],"table":[...]}`.
 */
import type { Collation, WitnessInput } from './collate.ts';
import type { AlignmentTable } from './table.ts';
import type { JsonToken, Token } from './tokenise.ts';

/** Reads CollateX JSON input. Throws a RangeError saying what is wrong with it. */
export function fromCollateXJson(json: unknown): WitnessInput[] {
  const witnesses = (json as { witnesses?: unknown } | null)?.witnesses;
  if (!Array.isArray(witnesses)) throw new RangeError('CollateX JSON input needs a "witnesses" array');
  return witnesses.map((raw: unknown, i): WitnessInput => {
    const w = raw as { id?: unknown; content?: unknown; tokens?: unknown };
    if (typeof w.id !== 'string') throw new RangeError(`Witness ${i + 1} needs a string "id"`);
    if (typeof w.content === 'string') return { siglum: w.id, text: w.content };
    if (Array.isArray(w.tokens) && w.tokens.every((t: unknown) => typeof (t as JsonToken | null)?.t === 'string'))
      return { siglum: w.id, tokens: w.tokens as JsonToken[] };
    throw new RangeError(`Witness "${w.id}" needs "content" text or "tokens" with a "t" each`);
  });
}

export interface JsonOutputOptions {
  /** `vertical` (CollateX Java, the documentation): table[column][witness]; `horizontal` (CollateX Python): table[witness][column]. */
  readonly layout?: 'vertical' | 'horizontal';
  /** How a gap is written: `[]` (Java, the documentation) or `null` (Python). Default `[]`. */
  readonly gap?: 'empty' | 'null';
  /** Add CollateX Python's `_sigil` and `_token_array_position` to every token. */
  readonly pythonFields?: boolean;
}

type JsonCell = Array<Record<string, unknown>> | null;

/**
 * The table as CollateX JSON. A token is written as its input properties when it came as
 * JSON (passed through unchanged), else as `{"t": text with trailing space, "n": normalised}`.
 */
export function toCollateXJson(
  collation: Collation,
  table: AlignmentTable,
  options: JsonOutputOptions = {},
): { witnesses: string[]; table: JsonCell[][] } {
  const offsets: number[] = [];
  let offset = 0;
  for (const w of collation.witnesses) {
    offsets.push(offset);
    offset += w.tokens.length + 1;
  }
  const tokenJson = (w: number, t: number): Record<string, unknown> => {
    const token: Token = collation.witnesses[w]!.tokens[t]!;
    const base: Record<string, unknown> = token.data
      ? { ...token.data }
      : { t: token.text + token.trailing, n: token.n };
    if (!options.pythonFields) return base;
    return {
      _sigil: collation.witnesses[w]!.siglum,
      _token_array_position: offsets[w]! + t,
      ...base,
    };
  };
  const cell = (w: number, tokens: readonly number[]): JsonCell =>
    tokens.length === 0 && options.gap === 'null' ? null : tokens.map((t) => tokenJson(w, t));
  const sigla = collation.witnesses.map((w) => w.siglum);
  const rows =
    options.layout === 'horizontal'
      ? sigla.map((_, w) => table.columns.map((c) => cell(w, c.cells[w]!)))
      : table.columns.map((c) => sigla.map((_, w) => cell(w, c.cells[w]!)));
  return { witnesses: sigla, table: rows };
}
