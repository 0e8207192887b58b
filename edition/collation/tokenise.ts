/**
 * Tokenising: a witness's text becomes a list of tokens (words and punctuation).
 * Every character of the text belongs to exactly one token's `text` or `trailing`, or to
 * the witness's `leading` run, so a witness is always rebuilt exactly from its tokens.
 */

/** One token of a witness. */
export interface Token {
  /** The token's characters as written, without the whitespace that follows it. */
  readonly text: string;
  /** What follows the token up to the next one: whitespace, or characters a custom pattern skipped. */
  readonly trailing: string;
  /** UTF-16 offset of `text` in the witness's text, so a view can link back. */
  readonly start: number;
  /** The normalised form the aligner compares (see normalise.ts); `text` until normalised. */
  readonly n: string;
  /** Extra properties of a pre-tokenised token (CollateX JSON input), passed through unchanged. */
  readonly data?: Readonly<Record<string, unknown>>;
}

/** A witness ready for alignment. */
export interface Witness {
  readonly siglum: string;
  /** Whatever precedes the first token (usually whitespace). */
  readonly leading: string;
  readonly tokens: readonly Token[];
}

export interface TokeniseOptions {
  /**
   * A custom token pattern. Each match is one token; whitespace at the end of a match
   * becomes the token's `trailing`. Defaults to {@link WORD_PUNCTUATION}.
   */
  readonly pattern?: RegExp;
}

/**
 * Words (letters, combining marks and digits, with inner apostrophes and hyphens, so
 * `don't` and `parent-species` stay whole) or one punctuation character (runs of the same
 * character, such as `...` or `--`, stay together). Combining marks never start a token
 * of their own: `ι̅σ̅` is one word.
 */
export const WORD_PUNCTUATION = /[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*|([^\s\p{L}\p{M}\p{N}])\1*/gu;

/** CollateX Java's default tokenizer: `.?!,;:` runs are punctuation, everything else splits at whitespace. */
export const COLLATEX_JAVA = /[.?!,;:]+\s*|[^.?!,;:\s]+\s*/gu;

/** CollateX Python's WordPunctuationTokenizer (`\w+\s*|\W+`), Unicode-aware. */
export const COLLATEX_PYTHON = /[\p{L}\p{M}\p{N}_]+\s*|[^\p{L}\p{M}\p{N}_]+/gu;

const TRAILING_SPACE = /\s+$/u;

/** Splits `text` into tokens; `n` is the token's text until a normaliser sets it. */
export function tokenise(text: string, options: TokeniseOptions = {}): { leading: string; tokens: Token[] } {
  const source = options.pattern ?? WORD_PUNCTUATION;
  const pattern = new RegExp(source.source, source.flags.includes('g') ? source.flags : `${source.flags}g`);
  const found: Array<{ text: string; start: number }> = [];
  for (const match of text.matchAll(pattern)) {
    if (match[0].length === 0)
      throw new RangeError(`Token pattern ${source} matched an empty string at ${match.index}`);
    const word = match[0].replace(TRAILING_SPACE, '');
    if (word.length > 0) found.push({ text: word, start: match.index });
  }
  const tokens = found.map((t, i): Token => {
    const end = found[i + 1]?.start ?? text.length;
    return {
      text: t.text,
      trailing: text.slice(t.start + t.text.length, end),
      start: t.start,
      n: t.text,
    };
  });
  return { leading: text.slice(0, found[0]?.start ?? text.length), tokens };
}

/** A pre-tokenised token as CollateX's JSON input gives it: `t` (text), optional `n`, anything else. */
export interface JsonToken {
  readonly t: string;
  readonly n?: string;
  readonly [property: string]: unknown;
}

/**
 * Tokens from CollateX JSON input. `t` may carry trailing whitespace; a given `n` is kept
 * (the normaliser does not touch it), other properties ride along in `data`.
 */
export function fromJsonTokens(tokens: readonly JsonToken[]): Token[] {
  let offset = 0;
  return tokens.map((token) => {
    if (typeof token.t !== 'string') throw new RangeError('A JSON token needs a string "t"');
    const text = token.t.replace(TRAILING_SPACE, '');
    const result: Token = {
      text,
      trailing: token.t.slice(text.length),
      start: offset,
      n: typeof token.n === 'string' ? token.n : text,
      data: { ...token },
    };
    offset += token.t.length;
    return result;
  });
}

/** The witness's text rebuilt from its tokens: equal to the text it was tokenised from. */
export function witnessText(witness: Witness): string {
  return witness.leading + witness.tokens.map((t) => t.text + t.trailing).join('');
}
