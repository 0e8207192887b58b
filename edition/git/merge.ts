/**
 * The three-way merge of a document on the document model, not on its XML: `base` is
 * the document at the last commit both sides share, `ours` the project now, `theirs`
 * what a pull brings. Blocks (the document's children) are compared first; where both
 * sides changed the same block, the merge goes down into it (the blocks of a list, the
 * words of a paragraph) and takes both where they do not overlap. What still overlaps
 * is a conflict of whole top-level blocks, shown side by side for the editor to choose
 * or edit (`resolveMerge`).
 */
import { diff3Merge, diffIndices } from 'node-diff3';
import type { DocJSON } from '../types.ts';
import { schema } from '../schema.ts';

/** A node of a document as JSON (ProseMirror's `Node.toJSON()`). */
export interface NodeJSON {
  type: string;
  attrs?: Record<string, unknown>;
  content?: NodeJSON[];
  marks?: unknown[];
  text?: string;
}

/** A run of the merged document: blocks taken as they are, or a conflict between the two sides. */
export type MergeChunk =
  { kind: 'ok'; blocks: NodeJSON[] } | { kind: 'conflict'; base: NodeJSON[]; ours: NodeJSON[]; theirs: NodeJSON[] };

/** The outcome of `mergeDocuments`: chunks in document order and how many are conflicts. */
export interface DocMerge {
  chunks: MergeChunk[];
  conflicts: number;
}

/** How the editor settles one conflict: one side, both (ours first), or text of their own (paragraphs split at blank lines). */
export type ConflictChoice = 'ours' | 'theirs' | 'both' | { text: string };

const key = (n: unknown): string => JSON.stringify(n);

function blocksOf(doc: DocJSON | NodeJSON): NodeJSON[] {
  return (doc.content ?? []) as NodeJSON[];
}

/** A node without its content: type, attributes and marks, which must agree for a merge inside it. */
function shell(n: NodeJSON): string {
  return key({ type: n.type, attrs: n.attrs ?? null, marks: n.marks ?? null });
}

/** Inline content as tokens: each word and each run of spaces of a text node with its marks, each inline node whole. */
function tokens(content: readonly NodeJSON[]): string[] {
  const out: string[] = [];
  for (const n of content) {
    if (n.type !== 'text' || n.text === undefined) {
      out.push(key({ node: n }));
      continue;
    }
    for (const part of n.text.split(/(\s+)/)) if (part !== '') out.push(key({ text: part, marks: n.marks ?? null }));
  }
  return out;
}

/** Tokens back to inline nodes, joining neighbouring text of the same marks. */
function fromTokens(keys: readonly string[]): NodeJSON[] {
  const out: NodeJSON[] = [];
  for (const k of keys) {
    const t = JSON.parse(k) as { node?: NodeJSON; text?: string; marks?: unknown[] | null };
    if (t.node !== undefined) {
      out.push(t.node);
      continue;
    }
    const last = out[out.length - 1];
    if (last !== undefined && last.type === 'text' && key(last.marks ?? null) === key(t.marks ?? null)) {
      last.text = (last.text ?? '') + (t.text ?? '');
    } else {
      out.push({ type: 'text', text: t.text ?? '', ...(t.marks ? { marks: t.marks } : {}) });
    }
  }
  return out;
}

/** A three-way merge of sequences of keys; null when the two sides overlap anywhere. */
function mergeKeys(base: string[], ours: string[], theirs: string[]): string[] | null {
  const out: string[] = [];
  for (const region of diff3Merge(ours, base, theirs, { excludeFalseConflicts: true })) {
    if (region.ok) {
      out.push(...region.ok);
      continue;
    }
    const both = applyBoth(region.conflict!.o, region.conflict!.a, region.conflict!.b);
    if (both === null) return null;
    out.push(...both);
  }
  return out;
}

