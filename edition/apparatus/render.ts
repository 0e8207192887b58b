/**
 * The apparatus as text, one line per entry: `lemma] reading sigla`. A negative
 * apparatus gives only the readings that differ; a positive one also names the
 * witnesses of the lemma (`lemma A B] reading C`). Omissions read `om.`.
 */
import type { Node as PMNode } from 'prosemirror-model';
import { findEntries, type AppEntry } from './model.ts';

export type ApparatusMode = 'positive' | 'negative';

function reading(text: string): string {
  return text.trim() === '' ? 'om.' : text.trim().replace(/\s+/gu, ' ');
}

/** One entry as a line of text. */
export function renderEntry(entry: AppEntry, mode: ApparatusMode = 'negative'): string {
  const lemma = reading(entry.lemma);
  const head = mode === 'positive' && entry.wit.length > 0 ? `${lemma} ${entry.wit.join(' ')}]` : `${lemma}]`;
  const readings = entry.readings.map((r) => [reading(r.text), ...r.wit].join(' ')).join('; ');
  const note = entry.note === null ? '' : ` (${entry.note})`;
  return `${head} ${readings}${note}`;
}

/** The document's apparatus, one line per entry, in text order. */
export function renderApparatus(doc: PMNode, mode: ApparatusMode = 'negative'): string[] {
  return findEntries(doc).map((e) => renderEntry(e, mode));
}
