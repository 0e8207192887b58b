/**
 * The apparatus as the editions print it (edition/print, edition/publish): entries
 * read off a document's `app` marks as print entries, and the text without the marks.
 */
import type { Mark, Node as PMNode } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import type { ApparatusEntry } from '../print/model.ts';

interface RawAppAttrs {
  id: unknown;
  type: unknown;
  wit: unknown;
  readings: unknown;
}

function sigla(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string' && s !== '') : [];
}

/**
 * The apparatus entries of a document: each `app` mark (one entry, possibly over
 * several text nodes when other marks split its lemma) as a print entry, in the
 * series its type says (`seriesBTypes`), with every siglum the entries name. Unlike
 * `findEntries`, marks inside notes are kept: the print and HTML builders then report
 * them as not placeable, rather than the export leaving them out without a word; and
 * attributes are read as they are (a mark pasted without an id is still an entry).
 * Every export (PDF, HTML, LaTeX) gathers its apparatus here.
 */
export function printApparatus(
  doc: PMNode,
  seriesBTypes: readonly string[],
): { entries: ApparatusEntry[]; sigla: Set<string> } {
  const byId = new Map<string, { from: number; to: number; attrs: RawAppAttrs }>();
  const order: string[] = [];
  let anonymous = 0;
  let last: { key: string; to: number; mark: Mark } | null = null;
  doc.descendants((node, pos) => {
    if (!node.isText) return true;
    const mark = node.marks.find((m) => m.type.name === 'app');
    if (mark === undefined) return false;
    const attrs = mark.attrs as RawAppAttrs;
    // Marks without an id are one entry while they run on unbroken.
    const key =
      typeof attrs.id === 'string' && attrs.id !== ''
        ? attrs.id
        : last !== null && last.to === pos && mark.eq(last.mark)
          ? last.key
          : `#${anonymous++}`;
    const end = pos + node.nodeSize;
    const seen = byId.get(key);
    if (seen === undefined) {
      byId.set(key, { from: pos, to: end, attrs });
      order.push(key);
    } else {
      seen.to = Math.max(seen.to, end);
    }
    last = { key, to: end, mark };
    return false;
  });
  const used = new Set<string>();
  const entries = order.map((key): ApparatusEntry => {
    const { from, to, attrs } = byId.get(key)!;
    for (const s of sigla(attrs.wit)) used.add(s);
    const readings = (Array.isArray(attrs.readings) ? attrs.readings : []).map((r) => {
      const reading = (typeof r === 'object' && r !== null ? r : {}) as { text?: unknown; wit?: unknown };
      const wit = sigla(reading.wit);
      for (const s of wit) used.add(s);
      return { text: typeof reading.text === 'string' ? reading.text : '', sigla: wit };
    });
    const series = typeof attrs.type === 'string' && seriesBTypes.includes(attrs.type) ? 'B' : 'A';
    return { series, from, to, lemma: doc.textBetween(from, to, ' '), readings };
  });
  return { entries, sigla: used };
}

/**
 * The document without its `app` marks: the entries travel beside the text as print
 * entries (same positions: removing a mark moves nothing), and the HTML and LaTeX
 * writers refuse marks they do not know.
 */
export function withoutApparatusMarks(doc: PMNode): PMNode {
  const app = doc.type.schema.marks['app'];
  return app === undefined ? doc : new Transform(doc).removeMark(0, doc.content.size, app).doc;
}
