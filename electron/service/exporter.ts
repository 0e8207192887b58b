/**
 * Exporting TEI: one document, one collection or the whole project, through
 * edition/tei's writers. A volume is its frame with each document put back at its
 * placeholder; documents without one (created in Siglum, imported from plain text)
 * go into a new frame, or at the end of their volume's body.
 */
import type { TargetRef, TeiExport } from '../../edition/api.ts';
import { SiglumError } from '../../edition/errors.ts';
import { Node } from 'prosemirror-model';
import { mentionedEntities } from '../../edition/entities/mentions.ts';
import {
  collectionTeiTree,
  documentTeiTree,
  holdsWholeText,
  newFrame,
  projectTeiTree,
  type DocInput,
  type ExportRegister,
} from '../../edition/tei/index.ts';
import { addListWit, type ListedWitness } from '../../edition/tei/apparatus.ts';
import { serializeXml } from '../../edition/xml/serialize.ts';
import { collectionIds, getCollection } from '../../db/collections.ts';
import { frameKeys, getDocument, listDocuments } from '../../db/documents.ts';
import { getProject } from '../../db/project.ts';
import { emptyMeta } from '../../db/meta.ts';
import type { Store } from '../../db/store.ts';
import type { CollabAuthority } from './authority.ts';
import { checkPointers, xmlIdsIn } from '../../edition/tei/pointers.ts';
import { parseXml } from '../../edition/xml/parse.ts';
import { TEI_NS, type XmlDocument, type XmlElement } from '../../edition/xml/tree.ts';
import type { EntityRecord } from '../../db/entities.ts';
import { loadContentAt } from '../../db/content.ts';
import { listedWitnesses } from './witnesses.ts';
import { mentionRefs } from './entities.ts';
import { fitCorpusRegister, fitFileRegister, type FileScope } from './register-ids.ts';
import {
  facsimileOf,
  facsimilesOf,
  withDocumentFacsimile,
  withFacsimile,
  withFacsimiles,
  type ExportedImage,
  type ImageNaming,
} from './facsimile-tei.ts';

/** The register with an xml:id for every entry (EntityService.exportRecords). */
export type RegisterForExport = () => EntityRecord[];

/** The entity ids the documents mention. */
function mentionedIn(docs: Iterable<DocInput>): Set<string> {
  const refs = new Set<string>();
  for (const input of docs) {
    const doc = typeof input === 'function' ? input() : input;
    for (const ref of doc instanceof Node ? mentionedEntities(doc) : mentionRefs(doc)) refs.add(ref);
  }
  return refs;
}

/** A register without entries: it has no id to point a mention at and nothing to carry. */
const NO_ENTRIES: ExportRegister = Object.freeze({ xmlIdOf: () => null, standOff: null });

/** Whether two registers point the mentioned entities at the same ids. */
function samePointers(a: ExportRegister, b: ExportRegister, mentioned: ReadonlySet<string>): boolean {
  for (const id of mentioned) if (a.xmlIdOf(id) !== b.xmlIdOf(id)) return false;
  return true;
}

/**
 * Writes a file twice at most: first with the entries' stored ids and no standOff, to
 * learn which ids the file holds; then, if the register fitted to those ids carries
 * a standOff or points anywhere else, again with it. Without entries there is nothing
 * to fit: the file is written once, and `scope` (which reads every document for its
 * mentions) is not called.
 */
function fitted(
  write: (register: ExportRegister | undefined) => XmlDocument,
  records: EntityRecord[] | undefined,
  scopeOf: () => Omit<FileScope, 'fileIds'>,
  options: { unmentioned: boolean; frusDocument?: boolean },
): Written {
  if (records === undefined) return written(write(undefined));
  if (records.length === 0) return written(write(NO_ENTRIES));
  const scope = scopeOf();
  const draft = fitFileRegister(records, { ...scope, fileIds: new Set() }, { unmentioned: false });
  const first = write({ xmlIdOf: draft.xmlIdOf, standOff: null });
  const fileIds = xmlIdsIn(first.root);
  const register = fitFileRegister(records, { ...scope, fileIds }, options);
  const unchanged =
    register.standOff === null && (register.back ?? null) === null && samePointers(draft, register, scope.mentioned);
  return written(unchanged ? first : write(register));
}