/**
 * Both sides' changes to a stretch of the base applied together, when the stretches of
 * the base they change do not overlap (diff3 calls changes that only touch a conflict);
 * null when they do.
 */
function applyBoth(base: string[], ours: string[], theirs: string[]): string[] | null {
  type Hunk = { from: number; to: number; content: string[] };
  const hunks = (side: string[]): Hunk[] =>
    diffIndices(base, side).map((d) => ({
      from: d.buffer1[0],
      to: d.buffer1[0] + d.buffer1[1],
      content: d.buffer2Content,
    }));
  const [mine, other] = [hunks(ours), hunks(theirs)];
  const clash = (a: Hunk, b: Hunk): boolean =>
    (a.from < b.to && b.from < a.to) || (a.from === b.from && (a.from === a.to || b.from === b.to));
  if (mine.some((a) => other.some((b) => clash(a, b)))) return null;
  const all = [...mine, ...other].sort((a, b) => a.from - b.from || a.to - b.to);
  const out: string[] = [];
  let at = 0;
  for (const h of all) {
    out.push(...base.slice(at, h.from), ...h.content);
    at = h.to;
  }
  out.push(...base.slice(at));
  return out;
}

/** One node changed on both sides, merged inside; null when the changes overlap. */
function mergeNode(base: NodeJSON, ours: NodeJSON, theirs: NodeJSON): NodeJSON | null {
  const [b, o, t] = [key(base), key(ours), key(theirs)];
  if (o === t || t === b) return ours;
  if (o === b) return theirs;
  if (shell(base) !== shell(ours) || shell(base) !== shell(theirs)) return null;
  const type = schema.nodes[base.type as keyof typeof schema.nodes];
  if (type === undefined || type.isLeaf) return null;
  if (type.isTextblock) {
    const merged = mergeKeys(tokens(blocksOf(base)), tokens(blocksOf(ours)), tokens(blocksOf(theirs)));
    return merged === null ? null : { ...ours, content: fromTokens(merged) };
  }
  const merged = mergeBlocks(blocksOf(base), blocksOf(ours), blocksOf(theirs));
  if (merged.conflicts > 0) return null;
  return { ...ours, content: merged.chunks.flatMap((c) => (c.kind === 'ok' ? c.blocks : [])) };
}

function mergeBlocks(base: NodeJSON[], ours: NodeJSON[], theirs: NodeJSON[]): DocMerge {
  const byKey = new Map<string, NodeJSON>();
  const keysOf = (nodes: NodeJSON[]): string[] =>
    nodes.map((n) => {
      const k = key(n);
      byKey.set(k, n);
      return k;
    });
  const chunks: MergeChunk[] = [];
  const ok = (blocks: NodeJSON[]): void => {
    const last = chunks[chunks.length - 1];
    if (last?.kind === 'ok') last.blocks.push(...blocks);
    else if (blocks.length > 0) chunks.push({ kind: 'ok', blocks: [...blocks] });
  };
  const conflict = (b: NodeJSON[], o: NodeJSON[], t: NodeJSON[]): void => {
    chunks.push({ kind: 'conflict', base: b, ours: o, theirs: t });
  };
  const nodes = (keys: readonly string[]): NodeJSON[] => keys.map((k) => byKey.get(k)!);
  for (const region of diff3Merge(keysOf(ours), keysOf(base), keysOf(theirs), { excludeFalseConflicts: true })) {
    if (region.ok) {
      ok(nodes(region.ok));
      continue;
    }
    const c = region.conflict!;
    const both = applyBoth(c.o, c.a, c.b);
    if (both !== null) {
      ok(nodes(both));
      continue;
    }
    const [o, b, t] = [nodes(c.a), nodes(c.o), nodes(c.b)];
    // Blocks changed in place on both sides: merge them pairwise, inside each.
    if (o.length === b.length && t.length === b.length) {
      for (let i = 0; i < b.length; i++) {
        const merged = mergeNode(b[i]!, o[i]!, t[i]!);
        if (merged === null) conflict([b[i]!], [o[i]!], [t[i]!]);
        else ok([merged]);
      }
    } else conflict(b, o, t);
  }
  return { chunks, conflicts: chunks.filter((c) => c.kind === 'conflict').length };
}

