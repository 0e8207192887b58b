/**
 * Writing TEI from Siglum: a collection (its frame with the documents put
 * back), one document as a standalone TEI file, or a whole project as a
 * teiCorpus. Output is UTF-8 text with LF line endings and no byte-order mark.
 */
import { Node as PMNode } from 'prosemirror-model';
import type { DocJSON, DocumentMeta } from '../types.ts';
import { schema } from '../schema.ts';
import { parseXml } from '../xml/parse.ts';
import { serializeXml } from '../xml/serialize.ts';
import type { XmlAttr, XmlDocument, XmlElement, XmlNode } from '../xml/tree.ts';
import { TEI_NS, XML_NS, element, isWhitespace, utf8Document } from '../xml/tree.ts';
import { addListWit, type ListedWitness } from './apparatus.ts';
import { blocksToXml, PLAIN_WRITE, type WriteContext } from './fromDoc.ts';
import { PLACEHOLDER } from './containers.ts';
import { makeIdsUnique } from './pointers.ts';
import { NO_SOURCE } from './meta.ts';

/** A ProseMirror document from JSON, checked against the schema. RangeError when it does not fit. */
export function docFromJSON(json: DocJSON): PMNode {
  const doc = schema.nodeFromJSON(json);
  doc.check();
  return doc;
}

/**
 * A document as the writers take it: the node when the caller holds one, its JSON
 * (checked), or a function that gives the node when the writer comes to it (called
 * once for each place the document is written), so that a volume's documents need not
 * all be in memory at once.
 */
export type DocInput = PMNode | DocJSON | (() => PMNode);

function docOf(doc: DocInput): PMNode {
  if (typeof doc === 'function') return doc();
  return doc instanceof PMNode ? doc : docFromJSON(doc);
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

/** How a file's mentions point: through the register, when there is one. */
function writeContext(register: ExportRegister | undefined): WriteContext {
  return register === undefined ? PLAIN_WRITE : { pointerOf: register.xmlIdOf };
}

/**
 * Puts the standOff right after the root's teiHeader (before `<text>`), indented as its
 * siblings, and its own lines by the file's unit of indentation (three spaces in a file
 * indented by three).
 */
function insertStandOff(root: XmlElement, standOff: XmlElement | null): void {
  if (standOff === null) return;
  const at = root.children.findIndex((c) => c.type === 'element' && c.uri === TEI_NS && c.name === 'teiHeader');
  const ws = root.children[at + 1];
  const gap = ws?.type === 'text' && isWhitespace(ws.text) ? ws.text : '\n';
  const unit = frameUnit(root);
  const base = gap.includes('\n') ? gap.slice(gap.lastIndexOf('\n') + 1) : '';
  root.children.splice(at + 1, 0, text(gap), reindented(standOff, base, unit));
}

/**
 * A copy of `el` (a tree built here) whose line breaks between elements, where its
 * content is elements only, are indented from `indent` by `unit` a level.
 */
function reindented(el: XmlElement, indent: string, unit: string): XmlElement {
  const elementOnly = el.children.every((c) => c.type === 'element' || (c.type === 'text' && isWhitespace(c.text)));
  const last = el.children.length - 1;
  const children = el.children.map((c, i): XmlNode => {
    if (c.type === 'element') return reindented(c, elementOnly ? indent + unit : indent, unit);
    if (!elementOnly || c.type !== 'text' || !c.text.includes('\n')) return c;
    return text(`\n${i === last ? indent : indent + unit}`);
  });
  return { ...el, children };
}

interface Slot {
  container: XmlElement;
  parent: XmlElement | null;
  key: string;
  /** The container's indentation, or null where `xml:space="preserve"` is in force: nothing may be added. */
  indent: string | null;
}

/** The indentation of an element on a line of its own: what follows the last line break before it; else null. */
function lineIndent(parent: XmlElement, at: number): string | null {
  const before = parent.children[at - 1];
  if (before?.type !== 'text' || !isWhitespace(before.text) || !before.text.includes('\n')) return null;
  return before.text.slice(before.text.lastIndexOf('\n') + 1);
}

/**
 * The unit of indentation a frame shows: how much deeper than its parent the first
 * element indented on a line of its own is (four spaces when none is).
 */
function frameUnit(root: XmlElement): string {
  const walk = (el: XmlElement, indent: string | null): string | null => {
    for (const [i, c] of el.children.entries()) {
      if (c.type !== 'element') continue;
      const own = lineIndent(el, i);
      if (own !== null && indent !== null && own.startsWith(indent) && own.length > indent.length)
        return own.slice(indent.length);
      const found = walk(c, own);
      if (found !== null) return found;
    }
    return null;
  };
  return walk(root, '') ?? '    ';
}

/** The placeholders of a frame, each with its container element and that element's indentation. */
function findSlots(root: XmlElement, unit: string): Slot[] {
  const slots: Slot[] = [];
  const walk = (el: XmlElement, parent: XmlElement | null, indent: string, preserve: boolean): void => {
    const space = el.attrs.find((a) => a.name === 'xml:space')?.value;
    const keep = space === 'preserve' || (preserve && space !== 'default');
    for (const [i, c] of el.children.entries()) {
      if (c.type === 'pi' && c.target === PLACEHOLDER)
        slots.push({ container: el, parent, key: c.body, indent: keep ? null : indent });
      if (c.type !== 'element') continue;
      walk(c, el, lineIndent(el, i) ?? `${indent}${unit}`, keep);
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
function fillFrame(frame: XmlDocument, docs: ReadonlyMap<string, DocInput>, context: WriteContext): void {
  const unit = frameUnit(frame.root);
  const slots = findSlots(frame.root, unit);
  const placed = new Set<string>();
  for (const slot of slots) {
    const doc = docs.get(slot.key);
    if (!doc) throw new RangeError(`exportCollectionTei: no document for the frame's placeholder "${slot.key}"`);
    placed.add(slot.key);
    slot.container.children.splice(
      0,
      slot.container.children.length,
      ...blocksToXml(docOf(doc).content, slot.indent, context),
    );
  }
  const extra = [...docs.keys()].filter((k) => !placed.has(k));
  if (extra.length === 0) return;
  const body = findElement(frame.root, 'body');
  if (!body) throw new RangeError('exportCollectionTei: the frame has no <body> for documents added to the collection');
  for (const key of extra) {
    body.children.push(
      text('\n'),
      el('div', [['type', 'document']], blocksToXml(docOf(docs.get(key)!).content, '', { ...context, unit })),
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
  docs: ReadonlyMap<string, DocInput>,
  register?: ExportRegister,
): string {
  return serializeXml(collectionTeiTree(frame, docs, register));
}

/** The tree `exportCollectionTei` writes, for a caller that reads it before (or instead of) writing. */
export function collectionTeiTree(
  frame: string,
  docs: ReadonlyMap<string, DocInput>,
  register?: ExportRegister,
): XmlDocument {
  const xml = parseXml(frame, { fileName: 'frame' });
  fillFrame(xml, docs, writeContext(register));
  insertStandOff(xml.root, register?.standOff ?? null);
  return xml;
}

/** Namespace declarations (other than the default) on the frame's root, to carry into a standalone file. */
function prefixDeclarations(root: XmlElement): Array<[string, string]> {
  return root.attrs.filter((a) => a.name.startsWith('xmlns:')).map((a) => [a.name, a.value]);
}

/** A minimal header: the title, "Exported from Siglum", and the source as it is known (read back unchanged). */
function header(meta: DocumentMeta, unit = '    '): XmlElement {
  const source = meta.source || NO_SOURCE;
  const i = (n: number): string => unit.repeat(n);
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
              el('titleStmt', [], indented([el('title', [], [text(meta.title || 'Untitled')])], i(3), unit)),
              el('publicationStmt', [], indented([el('p', [], [text('Exported from Siglum.')])], i(3), unit)),
              el('sourceDesc', [], indented([el('p', [], [text(source)])], i(3), unit)),
            ],
            i(2),
            unit,
          ),
        ),
      ],
      i(1),
      unit,
    ),
  );
}

