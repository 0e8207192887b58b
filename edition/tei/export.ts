/**
 * Writing TEI from Siglum: a collection (its frame with the documents put
 * back), one document as a standalone TEI file, or a whole project as a
 * teiCorpus. Output is UTF-8 text with LF line endings and no byte-order mark.
 */
import type { Node as PMNode } from 'prosemirror-model';
import type { DocJSON, DocumentMeta } from '../api.ts';
import { schema } from '../schema.ts';
import { parseXml } from '../xml/parse.ts';
import { serializeXml } from '../xml/serialize.ts';
import type { XmlAttr, XmlDocument, XmlElement, XmlNode } from '../xml/tree.ts';
import { TEI_NS, XML_NS, element, isWhitespace, utf8Document } from '../xml/tree.ts';
import { blocksToXml, withPointers } from './fromDoc.ts';
import { PLACEHOLDER } from './import.ts';
import { makeIdsUnique } from './pointers.ts';

/** A ProseMirror document from JSON, checked against the schema. RangeError when it does not fit. */
export function docFromJSON(json: DocJSON): PMNode {
  const doc = schema.nodeFromJSON(json);
  doc.check();
  return doc;
}

/**
 * The project register as an export needs it: the `xml:id` each mention's entity
 * has (entity id -> xml:id; null writes the mention without a pointer) and the
 * `<standOff>` to write (`registerToStandOff`), or null for none.
 */
export interface ExportRegister {
  xmlIdOf: (entityId: string) => string | null;
  standOff: XmlElement | null;
  /**
   * For a document exported on its own: a `<back>` to write after its body (the
   * entries it points at as FRUS lists, where the FRUS schema allows no standOff).
   */
  back?: XmlElement | null;
}

/** Writes with mentions pointing through the register, when there is one. */
function pointing<T>(register: ExportRegister | undefined, write: () => T): T {
  return register === undefined ? write() : withPointers(register.xmlIdOf, write);
}

/** Puts the standOff right after the root's teiHeader (before `<text>`), indented as its siblings. */
function insertStandOff(root: XmlElement, standOff: XmlElement | null): void {
  if (standOff === null) return;
  const at = root.children.findIndex((c) => c.type === 'element' && c.uri === TEI_NS && c.name === 'teiHeader');
  const ws = root.children[at + 1];
  const gap = ws?.type === 'text' && isWhitespace(ws.text) ? ws.text : '\n';
  root.children.splice(at + 1, 0, text(gap), standOff);
}

interface Slot {
  container: XmlElement;
  parent: XmlElement | null;
  key: string;
  /** The container's indentation, or null where `xml:space="preserve"` is in force: nothing may be added. */
  indent: string | null;
}

/** The placeholders of a frame, each with its container element and that element's indentation. */
function findSlots(root: XmlElement): Slot[] {
  const slots: Slot[] = [];
  const walk = (el: XmlElement, parent: XmlElement | null, indent: string, preserve: boolean): void => {
    const space = el.attrs.find((a) => a.name === 'xml:space')?.value;
    const keep = space === 'preserve' || (preserve && space !== 'default');
    for (const [i, c] of el.children.entries()) {
      if (c.type === 'pi' && c.target === PLACEHOLDER)
        slots.push({ container: el, parent, key: c.body, indent: keep ? null : indent });
      if (c.type !== 'element') continue;
      const before = el.children[i - 1];
      const ws = before?.type === 'text' && isWhitespace(before.text) && before.text.includes('\n');
      walk(c, el, ws ? before.text.slice(before.text.lastIndexOf('\n') + 1) : `${indent}    `, keep);
    }
  };
  walk(root, null, '', false);
  return slots;
}

const PRESERVE: XmlAttr = { name: 'xml:space', uri: XML_NS, value: 'preserve' };

function el(name: string, attrs: Array<[string, string]>, children: XmlNode[]): XmlElement {
  const a: XmlAttr[] = attrs.map(([n, value]) => ({ name: n, uri: '', value }));
  return element(name, TEI_NS, a, children);
}

function text(t: string): XmlNode {
  return { type: 'text', text: t };
}

