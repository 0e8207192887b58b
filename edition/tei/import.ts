/**
 * Reading a TEI file into Siglum: a volume becomes one collection (its frame)
 * and documents.
 *
 * Each `div[@type='document']` is a document; each top-level `div` of the front
 * and back matter is a document of kind 'front' or 'back'; a file with no
 * document divs makes one document of its body. Everything else (header,
 * title page, chapter heads, processing instructions...) stays in the frame:
 * the file's own XML with each document's content replaced by a placeholder
 * `<?siglum-document KEY?>`, so that export puts the documents back where they were.
 */
import type { DocJSON, DocumentMeta } from '../types.ts';
import type { Entity } from '../entities/model.ts';
import { registerFromFrusLists } from '../entities/frusLists.ts';
import { registerFromStandOff } from '../entities/standoff.ts';
import { SiglumError } from '../errors.ts';
import { parseXml } from '../xml/parse.ts';
import { serializeXml } from '../xml/serialize.ts';
import type { XmlAttr, XmlDocument, XmlElement, XmlPrologNode } from '../xml/tree.ts';
import { TEI_NS, childElements, getAttr, utf8Document } from '../xml/tree.ts';
import { isTei, readSpace } from './names.ts';
import { child, divMeta, headerMeta, headerTitle, wholeTextHeading } from './meta.ts';
import { containerToDoc } from './toDoc.ts';
import {
  SURFACE_PLACEHOLDER,
  readFacsimile,
  facsPointersOf,
  surfacesByDocument,
  type FacsimileSurface,
} from '../facsimile/tei.ts';

/** The target of the placeholder processing instruction in a frame. */
export const PLACEHOLDER = 'siglum-document';

/** One document read from a TEI file. */
export interface TeiDocument {
  /** Its placeholder key in the frame: the div's xml:id, else a generated key. */
  key: string;
  title: string;
  /** `div/@n`, e.g. the FRUS document number. */
  n: string | null;
  kind: 'document' | 'front' | 'back';
  meta: DocumentMeta;
  doc: DocJSON;
  /** The pages of the volume's `<facsimile>` its text points at (see facsimile/tei.ts). */
  surfaces?: FacsimileSurface[];
}

/** An entry of the register a volume brings (see `TeiImportOptions.register`). */
export interface TeiRegisterEntry {
  /** The entry, with `id` and `xmlId` both its xml:id. */
  entity: Entity;
  /**
   * True when the frame keeps the entry's definition (a FRUS persons or terms list),
   * false when it came from a `standOff`, which the frame no longer holds: export
   * writes those from the register.
   */
  definedInFrame: boolean;
}

/** What importTei returns: one collection (the volume) and its documents in order. */
export interface TeiImport {
  collection: { title: string; frame: string; meta: DocumentMeta };
  documents: TeiDocument[];
  /** With `register: true`: the entities the volume defines. */
  register?: TeiRegisterEntry[];
  /** What was kept as written rather than read (part of a facsimile), one sentence each. */
  warnings?: string[];
}

export interface TeiImportOptions {
  /**
   * Read the volume's register too: a FRUS volume's persons and terms lists and the
   * lists of a `standOff` (which is then taken out of the frame). Mention elements
   * whose pointer names one of its entries (`persName/@corresp`, `gloss/@target`,
   * `@ref`) become `mention` marks whose `ref` is that xml:id; the rest stay as they
   * are. Off by default: the mapping alone makes no mentions.
   */
  register?: boolean;
}

function isStandOff(el: XmlElement): boolean {
  return el.uri === TEI_NS && el.name === 'standOff';
}

/** The register lists `registerFromStandOff` reads. */
function isRegisterList(el: XmlElement): boolean {
  return el.uri === TEI_NS && ['listPerson', 'listPlace', 'listOrg', 'list'].includes(el.name);
}

/** Removes `el` from `parent` with the whitespace before it. */
function removeChild(parent: XmlElement, el: XmlElement): void {
  const at = parent.children.indexOf(el);
  const before = parent.children[at - 1];
  const ws = before?.type === 'text' && before.text.trim() === '';
  parent.children.splice(ws ? at - 1 : at, ws ? 2 : 1);
}

