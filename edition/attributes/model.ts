/**
 * The TEI attributes of the document's nodes and marks as an editor sees them in
 * the attribute panel: for each node or mark, the element it is written as and its
 * attributes, whether the schema models them (a note's `n`, a page break's `facs`),
 * fixes them (`<hi rend="italic">` is the italic mark), or keeps them as they came
 * (the `xml` list every node and mark carries, which is how an unmodelled `<persName
 * corresp="...">` keeps its attributes). Pure: the renderer turns edits into steps.
 */
import type { Mark, Node as PMNode } from 'prosemirror-model';
import { mentionElement } from '../entities/model.ts';
import type { XmlAttrs } from '../schema.ts';

/** Where an attribute's value lives, and so how it is changed. */
export type AttributeSource =
  /** A node or mark attribute of the schema, written as the TEI attribute `name`. */
  | { kind: 'modelled'; attr: string }
  /** One of the `xml` pairs, kept as read. */
  | { kind: 'xml' }
  /** Implied by the node or mark type (italic is `rend="italic"`); not editable here. */
  | { kind: 'fixed' };

export interface AttributeRow {
  /** The TEI attribute's qualified name (`xml:id`, `corresp`). */
  name: string;
  value: string;
  source: AttributeSource;
}

/** Modelled attributes per node or mark type: [schema attribute, TEI attribute]. */
const MODELLED: Readonly<Record<string, ReadonlyArray<readonly [string, string]>>> = {
  pageBreak: [
    ['n', 'n'],
    ['facs', 'facs'],
  ],
  lineBreak: [['facs', 'facs']],
  note: [
    ['n', 'n'],
    ['type', 'type'],
    ['id', 'xml:id'],
  ],
  mention: [
    ['when', 'when'],
    ['from', 'from'],
    ['to', 'to'],
    ['notBefore', 'notBefore'],
    ['notAfter', 'notAfter'],
  ],
};

/** Attributes a type implies. */
const FIXED: Readonly<Record<string, ReadonlyArray<readonly [string, string]>>> = {
  sourceNote: [['type', 'source']],
  italic: [['rend', 'italic']],
  bold: [['rend', 'bold']],
  smallcaps: [['rend', 'smallcaps']],
  superscript: [['rend', 'superscript']],
};

const ELEMENT: Readonly<Record<string, string>> = {
  heading: 'head',
  paragraph: 'p',
  sourceNote: 'note',
  list: 'list',
  label: 'label',
  item: 'item',
  opener: 'opener',
  closer: 'closer',
  dateline: 'dateline',
  salute: 'salute',
  signed: 'signed',
  pageBreak: 'pb',
  lineBreak: 'lb',
  note: 'note',
  italic: 'hi',
  bold: 'hi',
  smallcaps: 'hi',
  superscript: 'hi',
  app: 'app',
};

/** The TEI element a node or mark is written as, or null when it is none (a run of text, a note's span). */
export function elementOf(item: PMNode | Mark): string | null {
  const type = item.type.name;
  if (type === 'teiBlock' || type === 'teiText' || type === 'teiInline' || type === 'teiMark') {
    const name = item.attrs['name'] as string | null;
    return name === null || name.startsWith('#') ? null : name;
  }
  if (type === 'mention') return mentionElement(String(item.attrs['kind']), item.attrs['element'] as string | null);
  return ELEMENT[type] ?? null;
}

/** Every attribute of a node or mark, fixed and modelled ones first, then the kept ones in their order. */
export function attributeRows(item: PMNode | Mark): AttributeRow[] {
  const type = item.type.name;
  const rows: AttributeRow[] = [];
  for (const [name, value] of FIXED[type] ?? []) rows.push({ name, value, source: { kind: 'fixed' } });
  for (const [attr, name] of MODELLED[type] ?? []) {
    const value = item.attrs[attr] as string | null;
    if (value !== null && value !== undefined) rows.push({ name, value, source: { kind: 'modelled', attr } });
  }
  for (const [name, value] of xmlOf(item)) rows.push({ name, value, source: { kind: 'xml' } });
  return rows;
}

/** Whether a node or mark has a place for attributes at all (everything from TEI carries `xml`). */
export function hasAttributes(item: PMNode | Mark): boolean {
  return item.type.spec.attrs?.['xml'] !== undefined;
}

export function xmlOf(item: PMNode | Mark): XmlAttrs {
  const xml = item.attrs['xml'] as XmlAttrs | undefined;
  return xml ?? [];
}

/** The schema attribute that holds TEI attribute `name` for this type, if the schema models it. */
export function modelledAttr(typeName: string, name: string): string | null {
  return MODELLED[typeName]?.find(([, tei]) => tei === name)?.[0] ?? null;
}

/** Whether the type itself fixes TEI attribute `name` (italic's `rend`). */
export function isFixed(typeName: string, name: string): boolean {
  return (FIXED[typeName] ?? []).some(([n]) => n === name);
}

/** The `xml` list with `name` set to `value` (in place, or added at the end), or removed when `value` is null. */
export function withXmlAttr(xml: XmlAttrs, name: string, value: string | null): XmlAttrs {
  const at = xml.findIndex(([n]) => n === name);
  if (value === null) return at < 0 ? xml : xml.filter((_, i) => i !== at);
  if (at < 0) return [...xml, [name, value]];
  return xml.map((pair, i) => (i === at ? ([name, value] as const) : pair));
}

/** How many times each xml:id occurs in the document (notes' ids and kept `xml:id` attributes). */
export function idsIn(doc: PMNode): Map<string, number> {
  const ids = new Map<string, number>();
  const count = (id: string) => ids.set(id, (ids.get(id) ?? 0) + 1);
  const visit = (item: PMNode | Mark) => {
    if (item.type.name === 'note' && typeof item.attrs['id'] === 'string') count(item.attrs['id']);
    for (const [name, value] of xmlOf(item)) if (name === 'xml:id') count(value);
  };
  const seenMarks = new Set<Mark>();
  doc.descendants((node) => {
    visit(node);
    for (const mark of node.marks) {
      // A mark spans several text nodes; count each mark object once per run.
      if (!seenMarks.has(mark)) {
        seenMarks.add(mark);
        visit(mark);
      }
    }
  });
  return ids;
}