/** Fills a parsed frame's placeholders; documents without a placeholder are appended to the body as new document divs. */
function fillFrame(frame: XmlDocument, docs: ReadonlyMap<string, DocJSON>): void {
  const slots = findSlots(frame.root);
  const placed = new Set<string>();
  for (const slot of slots) {
    const json = docs.get(slot.key);
    if (!json) throw new RangeError(`exportCollectionTei: no document for the frame's placeholder "${slot.key}"`);
    placed.add(slot.key);
    slot.container.children.splice(
      0,
      slot.container.children.length,
      ...blocksToXml(docFromJSON(json).content, slot.indent),
    );
  }
  const extra = [...docs.keys()].filter((k) => !placed.has(k));
  if (extra.length === 0) return;
  const body = findElement(frame.root, 'body');
  if (!body) throw new RangeError('exportCollectionTei: the frame has no <body> for documents added to the collection');
  for (const key of extra) {
    body.children.push(
      text('\n'),
      el('div', [['type', 'document']], blocksToXml(docFromJSON(docs.get(key)!).content, '')),
    );
  }
  body.children.push(text('\n'));
}

function findElement(root: XmlElement, name: string): XmlElement | null {
  if (root.uri === TEI_NS && root.name === name) return root;
  for (const c of root.children) {
    if (c.type !== 'element') continue;
    const found = findElement(c, name);
    if (found) return found;
  }
  return null;
}

/**
 * The whole volume: the frame (from importTei) with every placeholder replaced
 * by its document's content. Documents in `docs` with no placeholder (added to
 * the collection later) are appended to the body as `<div type="document">`.
 *
 * @throws RangeError when a placeholder has no document, or a document does not fit the schema.
 */
export function exportCollectionTei(
  frame: string,
  docs: ReadonlyMap<string, DocJSON>,
  register?: ExportRegister,
): string {
  const xml = parseXml(frame, { fileName: 'frame' });
  pointing(register, () => fillFrame(xml, docs));
  insertStandOff(xml.root, register?.standOff ?? null);
  return serializeXml(xml);
}

/** Namespace declarations (other than the default) on the frame's root, to carry into a standalone file. */
function prefixDeclarations(root: XmlElement): Array<[string, string]> {
  return root.attrs.filter((a) => a.name.startsWith('xmlns:')).map((a) => [a.name, a.value]);
}

/** A minimal header: the title, "Exported from Siglum", and the source when known. */
function header(meta: DocumentMeta): XmlElement {
  const source = meta.source ? `Source: ${meta.source}.` : 'Created in Siglum.';
  const i = (n: number): string => '    '.repeat(n);
  return el(
    'teiHeader',
    [],
    indented(
      [
        el(
          'fileDesc',
          [],
          indented(
            [
              el('titleStmt', [], indented([el('title', [], [text(meta.title || 'Untitled')])], i(3))),
              el('publicationStmt', [], indented([el('p', [], [text('Exported from Siglum.')])], i(3))),
              el('sourceDesc', [], indented([el('p', [], [text(source)])], i(3))),
            ],
            i(2),
          ),
        ),
      ],
      i(1),
    ),
  );
}

/** Indents element-only children of `parent` (a small tree built here). */
function indented(children: XmlNode[], indent: string): XmlNode[] {
  const out: XmlNode[] = [];
  for (const c of children) out.push(text(`\n${indent}    `), c);
  out.push(text(`\n${indent}`));
  return out;
}

let lastFrame: { text: string; root: XmlElement; slots: Slot[] } | null = null;

/** The parsed frame and its slots, read only; the last one is kept (exporting a volume's documents one by one reads the same frame each time). */
function frameSlots(text: string): { root: XmlElement; slots: Slot[] } {
  if (lastFrame?.text !== text) {
    const root = parseXml(text, { fileName: 'frame' }).root;
    lastFrame = { text, root, slots: findSlots(root) };
  }
  return lastFrame;
}

/**
 * One document as a standalone TEI file. With the frame and key it came from,
 * its container keeps its element and attributes (a FRUS document div keeps
 * `frus:` attributes and the namespace declarations they need, so it validates
 * against the FRUS schema); otherwise its blocks go straight into `<body>`.
 *
 * @throws RangeError when the key is not in the frame or the document does not fit the schema.
 */
export function exportDocumentTei(
  doc: DocJSON,
  meta: DocumentMeta,
  context: { frame?: string; key?: string; register?: ExportRegister } = {},
): string {
  return pointing(context.register, () => documentTei(doc, meta, context));
}