/**
 * The register the volume defines: FRUS lists first, then each `standOff`'s lists,
 * which leave the frame (an emptied standOff with them). An xml:id defined twice
 * keeps its first entry.
 */
function readRegister(tei: XmlElement, fileName: string): TeiRegisterEntry[] {
  const entries: TeiRegisterEntry[] = registerFromFrusLists(tei).map((entity) => ({ entity, definedInFrame: true }));
  entries.push(...readStandOffs(tei, fileName));
  const seen = new Set<string>();
  return entries.filter((e) => !seen.has(e.entity.id) && seen.add(e.entity.id));
}

/** The entries of the `standOff` children of `parent` (a TEI or a teiCorpus), which leave the tree. */
function readStandOffs(parent: XmlElement, fileName: string): TeiRegisterEntry[] {
  const entries: TeiRegisterEntry[] = [];
  const tei = parent;
  for (const standOff of childElements(tei).filter(isStandOff)) {
    const lists = childElements(standOff).filter(isRegisterList);
    const holder: XmlElement = { ...standOff, children: lists };
    let read: Entity[];
    try {
      read = registerFromStandOff(holder);
    } catch (e) {
      if (e instanceof SiglumError) throw new SiglumError(e.code, `${fileName}: ${e.message}`);
      throw e;
    }
    entries.push(...read.map((entity) => ({ entity, definedInFrame: false })));
    for (const list of lists) removeChild(standOff, list);
    if (childElements(standOff).length === 0) removeChild(tei, standOff);
  }
  return entries;
}

/**
 * The surfaces of the TEI's `<facsimile>`s that Siglum reads (facsimile/tei.ts), which
 * leave the frame: the store keeps them and export writes them back. What it does not
 * read stays in the frame as it was (a facsimile left with nothing else goes), and
 * `warnings` says what.
 */
function readFacsimiles(tei: XmlElement, warnings: string[]): FacsimileSurface[] {
  const surfaces: FacsimileSurface[] = [];
  for (const el of childElements(tei).filter((c) => isTei(c, 'facsimile'))) {
    const read = readFacsimile(el);
    warnings.push(...read.warnings);
    if (read.surfaces.length === 0) continue;
    surfaces.push(...read.surfaces);
    if (read.unread.length === 0) removeChild(tei, el);
    else {
      // The rest stays; each surface read out of it leaves a placeholder, where export puts it back.
      const placeholder = (c: XmlElement) => ({
        type: 'pi' as const,
        target: SURFACE_PLACEHOLDER,
        body: getAttr(c, 'xml:id')!,
      });
      el.children.forEach((c, i) => {
        if (c.type === 'element' && !read.unread.includes(c)) el.children[i] = placeholder(c);
      });
    }
  }
  return surfaces;
}

interface Container {
  el: XmlElement;
  kind: TeiDocument['kind'];
}

function isDocumentDiv(el: XmlElement): boolean {
  return isTei(el, 'div') && getAttr(el, 'type') === 'document';
}

function hasDocumentDiv(el: XmlElement): boolean {
  return el.children.some((c) => c.type === 'element' && (isDocumentDiv(c) || hasDocumentDiv(c)));
}

/** The elements whose content become documents, in document order. */
function findContainers(text: XmlElement): Container[] {
  const found: Container[] = [];
  const walk = (el: XmlElement, matter: 'front' | 'back' | null): void => {
    for (const c of el.children) {
      if (c.type !== 'element') continue;
      if (isDocumentDiv(c)) found.push({ el: c, kind: 'document' });
      else if (matter !== null && isTei(c, 'div') && !hasDocumentDiv(c)) found.push({ el: c, kind: matter });
      else if (c.uri === TEI_NS && (c.name === 'front' || c.name === 'back')) walk(c, c.name);
      else walk(c, null);
    }
  };
  walk(text, null);
  if (!found.some((c) => c.kind === 'document')) {
    // No document divs: the body is the document; with no body either (a <group>), the whole text.
    const body = child(text, 'body') ?? (found.length === 0 ? text : null);
    if (body) {
      const at = found.findIndex((c) => c.kind === 'back');
      found.splice(at < 0 ? found.length : at, 0, { el: body, kind: 'document' });
    }
  }
  return found;
}

