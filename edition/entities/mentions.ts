/**
 * Reading a document's mentions and notes, for the register's "mentions" list,
 * the index view (documents and printed pages per entity), `siglum mentions`,
 * and the notes panel.
 *
 * A mention is a stretch of text under one mention mark: contiguous text nodes
 * carrying an equal mark form one mention even where other marks (italic...)
 * change inside it, and a page break inside a mention does not split it. Nested
 * mentions are each listed, the outer one first.
 */
import { Node as PMNode } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import type { DocJSON } from '../types.ts';
import { schema, type XmlAttrs } from '../schema.ts';
import type { DateValue } from './dates.ts';
import { mentionElement } from './model.ts';
import { contextAround, readDocText, runRange, type PageBreakAt } from './textblocks.ts';

export interface MentionRecord {
  /** The entity's id, or null for a mention not yet linked. */
  ref: string | null;
  kind: string;
  /** The TEI element it exports as. */
  element: string;
  text: string;
  from: number;
  to: number;
  /** The printed page it is on: `n` of the last page break before it. */
  page: string | null;
  /** A few words either side. */
  before: string;
  after: string;
  inNote: boolean;
  /** A date mention's normalised value, if it has one. */
  date: DateValue | null;
}

export interface CollectOptions {
  /** Words of context either side (default 5). */
  contextWords?: number;
  /** The page the document begins on, for mentions before its first page break. */
  firstPage?: string | null;
}

function toNode(doc: PMNode | DocJSON): PMNode {
  return doc instanceof PMNode ? doc : PMNode.fromJSON(schema, doc);
}

