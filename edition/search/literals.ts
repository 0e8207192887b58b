/**
 * Text a regular expression cannot match without: for each top-level alternative,
 * its longest run of literal characters (three or more, what a trigram index can
 * look up). A search then reads only the passages holding one of them and runs the
 * expression on those, instead of on every passage of the project. When some
 * alternative has no such run (`\w+ing`, `[0-9]{4}`), the answer is null: every
 * passage must be read.
 */

/** Characters that mean something in a regular expression outside a class. */
const SYNTAX = new Set(['\\', '^', '$', '.', '|', '?', '*', '+', '(', ')', '[', ']', '{', '}']);

/** The top-level alternatives of `source`, or null if it does not parse as expected. */
function alternatives(source: string): string[] | null {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '|' && depth === 0) {
      out.push(source.slice(start, i));
      start = i + 1;
    }
    if (depth < 0) return null;
  }
  if (depth !== 0 || inClass) return null;
  out.push(source.slice(start));
  return out;
}

/** The longest run of characters that every match of `branch` contains, as written. */
function longestLiteral(branch: string): string {
  let best = '';
  let run = '';
  const end = (): void => {
    if (run.length > best.length) best = run;
    run = '';
  };
  for (let i = 0; i < branch.length; i++) {
    const ch = branch[i] as string;
    let literal: string | null = null;
    let width = 1;
    if (ch === '\\') {
      const next = branch[i + 1];
      // An escaped punctuation character is itself; \b, \d, \u{...} and the like are not literal.
      if (next !== undefined && /[^\p{L}\p{N}\s]/u.test(next)) literal = next;
      width = 2;
    } else if (!SYNTAX.has(ch)) {
      literal = ch;
    }
    if (literal === null) {
      end();
      if (ch === '(' || ch === '[') {
        // Skip the group or class whole: it may be optional or repeated.
        const close = skip(branch, i);
        if (close === -1) return '';
        i = close;
        // A quantifier after it belongs to it.
        if (/[?*+{]/.test(branch[i + 1] ?? '')) i = skipQuantifier(branch, i + 1);
        continue;
      }
      i += width - 1;
      continue;
    }
    const after = branch[i + width];
    if (after === '?' || after === '*' || after === '{') {
      // This character may be absent or repeated: the run ends before it.
      end();
      i = skipQuantifier(branch, i + width);
      continue;
    }
    run += literal;
    i += width - 1;
    if (after === '+') {
      end();
      i++;
    }
  }
  end();
  return best;
}

/** The index of the `)` or `]` closing the group or class opened at `open`, or -1. */
function skip(source: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') {
        inClass = false;
        if (depth === 0) return i;
      }
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
  }
  return -1;
}

/** The index of the last character of the quantifier starting at `at` (with a lazy `?`). */
function skipQuantifier(source: string, at: number): number {
  let i = at;
  if (source[i] === '{') {
    const close = source.indexOf('}', i);
    i = close === -1 ? source.length - 1 : close;
  }
  if (source[i + 1] === '?') i++;
  return i;
}

/**
 * For each alternative of `source`, text every match of it contains (three
 * characters or more); null when some alternative has none, or when the expression
 * uses something (a back-reference, a lookaround) this does not read.
 */
export function requiredLiterals(source: string): string[] | null {
  if (/\\[1-9kpP]|\(\?[=!<]/.test(source)) return null;
  const branches = alternatives(source);
  if (branches === null) return null;
  const literals: string[] = [];
  for (const branch of branches) {
    const literal = longestLiteral(branch);
    if ([...literal.trim()].length < 3) return null;
    literals.push(literal);
  }
  return literals;
}

/**
 * An FTS5 expression for a trigram index (`detail=none`, which takes no phrases) that
 * matches every passage holding one of `literals`: each literal as all its trigrams.
 * It may match a little more (the trigrams in another order); the expression itself
 * decides.
 */
export function trigramQuery(literals: readonly string[]): string {
  return literals
    .map((literal) => {
      const chars = [...literal];
      const grams = new Set<string>();
      for (let i = 0; i + 3 <= chars.length; i++) grams.add(chars.slice(i, i + 3).join(''));
      return `(${[...grams].map((g) => `"${g.replace(/"/g, '""')}"`).join(' AND ')})`;
    })
    .join(' OR ');
}
