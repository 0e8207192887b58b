/**
 * Where a document's note numbering starts. FRUS numbers notes through a volume
 * (the seed despatch's notes are 89 and 90), so a document's numbering starts at
 * the lowest number its notes carry; a note added anywhere, even before the
 * first, takes its place in that run (89, 90, 91), and a document whose notes
 * carry no number starts at 1.
 */
import type { Node as PMNode } from 'prosemirror-model';
import { schema } from '../schema.ts';

/** The number the document's first numbered note should carry. */
export function noteNumberingStart(doc: PMNode): number {
  let lowest = Infinity;
  doc.descendants((node) => {
    if (node.type !== schema.nodes.note) return true;
    const n = /^\d+$/.test(String(node.attrs['n'] ?? '')) ? Number(node.attrs['n']) : NaN;
    if (n > 0 && n < lowest) lowest = n;
    return false;
  });
  return Number.isFinite(lowest) ? lowest : 1;
}
