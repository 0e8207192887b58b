/**
 * A document read as what search indexes: one segment per run of text (a paragraph,
 * a heading, a note's paragraph: edition/entities `readDocText`), one per apparatus
 * entry (its readings) and one per marked element (a mention's `persName`, an
 * unmodelled `<gloss>`...), each locating its text as a run and an offset in it, so
 * that a hit can be shown in the document it came from.
 */
import type { Mark, Node as PMNode } from 'prosemirror-model';
import { mentionElement } from '../entities/model.ts';
import { readDocText, type TextRun } from '../entities/textblocks.ts';
import { schema } from '../schema.ts';

/**
 * Where a segment comes from: the document's running text, its notes, its apparatus
 * readings, or a marked element (searched only when the search names that element).
 */
export type SegmentField = 'text' | 'notes' | 'apparatus' | 'element';

export interface Segment {
  field: SegmentField;
  /** For 'element': the TEI element names (mention element, and `mention` kind), space separated. */
  tag: string;
  /** The run (index into `readDocText(doc).runs`) and the offset in it where `text` starts. */
  run: number;
  start: number;
  text: string;
}

export interface DocumentSegments {
  segments: Segment[];
  /** The register entries the document mentions (row ids as in `ref`). */
  entities: string[];
}

/** The document positions of each run's characters, for finding where a mark starts. */
function positionIndex(runs: readonly TextRun[]): Map<number, [number, number]> {
  const at = new Map<number, [number, number]>();
  runs.forEach((run, r) => {
    for (let i = 0; i < run.pos.length; i++) {
      const pos = run.pos[i] as number;
      if (!at.has(pos)) at.set(pos, [r, i]);
    }
  });
  return at;
}

/** The stretches of text carrying the same mark (by `eq`), in document order. */
function markStretches(doc: PMNode, keep: (mark: Mark) => boolean): Array<{ mark: Mark; from: number; to: number }> {
  const out: Array<{ mark: Mark; from: number; to: number }> = [];
  // The stretches the previous text node ended; only those can go on into the next one.
  let open: Array<{ mark: Mark; from: number; to: number }> = [];
  doc.descendants((node, pos) => {
    if (!node.isText) return true;
    const next: typeof open = [];
    for (const mark of node.marks) {
      if (!keep(mark)) continue;
      const last = open.find((s) => s.to === pos && s.mark.eq(mark));
      if (last !== undefined) {
        last.to = pos + node.nodeSize;
        next.push(last);
      } else {
        const fresh = { mark, from: pos, to: pos + node.nodeSize };
        out.push(fresh);
        next.push(fresh);
      }
    }
    open = next;
    return false;
  });
  return out;
}

/** The segments search indexes for `doc`, in document order within each field. */
export function documentSegments(doc: PMNode): DocumentSegments {
  const { runs } = readDocText(doc);
  const segments: Segment[] = [];
  const entities = new Set<string>();
  runs.forEach((run, r) => {
    if (run.text.trim() !== '') {
      segments.push({ field: run.inNote ? 'notes' : 'text', tag: '', run: r, start: 0, text: run.text });
    }
    for (const m of run.mentions) {
      const kind = String(m.mark.attrs['kind']);
      const element = mentionElement(kind, (m.mark.attrs['element'] as string | null) ?? null);
      const ref = m.mark.attrs['ref'] as string | null;
      if (ref !== null) entities.add(ref);
      segments.push({
        field: 'element',
        tag: `${element} ${kind}`,
        run: r,
        start: m.start,
        text: run.text.slice(m.start, m.end),
      });
    }
  });
  const stretches = markStretches(doc, (m) => m.type === schema.marks.app || m.type === schema.marks.teiMark);
  const at = stretches.length === 0 ? new Map<number, [number, number]>() : positionIndex(runs);
  for (const { mark, from, to } of stretches) {
    const place = at.get(from);
    if (place === undefined) continue;
    const [r, start] = place;
    if (mark.type === schema.marks.teiMark) {
      segments.push({
        field: 'element',
        tag: String(mark.attrs['name']),
        run: r,
        start,
        text: doc.textBetween(from, to, ' '),
      });
      continue;
    }
    const readings = (mark.attrs['readings'] as Array<{ text: string }>).map((x) => x.text).filter((t) => t !== '');
    const note = mark.attrs['note'] as string | null;
    const text = [...readings, ...(note ? [note] : [])].join(' | ');
    if (text !== '') segments.push({ field: 'apparatus', tag: '', run: r, start, text });
  }
  return { segments, entities: [...entities] };
}