/** Indents element-only children of `parent` (a small tree built here). */
function indented(children: XmlNode[], indent: string, unit = '    '): XmlNode[] {
  const out: XmlNode[] = [];
  for (const c of children) out.push(text(`\n${indent}${unit}`), c);
  out.push(text(`\n${indent}`));
  return out;
}

let lastFrame: { text: string; root: XmlElement; slots: Slot[]; unit: string } | null = null;

/** The parsed frame, its slots and its unit of indentation, read only; the last one is kept (exporting a volume's documents one by one reads the same frame each time). */
function frameSlots(text: string): { root: XmlElement; slots: Slot[]; unit: string } {
  if (lastFrame?.text !== text) {
    const root = parseXml(text, { fileName: 'frame' }).root;
    const unit = frameUnit(root);
    lastFrame = { text, root, slots: findSlots(root, unit), unit };
  }
  return lastFrame;
}

/**
 * True when the frame's placeholder `key` stands for the volume's whole text: its
 * container is the `<body>` (or the `<text>`) of the file, as for a letter, a play or
 * an inscription imported from a file of its own. Such a document written on its own
 * is its volume (exportTei), header and front matter included.
 */
export function holdsWholeText(frame: string, key: string): boolean {
  const slot = frameSlots(frame).slots.find((s) => s.key === key);
  return slot !== undefined && slot.container.uri === TEI_NS && ['body', 'text'].includes(slot.container.name);
}

/** How one document is written on its own. */
export interface DocumentTeiOptions {
  /** The frame (volume) the document came from, and its key there. */
  frame?: string;
  key?: string;
  /** The register its mentions point through, and the entries the file carries. */
  register?: ExportRegister;
  /** The witnesses to list in the header's `sourceDesc` (`<listWit>`); none: no list. */
  witnesses?: readonly ListedWitness[];
}

