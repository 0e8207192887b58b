/**
 * Suggestions: the places in a project where an entity's names occur in the text
 * but are not yet marked as mentions of it, for the editor to accept or reject.
 *
 * A name matches whole words only ("Grew" not in "Grewe"), across any run of
 * whitespace, without regard to diacritics ("Tokyo" finds "Tōkyō"), and without
 * regard to case unless asked (proper names: "Grew" but not "grew"). Where names
 * overlap, the longest wins ("Joseph C. Grew" rather than "Grew" inside it). A
 * match that overlaps a mention of the same entity is already marked and is not
 * suggested; one inside another entity's mention is suggested and says so.
 *
 * A rejection is remembered as document id + matched text + a hash of the words
 * around it, not as a position, so it survives edits elsewhere in the document.
 *
 * Preparing a document (reading and folding its text) is the costly part; the
 * caller keeps prepared documents and prepares again only those that changed.
 */
import { Node as PMNode } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import type { DocJSON } from '../types.ts';
import { schema } from '../schema.ts';
import { fold, foldWithMap, hashText, isWordChar, lowerAligned } from './fold.ts';
import { contextAround, readDocText, runRange, type TextRun } from './textblocks.ts';

/** What suggestions need of an entity. */
export interface SuggestEntity {
  id: string;
  name: string;
  altNames: readonly string[];
}

/** A rejected suggestion, as the store keeps it. */
export interface Rejection {
  documentId: string;
  text: string;
  contextHash: string;
}

export interface Suggestion {
  documentId: string;
  /** Document positions of the matched text. */
  from: number;
  to: number;
  /** The text as it stands in the document. */
  text: string;
  /** The entity name (or alternative name) that matched. */
  name: string;
  /** A few words either side, for the queue. */
  before: string;
  after: string;
  /** Identifies this occurrence by its surroundings; what a rejection records. */
  contextHash: string;
  inNote: boolean;
  /** The ref of another entity's mention the match lies in, if any. */
  insideMentionOf: string | null;
}

export interface SuggestOptions {
  /** Match case exactly (diacritics are still ignored). Default false. */
  caseSensitive?: boolean;
  /** Rejections to leave out. */
  rejections?: Iterable<Rejection>;
  /** Words of context either side (default 5). */
  contextWords?: number;
}

/** A document read and folded for searching. Rebuild it when the document changes. */
export interface PreparedDocument {
  readonly id: string;
  readonly runs: readonly TextRun[];
  /**
   * All runs folded (case kept, and the same lower-cased), joined by line breaks so
   * that one search covers the document and no match crosses two runs.
   */
  readonly keepCase: string;
  readonly lower: string;
  /** Where each run starts in the joined folded text. */
  readonly starts: Int32Array;
  /** For each run, folded index -> index in its text (one more entry at the end). */
  readonly maps: readonly Int32Array[];
}

/** Reads and folds a document (ProseMirror node or its JSON) for suggestions. */
export function prepareDocument(id: string, doc: PMNode | DocJSON): PreparedDocument {
  const node = doc instanceof PMNode ? doc : PMNode.fromJSON(schema, doc);
  const runs = readDocText(node).runs;
  const parts: string[] = [];
  const maps: Int32Array[] = [];
  const starts = new Int32Array(runs.length);
  let offset = 0;
  runs.forEach((run, i) => {
    const folded = foldWithMap(run.text, true);
    starts[i] = offset;
    parts.push(folded.text);
    maps.push(folded.map);
    offset += folded.text.length + 1;
  });
  const keepCase = parts.join('\n');
  return { id, runs, keepCase, lower: lowerAligned(keepCase), starts, maps };
}

