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
import { SiglumError } from '../errors.ts';
import { parseXml } from '../xml/parse.ts';
import { serializeXml } from '../xml/serialize.ts';
import type { XmlAttr, XmlDocument, XmlElement, XmlPrologNode } from '../xml/tree.ts';
import { TEI_NS, childElements, getAttr, removeChild, utf8Document } from '../xml/tree.ts';
import { isTei, readSpace } from './names.ts';
import { child, divMeta, headerMeta, headerTitle, wholeTextHeading } from './meta.ts';
import { containerToDoc } from './toDoc.ts';
import { PLACEHOLDER, findContainers, reservedPi } from './containers.ts';
import { readRegister, readStandOffs, type TeiRegisterEntry } from './register.ts';
import { DocumentsAhead } from './readAhead.ts';
import { contentBytes, documentOf } from './docText.ts';
import {
  SURFACE_PLACEHOLDER,
  readFacsimile,
  facsPointersOf,
  surfacesByDocument,
  type FacsimileSurface,
} from '../facsimile/tei.ts';

export { PLACEHOLDER } from './containers.ts';
export type { TeiRegisterEntry } from './register.ts';

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
  /**
   * Read each document as its div ends, while the rest of the file is parsed
   * (readAhead.ts). On by default; off, every document is read once the whole file is,
   * which gives the same volume, more slowly.
   */
  readAhead?: boolean;
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
  return importTeiFile(text, fileName, options, (xml, ahead) => importParsed(xml, fileName, options, [], ahead));
}

/** Thrown by importParsed when the documents read ahead are not what the whole file reads. */
class ReadAgain extends Error {}

/**
 * `read` on the file parsed with its documents read ahead (readAhead.ts), or, should
 * those not stand, on the file parsed again without.
 */
function importTeiFile<T>(
  text: string,
  fileName: string,
  options: TeiImportOptions,
  read: (xml: XmlDocument, ahead: DocumentsAhead | null) => T,
): T {
  if (options.readAhead === false) return read(parseXml(text, { fileName }), null);
  const ahead = new DocumentsAhead(fileName, options.register === true);
  const xml = parseXml(text, { fileName, onElementEnd: ahead.onElementEnd });
  try {
    return read(xml, ahead);
  } catch (e) {
    if (!(e instanceof ReadAgain)) throw e;
    return read(parseXml(text, { fileName }), null);
  }
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
  return importTeiFile(text, fileName, options, (xml, ahead) =>
    isTei(xml.root, 'teiCorpus')
      ? importCorpus(xml, fileName, options)
      : [importParsed(xml, fileName, options, [], ahead)],
  );
}

/** The volumes of a parsed teiCorpus (see importTeiVolumes). */
function importCorpus(xml: XmlDocument, fileName: string, options: TeiImportOptions): TeiImport[] {
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
      null,
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

/** The title of the `i`th document (from 0) when its div has no heading. */
function fallbackTitle(n: string | null, kind: TeiDocument['kind'], i: number): string {
  if (n !== null) return `Document ${n}`;
  return kind === 'document' ? 'Untitled document' : `${kind === 'front' ? 'Front' : 'Back'} matter ${i + 1}`;
}

/**
 * importTei on a parsed file; `shared` register entries (a corpus's standOff) join the
 * volume's own; the documents `ahead` read as the file was parsed are taken as they are.
 *
 * @throws ReadAgain when those are not what the whole file reads.
 */
function importParsed(
  xml: XmlDocument,
  fileName: string,
  options: TeiImportOptions,
  shared: readonly TeiRegisterEntry[],
  ahead: DocumentsAhead | null,
): TeiImport {
  const tei = teiRoot(xml, fileName);
  const own = options.register ? readRegister(tei, fileName) : null;
  const register =
    own === null ? null : [...own, ...shared.filter((e) => !own.some((o) => o.entity.id === e.entity.id))];
  const ids = new Set(register?.map((e) => e.entity.id) ?? []);
  readSpace(tei);
  const warnings: string[] = [];
  const surfaces = readFacsimiles(tei, warnings);
  if (ahead !== null && !ahead.holds(register === null ? null : ids, surfaces.length > 0)) throw new ReadAgain();
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
    const read = ahead?.take(el, register === null ? null : ids);
    if (read !== undefined) {
      pointers.push(read.pointers ?? new Set());
      // A front or back matter div read ahead with no heading is named by its place, known only now.
      const meta = { ...read.meta, title: read.meta.title || fallbackTitle(n, kind, i) };
      documents.push(documentOf({ key, title: meta.title, n, kind, meta }, read.bytes));
      continue;
    }
    let meta = divMeta(el, fallbackTitle(n, kind, i));
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
    documents.push(documentOf({ key, title: meta.title, n, kind, meta }, contentBytes(node)));
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
