/**
 * Which apparatus entries of a document can be shown: the exports place a lemma
 * between document positions of the running text, so an entry whose positions are
 * not a range, lie outside the document or reach into a note is set aside with a
 * reason, for the export to report (never dropped silently).
 */
import type { Node as PMNode } from 'prosemirror-model';
import type { ApparatusEntry } from '../print/model.ts';
import { schema } from '../schema.ts';

export interface PlacedEntry {
  /** Index of the entry in the document's apparatus. */
  index: number;
  entry: ApparatusEntry;
}

export interface RejectedEntry {
  index: number;
  reason: string;
}

/** Document positions inside notes: a lemma may not start or end there. */
function noteRanges(doc: PMNode): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  doc.descendants((node, pos) => {
    if (node.type === schema.nodes.note) {
      ranges.push([pos, pos + node.nodeSize]);
      return false;
    }
    return true;
  });
  return ranges;
}

function rejection(entry: ApparatusEntry, doc: PMNode, inNotes: ReadonlyArray<[number, number]>): string | null {
  if (!(Number.isInteger(entry.from) && Number.isInteger(entry.to)) || entry.from > entry.to) {
    return `its positions ${entry.from}–${entry.to} are not a range`;
  }
  if (entry.from < 0 || entry.to > doc.content.size) {
    return `its positions ${entry.from}–${entry.to} lie outside the document (size ${doc.content.size})`;
  }
  if (inNotes.some(([a, b]) => (entry.from > a && entry.from < b) || (entry.to > a && entry.to < b))) {
    return 'its lemma lies inside a note';
  }
  return null;
}

/** Splits a document's apparatus into the entries that can be placed and those that cannot. */
export function placeApparatus(
  doc: PMNode,
  apparatus: readonly ApparatusEntry[],
): { accepted: PlacedEntry[]; rejected: RejectedEntry[] } {
  const inNotes = noteRanges(doc);
  const accepted: PlacedEntry[] = [];
  const rejected: RejectedEntry[] = [];
  apparatus.forEach((entry, index) => {
    const reason = rejection(entry, doc, inNotes);
    if (reason === null) accepted.push({ entry, index });
    else rejected.push({ index, reason });
  });
  return { accepted, rejected };
}