/** The run a joined index falls in. */
function runAt(starts: Int32Array, at: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((starts[mid] ?? 0) <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** The key under which a rejection is remembered. */
function rejectionKey(documentId: string, text: string, contextHash: string): string {
  return `${documentId}\u0000${text}\u0000${contextHash}`;
}

/**
 * Words either side that identify an occurrence in a rejection: enough to tell two
 * occurrences in one document apart, few enough that an edit nearby is unlikely.
 */
const HASH_WORDS = 3;

/** The context hash of an occurrence: its text and the words around it, folded. */
export function contextHashOf(text: string, before: string, after: string): string {
  return hashText(`${fold(before)}\u0000${fold(text)}\u0000${fold(after)}`);
}

/**
 * Every unmarked occurrence of the entity's names in the documents, in document
 * order. Documents may be given prepared (fast) or as { id, doc } (prepared here).
 */
export function findSuggestions(
  entity: SuggestEntity,
  documents: Iterable<PreparedDocument | { id: string; doc: PMNode | DocJSON }>,
  options: SuggestOptions = {},
): Suggestion[] {
  const caseSensitive = options.caseSensitive ?? false;
  const contextWords = options.contextWords ?? 5;
  const rejected = new Set<string>();
  for (const r of options.rejections ?? []) rejected.add(rejectionKey(r.documentId, r.text, r.contextHash));

  // Each name folded as the runs are; longest first so that overlaps keep the longest.
  const names = [...new Set([entity.name, ...entity.altNames])]
    .map((name) => {
      const keep = fold(name.replace(/\s+/g, ' ').trim(), true);
      return { name, needle: caseSensitive ? keep : lowerAligned(keep) };
    })
    .filter((n) => n.needle !== '')
    .sort((a, b) => b.needle.length - a.needle.length);

  const out: Suggestion[] = [];
  for (const item of documents) {
    const doc = 'runs' in item ? item : prepareDocument(item.id, item.doc);
    const haystack = caseSensitive ? doc.keepCase : doc.lower;
    const matches: Array<{ start: number; end: number; name: string }> = [];
    for (const { name, needle } of names) {
      for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
        const end = at + needle.length;
        if (isWordChar(haystack[at - 1]) || isWordChar(haystack[end])) continue;
        matches.push({ start: at, end, name });
      }
    }
    if (matches.length === 0) continue;
    matches.sort((a, b) => a.start - b.start || b.end - a.end);
    let lastEnd = -1;
    for (const m of matches) {
      if (m.start < lastEnd) continue;
      lastEnd = m.end;
      const r = runAt(doc.starts, m.start);
      const run = doc.runs[r];
      const map = doc.maps[r];
      if (run === undefined || map === undefined) continue;
      const base = doc.starts[r] ?? 0;
      const local = { start: m.start - base, end: m.end - base, name: m.name };
      const suggestion = toSuggestion(doc.id, run, map, local, entity.id, contextWords);
      if (suggestion === null) continue;
      if (rejected.has(rejectionKey(doc.id, suggestion.text, suggestion.contextHash))) continue;
      out.push(suggestion);
    }
  }
  return out;
}

function toSuggestion(
  documentId: string,
  run: TextRun,
  map: Int32Array,
  m: { start: number; end: number; name: string },
  entityId: string,
  contextWords: number,
): Suggestion | null {
  const start = map[m.start] ?? 0;
  // The end in run.text: where the next folded character's source begins.
  let end = map[m.end] ?? run.text.length;
  if (end <= (map[m.end - 1] ?? 0)) end = (map[m.end - 1] ?? 0) + 1;
  let insideMentionOf: string | null = null;
  for (const mention of run.mentions) {
    if (mention.start >= end || mention.end <= start) continue;
    const ref = mention.mark.attrs['ref'] as string | null;
    if (ref === entityId) return null;
    if (mention.start <= start && mention.end >= end) insideMentionOf = ref;
  }
  const text = run.text.slice(start, end);
  const { before, after } = contextAround(run.text, start, end, contextWords);
  const near = contextAround(run.text, start, end, HASH_WORDS);
  const { from, to } = runRange(run, start, end);
  return {
    documentId,
    from,
    to,
    text,
    name: m.name,
    before,
    after,
    contextHash: contextHashOf(text, near.before, near.after),
    inNote: run.inNote,
    insideMentionOf,
  };
}

/** What an accepted suggestion is marked as. */
export interface MentionAttrs {
  kind: string;
  ref: string;
  element?: string | null;
}

/**
 * Marks accepted suggestions of one document as mentions: the steps, as a
 * Transform over `doc`, that the editor applies (and the store persists) like any
 * other edit. Suggestions must have been found on this version of the document.
 */
export function acceptSuggestions(doc: PMNode, suggestions: Iterable<Suggestion>, attrs: MentionAttrs): Transform {
  const mark = schema.marks.mention.create({ kind: attrs.kind, ref: attrs.ref, element: attrs.element ?? null });
  const tr = new Transform(doc);
  for (const s of suggestions) {
    if (s.from < 0 || s.to > doc.content.size || s.from >= s.to) {
      throw new RangeError(`Suggestion ${s.from}-${s.to} lies outside a document of size ${doc.content.size}`);
    }
    tr.addMark(s.from, s.to, mark);
  }
  return tr;
}
