/**
 * Editing the apparatus: each command is a ProseMirror transform on the base document
 * (add and remove mark steps, replace steps for text), so it travels to the collab
 * authority as steps like any edit, and prosemirror-history undoes it.
 *
 * Commands take a `Transform` (a `Transaction` is one) and return it; an entry is named
 * by its id. Bad input (an unknown id, a range that holds no text, a reading index out of
 * range) throws a RangeError saying what is wrong.
 */
import type { Node as PMNode } from 'prosemirror-model';
import type { Transform } from 'prosemirror-transform';
import type { ApparatusEntry as CollationEntry } from '../collation/apparatus.ts';
import { schema } from '../schema.ts';
import {
  appMark,
  checkReading,
  findEntries,
  findEntry,
  freshId,
  type AppAttrs,
  type AppEntry,
  type AppReading,
} from './model.ts';
import type { DocText } from './text.ts';

function entryOf(doc: PMNode, id: string): AppEntry {
  const entry = findEntry(doc, id);
  if (entry === null) throw new RangeError(`There is no apparatus entry "${id}" in the document`);
  return entry;
}

function markOf(doc: PMNode, entry: AppEntry) {
  let found = null as ReturnType<typeof appMark> | null;
  doc.nodesBetween(entry.from, entry.to, (node) => {
    found ??= node.marks.find((m) => m.type === schema.marks.app && m.attrs['id'] === entry.id) ?? null;
    return found === null;
  });
  if (found === null) throw new Error(`apparatus entry ${entry.id} has no mark`);
  return found;
}

function checkRange(doc: PMNode, from: number, to: number): void {
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > doc.content.size || from >= to) {
    throw new RangeError(`${from}–${to} is not a range of the document (size ${doc.content.size})`);
  }
  if (doc.textBetween(from, to, ' ', ' ').trim() === '')
    throw new RangeError(`A lemma needs text; ${from}–${to} holds none`);
  const overlapping = doc.rangeHasMark(from, to, schema.marks.app);
  if (overlapping) throw new RangeError(`${from}–${to} overlaps an apparatus entry; change or drop that entry first`);
}

/** Replaces an entry's attributes (its lemma stays where it is). */
function setAttrs(tr: Transform, entry: AppEntry, attrs: AppAttrs): Transform {
  const old = markOf(tr.doc, entry);
  // The mark excludes itself, so adding the new one removes the old in the same range.
  return tr.addMark(entry.from, entry.to, appMark({ ...attrs, id: entry.id }, old));
}

export interface NewEntry {
  id?: string;
  type?: string | null;
  wit?: readonly string[];
  readings: readonly AppReading[];
  note?: string | null;
}

/** Makes an entry with `from`–`to` (document positions) as its lemma. Returns the transform; the id is `entry.id` or a fresh one. */
export function makeEntry(tr: Transform, from: number, to: number, entry: NewEntry): Transform {
  checkRange(tr.doc, from, to);
  const attrs: AppAttrs = {
    id: entry.id ?? freshId(tr.doc),
    type: entry.type ?? null,
    wit: entry.wit ?? [],
    readings: entry.readings,
    note: entry.note ?? null,
  };
  if (findEntry(tr.doc, attrs.id)) throw new RangeError(`The document already has an apparatus entry "${attrs.id}"`);
  return tr.addMark(from, to, appMark(attrs));
}

/**
 * The entry a collation variant gives (edition/collation's `apparatusEntries`, collated
 * with the document's own text, `documentText`, as witness `base`), placed on the
 * lemma's text. An addition (an empty lemma) is placed on the word before it, or after
 * it at the start, with the reading extended by that word so that the entry reads right.
 * Returns null when there is no text to attach to.
 */
export function entryFromVariant(
  text: DocText,
  variant: CollationEntry,
  sigla: readonly string[],
): { from: number; to: number; entry: NewEntry } | null {
  const sig = (ws: readonly number[]) => ws.map((w) => sigla[w] ?? String(w));
  let { from, to } = variant;
  let before = '';
  let after = '';
  if (from === to) {
    // An addition: take the neighbouring word as the lemma.
    const prev = /(\S+)(\s*)$/u.exec(text.text.slice(0, from));
    const next = /^(\s*)(\S+)/u.exec(text.text.slice(to));
    if (prev) {
      from -= prev[0].length;
      before = prev[0];
    } else if (next) {
      to += next[0].length;
      after = next[0];
    } else return null;
  }
  const pos = (offset: number) => text.positions[offset] ?? text.positions[text.positions.length - 1]!;
  const lemma = text.text.slice(from, to);
  const joined = (reading: string) => {
    if (before !== '') return reading === '' ? lemma : `${before.trimEnd()} ${reading}`;
    if (after !== '') return reading === '' ? lemma : `${reading} ${after.trimStart()}`;
    return reading;
  };
  return {
    from: pos(from),
    to: pos(to),
    entry: {
      wit: sig(variant.lemma.witnesses),
      readings: variant.readings.map((r) => ({ wit: sig(r.witnesses), text: joined(r.text), type: r.kind ?? null })),
      type: null,
      note: null,
    },
  };
}

