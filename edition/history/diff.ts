/**
 * A readable, word-level comparison of two versions of a document: which words went
 * and came, and which notes, marks (mentions, highlighting) and apparatus entries
 * changed, each named in a sentence. Pure: the service, the command line and the
 * window all call this one function.
 */
import diffSequencesModule from 'diff-sequences';
import { Fragment, type Mark, type Node } from 'prosemirror-model';

// diff-sequences is CommonJS with `exports.default`: bundlers and vitest hand over the
// function, Node's own ESM loader (the command line, `siglum serve`) the exports object.
const diffSequences: typeof diffSequencesModule =
  (diffSequencesModule as unknown as { default?: typeof diffSequencesModule }).default ?? diffSequencesModule;

/** One run of the comparison: text both versions share, or text only one has. */
export interface DiffSegment {
  op: 'equal' | 'insert' | 'delete';
  text: string;
  /** True for text inside a note. */
  inNote: boolean;
}

/** One change, named for a reader. */
export interface DiffChange {
  kind: 'text' | 'note' | 'mark' | 'apparatus' | 'structure';
  /** What changed, in words ("Replaced "July" with "June"", "Added note 3"). */
  description: string;
  /** The old and new words of the change (empty when there are none). */
  before: string;
  after: string;
  /** A few words before the change, to find it. */
  context: string;
  inNote: boolean;
}

export interface DocumentDiff {
  segments: DiffSegment[];
  changes: DiffChange[];
  /** Words added and removed. */
  added: number;
  removed: number;
}

interface Token {
  /** What is compared: the word with the marks on it, or a structure marker. */
  key: string;
  /** What is shown. */
  text: string;
  /** A word, a block boundary, a note's start or end, or an inline atom. */
  type: 'word' | 'block' | 'note' | 'noteEnd' | 'atom';
  marks: readonly Mark[];
  inNote: boolean;
  /** The note's number, for tokens inside or opening a note. */
  note: string | null;
  /** The node type a block or atom token stands for. */
  node?: string;
}

function markKey(m: Mark): string {
  const a = m.attrs;
  switch (m.type.name) {
    case 'mention':
      return `mention:${String(a['kind'])}:${String(a['ref'])}:${String(a['when'])}`;
    case 'app':
      return `app:${JSON.stringify(a['readings'])}:${String(a['type'])}:${String(a['note'])}`;
    case 'teiMark':
      return `tei:${String(a['name'])}:${JSON.stringify(a['xml'])}`;
    case 'noteSpan':
      return `noteSpan:${String(a['note'])}`;
    default:
      return m.type.name;
  }
}

function markName(m: Mark): string {
  const a = m.attrs;
  switch (m.type.name) {
    case 'mention':
      return `${String(a['kind'])} mention${a['ref'] ? ` (${String(a['ref'])})` : ''}`;
    case 'app': {
      const readings = Array.isArray(a['readings']) ? a['readings'].length : 0;
      return `apparatus entry (${readings} reading${readings === 1 ? '' : 's'})`;
    }
    case 'teiMark':
      return `<${String(a['name'])}>`;
    case 'noteSpan':
      return 'note span';
    case 'smallcaps':
      return 'small capitals';
    default:
      return m.type.name;
  }
}

