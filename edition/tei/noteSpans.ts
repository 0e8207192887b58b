/**
 * Notes on a span of text, between TEI and the model.
 *
 * TEI writes a span note at the start of its span, pointing to an anchor at the
 * span's end (att.anchoring `@targetEnd`, the idiom of the Guidelines' notes
 * section): `<note xml:id="n1" targetEnd="#n1-end">…</note>words<anchor xml:id="n1-end"/>`.
 * The model keeps the note where a reader's call-out goes, at the span's end,
 * and marks the words with `noteSpan` (edition/schema, edition/notes). Both
 * directions work on the flat list of a container's inline nodes, so marks and
 * nesting are left to the ordinary readers and writers; toDoc checks the
 * result against the source and keeps the span generic when it would not
 * write back the same.
 */
import type { Mark, Node as PMNode } from 'prosemirror-model';
import { spanMarkOf } from '../notes/spans.ts';
import { schema, type XmlAttrs } from '../schema.ts';

/** The anchor id the export uses for a span whose mark names none. */
function defaultAnchor(noteId: string): string {
  return `${noteId}-end`;
}

function isAnchor(node: PMNode, id: string): boolean {
  if (node.type !== schema.nodes.teiInline || node.attrs['name'] !== 'anchor') return false;
  const xml = node.attrs['xml'] as XmlAttrs;
  return xml.length === 1 && xml[0]![0] === 'xml:id' && xml[0]![1] === id;
}

function withoutSpans(node: PMNode): PMNode {
  const marks = node.marks.filter((m) => m.type !== schema.marks.noteSpan);
  return marks.length === node.marks.length ? node : node.mark(marks);
}

/** The id a one-pointer attribute (`#x`) of `xml` names, or null. */
function pointer(xml: XmlAttrs, name: string): string | null {
  const value = xml.find(([n]) => n === name)?.[1];
  return value !== undefined && /^#\S+$/.test(value) ? value.slice(1) : null;
}

function spanMark(id: string, end: string, start: string | null): Mark {
  return schema.marks.noteSpan.create({ note: id, anchor: end === defaultAnchor(id) ? null : end, start });
}

function anchor(id: string, marks: readonly Mark[]): PMNode {
  return schema.nodes.teiInline.create({ name: 'anchor', xml: [['xml:id', id]] }, null, marks);
}

/**
 * Reads span notes in inline nodes built from TEI. A note with an `xml:id` and
 * `targetEnd="#x"` followed, in the same container, by `<anchor xml:id="x"/>`
 * (nothing else on it) moves to the anchor's place, which it replaces, and the
 * nodes between get its `noteSpan` mark. A note with an `xml:id`, `target="#s"`
 * and `targetEnd="#e"` right after `<anchor xml:id="e"/>`, with `<anchor
 * xml:id="s"/>` before it in the container, stays where it is; both anchors go
 * and the nodes between them get its mark. Other notes and anchors stay as they are.
 */
export function readNoteSpans(nodes: readonly PMNode[]): PMNode[] {
  let list = nodes.slice();
  for (let i = 0; i < list.length; i++) {
    const note = list[i]!;
    if (note.type !== schema.nodes.note) continue;
    const id = note.attrs['id'] as string | null;
    const xml = note.attrs['xml'] as XmlAttrs;
    const end = pointer(xml, 'targetEnd');
    if (id === null || end === null) continue;
    const start = pointer(xml, 'target');
    const rest = xml.filter(([name]) => name !== 'targetEnd' && (start === null || name !== 'target'));
    if (start === null) {
      const j = list.findIndex((n, k) => k > i + 1 && isAnchor(n, end));
      if (j < 0) continue;
      const mark = spanMark(id, end, null);
      const spanned = list.slice(i + 1, j).map((n) => n.mark(mark.addToSet(n.marks)));
      const moved = note.type.create({ ...note.attrs, xml: rest }, note.content, list[j]!.marks);
      list = [...list.slice(0, i), ...spanned, moved, ...list.slice(j + 1)];
      i--; // notes inside the span are read too
    } else {
      if (i < 2 || !isAnchor(list[i - 1]!, end)) continue;
      const j = list.findIndex((n, k) => k < i - 2 && isAnchor(n, start));
      if (j < 0) continue;
      const mark = spanMark(id, end, start);
      const spanned = list.slice(j + 1, i - 1).map((n) => n.mark(mark.addToSet(n.marks)));
      const kept = note.type.create({ ...note.attrs, xml: rest }, note.content, note.marks);
      list = [...list.slice(0, j), ...spanned, kept, ...list.slice(i + 1)];
      i = j - 1; // notes inside the span are read too
    }
  }
  return list;
}

/** Marks both neighbours of a place carry: the elements a note written there sits in. */
function marksAt(before: PMNode | undefined, after: PMNode): readonly Mark[] {
  if (before === undefined) return [];
  return withoutSpans(after).marks.filter((m) => m.isInSet(before.marks));
}

/**
 * The inline nodes as TEI writes them: each note whose span directly precedes
 * it moves to the span's start with `targetEnd`, and an anchor takes its place
 * (or, for a span read from `@target` + `@targetEnd`, the note stays after
 * anchors at both ends); `noteSpan` marks are dropped (a span whose note is not
 * right after it is not written).
 */
export function writeNoteSpans(nodes: readonly PMNode[]): PMNode[] {
  if (!nodes.some((n) => n.marks.some((m) => m.type === schema.marks.noteSpan))) return nodes.slice();
  const before = new Map<number, PMNode[]>();
  const replaced = new Map<number, PMNode>();
  nodes.forEach((note, k) => {
    const id = note.attrs['id'];
    if (note.type !== schema.nodes.note || typeof id !== 'string' || k === 0) return;
    const mark = spanMarkOf(nodes[k - 1]!, id);
    if (mark === undefined) return;
    let f = k - 1;
    while (f > 0 && mark.isInSet(nodes[f - 1]!.marks)) f--;
    const anchorId = (mark.attrs['anchor'] as string | null) ?? defaultAnchor(id);
    const start = mark.attrs['start'] as string | null;
    const own = note.attrs['xml'] as XmlAttrs;
    const endAnchor = anchor(anchorId, withoutSpans(note).marks);
    if (start === null) {
      const xml = [...own, ['targetEnd', `#${anchorId}`] as const];
      const moved = note.type.create({ ...note.attrs, xml }, note.content, marksAt(nodes[f - 1], nodes[f]!));
      before.set(f, [...(before.get(f) ?? []), moved]);
      replaced.set(k, endAnchor);
    } else {
      const xml = [...own, ['target', `#${start}`] as const, ['targetEnd', `#${anchorId}`] as const];
      before.set(f, [...(before.get(f) ?? []), anchor(start, marksAt(nodes[f - 1], nodes[f]!))]);
      before.set(k, [...(before.get(k) ?? []), endAnchor]);
      replaced.set(k, note.type.create({ ...note.attrs, xml }, note.content, note.marks));
    }
  });
  const out: PMNode[] = [];
  nodes.forEach((n, k) => {
    out.push(...(before.get(k) ?? []));
    out.push(withoutSpans(replaced.get(k) ?? n));
  });
  return out;
}