/** The `n` of the last page break before `pos`, else `fallback`. */
function pageAt(pageBreaks: readonly PageBreakAt[], pos: number, fallback: string | null): string | null {
  let lo = 0;
  let hi = pageBreaks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((pageBreaks[mid]?.pos ?? 0) < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? fallback : (pageBreaks[lo - 1]?.n ?? fallback);
}

function dateValue(attrs: Record<string, unknown>): DateValue | null {
  const s = (k: string): string | null =>
    typeof attrs[k] === 'string' && attrs[k] !== '' ? (attrs[k] as string) : null;
  const when = s('when');
  if (when !== null) return { when };
  const from = s('from');
  const to = s('to');
  if (from !== null && to !== null) return { from, to };
  const notBefore = s('notBefore');
  const notAfter = s('notAfter');
  if (notBefore !== null) return notAfter === null ? { notBefore } : { notBefore, notAfter };
  if (notAfter !== null) return { notAfter };
  return null;
}

/** Every mention in a document, in document order (outer before inner where nested). */
export function collectMentions(doc: PMNode | DocJSON, options: CollectOptions = {}): MentionRecord[] {
  const { runs, pageBreaks } = readDocText(toNode(doc));
  const contextWords = options.contextWords ?? 5;
  const out: MentionRecord[] = [];
  for (const run of runs) {
    for (const m of run.mentions) {
      const attrs = m.mark.attrs as Record<string, unknown>;
      // Spaces at either end stand for a note or a line break the mark also covers: not part of the text.
      let { start, end } = m;
      while (start < end && run.text[start] === ' ') start++;
      while (end > start && run.text[end - 1] === ' ') end--;
      if (start === end) continue;
      const { from, to } = runRange(run, start, end);
      const kind = String(attrs['kind']);
      out.push({
        ref: (attrs['ref'] as string | null) ?? null,
        kind,
        element: mentionElement(kind, (attrs['element'] as string | null) ?? null),
        text: run.text.slice(start, end),
        from,
        to,
        page: pageAt(pageBreaks, from, options.firstPage ?? null),
        ...contextAround(run.text, start, end, contextWords),
        inNote: run.inNote,
        date: dateValue(attrs),
      });
    }
  }
  return out.sort((a, b) => a.from - b.from || b.to - a.to);
}

/** The register ids the document's mentions point to. */
export function mentionedEntities(doc: PMNode): Set<string> {
  const refs = new Set<string>();
  const type = schema.marks.mention;
  doc.descendants((node) => {
    for (const mark of node.marks) {
      const ref: unknown = mark.attrs['ref'];
      if (mark.type === type && typeof ref === 'string') refs.add(ref);
    }
    return true;
  });
  return refs;
}

/**
 * Points every mention of entity `from` in a document at entity `to` (merging two
 * register entries), or unmarks them when `to` is null (the text stays). Other
 * attributes of each mention are kept. Returns the steps as a Transform over `doc`;
 * `tr.docChanged` is false when the document has no such mention.
 */
export function relinkMentions(doc: PMNode, from: string, to: string | null): Transform {
  const tr = new Transform(doc);
  const type = schema.marks.mention;
  doc.descendants((node, pos) => {
    if (!node.isInline) return true;
    for (const mark of node.marks) {
      if (mark.type !== type || mark.attrs['ref'] !== from) continue;
      const end = pos + node.nodeSize;
      tr.removeMark(pos, end, mark);
      if (to !== null) tr.addMark(pos, end, type.create({ ...mark.attrs, ref: to }));
    }
    return true;
  });
  return tr;
}

/** Where one entity occurs in one document: its pages in order of first mention. */
export interface IndexLocation {
  documentId: string;
  pages: Array<string | null>;
  mentions: number;
}

/**
 * The index view: for each entity (by ref), the documents it is mentioned in and
 * the printed pages, in the order the documents are given. Unlinked mentions are
 * left out.
 */
export function entityIndex(
  documents: Iterable<{ id: string; mentions: readonly MentionRecord[] }>,
): Map<string, IndexLocation[]> {
  const index = new Map<string, IndexLocation[]>();
  for (const { id, mentions } of documents) {
    const here = new Map<string, IndexLocation>();
    for (const m of mentions) {
      if (m.ref === null) continue;
      let loc = here.get(m.ref);
      if (loc === undefined) {
        loc = { documentId: id, pages: [], mentions: 0 };
        here.set(m.ref, loc);
        const list = index.get(m.ref) ?? [];
        list.push(loc);
        index.set(m.ref, list);
      }
      loc.mentions++;
      if (!loc.pages.includes(m.page)) loc.pages.push(m.page);
    }
  }
  return index;
}

export interface NoteNumber {
  /** The note node's position. */
  pos: number;
  /** The number it gets in reading order, or null for a note printed without one. */
  n: string | null;
  /** The number it carries now (`n` attribute). */
  current: string | null;
  type: string | null;
  id: string | null;
  /** Its text, shortened, for the notes panel. */
  preview: string;
}

export interface NumberingOptions {
  /** The number of the first numbered note (default 1): FRUS numbers run on through a volume. */
  start?: number;
  /**
   * Whether a note gets a number. By default every note does except those printed
   * inline (`rend="inline"`, as older FRUS volumes print source notes).
   */
  numbered?: (note: PMNode) => boolean;
}

function printedInline(note: PMNode): boolean {
  return (note.attrs['xml'] as XmlAttrs).some(([name, value]) => name === 'rend' && value === 'inline');
}

/** The number each note would get, in reading order, for the notes panel and for renumbering. */
export function numberNotes(doc: PMNode | DocJSON, options: NumberingOptions = {}): NoteNumber[] {
  const numbered = options.numbered ?? ((note: PMNode) => !printedInline(note));
  let next = options.start ?? 1;
  const out: NoteNumber[] = [];
  toNode(doc).descendants((node, pos) => {
    if (node.type !== schema.nodes.note) return true;
    const preview = node.textContent.replace(/\s+/g, ' ').trim();
    out.push({
      pos,
      n: numbered(node) ? String(next++) : null,
      current: (node.attrs['n'] as string | null) ?? null,
      type: (node.attrs['type'] as string | null) ?? null,
      id: (node.attrs['id'] as string | null) ?? null,
      preview: preview.length > 80 ? `${preview.slice(0, 79)}…` : preview,
    });
    return true;
  });
  return out;
}