/** True when the file already holds a processing instruction with the placeholder target. */
function reservedPi(el: XmlElement): boolean {
  for (const c of el.children) {
    if (c.type === 'pi' && (c.target === PLACEHOLDER || c.target === SURFACE_PLACEHOLDER)) return true;
    if (c.type === 'element' && reservedPi(c)) return true;
  }
  return false;
}

/** The TEI element of a parsed file; SiglumError when the file is not a TEI document. */
export function teiRoot(xml: XmlDocument, fileName: string): XmlElement {
  const root = xml.root;
  if (root.uri !== TEI_NS || root.name !== 'TEI') {
    const what =
      root.uri === TEI_NS && root.name === 'teiCorpus'
        ? 'a teiCorpus (import its TEI files one by one)'
        : `<${root.name}> in namespace "${root.uri}"`;
    throw new SiglumError(
      'invalid-tei',
      `${fileName}: the root element is ${what}; Siglum imports TEI files whose root is <TEI xmlns="${TEI_NS}">.`,
    );
  }
  if (!child(root, 'text'))
    throw new SiglumError(
      'invalid-tei',
      `${fileName}: the TEI file has no <text> element, so there is nothing to edit.`,
    );
  if (reservedPi(root))
    throw new SiglumError(
      'invalid-tei',
      `${fileName}: the file contains <?${PLACEHOLDER} ...?> or <?${SURFACE_PLACEHOLDER} ...?>, which Siglum reserves for its own use; remove it and import again.`,
    );
  return root;
}

/**
 * Reads a TEI file: one collection (title, frame, header metadata) and its documents.
 *
 * @throws ParseError when the XML is not well-formed or is refused (see edition/xml).
 * @throws SiglumError ('invalid-tei') when it is not a TEI file with a `<text>`.
 */
export function importTei(text: string, fileName: string, options: TeiImportOptions = {}): TeiImport {
  return importParsed(parseXml(text, { fileName }), fileName, options, []);
}

/**
 * Reads a TEI file or a `teiCorpus`: one volume for a TEI file, one per `TEI` of
 * a corpus (nested corpora included), in order, each with the namespace
 * declarations it inherits and the comments and processing instructions that
 * stand right before it (an `xml-model` line) as its own, so that a project
 * exported as a teiCorpus imports as the volumes it had. The corpus's header is
 * not kept; with `register`, the lists of its `standOff` (where a project export
 * writes the register once) go to every volume, which the store reads as one
 * entry each.
 *
 * @throws ParseError as importTei; SiglumError ('invalid-tei') as importTei, for
 *   any volume, and for a corpus without a `TEI`.
 */
export function importTeiVolumes(text: string, fileName: string, options: TeiImportOptions = {}): TeiImport[] {
  const xml = parseXml(text, { fileName });
  if (!isTei(xml.root, 'teiCorpus')) return [importParsed(xml, fileName, options, [])];
  const shared = options.register ? readStandOffs(xml.root, fileName) : [];
  const volumes = corpusVolumes(xml.root, []);
  if (volumes.length === 0)
    throw new SiglumError('invalid-tei', `${fileName}: the teiCorpus holds no <TEI>, so there is nothing to import.`);
  return volumes.map(({ prolog, root }, i) =>
    importParsed(
      utf8Document(root, prolog),
      volumes.length === 1 ? fileName : `${fileName} (volume ${i + 1})`,
      options,
      shared,
    ),
  );
}

