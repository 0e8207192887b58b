/**
 * The part of the API contract about the project's documents and folders: opening,
 * editing by steps, importing, TEI export and validation (types, the argument
 * schemas, and the method names), merged into SiglumApi by edition/api.ts.
 */
import * as v from 'valibot';
import {
  checkArgs,
  fields,
  id,
  list,
  obj,
  opaque,
  optId,
  optStr,
  optWhole,
  plainObject,
  str,
  title,
  tooLongMessage,
  whole,
  MAX_ARG_CHARS,
  type ArgsIn,
} from '../args.ts';
import { SiglumError } from '../errors.ts';
import { targetArgs } from '../exportTarget.ts';
import { checkImportFiles, checkStagedFile } from '../import-files.ts';
import type { PointerReport } from '../tei/pointers.ts';
import type { DocJSON, DocumentInfo, DocumentMeta, ImportFile, ProjectInfo, StepJSON } from '../types.ts';

export interface CollectionInfo {
  id: string;
  title: string;
  /** 'volume' for an imported TEI volume, 'folder' for a user's own grouping. */
  kind: 'volume' | 'folder';
  documentCount: number;
}

export interface OpenedDocument {
  info: DocumentInfo;
  meta: DocumentMeta;
  doc: DocJSON;
  /** Collab version: the number of steps the store has applied to this document. */
  version: number;
}

/** Steps a client sends on top of the version it has (prosemirror-collab's protocol). */
export interface StepBatch {
  documentId: string;
  version: number;
  clientID: string;
  steps: StepJSON[];
}

/**
 * `ok: true` once the steps are committed in the store. `ok: false, reason: 'behind'`
 * when other steps came first: fetch `stepsSince` and try again.
 */
export type PushResult = { ok: true; version: number } | { ok: false; reason: 'behind'; version: number };

export interface StepsSince {
  version: number;
  steps: StepJSON[];
  clientIDs: string[];
}

export interface ImportedDocument {
  id: string;
  title: string;
  collection: string | null;
}

export interface ImportResult {
  documents: ImportedDocument[];
  /**
   * Files whose volume the project already holds, when the import was not told what
   * to do with them (`existing`): then nothing at all was imported, and the caller
   * asks the editor and imports again with a choice.
   */
  existing: VolumeInProject[];
  /** What an import with `existing: 'replace'` or `'update'` did to each volume. */
  updated: VolumeUpdate[];
  /** What a facsimile import read differently or not at all (a page's missing image...), one sentence each. */
  warnings?: string[];
}

/**
 * What to do with a file whose volume is already in the project: import it as a new
 * volume beside the old one, replace the old one's documents with the file's, or
 * update it (the editor's changes stay wherever the source did not change).
 */
export type ExistingVolumeChoice = 'new' | 'replace' | 'update';

export const EXISTING_VOLUME_CHOICES: readonly ExistingVolumeChoice[] = ['new', 'replace', 'update'];

/** A file of an import whose volume the project already holds. */
export interface VolumeInProject {
  file: string;
  collectionId: string;
  title: string;
  /** True when the file is the very text imported last time. */
  identical: boolean;
}

/** What replacing or updating one volume did. */
export interface VolumeUpdate {
  file: string;
  collectionId: string;
  title: string;
  choice: 'replace' | 'update';
  /** Documents left as they were (the source did not change them). */
  unchanged: number;
  /** Documents given the source's new text (the editor had not changed them), or replaced. */
  fromSource: number;
  /** Documents new in the source, added; documents gone from it (and unedited), removed. */
  added: number;
  removed: number;
  /**
   * Documents the source and the editor both changed (or the source dropped after
   * the editor changed them): the editor's text is kept; each is listed for a look.
   */
  changedOnBothSides: Array<{ documentId: string; title: string }>;
}

export interface TeiExport {
  fileName: string;
  xml: string;
  /**
   * The check every export runs on its file: how many same-document pointers
   * (`#id` in `@corresp`, `@target`, `@ref`, `@wit`...) it holds, and each one that
   * names an id the file does not have (edition/tei/pointers.ts).
   */
  pointers: PointerReport;
  /**
   * The page images the file names (`<graphic url>`), to be written beside it: `path`
   * relative to the file's folder, `fileId` the kept image file. Absent when none.
   */
  images?: Array<{ path: string; fileId: string }>;
}

/** One place where a document's TEI export does not validate. */
export interface TeiProblem {
  /** The validator's message, as it gives it. */
  message: string;
  /** Where in the exported TEI (1-based; 0 when the validator gives no place). */
  line: number;
  column: number;
  /** The position in the document of the text block it is about; null outside the text (the header). */
  pos: number | null;
}

/** `validateDocument`'s answer: against which schema, by which validator, and each problem. */
export interface DocumentValidation {
  documentId: string;
  /** tei_all, or the FRUS schema for a document that uses the FRUS namespace. */
  schema: 'tei_all' | 'frus';
  validator: 'jing' | 'xmllint';
  valid: boolean;
  problems: TeiProblem[];
}