function documentTei(
  doc: DocJSON,
  meta: DocumentMeta,
  context: { frame?: string; key?: string; register?: ExportRegister },
): string {
  const pm = docFromJSON(doc);
  let rootAttrs: Array<[string, string]> = [['xmlns', TEI_NS]];
  let bodyContent: XmlNode[];
  let bodyAttrs: Array<[string, string]> = [];
  if (context.frame !== undefined && context.key !== undefined) {
    const frame = frameSlots(context.frame);
    const slot = frame.slots.find((s) => s.key === context.key);
    if (!slot) throw new RangeError(`exportDocumentTei: the frame has no placeholder "${context.key}"`);
    rootAttrs = rootAttrs.concat(prefixDeclarations(frame.root));
    const c = slot.container;
    // Whitespace preserved by an element around the container is preserved by the container on its own.
    const keep = slot.indent === null;
    const attrs = keep && !c.attrs.some((a) => a.name === 'xml:space') ? [...c.attrs, PRESERVE] : c.attrs;
    if (c.uri === TEI_NS && c.name === 'body') {
      bodyContent = blocksToXml(pm.content, keep ? null : '        ');
      if (keep) bodyAttrs = [['xml:space', 'preserve']];
    } else
      bodyContent = [
        text('\n            '),
        element(c.name, c.uri, attrs, blocksToXml(pm.content, keep ? null : '            ')),
        text('\n        '),
      ];
  } else bodyContent = blocksToXml(pm.content, '        ');
  const body = el('body', bodyAttrs, bodyContent);
  const standOff = context.register?.standOff;
  const back = context.register?.back;
  const parts = [
    header(meta),
    ...(standOff ? [standOff] : []),
    el('text', [], indented(back ? [body, back] : [body], '    ')),
  ];
  const root = el('TEI', rootAttrs, indented(parts, ''));
  return serializeXml(utf8Document(root));
}

/**
 * The whole project as a `<teiCorpus>`: a header with the project's title, then
 * each collection's volume (as exportCollectionTei writes it) in order. A
 * collection's own `register` points its mentions (volumes keep their own ids); the
 * project's `register` does for the others and gives the corpus its standOff.
 *
 * @throws RangeError for no collections: a teiCorpus holds at least one TEI.
 */
export function exportProjectTei(
  collections: ReadonlyArray<{ frame: string; docs: ReadonlyMap<string, DocJSON>; register?: ExportRegister }>,
  title = 'Siglum project',
  register?: ExportRegister,
): string {
  if (collections.length === 0) throw new RangeError('exportProjectTei: a teiCorpus needs at least one volume');
  const volumes: XmlNode[] = [];
  // xml:id is unique in one file: a volume's ids that an earlier volume (or the corpus's
  // register) already has get the volume's number as a prefix, its pointers with them.
  const taken = new Set<string>();
  if (register?.standOff) makeIdsUnique(register.standOff, taken, '');
  for (const [i, c] of collections.entries()) {
    const xml = parseXml(c.frame, { fileName: 'frame' });
    pointing(c.register ?? register, () => fillFrame(xml, c.docs));
    makeIdsUnique(xml.root, taken, `v${i + 1}-`);
    volumes.push(
      ...xml.prolog.filter((p): p is Exclude<typeof p, { type: 'doctype' }> => p.type !== 'doctype'),
      xml.root,
    );
  }
  const meta: DocumentMeta = { title, date: null, source: null, extra: {} };
  // The register once, for every volume: xml:ids are unique in the whole file.
  const standOff = register?.standOff;
  const root = el(
    'teiCorpus',
    [['xmlns', TEI_NS]],
    indented([header(meta), ...(standOff ? [standOff] : []), ...volumes], ''),
  );
  return serializeXml(utf8Document(root));
}

/**
 * A frame for documents that came without one (created in Siglum or imported
 * from plain text): a minimal TEI file whose body holds one `<div type="document">`
 * placeholder per key, in order. Pass it to exportCollectionTei or exportProjectTei.
 */
export function newFrame(meta: DocumentMeta, keys: readonly string[]): string {
  const divs = keys.map((k) => el('div', [['type', 'document']], [{ type: 'pi', target: PLACEHOLDER, body: k }]));
  const body = el('body', [], indented(divs, '        '));
  const root = el('TEI', [['xmlns', TEI_NS]], indented([header(meta), el('text', [], indented([body], '    '))], ''));
  return serializeXml(utf8Document(root));
}