/** Moves an entry's lemma to `from`–`to` (for example one word more), keeping its readings. */
export function setLemmaRange(tr: Transform, id: string, from: number, to: number): Transform {
  const entry = entryOf(tr.doc, id);
  const old = markOf(tr.doc, entry);
  tr.removeMark(entry.from, entry.to, old);
  checkRange(tr.doc, from, to);
  return tr.addMark(from, to, old);
}

/** Replaces the lemma's text (the base text there) with `text`, keeping the entry on it. */
export function replaceLemma(tr: Transform, id: string, text: string): Transform {
  if (text === '') throw new RangeError('A lemma needs text; drop the entry instead of emptying its lemma');
  const entry = entryOf(tr.doc, id);
  const mark = markOf(tr.doc, entry);
  const $from = tr.doc.resolve(entry.from);
  const marks = $from.parent.childAfter($from.parentOffset).node?.marks ?? [mark];
  return tr.replaceWith(entry.from, entry.to, schema.text(text, marks));
}

/**
 * Makes reading `index` the lemma: its text replaces the lemma's in the base text, and
 * the old lemma (with its witnesses) becomes a reading.
 */
export function promoteReading(tr: Transform, id: string, index: number): Transform {
  const entry = entryOf(tr.doc, id);
  const reading = entry.readings[index];
  if (reading === undefined) throw new RangeError(`Entry "${id}" has no reading ${index}`);
  if (reading.text === '')
    throw new RangeError("An omission cannot become the lemma; drop the lemma's text and the entry instead");
  replaceLemma(tr, id, reading.text);
  const moved = entryOf(tr.doc, id);
  const readings = entry.readings.map((r, i) =>
    i === index ? { wit: entry.wit, text: entry.lemma, type: r.type } : r,
  );
  return setAttrs(tr, moved, { ...entry, wit: reading.wit, readings });
}

/**
 * An emendation: the base text at the entry becomes `text`, the editor's own reading
 * (no witness reads it), and the words it replaces stay in the apparatus as the
 * reading of the lemma's witnesses. Choosing a witness's reading is not an
 * emendation: it is promoted (`promoteReading`), its witnesses with it.
 */
export function emendLemma(tr: Transform, id: string, text: string): Transform {
  const entry = entryOf(tr.doc, id);
  if (text === entry.lemma) return tr;
  const same = entry.readings.findIndex((r) => r.text === text);
  if (same >= 0) return promoteReading(tr, id, same);
  if (text === '') throw new RangeError('A lemma needs text; drop the entry instead of emptying its lemma');
  const old: AppReading = { wit: entry.wit, text: entry.lemma, type: null };
  const previous = markOf(tr.doc, entry);
  const mark = appMark({ ...entry, wit: [], readings: [old, ...entry.readings], id: entry.id }, previous);
  // One replace step carrying the new entry (a mark step after it would not survive undo as JSON).
  const $from = tr.doc.resolve(entry.from);
  const marks = ($from.parent.childAfter($from.parentOffset).node?.marks ?? [previous]).map((m) =>
    m === previous || m.eq(previous) ? mark : m,
  );
  return tr.replaceWith(entry.from, entry.to, schema.text(text, marks));
}

/** Adds a reading (at the end, or at `index`). */
export function addReading(tr: Transform, id: string, reading: AppReading, index?: number): Transform {
  const entry = entryOf(tr.doc, id);
  const readings = [...entry.readings];
  readings.splice(index ?? readings.length, 0, checkReading(reading));
  return setAttrs(tr, entry, { ...entry, readings });
}

/** Replaces reading `index`. */
export function updateReading(tr: Transform, id: string, index: number, reading: AppReading): Transform {
  const entry = entryOf(tr.doc, id);
  if (entry.readings[index] === undefined) throw new RangeError(`Entry "${id}" has no reading ${index}`);
  const readings = entry.readings.map((r, i) => (i === index ? checkReading(reading) : r));
  return setAttrs(tr, entry, { ...entry, readings });
}

/** Removes reading `index`. */
export function removeReading(tr: Transform, id: string, index: number): Transform {
  const entry = entryOf(tr.doc, id);
  if (entry.readings[index] === undefined) throw new RangeError(`Entry "${id}" has no reading ${index}`);
  return setAttrs(tr, entry, { ...entry, readings: entry.readings.filter((_, i) => i !== index) });
}