/** The document as a sequence of tokens, in reading order, notes inline where they are called. */
function tokenize(doc: Node): { tokens: Token[]; blocks: number[] } {
  const tokens: Token[] = [];
  /** Where each top-level block's tokens start, and the end. */
  const blocks: number[] = [];
  const walk = (node: Node, inNote: boolean, note: string | null): void => {
    node.forEach((child) => {
      if (child.isText) {
        for (const word of (child.text ?? '').split(/\s+/)) {
          if (word === '') continue;
          const key = `${word}\u0001${child.marks.map(markKey).sort().join('\u0002')}`;
          tokens.push({ key, text: word, type: 'word', marks: child.marks, inNote, note });
        }
      } else if (child.type.name === 'note') {
        const n = (child.attrs['n'] as string | null) ?? String(tokens.filter((t) => t.type === 'note').length + 1);
        tokens.push({ key: `\u0003note`, text: `[note ${n}]`, type: 'note', marks: [], inNote, note: n });
        walk(child, true, n);
        tokens.push({ key: `\u0003/note`, text: '', type: 'noteEnd', marks: [], inNote: true, note: n });
      } else if (child.isBlock) {
        tokens.push({
          key: `\u0003block:${child.type.name}`,
          text: '\n',
          type: 'block',
          marks: [],
          inNote,
          note,
          node: child.type.name,
        });
        walk(child, inNote, note);
      } else {
        const label = child.type.name === 'pageBreak' ? `[page ${String(child.attrs['n'] ?? '')}]` : '';
        tokens.push({
          key: `\u0003${child.type.name}:${JSON.stringify(child.attrs)}`,
          text: label,
          type: 'atom',
          marks: [],
          inNote,
          note,
          node: child.type.name,
        });
      }
    });
  };
  doc.forEach((child) => {
    blocks.push(tokens.length);
    walk(doc.copy(Fragment.from(child)), false, null);
  });
  blocks.push(tokens.length);
  return { tokens, blocks };
}

function words(tokens: readonly Token[]): string {
  return tokens
    .filter((t) => t.type === 'word')
    .map((t) => t.text)
    .join(' ');
}

function quoteOf(text: string): string {
  return `"${text.length > 80 ? `${text.slice(0, 77)}...` : text}"`;
}

/** Describes the change from tokens `old` to tokens `neu` (one run of the diff). */
function describe(old: readonly Token[], neu: readonly Token[], context: string): DiffChange[] {
  const changes: DiffChange[] = [];
  const inNote = [...old, ...neu].every((t) => t.inNote) && old.length + neu.length > 0;
  const noteOf = [...old, ...neu].find((t) => t.note !== null)?.note ?? null;
  const where = inNote && noteOf !== null ? ` in note ${noteOf}` : '';
  const oldWords = words(old);
  const newWords = words(neu);
  for (const t of old) if (t.type === 'note') changes.push(change('note', `Removed note ${t.note}`));
  for (const t of neu) if (t.type === 'note') changes.push(change('note', `Added note ${t.note}`));
  if (oldWords === newWords && oldWords !== '') {
    // Same words, other marks: name what was marked and unmarked.
    const before = new Map(old.flatMap((t) => t.marks.map((m) => [markKey(m), m] as const)));
    const after = new Map(neu.flatMap((t) => t.marks.map((m) => [markKey(m), m] as const)));
    for (const [k, m] of after) {
      if (!before.has(k)) {
        changes.push(
          change(m.type.name === 'app' ? 'apparatus' : 'mark', `Added ${markName(m)} on ${quoteOf(newWords)}${where}`),
        );
      }
    }
    for (const [k, m] of before) {
      if (!after.has(k)) {
        changes.push(
          change(
            m.type.name === 'app' ? 'apparatus' : 'mark',
            `Removed ${markName(m)} from ${quoteOf(oldWords)}${where}`,
          ),
        );
      }
    }
    return changes;
  }
  if (oldWords !== '' || newWords !== '') {
    const description =
      oldWords === ''
        ? `Added ${quoteOf(newWords)}${where}`
        : newWords === ''
          ? `Deleted ${quoteOf(oldWords)}${where}`
          : `Replaced ${quoteOf(oldWords)} with ${quoteOf(newWords)}${where}`;
    changes.push(change('text', description));
  } else if (changes.length === 0) {
    const blocks = [...old, ...neu].filter((t) => t.type === 'block' || t.type === 'atom');
    if (blocks.length > 0) {
      const what = old.length > 0 && neu.length > 0 ? 'Changed' : neu.length > 0 ? 'Added' : 'Removed';
      const names = [...new Set(blocks.map((t) => t.node))];
      changes.push(change('structure', `${what} ${names.join(', ')}${where}`));
    }
  }
  return changes;

  function change(kind: DiffChange['kind'], description: string): DiffChange {
    return { kind, description, before: oldWords, after: newWords, context, inNote };
  }
}