/** A tree written out once, kept for the pointer check. */
function written(tree: XmlDocument): Written {
  return { xml: serializeXml(tree), root: tree.root };
}

/** An exported file, with its parsed tree when writing it has parsed it already. */
interface Written {
  xml: string;
  root?: XmlElement;
}

/** The pointer check of an exported file (see edition/tei/pointers.ts). */
function withPointerCheck(fileName: string, { xml, root }: Written, images: ExportedImage[] = []): TeiExport {
  const report: TeiExport = { fileName, xml, pointers: checkPointers(root ?? parseXml(xml, { fileName }).root) };
  return images.length === 0
    ? report
    : { ...report, images: images.map((i) => ({ path: i.path, fileId: String(i.fileId) })) };
}

/** The folder beside an exported file that its page images go into: `NAME-images` for `NAME.xml`. */
export function imagesFolderOf(fileName: string): string {
  return `${fileName.replace(/\.(xml|tei)$/i, '')}-images`;
}

/** A file name made from a title: letters, digits and dashes; `tag` (`d12`) keeps two documents of one title apart. */
export function fileNameOf(title: string, tag?: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .toLowerCase();
  const stem = slug || 'siglum-export';
  return `${tag ? `${stem}-${tag}` : stem}.xml`;
}

/**
 * A collection as edition/tei's writers take it: a frame and its documents by key.
 * With `stream`, each document is read when the writer comes to it and let go once
 * written, rather than all of them read first and held to the end.
 */
function volume(
  store: Store,
  authority: CollabAuthority,
  collectionId: number | null,
  title: string,
  stream = false,
): { frame: string; docs: Map<string, DocInput> } {
  const docs = new Map<string, DocInput>();
  for (const { id, frameKey } of frameKeys(store.db, collectionId)) {
    // Documents without a placeholder get a key of their own; the writer appends them.
    docs.set(frameKey ?? `siglum-${id}`, stream ? () => authority.peek(id) : authority.peek(id));
  }
  const frame = collectionId === null ? null : getCollection(store.db, collectionId).frame;
  return { frame: frame ?? newFrame(emptyMeta(title), [...docs.keys()]), docs };
}

/**
 * One document's TEI, as `exportTei` writes it; `doc` (the editor's current document,
 * say) instead of the stored one when given.
 */
export function documentExport(
  store: Store,
  authority: CollabAuthority,
  id: number,
  register?: RegisterForExport,
  doc: DocInput = authority.peek(id),
  imagesFolder?: ImageNaming,
): TeiExport {
  const record = getDocument(store.db, id);
  const fileName = fileNameOf(record.info.title, `d${id}`);
  const facsimile = facsimileOf(store, [id], imagesFolder ?? imagesFolderOf(fileName));
  const collectionId = record.info.collectionId === null ? null : Number(record.info.collectionId);
  const frame = collectionId === null ? null : getCollection(store.db, collectionId).frame;
  const context = frame !== null && record.frameKey !== null ? { frame, key: record.frameKey } : {};
  const witnesses = listedWitnesses(store, id);
  const written = fitted(
    (entities) =>
      withDocumentFacsimile(
        documentTeiTree(doc, record.meta, {
          ...context,
          witnesses,
          ...(entities === undefined ? {} : { register: entities }),
        }),
        facsimile.surfaces,
        frame,
      ),
    register?.(),
    () => ({ collectionId, mentioned: mentionedIn([doc]) }),
    // A FRUS document keeps to the FRUS schema: its entries go in FRUS lists.
    { unmentioned: false, frusDocument: frame !== null && /\sxmlns:frus=/.test(frame) },
  );
  return withPointerCheck(fileName, written, facsimile.images);
}

