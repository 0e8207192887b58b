/**
 * The apparatus as it lives in a document: each entry is an `app` mark (edition/schema)
 * on its lemma. This module reads entries out of a document and checks the attributes
 * that arrive from outside (JSON, the wire) before they become a mark.
 */
import type { Mark, Node as PMNode } from 'prosemirror-model';
import { schema } from '../schema.ts';

/** One reading of an entry: the witnesses (sigla) that read `text` instead of the lemma. */
export interface AppReading {
  readonly wit: readonly string[];
  /** The reading as written; '' is an omission. */
  readonly text: string;
  /** The reading's type (`orthographic`, `substantive`...), or null. */
  readonly type: string | null;
}

/** The attributes of an `app` mark. */
export interface AppAttrs {
  readonly id: string;
  readonly type: string | null;
  /** The witnesses (sigla) that read the lemma. */
  readonly wit: readonly string[];
  readonly readings: readonly AppReading[];
  readonly note: string | null;
}

/** An entry found in a document: its attributes and where its lemma lies. */
export interface AppEntry extends AppAttrs {
  /** Document positions of the lemma (from < to: a lemma is never empty in the text). */
  readonly from: number;
  readonly to: number;
  /** The lemma's text. */
  readonly lemma: string;
}

function stringList(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || !value.every((s) => typeof s === 'string' && s !== '')) {
    throw new RangeError(`${what} must be a list of sigla (non-empty strings), got ${JSON.stringify(value)}`);
  }
  return [...(value as string[])];
}

function nullableString(value: unknown, what: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw new RangeError(`${what} must be a string or null, got ${JSON.stringify(value)}`);
  return value;
}

/** A reading checked. RangeError saying what is wrong. */
export function checkReading(value: unknown): AppReading {
  const r = value as { wit?: unknown; text?: unknown; type?: unknown } | null;
  if (typeof r !== 'object' || r === null)
    throw new RangeError(`a reading must be an object, got ${JSON.stringify(value)}`);
  if (typeof r.text !== 'string')
    throw new RangeError(`a reading needs "text" (a string; '' for an omission), got ${JSON.stringify(r.text)}`);
  return {
    wit: stringList(r.wit ?? [], 'a reading\'s "wit"'),
    text: r.text,
    type: nullableString(r.type, 'a reading\'s "type"'),
  };
}

/** Entry attributes checked (the `app` mark's attrs, or what a caller sends). RangeError saying what is wrong. */
export function checkAppAttrs(value: unknown): AppAttrs {
  const a = value as Record<string, unknown> | null;
  if (typeof a !== 'object' || a === null)
    throw new RangeError(`apparatus entry attributes must be an object, got ${JSON.stringify(value)}`);
  if (typeof a['id'] !== 'string' || a['id'] === '')
    throw new RangeError(`an apparatus entry needs an "id", got ${JSON.stringify(a['id'])}`);
  if (!Array.isArray(a['readings']))
    throw new RangeError(`an apparatus entry needs "readings" (a list), got ${JSON.stringify(a['readings'])}`);
  return {
    id: a['id'],
    type: nullableString(a['type'], 'an entry\'s "type"'),
    wit: stringList(a['wit'] ?? [], 'the lemma\'s "wit"'),
    readings: a['readings'].map(checkReading),
    note: nullableString(a['note'], 'an entry\'s "note"'),
  };
}

/**
 * The `app` mark for these attributes (checked), keeping `xml` and `nest` from `like` if
 * given; a new entry (no `like`) is written to TEI with its id as `xml:id`.
 */
export function appMark(attrs: AppAttrs, like?: Mark): Mark {
  const checked = checkAppAttrs(attrs);
  return schema.marks.app.create({
    ...checked,
    wit: [...checked.wit],
    readings: checked.readings.map((r) => ({ wit: [...r.wit], text: r.text, type: r.type })),
    xml: like ? like.attrs['xml'] : [['xml:id', checked.id]],
    nest: like?.attrs['nest'] ?? null,
  });
}

/** The entry attributes of an `app` mark. */
export function attrsOf(mark: Mark): AppAttrs {
  return checkAppAttrs(mark.attrs);
}

/**
 * Every entry of the document in text order. Adjacent text carrying the same mark is one
 * lemma; a lemma interrupted by an inline atom (a page break) is still one entry as long
 * as the atom carries the mark too.
 */
export function findEntries(doc: PMNode): AppEntry[] {
  const entries: Array<{ mark: Mark; from: number; to: number; lemma: string }> = [];
  let open: (typeof entries)[number] | null = null;
  doc.descendants((node, pos) => {
    if (node.type === schema.nodes.note) return false;
    if (!node.isInline) return true;
    const mark = node.marks.find((m) => m.type === schema.marks.app);
    if (mark && open && open.mark.eq(mark) && open.to === pos) {
      open.to = pos + node.nodeSize;
      open.lemma += node.text ?? '';
    } else if (mark) {
      open = { mark, from: pos, to: pos + node.nodeSize, lemma: node.text ?? '' };
      entries.push(open);
    } else open = null;
    return false;
  });
  return entries.map((e) => ({ ...attrsOf(e.mark), from: e.from, to: e.to, lemma: e.lemma }));
}

/** The entry with this id, or null. */
export function findEntry(doc: PMNode, id: string): AppEntry | null {
  return findEntries(doc).find((e) => e.id === id) ?? null;
}

/** FNV-1a of a string, in base 36: a short stamp of a document's text. */
function stamp(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/**
 * An id no entry of the document has yet: `app-STAMP-N`, where STAMP comes from the
 * document's text, so that entries of different documents exported in one volume do not
 * share an `xml:id`.
 */
export function freshId(doc: PMNode): string {
  const taken = new Set(findEntries(doc).map((e) => e.id));
  const prefix = `app-${stamp(doc.textContent)}-`;
  let n = taken.size + 1;
  while (taken.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}