/** The TEI elements of a corpus, each with the comments and PIs right before it and the namespaces it inherits. */
function corpusVolumes(corpus: XmlElement, inherited: XmlAttr[]): Array<{ prolog: XmlPrologNode[]; root: XmlElement }> {
  const declared = [
    ...inherited.filter((a) => !corpus.attrs.some((b) => b.name === a.name)),
    ...corpus.attrs.filter(isNamespaceDeclaration),
  ];
  const out: Array<{ prolog: XmlPrologNode[]; root: XmlElement }> = [];
  let before: XmlPrologNode[] = [];
  for (const c of corpus.children) {
    if (c.type === 'comment' || c.type === 'pi') before.push(c);
    else if (c.type === 'element') {
      if (isTei(c, 'TEI')) {
        const missing = declared.filter((a) => !c.attrs.some((b) => b.name === a.name));
        out.push({ prolog: before, root: { ...c, attrs: [...missing, ...c.attrs] } });
      } else if (isTei(c, 'teiCorpus')) out.push(...corpusVolumes(c, declared));
      before = [];
    }
  }
  return out;
}

function isNamespaceDeclaration(a: XmlAttr): boolean {
  return a.name === 'xmlns' || a.name.startsWith('xmlns:');
}

/** importTei on a parsed file; `shared` register entries (a corpus's standOff) join the volume's own. */
function importParsed(
  xml: XmlDocument,
  fileName: string,
  options: TeiImportOptions,
  shared: readonly TeiRegisterEntry[],
): TeiImport {
  const tei = teiRoot(xml, fileName);
  const own = options.register ? readRegister(tei, fileName) : null;
  const register =
    own === null ? null : [...own, ...shared.filter((e) => !own.some((o) => o.entity.id === e.entity.id))];
  const ids = new Set(register?.map((e) => e.entity.id) ?? []);
  readSpace(tei);
  const warnings: string[] = [];
  const surfaces = readFacsimiles(tei, warnings);
  const containers = findContainers(child(tei, 'text')!);
  const header = headerMeta(tei, fileName);
  const used = new Set<string>();
  const documents: TeiDocument[] = [];
  const pointers: Array<Set<string>> = [];
  for (const [i, { el, kind }] of containers.entries()) {
    const whole = isTei(el, 'body') || isTei(el, 'text');
    let key = getAttr(el, 'xml:id') ?? (whole ? el.name : `${kind}-${i + 1}`);
    while (used.has(key)) key = `${key}-${i + 1}`;
    used.add(key);
    const n = whole ? null : getAttr(el, 'n');
    const fallback =
      n !== null
        ? `Document ${n}`
        : kind === 'document'
          ? 'Untitled document'
          : `${kind === 'front' ? 'Front' : 'Back'} matter ${i + 1}`;
    let meta = divMeta(el, fallback);
    // A file that is one document is named by its header's title, as Siglum writes a
    // document on its own (its first heading is its text's, and a document's title need
    // not be it: "mets" for a METS's pages); with none, by the heading of its whole text
    // (never a play's "ACT 1"); what its body does not say, its header does.
    if (whole)
      meta = {
        title: headerTitle(tei) ?? wholeTextHeading(el) ?? header.title,
        date: meta.date ?? header.date,
        source: meta.source ?? header.source,
        extra: { ...header.extra, ...meta.extra },
      };
    const node = containerToDoc(el, register === null ? null : ids);
    pointers.push(surfaces.length === 0 ? new Set() : facsPointersOf(node));
    documents.push({ key, title: meta.title, n, kind, meta, doc: node.toJSON() as DocJSON });
  }
  if (surfaces.length > 0) {
    surfacesByDocument(pointers, surfaces).forEach((own, i) => {
      if (own.length > 0) documents[i]!.surfaces = own;
    });
  }
  for (const [i, { el }] of containers.entries()) {
    el.children.splice(0, el.children.length, { type: 'pi', target: PLACEHOLDER, body: documents[i]!.key });
  }
  const collection = { title: header.title, frame: serializeXml(xml), meta: header };
  return {
    collection,
    documents,
    ...(register === null ? {} : { register }),
    ...(warnings.length === 0 ? {} : { warnings: warnings.map((w) => `${fileName}: ${w}`) }),
  };
}