/** A volume's TEI: its frame with its documents (`docs` by key; `ids` in the store), named `fileName`. */
function volumeExport(
  store: Store,
  volume: { id: number; frame: string; docs: Map<string, DocInput>; ids: number[] },
  fileName: string,
  records: EntityRecord[] | undefined,
  imagesFolder: string | undefined,
  witnesses: readonly ListedWitness[] = [],
): TeiExport {
  const facsimile = facsimileOf(store, volume.ids, imagesFolder ?? imagesFolderOf(fileName));
  const tree = (entities: ExportRegister | undefined): XmlDocument => {
    const written = collectionTeiTree(volume.frame, volume.docs, entities);
    if (witnesses.length > 0) addListWit(written.root, witnesses);
    return withFacsimile(written, facsimile.surfaces);
  };
  const written = fitted(
    tree,
    records,
    () => ({ collectionId: volume.id, mentioned: mentionedIn(volume.docs.values()) }),
    { unmentioned: true },
  );
  return withPointerCheck(fileName, written, facsimile.images);
}

/**
 * One document that is its volume's whole text (the body of a letter, a play, an
 * inscription imported from a file of its own), with no other document in its volume
 * but front or back matter, written as that volume: with the file's own header, front
 * and back matter, not a new header around its body. Null for any other document
 * (documentExport writes it).
 */
function wholeFileExport(
  store: Store,
  authority: CollabAuthority,
  id: number,
  register: RegisterForExport | undefined,
  doc: DocInput | undefined,
  imagesFolder: string | undefined,
): TeiExport | null {
  const record = getDocument(store.db, id);
  if (record.info.collectionId === null || record.frameKey === null) return null;
  const collection = getCollection(store.db, Number(record.info.collectionId));
  if (collection.frame === null || !holdsWholeText(collection.frame, record.frameKey)) return null;
  const all = listDocuments(store.db, collection.id);
  if (all.some((d) => Number(d.id) !== id && d.kind === 'document')) return null;
  const whole = volume(store, authority, collection.id, collection.title);
  if (doc !== undefined) whole.docs.set(record.frameKey, doc);
  const ids = all.map((d) => Number(d.id));
  const fileName = fileNameOf(record.info.title, `d${id}`);
  const target = { id: collection.id, frame: whole.frame, docs: whole.docs, ids };
  return volumeExport(store, target, fileName, register?.(), imagesFolder, listedWitnesses(store, id));
}

/**
 * One document's TEI as `exportTei` writes it: its file's, with the file's own header,
 * when the document is that file's whole text (wholeFileExport), else with a header
 * of its own (documentExport). `doc` replaces the stored document.
 */
export function documentTei(
  store: Store,
  authority: CollabAuthority,
  id: number,
  register?: RegisterForExport,
  doc?: DocInput,
  imagesFolder?: string,
): TeiExport {
  return (
    wholeFileExport(store, authority, id, register, doc, imagesFolder) ??
    documentExport(store, authority, id, register, doc, imagesFolder)
  );
}

/**
 * With `register`, mentions point at the register entries' xml:ids and the file
 * carries the entries it mentions but does not define as a standOff (a volume also
 * every entry no volume lists; see register-ids.ts). Every export comes with the
 * check of its pointers.
 */
export function exportTei(
  store: Store,
  authority: CollabAuthority,
  target: TargetRef,
  register?: RegisterForExport,
  /** For one document: the version to export (default: the current one). */
  at?: number,
  /** The folder (relative to the file) its page images are named in; default `NAME-images`. */
  imagesFolder?: string,
): TeiExport {
  // One read transaction: a volume's frame, documents and register as of one commit.
  return store.read(() => teiOf(store, authority, target, register, at, imagesFolder));
}