/** How many further fields (`extra`) a document's metadata may hold. */
const MAX_META_FIELDS = 200;

/** A document's further metadata fields, copied as own properties (a field called __proto__ stays a field). */
function metaExtra(method: string) {
  return v.pipe(
    v.nullish(plainObject<Record<string, string>>(`${method} needs "meta.extra" as an object of strings.`), {}),
    v.transform((given) => {
      const entries = Object.entries(given as Record<string, unknown>);
      if (entries.length > MAX_META_FIELDS) {
        throw new SiglumError(
          'bad-input',
          `A document may have at most ${MAX_META_FIELDS} further metadata fields. Remove some and try again.`,
        );
      }
      const extra: Record<string, string> = {};
      for (const [k, value] of entries) {
        const bad = (message: string) => new SiglumError('bad-input', message);
        if (typeof value !== 'string') throw bad(`${method} needs "meta.extra.${k.slice(0, 100)}" as a string.`);
        if (k.length > 200) throw bad(tooLongMessage('A metadata field name', 200));
        if (value.length > MAX_ARG_CHARS) throw bad(tooLongMessage(`The metadata field "${k}"`, MAX_ARG_CHARS));
        Object.defineProperty(extra, k, { value, enumerable: true, writable: true, configurable: true });
      }
      return extra;
    }),
  );
}

function metaField(method: string, key: string, max: number) {
  return v.nullish(
    v.pipe(
      v.string(`${method} needs "meta.${key}" as a string or null.`),
      v.maxLength(max, tooLongMessage(`The document's ${key}`, max)),
    ),
    null,
  );
}

/** Document metadata as the UI sends it, checked field by field. */
function metaArgs(method: string) {
  return obj(
    {
      title: title(method),
      date: metaField(method, 'date', 200),
      source: metaField(method, 'source', MAX_ARG_CHARS),
      extra: metaExtra(method),
    },
    `${method} needs "meta" as an object.`,
  );
}

/** `exportTei`'s `at`: a version, or a time (the version the document had then). */
function exportAt(at: unknown): number | { time: string } | undefined {
  if (at === undefined || at === null) return undefined;
  if (typeof at === 'number') return checkArgs(whole('exportTei', 'at'), at);
  const time = typeof at === 'string' ? Date.parse(at) : NaN;
  if (Number.isNaN(time)) {
    throw new SiglumError('bad-input', 'exportTei needs "at" as a version number or a date and time (ISO 8601).');
  }
  return { time: new Date(time).toISOString() };
}

const IMAGES_FOLDER_MESSAGE =
  'exportTei takes "imagesFolder" as the name of a folder beside the file (no "/", not starting with ".").';

/** Whether `folder` names one folder beside a file: no path, no control character, not hidden. */
function isFolderName(folder: string): boolean {
  const plain = [...folder].every((c) => c.charCodeAt(0) >= 0x20 && c !== '/' && c !== '\\');
  return plain && folder !== '' && !folder.startsWith('.') && folder.length <= 200;
}

const EXISTING_MESSAGE = `importFiles takes "existing" as one of ${EXISTING_VOLUME_CHOICES.map((c) => `"${c}"`).join(', ')}, or none.`;