/** Sets the lemma's witnesses. */
export function setLemmaWitnesses(tr: Transform, id: string, wit: readonly string[]): Transform {
  const entry = entryOf(tr.doc, id);
  return setAttrs(tr, entry, { ...entry, wit });
}

/** Sets the entry's type (null: none). */
export function setEntryType(tr: Transform, id: string, type: string | null): Transform {
  const entry = entryOf(tr.doc, id);
  return setAttrs(tr, entry, { ...entry, type });
}

/** Attaches a note to the entry (null or '' removes it). */
export function setEntryNote(tr: Transform, id: string, note: string | null): Transform {
  const entry = entryOf(tr.doc, id);
  return setAttrs(tr, entry, { ...entry, note: note === '' ? null : note });
}

/**
 * Calls witness `from` by `to` in every entry that cites it (lemma and readings), so that
 * renaming a witness keeps its readings attributed to it. An entry already citing `to`
 * lists it once.
 */
export function renameSiglum(tr: Transform, from: string, to: string): Transform {
  if (from === to) return tr;
  const renamed = (wit: readonly string[]) => [...new Set(wit.map((s) => (s === from ? to : s)))];
  for (const entry of findEntries(tr.doc)) {
    if (!entry.wit.includes(from) && !entry.readings.some((r) => r.wit.includes(from))) continue;
    setAttrs(tr, entry, {
      ...entry,
      wit: renamed(entry.wit),
      readings: entry.readings.map((r) => ({ ...r, wit: renamed(r.wit) })),
    });
  }
  return tr;
}

/**
 * Takes witness `siglum` out of every entry that cites it, as removing the witness does:
 * out of the lemma's witnesses and each reading's; a reading no other witness has goes
 * with it, and an entry left with no reading and no note is dropped (its lemma stays in
 * the text as plain base text).
 */
export function dropSiglum(tr: Transform, siglum: string): Transform {
  const without = (wit: readonly string[]) => wit.filter((s) => s !== siglum);
  for (const entry of findEntries(tr.doc)) {
    if (!entry.wit.includes(siglum) && !entry.readings.some((r) => r.wit.includes(siglum))) continue;
    const readings = entry.readings
      .filter((r) => !(r.wit.length > 0 && without(r.wit).length === 0))
      .map((r) => ({ ...r, wit: without(r.wit) }));
    if (readings.length === 0 && entry.note === null) tr.removeMark(entry.from, entry.to, markOf(tr.doc, entry));
    else setAttrs(tr, entry, { ...entry, wit: without(entry.wit), readings });
  }
  return tr;
}

/**
 * True when `entry` already says what `proposed` (a collated place on the same lemma)
 * says: each witness it names reads the lemma, or the same reading, there too.
 */
export function entryHolds(entry: AppAttrs, proposed: NewEntry): boolean {
  const readsLemma = (s: string) => entry.wit.includes(s);
  const reads = (s: string, text: string) => entry.readings.some((r) => r.text === text && r.wit.includes(s));
  return (proposed.wit ?? []).every(readsLemma) && proposed.readings.every((r) => r.wit.every((s) => reads(s, r.text)));
}

/**
 * Adds to entry `id` what `proposed` (a collated place on the same lemma) says of the
 * witnesses it names: each goes to the lemma or to the reading with its text (a new one
 * if the entry has none), and out of wherever the entry had it. A reading left with no
 * witness goes; the rest of the entry (its other witnesses, types, note) stays.
 */
export function mergeIntoEntry(tr: Transform, id: string, proposed: NewEntry): Transform {
  const entry = entryOf(tr.doc, id);
  const named = new Set([...(proposed.wit ?? []), ...proposed.readings.flatMap((r) => r.wit)]);
  const kept = (wit: readonly string[]) => wit.filter((s) => !named.has(s));
  const wit = [...new Set([...kept(entry.wit), ...(proposed.wit ?? [])])];
  const readings: AppReading[] = entry.readings
    .map((r) => ({ ...r, wit: kept(r.wit) }))
    .filter((r, i) => r.wit.length > 0 || entry.readings[i]!.wit.length === 0);
  for (const r of proposed.readings) {
    const same = readings.findIndex((x) => x.text === r.text);
    if (same < 0) readings.push({ ...r });
    else readings[same] = { ...readings[same]!, wit: [...new Set([...readings[same]!.wit, ...r.wit])] };
  }
  return setAttrs(tr, entry, { ...entry, wit, readings });
}

/** Drops the entry; its lemma stays in the text as plain base text. */
export function dropEntry(tr: Transform, id: string): Transform {
  const entry = entryOf(tr.doc, id);
  return tr.removeMark(entry.from, entry.to, markOf(tr.doc, entry));
}