function teiOf(
  store: Store,
  authority: CollabAuthority,
  target: TargetRef,
  register: RegisterForExport | undefined,
  at: number | undefined,
  imagesFolder: string | undefined,
): TeiExport {
  if ('documentId' in target) {
    const id = target.documentId;
    const doc = at === undefined ? undefined : loadContentAt(store.db, id, at);
    return documentTei(store, authority, id, register, doc, imagesFolder);
  }
  const records = register?.();
  // Documents are read for their mentions only when there are entries to fit to them.
  const stream = records === undefined || records.length === 0;
  if ('collectionId' in target) {
    const collection = getCollection(store.db, target.collectionId);
    const { frame, docs } = volume(store, authority, collection.id, collection.title, stream);
    const fileName = fileNameOf(collection.title, `c${collection.id}`);
    const ids = frameKeys(store.db, collection.id).map((d) => d.id);
    return volumeExport(store, { id: collection.id, frame, docs, ids }, fileName, records, imagesFolder);
  }
  const title = getProject(store.db)?.title ?? 'Siglum project';
  const ids: Array<number | null> = collectionIds(store.db);
  const collections = ids.map((id) => volume(store, authority, id, getCollection(store.db, id!).title, stream));
  if (listDocuments(store.db, null).length > 0) {
    ids.push(null);
    collections.push(volume(store, authority, null, title, stream));
  }
  if (collections.length === 0)
    throw new SiglumError('bad-input', 'The project has no documents to export; import or create one first.');
  const fileName = fileNameOf(title);
  const facsimiles = facsimilesOf(
    store,
    ids.map((id) => listDocuments(store.db, id).map((d) => Number(d.id))),
    imagesFolder ?? imagesFolderOf(fileName),
  );
  const corpusOf = (tree: XmlDocument): XmlDocument => withFacsimiles(tree, facsimiles.volumes);
  if (records === undefined) {
    return withPointerCheck(fileName, written(corpusOf(projectTeiTree(collections, title))), facsimiles.images);
  }
  // No entries: nothing to fit, each volume written once (as `fitted` does).
  if (records.length === 0) {
    const tree = projectTeiTree(
      collections.map((c) => ({ ...c, register: NO_ENTRIES })),
      title,
    );
    return withPointerCheck(fileName, written(corpusOf(tree)), facsimiles.images);
  }
  // As for one volume: first with stored ids to learn each volume's ids, then fitted.
  const scopes = collections.map((c, i) => ({ collectionId: ids[i]!, mentioned: mentionedIn(c.docs.values()) }));
  const drafts = scopes.map((scope) =>
    fitFileRegister(records, { ...scope, fileIds: new Set() }, { unmentioned: false }),
  );
  const first = corpusOf(
    projectTeiTree(
      collections.map((c, i) => ({ ...c, register: { xmlIdOf: drafts[i]!.xmlIdOf, standOff: null } })),
      title,
    ),
  );
  const firstRoot = first.root;
  const members = firstRoot.children.filter(
    (c): c is XmlElement => c.type === 'element' && c.uri === TEI_NS && c.name === 'TEI',
  );
  const corpus = fitCorpusRegister(
    records,
    scopes.map((scope, i) => ({ ...scope, fileIds: members[i] === undefined ? new Set() : xmlIdsIn(members[i]) })),
  );
  const same = scopes.every((scope, i) =>
    samePointers(drafts[i]!, { xmlIdOf: corpus.volumes[i]!, standOff: null }, scope.mentioned),
  );
  if (corpus.standOff === null && same) return withPointerCheck(fileName, written(first), facsimiles.images);
  const tree = projectTeiTree(
    collections.map((c, i) => ({ ...c, register: { xmlIdOf: corpus.volumes[i]!, standOff: null } })),
    title,
    { xmlIdOf: () => null, standOff: corpus.standOff },
  );
  return withPointerCheck(fileName, written(corpusOf(tree)), facsimiles.images);
}