/** The arguments of the documents' and collections' methods. */
export const DOCUMENT_ARGS = {
  projectInfo: fields({}),
  listCollections: fields({}),
  listDocuments: fields({ collectionId: optId('listDocuments', 'collectionId', 'collection') }),
  createDocument: fields({
    title: title('createDocument'),
    collectionId: optId('createDocument', 'collectionId', 'collection'),
  }),
  renameDocument: fields({ id: id('renameDocument', 'id', 'document'), title: title('renameDocument') }),
  openDocument: fields({ id: id('openDocument', 'id', 'document') }),
  pushSteps: fields({
    documentId: id('pushSteps', 'documentId', 'document'),
    version: whole('pushSteps', 'version'),
    clientID: v.pipe(
      str('pushSteps', 'clientID'),
      v.minLength(1, 'pushSteps needs "clientID" as a string of 1 to 200 characters.'),
      v.maxLength(200, 'pushSteps needs "clientID" as a string of 1 to 200 characters.'),
    ),
    steps: list('pushSteps', 'steps', opaque<StepJSON>()),
  }),
  stepsSince: fields({
    documentId: id('stepsSince', 'documentId', 'document'),
    version: whole('stepsSince', 'version'),
  }),
  importFiles: fields({
    files: v.pipe(
      list('importFiles', 'files', opaque<ImportFile>()),
      v.transform((files) => checkImportFiles(files)),
    ),
    existing: v.optional(v.picklist(EXISTING_VOLUME_CHOICES, EXISTING_MESSAGE)),
  }),
  stageImportFile: v.pipe(
    fields({ name: opaque<string>(), base64: opaque<string>() }),
    v.transform(({ name, base64 }) => checkStagedFile(name, base64)),
  ),
  exportTei: v.pipe(
    targetArgs({
      at: v.optional(opaque<number | string | null>()),
      /** The folder (beside the file) its page images are named in; default `NAME-images`. */
      imagesFolder: v.pipe(
        optStr('exportTei', 'imagesFolder'),
        v.check((f) => f === undefined || isFolderName(f), IMAGES_FOLDER_MESSAGE),
      ),
    }),
    v.transform(({ target, at, imagesFolder }) => ({
      target,
      at: 'documentId' in target ? exportAt(at) : undefined,
      imagesFolder,
    })),
  ),
  createCollection: fields({ title: title('createCollection') }),
  updateMeta: fields({ id: id('updateMeta', 'id', 'document'), meta: metaArgs('updateMeta') }),
  moveDocument: fields({
    id: id('moveDocument', 'id', 'document'),
    collectionId: optId('moveDocument', 'collectionId', 'collection'),
    position: optWhole('moveDocument', 'position'),
  }),
  deleteDocument: fields({ id: id('deleteDocument', 'id', 'document') }),
  deleteCollection: fields({ id: id('deleteCollection', 'id', 'collection') }),
  validateDocument: fields({
    documentId: id('validateDocument', 'documentId', 'document'),
    doc: v.optional(opaque<DocJSON>()),
  }),
};

/** What a caller of a documents' method sends. */
type In<M extends keyof typeof DOCUMENT_ARGS> = ArgsIn<(typeof DOCUMENT_ARGS)[M]>;

/** The documents' and folders' methods of SiglumApi. */
export interface DocumentApi {
  projectInfo(args: In<'projectInfo'>): Promise<ProjectInfo>;
  listCollections(args: In<'listCollections'>): Promise<CollectionInfo[]>;
  listDocuments(args: In<'listDocuments'>): Promise<DocumentInfo[]>;
  createDocument(args: In<'createDocument'>): Promise<DocumentInfo>;
  renameDocument(args: In<'renameDocument'>): Promise<DocumentInfo>;
  openDocument(args: In<'openDocument'>): Promise<OpenedDocument>;
  pushSteps(args: In<'pushSteps'>): Promise<PushResult>;
  stepsSince(args: In<'stepsSince'>): Promise<StepsSince>;
  importFiles(args: In<'importFiles'>): Promise<ImportResult>;
  /**
   * Sends one file of an import ahead of it, kept by the service until the import that
   * names it (`ImportFile.staged`) is over: a volume's images then travel one call each,
   * and the service reads each only when the import needs it.
   */
  stageImportFile(args: In<'stageImportFile'>): Promise<{ staged: string }>;
  /** With `at` (a version, or an ISO time) a single document is exported as it was then. */
  exportTei(args: In<'exportTei'>): Promise<TeiExport>;
  /** Creates a folder: a collection for the user's own documents. */
  createCollection(args: In<'createCollection'>): Promise<CollectionInfo>;
  /** Replaces a document's metadata; its title follows `meta.title`. */
  updateMeta(args: In<'updateMeta'>): Promise<DocumentInfo>;
  /**
   * Moves a document to `position` (default: the end) in a collection (`null`: in
   * none). A document of an imported volume moves only within its volume.
   */
  moveDocument(args: In<'moveDocument'>): Promise<DocumentInfo>;
  /** Deletes a document with its content and its history of steps. */
  deleteDocument(args: In<'deleteDocument'>): Promise<{ id: string }>;
  /** Deletes a collection (a folder, or a whole imported volume) with all its documents. */
  deleteCollection(args: In<'deleteCollection'>): Promise<{ id: string }>;
  /**
   * Validates the document's TEI export (with `doc`, the editor's current document,
   * when given; else the stored one) against tei_all, or the FRUS schema for a FRUS
   * document, and says where each problem is in the document.
   */
  validateDocument(args: In<'validateDocument'>): Promise<DocumentValidation>;
}

/** The methods of DocumentApi, once (spread into API_METHODS). */
export const DOCUMENT_METHODS = [
  'projectInfo',
  'listCollections',
  'listDocuments',
  'createDocument',
  'renameDocument',
  'openDocument',
  'pushSteps',
  'stepsSince',
  'importFiles',
  'stageImportFile',
  'exportTei',
  'createCollection',
  'updateMeta',
  'moveDocument',
  'deleteDocument',
  'deleteCollection',
  'validateDocument',
] as const satisfies ReadonlyArray<keyof DocumentApi>;

/** Events about documents: steps committed to one, documents added, moved or removed. */
export type DocumentEvent = { type: 'steps'; documentId: string; version: number } | { type: 'documents-changed' };