/**
 * One document as a standalone TEI file. With the frame and key it came from,
 * its container keeps its element and attributes (a FRUS document div keeps
 * `frus:` attributes and the namespace declarations they need, so it validates
 * against the FRUS schema); otherwise its blocks go straight into `<body>`.
 * Witnesses given are listed in the header. Written once, from the tree.
 *
 * @throws RangeError when the key is not in the frame or the document does not fit the schema.
 */
export function exportDocumentTei(doc: DocInput, meta: DocumentMeta, options: DocumentTeiOptions = {}): string {
  return serializeXml(documentTeiTree(doc, meta, options));
}

/** The tree `exportDocumentTei` writes, for a caller that reads it (witness texts, the pointer check). */
export function documentTeiTree(doc: DocInput, meta: DocumentMeta, options: DocumentTeiOptions = {}): XmlDocument {
  const tree = documentTei(docOf(doc), meta, options, writeContext(options.register));
  if (options.witnesses !== undefined && options.witnesses.length > 0) addListWit(tree.root, options.witnesses);
  return tree;
}

function documentTei(pm: PMNode, meta: DocumentMeta, context: DocumentTeiOptions, write: WriteContext): XmlDocument {
  let rootAttrs: Array<[string, string]> = [['xmlns', TEI_NS]];
  let bodyContent: XmlNode[];
  let bodyAttrs: Array<[string, string]> = [];
  // The file is laid out as its volume is: with its unit of indentation, its document's whitespace moved to where it stands.
  let unit = '    ';
  const i = (n: number): string => unit.repeat(n);
  if (context.frame !== undefined && context.key !== undefined) {
    const frame = frameSlots(context.frame);
    unit = frame.unit;
    const slot = frame.slots.find((s) => s.key === context.key);
    if (!slot) throw new RangeError(`exportDocumentTei: the frame has no placeholder "${context.key}"`);
    rootAttrs = rootAttrs.concat(prefixDeclarations(frame.root));
    const c = slot.container;
    // Whitespace preserved by an element around the container is preserved by the container on its own.
    const keep = slot.indent === null;
    const attrs = keep && !c.attrs.some((a) => a.name === 'xml:space') ? [...c.attrs, PRESERVE] : c.attrs;
    const at = (indent: string): WriteContext =>
      slot.indent === null ? write : { ...write, rebase: { from: slot.indent, to: indent } };
    if (c.uri === TEI_NS && c.name === 'body') {
      bodyContent = blocksToXml(pm.content, keep ? null : i(2), at(i(2)));
      if (keep) bodyAttrs = [['xml:space', 'preserve']];
    } else
      bodyContent = [
        text(`\n${i(3)}`),
        element(c.name, c.uri, attrs, blocksToXml(pm.content, keep ? null : i(3), at(i(3)))),
        text(`\n${i(2)}`),
      ];
  } else bodyContent = blocksToXml(pm.content, i(2), write);
  const body = el('body', bodyAttrs, bodyContent);
  const standOff = context.register?.standOff;
  const back = context.register?.back;
  const parts = [
    header(meta, unit),
    ...(standOff ? [standOff] : []),
    el('text', [], indented(back ? [body, back] : [body], i(1), unit)),
  ];
  const root = el('TEI', rootAttrs, indented(parts, '', unit));
  return utf8Document(root);
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
  collections: ReadonlyArray<{ frame: string; docs: ReadonlyMap<string, DocInput>; register?: ExportRegister }>,
  title = 'Siglum project',
  register?: ExportRegister,
): string {
  return serializeXml(projectTeiTree(collections, title, register));
}

/** The tree `exportProjectTei` writes. */
export function projectTeiTree(
  collections: ReadonlyArray<{ frame: string; docs: ReadonlyMap<string, DocInput>; register?: ExportRegister }>,
  title = 'Siglum project',
  register?: ExportRegister,
): XmlDocument {
  if (collections.length === 0) throw new RangeError('exportProjectTei: a teiCorpus needs at least one volume');
  const volumes: XmlNode[] = [];
  // The corpus's own lines are indented as its first volume is.
  let unit: string | undefined;
  // xml:id is unique in one file: a volume's ids that an earlier volume (or the corpus's
  // register) already has get the volume's number as a prefix, its pointers with them.
  const taken = new Set<string>();
  if (register?.standOff) makeIdsUnique(register.standOff, taken, '');
  for (const [i, c] of collections.entries()) {
    const xml = parseXml(c.frame, { fileName: 'frame' });
    fillFrame(xml, c.docs, writeContext(c.register ?? register));
    makeIdsUnique(xml.root, taken, `v${i + 1}-`);
    unit ??= frameUnit(xml.root);
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
    indented([header(meta, unit), ...(standOff ? [standOff] : []), ...volumes], '', unit),
  );
  return utf8Document(root);
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