/**
 * Merges three versions of one document. Changes on one side only are taken as they
 * are; changes on both sides are taken both where they touch different blocks, or
 * different words of one block; the rest are conflicts.
 */
export function mergeDocuments(base: DocJSON, ours: DocJSON, theirs: DocJSON): DocMerge {
  return mergeBlocks(blocksOf(base), blocksOf(ours), blocksOf(theirs));
}

/** Paragraphs from text typed by the editor in a conflict: one per run of lines between blank lines. */
function paragraphs(text: string): NodeJSON[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '')
    .map((p) => ({ type: 'paragraph', content: [{ type: 'text', text: p }] }));
}

/**
 * The document a merge gives once each conflict is settled (`choices` in the order of
 * the conflicts). A RangeError when the choices do not match the conflicts.
 */
export function resolveMerge(merge: DocMerge, choices: readonly ConflictChoice[]): DocJSON {
  if (choices.length !== merge.conflicts) {
    throw new RangeError(`The merge has ${merge.conflicts} conflicts but ${choices.length} choices were given.`);
  }
  const content: NodeJSON[] = [];
  let i = 0;
  for (const chunk of merge.chunks) {
    if (chunk.kind === 'ok') {
      content.push(...chunk.blocks);
      continue;
    }
    const choice = choices[i++]!;
    if (choice === 'ours') content.push(...chunk.ours);
    else if (choice === 'theirs') content.push(...chunk.theirs);
    else if (choice === 'both') content.push(...chunk.ours, ...chunk.theirs);
    else content.push(...paragraphs(choice.text));
  }
  if (content.length === 0) content.push({ type: 'paragraph' });
  return { type: 'doc', content };
}

/** Whether two documents are the same (as JSON). */
export function sameDocument(a: DocJSON, b: DocJSON): boolean {
  return key(a) === key(b);
}

/**
 * A three-way merge of keyed records (the register by xml:id, say): an entry changed,
 * added or removed on one side only takes that side; changed on both sides differently,
 * ours is kept and its key is reported in `conflicts`.
 */
export function mergeKeyed<T>(
  base: ReadonlyMap<string, T>,
  ours: ReadonlyMap<string, T>,
  theirs: ReadonlyMap<string, T>,
): { merged: Map<string, T>; conflicts: string[] } {
  const merged = new Map<string, T>();
  const conflicts: string[] = [];
  const keys = new Set([...base.keys(), ...ours.keys(), ...theirs.keys()]);
  for (const k of [...keys].sort()) {
    const [b, o, t] = [base.get(k), ours.get(k), theirs.get(k)];
    const [bk, ok, tk] = [key(b), key(o), key(t)];
    let pick: T | undefined;
    if (ok === tk || tk === bk) pick = o;
    else if (ok === bk) pick = t;
    else {
      conflicts.push(k);
      pick = o ?? t;
    }
    if (pick !== undefined) merged.set(k, pick);
  }
  return { merged, conflicts };
}

/** The text of blocks, for showing a conflict: each block's text, blank lines between, notes in brackets. */
export function blocksText(blocks: readonly NodeJSON[]): string {
  const inline = (n: NodeJSON): string =>
    n.type === 'text'
      ? (n.text ?? '')
      : n.type === 'note'
        ? ` [${blocksText(n.content ?? [])}]`
        : n.type === 'lineBreak'
          ? '\n'
          : (n.content ?? []).map(inline).join('');
  return blocks
    .map((b) => {
      const type = schema.nodes[b.type as keyof typeof schema.nodes];
      return type?.isTextblock ? (b.content ?? []).map(inline).join('') : blocksText(b.content ?? []);
    })
    .join('\n\n');
}