function segmentText(tokens: readonly Token[]): string {
  let out = '';
  for (const t of tokens) {
    if (t.text === '') continue;
    if (t.type === 'block') out += out === '' || out.endsWith('\n') ? '' : '\n';
    else out += out === '' || out.endsWith('\n') ? t.text : ` ${t.text}`;
  }
  return out;
}

/** Compares two versions of a document word by word. */
export function diffDocuments(before: Node, after: Node): DocumentDiff {
  const { tokens: a, blocks: blocksA } = tokenize(before);
  const { tokens: b, blocks: blocksB } = tokenize(after);
  const segments: DiffSegment[] = [];
  const changes: DiffChange[] = [];
  let added = 0;
  let removed = 0;
  let ai = 0;
  let bi = 0;
  const push = (op: DiffSegment['op'], tokens: readonly Token[]) => {
    if (tokens.length === 0) return;
    // Split where tokens pass into or out of a note, so a segment says where it is.
    let start = 0;
    for (let k = 1; k <= tokens.length; k++) {
      if (k === tokens.length || tokens[k]!.inNote !== tokens[start]!.inNote) {
        const text = segmentText(tokens.slice(start, k));
        if (text !== '') segments.push({ op, text, inNote: tokens[start]!.inNote });
        start = k;
      }
    }
  };
  const gap = (aEnd: number, bEnd: number) => {
    if (ai === aEnd && bi === bEnd) return;
    const old = a.slice(ai, aEnd);
    const neu = b.slice(bi, bEnd);
    removed += old.filter((t) => t.type === 'word').length;
    added += neu.filter((t) => t.type === 'word').length;
    const context = words(a.slice(Math.max(0, ai - 6), ai));
    changes.push(...describe(old, neu, context));
    push('delete', old);
    push('insert', neu);
    ai = aEnd;
    bi = bEnd;
  };
  const equal = (aEnd: number, bEnd: number) => {
    push('equal', a.slice(ai, aEnd));
    ai = aEnd;
    bi = bEnd;
  };
  // Keys as small integers: the diff compares them many times over.
  const ids = new Map<string, number>();
  const intern = (tokens: readonly Token[]) =>
    Int32Array.from(tokens, (t) => {
      let id = ids.get(t.key);
      if (id === undefined) ids.set(t.key, (id = ids.size));
      return id;
    });
  const ka = intern(a);
  const kb = intern(b);
  /** Word by word over tokens [aLo, aHi) and [bLo, bHi); ai and bi are at aLo and bLo. */
  const diffTokens = (aHi: number, bHi: number) => {
    const aLo = ai;
    const bLo = bi;
    diffSequences(
      aHi - aLo,
      bHi - bLo,
      (i, j) => ka[aLo + i] === kb[bLo + j],
      (count, aStart, bStart) => {
        gap(aLo + aStart, bLo + bStart);
        equal(aLo + aStart + count, bLo + bStart + count);
      },
    );
    gap(aHi, bHi);
  };
  // Blocks first: Myers' diff costs the length times the number of differences, so the
  // words are compared block by block where blocks were edited in place.
  const blockKey = (keys: Int32Array, starts: readonly number[], k: number) =>
    keys.subarray(starts[k]!, starts[k + 1]!).join(',');
  const keysA = Array.from({ length: blocksA.length - 1 }, (_, k) => blockKey(ka, blocksA, k));
  const keysB = Array.from({ length: blocksB.length - 1 }, (_, k) => blockKey(kb, blocksB, k));
  let pa = 0;
  let pb = 0;
  const changedBlocks = (toA: number, toB: number) => {
    if (toA - pa === toB - pb) {
      for (let k = 0; k < toA - pa; k++) diffTokens(blocksA[pa + k + 1]!, blocksB[pb + k + 1]!);
    } else diffTokens(blocksA[toA]!, blocksB[toB]!);
  };
  diffSequences(
    keysA.length,
    keysB.length,
    (i, j) => keysA[i] === keysB[j],
    (count, aStart, bStart) => {
      changedBlocks(aStart, bStart);
      equal(blocksA[aStart + count]!, blocksB[bStart + count]!);
      pa = aStart + count;
      pb = bStart + count;
    },
  );
  changedBlocks(keysA.length, keysB.length);
  return { segments, changes, added, removed };
}
