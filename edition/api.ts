/**
 * The API contract between the UI and the Node side: types only, plus the list of
 * method names from which every transport derives its channels (see protocol.ts, which
 * holds the transport; no channel name is typed anywhere else).
 *
 * Every method takes one JSON-serialisable argument object and returns a promise of
 * a JSON-serialisable value. Bad input rejects with a SiglumError (see errors.ts);
 * expected failures are values (PushResult).
 */
import type { Entity, MergeConflict } from './entities/model.ts';
import type { Suggestion } from './entities/suggest.ts';
import type { TypeaheadHit } from './entities/typeahead.ts';
import type { DanglingPointer, PointerReport } from './tei/pointers.ts';
import { WITNESS_ARGS, WITNESS_METHODS, type WitnessApi, type WitnessEvent } from './apparatus/api.ts';
import { SEARCH_ARGS, SEARCH_METHODS, type SearchApi } from './search/api.ts';
import { HISTORY_ARGS, HISTORY_METHODS, type HistoryApi, type ProjectEvent } from './history/api.ts';
import { FACSIMILE_ARGS, FACSIMILE_METHODS, type FacsimileApi } from './facsimile/api.ts';
import { GIT_ARGS, GIT_METHODS, type GitApi } from './git/api.ts';
import * as v from 'valibot';
import {
  checkArgs,
  fields,
  flag,
  optStr,
  optStrings,
  id,
  list,
  obj,
  opaque,
  optId,
  optWhole,
  plainObject,
  rowId,
  str,
  title,
  tooLongMessage,
  whole,
  MAX_ARG_CHARS,
  type ArgsIn,
} from './args.ts';
import { SiglumError } from './errors.ts';
import { exportTargetOf } from './exportTarget.ts';
import { checkImportFiles, checkStagedFile } from './import-files.ts';

export type { DocJSON, DocumentInfo, DocumentMeta, ImportFile, ProjectInfo, StepJSON } from './types.ts';
import type { DocJSON, DocumentInfo, DocumentMeta, ImportFile, ProjectInfo, StepJSON } from './types.ts';
export type { Entity, MergeConflict, Suggestion, TypeaheadHit, DanglingPointer, PointerReport };

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

/** What to export: one document, one collection (a volume) or the whole project. */
export type ExportTarget = { documentId: string } | { collectionId: string } | { all: true };

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

/** What `exportEdition` writes: a typeset PDF, a static HTML edition (a folder) or a reledmac `.tex` file. */
export type EditionFormat = 'pdf' | 'html' | 'latex';

/**
 * A project's print settings, as stored and as the settings form edits them (every
 * field filled; `updatePrintSettings` takes any subset). Lengths in millimetres.
 */
export interface ProjectPrintSettings {
  /** The title page's title and subtitle; null takes them from what is exported (volume, document, project). */
  title: string | null;
  subtitle: string | null;
  /** Printed after the title page (plain text, paragraphs separated by blank lines); null for none. */
  introduction: string | null;
  /** A named size (A4, A5, Letter, Royal) or explicit millimetres. */
  pageSize: 'A4' | 'A5' | 'Letter' | 'Royal' | { width: number; height: number };
  margins: { top: number; bottom: number; left: number; right: number };
  /** CSS font family of the text; the default is the shipped Gentium Book Plus. */
  fontFamily: string;
  fontSizePt: number;
  /** Baseline to baseline; null: 1.3 times the font size. */
  leadingPt: number | null;
  /** A line number every n lines. */
  lineNumberInterval: number;
  /** 'outer' and 'inner' alternate between recto and verso. */
  lineNumberSide: 'left' | 'right' | 'outer' | 'inner';
  /** Where numbering starts again at 1; a section begins at a document's start and at each heading (edition/print/model.ts). */
  lineNumberRestart: 'page' | 'document' | 'section';
  /** Book pages: margins and running heads alternate between recto and verso. */
  mirrorMargins: boolean;
  /** The apparatus series that print (A, B or both). */
  apparatusSeries: Array<'A' | 'B'>;
  /** Entry types (`app/@type`) set in series B; every other entry is series A. */
  seriesBTypes: string[];
  /** Which note types (`note/@type`) print; null prints every note. */
  noteTypes: string[] | null;
  /** BCP 47 language of the text, for hyphenation. */
  language: string;
  /** An index of persons, places and organisations (PDF). */
  index: boolean;
  /** Line numbers in the index as well as pages. */
  indexLines: boolean;
  /** Each document starts a new page (false runs documents on). */
  documentStartsPage: boolean;
  /**
   * Page images in the PDF: 'facing' prints each page's image on a verso opposite the
   * recto where its transcription begins (edition/print/model.ts); 'none' prints none.
   */
  facsimile: 'none' | 'facing';
}

/** A note or apparatus entry that did not print on the page of its call or lemma. */
export interface ExportMisplaced {
  kind: 'note' | 'apparatus';
  documentId: string;
  /** The document's title. */
  document: string;
  /** The entry among the document's apparatus entries, or the note among its printed notes (0-based). */
  index: number;
  /** Page of the call or lemma, if found; page where it printed, if it did. */
  lemmaPage: number | null;
  printedPage: number | null;
  reason: string;
}

/** An apparatus entry that could not be set at all (its lemma lies in a note, say). */
export interface ExportRejected {
  documentId: string;
  document: string;
  index: number;
  reason: string;
}

export interface ExportResult {
  /** The id the progress events of this export carry. */
  id: string;
  format: EditionFormat;
  /** The PDF or `.tex` file, or the HTML edition's folder. */
  path: string;
  /** HTML: the page to open (`index.html`) and how many files were written. */
  index?: string;
  files?: number;
  /** PDF: how many pages. */
  pages?: number;
  /** Notes and apparatus entries set where they belong (PDF: on the page of their call or lemma). */
  placed: { notes: number; apparatus: number };
  /** PDF: every note or entry not on its page; never dropped silently. Empty for HTML and LaTeX. */
  misplaced: ExportMisplaced[];
  rejected: ExportRejected[];
  /** Things the user should know that are not errors (no apparatus in the project, ...). */
  warnings: string[];
}

/** A PDF made for the export dialog's preview, with the same counts as an export. */
export type PdfPreview = Omit<ExportResult, 'path' | 'index' | 'files' | 'format'> & {
  /** The PDF itself, base64; show it as a `blob:` (application/pdf). */
  pdfBase64: string;
};

/** The most pages one `previewPages` call draws. */
export const MAX_PREVIEW_PAGES = 12;

/**
 * Pages of the edition as images for the export dialog, laid out as the PDF lays them
 * out, with the same counts as an export (`pages` is the whole edition's count).
 */
export type PagePreview = Omit<ExportResult, 'path' | 'index' | 'files' | 'format'> & {
  pages: number;
  /** The first page drawn (1-based). */
  first: number;
  /** PNG data URLs (`data:image/png;base64,...`), pages `first`, `first + 1`, ... */
  images: string[];
};

/**
 * `exportEdition`'s argument: what, in which format, where; `id` names its progress events.
 * `ifExists`: when something is already at `outPath`, 'replace' it (the default, as an
 * explicit path on the command line asks) or 'rename': write beside it with the first free
 * `-2`, `-3`... name, which the result's `path` gives (the window never overwrites silently).
 */
export type ExportEditionArgs = PublishIn<'exportEdition'>;

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

/** A register entry with how many mentions of it the project holds. */
export interface EntityInfo extends Entity {
  mentions: number;
}

/**
 * A register entry as the UI sends it: everything but the id, checked by
 * edition/entities' `validateEntity` (names trimmed, authority ids as typed or
 * pasted as their web address). `xmlId` left out keeps the one the entry has.
 */
export type EntityInput = Omit<
  Entity,
  'id' | 'xmlId' | 'altNames' | 'dates' | 'coordinates' | 'description' | 'authority'
> &
  Partial<Omit<Entity, 'id' | 'type' | 'name'>>;

/** One mention of an entity somewhere in the project. */
export interface MentionInfo {
  documentId: string;
  /** The document's title. */
  document: string;
  /** The printed page (`n` of the last page break before it), or null. */
  page: string | null;
  text: string;
  /** A few words either side. */
  before: string;
  after: string;
  /** `before`, the text and `after` as one line. */
  context: string;
  /** Document positions of the mention. */
  from: number;
  to: number;
  kind: string;
  inNote: boolean;
}

/**
 * An unmarked occurrence of an entity's names (edition/entities `Suggestion`:
 * positions, text, the name that matched, context, `contextHash` which rejecting
 * or accepting it names) with its document's title.
 */
export interface SuggestionInfo extends Suggestion {
  document: string;
}

/** The index view: for one entity, the documents and printed pages it occurs on. */
export interface EntityIndexEntry {
  entityId: string;
  type: string;
  name: string;
  locations: Array<{ documentId: string; document: string; pages: Array<string | null>; mentions: number }>;
}

/** An export's target as handlers receive it: the ids as numbers. */
export type TargetRef = { documentId: number } | { collectionId: number } | { all: true };

/** The target the arguments name (exportTarget.ts), its id a number; 'bad-input' when they name none. */
function targetRef(o: Record<string, unknown>): TargetRef {
  const target = exportTargetOf(o);
  if ('all' in target) return { all: true };
  if ('documentId' in target) return { documentId: rowId(target.documentId, 'document') };
  return { collectionId: rowId(target.collectionId, 'collection') };
}

/**
 * The arguments of a method that exports: an ExportTarget (checked first) and the
 * fields `entries` check. The handler receives the fields and `target` (a TargetRef).
 */
export function targetArgs<E extends v.ObjectEntries>(entries: E) {
  type Fields = v.InferOutput<v.ObjectSchema<E, undefined>>;
  const checked = fields(entries);
  return v.pipe(
    opaque<ExportTarget & v.InferInput<v.ObjectSchema<E, undefined>>>(),
    v.transform((o) => {
      const target = targetRef(o as Record<string, unknown>);
      return { ...(checkArgs(checked, o) as Fields), target };
    }),
  );
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

type DocumentArgs = typeof DOCUMENT_ARGS;
/** What a caller of a documents' method sends. */
type In<M extends keyof DocumentArgs> = ArgsIn<DocumentArgs[M]>;

/** The most type-ahead hits one `searchEntities` call returns. */
const MAX_HITS = 200;

/** The arguments of the register's methods. */
export const ENTITY_ARGS = {
  listEntities: fields({ type: optStr('listEntities', 'type') }),
  getEntity: fields({ id: str('getEntity', 'id') }),
  createEntity: fields({ entity: opaque<EntityInput>() }),
  updateEntity: fields({ id: str('updateEntity', 'id'), entity: opaque<EntityInput>() }),
  deleteEntity: fields({ id: str('deleteEntity', 'id'), force: flag('deleteEntity', 'force') }),
  mergeEntities: fields({ keptId: str('mergeEntities', 'keptId'), duplicateId: str('mergeEntities', 'duplicateId') }),
  searchEntities: fields({
    query: str('searchEntities', 'query'),
    limit: v.nullish(
      v.pipe(
        v.number(`searchEntities needs "limit", when given, as a whole number from 1 to ${MAX_HITS}.`),
        v.safeInteger(`searchEntities needs "limit", when given, as a whole number from 1 to ${MAX_HITS}.`),
        v.minValue(1, `searchEntities needs "limit", when given, as a whole number from 1 to ${MAX_HITS}.`),
        v.maxValue(MAX_HITS, `searchEntities needs "limit", when given, as a whole number from 1 to ${MAX_HITS}.`),
      ),
      20,
    ),
    types: optStrings('searchEntities', 'types'),
  }),
  entityMentions: fields({ id: str('entityMentions', 'id') }),
  entitySuggestions: fields({
    id: str('entitySuggestions', 'id'),
    caseSensitive: flag('entitySuggestions', 'caseSensitive'),
  }),
  rejectSuggestion: fields({
    entityId: str('rejectSuggestion', 'entityId'),
    documentId: id('rejectSuggestion', 'documentId', 'document'),
    text: str('rejectSuggestion', 'text'),
    contextHash: str('rejectSuggestion', 'contextHash'),
  }),
  acceptSuggestions: fields({
    entityId: str('acceptSuggestions', 'entityId'),
    documentId: id('acceptSuggestions', 'documentId', 'document'),
    contextHashes: optStrings('acceptSuggestions', 'contextHashes'),
  }),
  entityIndex: fields({ type: optStr('entityIndex', 'type') }),
};

type EntityArgs = typeof ENTITY_ARGS;
/** What a caller of a register's method sends. */
type EntityIn<M extends keyof EntityArgs> = ArgsIn<EntityArgs[M]>;

const EDITION_FORMATS: readonly EditionFormat[] = ['pdf', 'html', 'latex'];

/** An export's `id`, naming its progress events; a new one when none is given. */
function exportId() {
  return v.pipe(
    v.optional(opaque<string>()),
    v.check(
      (id) => typeof id !== 'string' || id.length <= 200,
      'An export\'s "id" names its progress events: at most 200 characters.',
    ),
    v.transform((id) => (typeof id === 'string' && id !== '' ? id : undefined)),
  );
}

/** A whole number of previewPages from `min` to `max`, `fallback` when left out. */
function pageArg(key: string, min: number, max: number, fallback: number) {
  const message = (issue: v.BaseIssue<unknown>) =>
    `previewPages needs "${key}" as a whole number from ${min} to ${max}, not ${JSON.stringify(issue.input)}.`;
  return v.optional(
    v.pipe(v.number(message), v.integer(message), v.minValue(min, message), v.maxValue(max, message)),
    fallback,
  );
}

/** The arguments of the edition's methods (PDF, HTML, LaTeX) and the print settings. */
export const PUBLISH_ARGS = {
  exportEdition: targetArgs({
    format: v.picklist(
      EDITION_FORMATS,
      (issue) => `exportEdition needs "format" as pdf, html or latex, not ${JSON.stringify(issue.input)}.`,
    ),
    outPath: v.pipe(
      v.string('exportEdition needs "outPath": the file (PDF, LaTeX) or folder (HTML) to write.'),
      v.check(
        (p) => p.trim() !== '',
        'exportEdition needs "outPath": the file (PDF, LaTeX) or folder (HTML) to write.',
      ),
    ),
    ifExists: v.nullish(
      v.picklist(
        ['replace', 'rename'] as const,
        (issue) => `exportEdition's "ifExists" is "replace" or "rename", not ${JSON.stringify(issue.input)}.`,
      ),
      'replace',
    ),
    id: exportId(),
  }),
  previewPdf: targetArgs({ id: exportId(), settings: v.optional(opaque<Partial<ProjectPrintSettings>>()) }),
  previewPages: targetArgs({
    id: exportId(),
    settings: v.optional(opaque<Partial<ProjectPrintSettings>>()),
    first: pageArg('first', 1, Number.MAX_SAFE_INTEGER, 1),
    count: pageArg('count', 1, MAX_PREVIEW_PAGES, MAX_PREVIEW_PAGES),
  }),
  getPrintSettings: fields({}),
  /** The settings are checked field by field as they are applied (electron/service/print-settings.ts). */
  updatePrintSettings: fields({ settings: opaque<Partial<ProjectPrintSettings>>() }),
};

type PublishIn<M extends keyof typeof PUBLISH_ARGS> = ArgsIn<(typeof PUBLISH_ARGS)[M]>;

/** The Node side's services, as the UI sees them. */
export interface SiglumApi extends WitnessApi, SearchApi, HistoryApi, FacsimileApi, GitApi {
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

  /** The register, by name; `type` keeps one type. */
  listEntities(args: EntityIn<'listEntities'>): Promise<EntityInfo[]>;
  getEntity(args: EntityIn<'getEntity'>): Promise<EntityInfo>;
  createEntity(args: EntityIn<'createEntity'>): Promise<EntityInfo>;
  /** Replaces an entry's fields (a rename keeps its xml:id, so links from outside hold). */
  updateEntity(args: EntityIn<'updateEntity'>): Promise<EntityInfo>;
  /**
   * Deletes an entry. Refused ('bad-input') while it has mentions, unless `force`:
   * then its mentions are unmarked first (the text stays), as steps every open
   * editor receives. `unmarked` counts the documents changed.
   */
  deleteEntity(args: EntityIn<'deleteEntity'>): Promise<{ id: string; unmarked: number }>;
  /**
   * Merges `duplicateId` into `keptId`: the duplicate's names become alternative
   * names, its fields fill gaps, its mentions point at the entry kept (as steps,
   * through the collab authority) and it is deleted. `conflicts` lists fields both
   * filled differently (the kept value stays); `relinked` counts documents changed.
   */
  mergeEntities(args: EntityIn<'mergeEntities'>): Promise<{
    entity: EntityInfo;
    conflicts: MergeConflict[];
    relinked: number;
  }>;
  /** Type-ahead: entries whose names have words starting with the query's words, best first. */
  searchEntities(args: EntityIn<'searchEntities'>): Promise<TypeaheadHit[]>;
  /** Every mention of an entity across the project, in document order. */
  entityMentions(args: EntityIn<'entityMentions'>): Promise<MentionInfo[]>;
  /** Where an entity's names occur unmarked, less the occurrences rejected. */
  entitySuggestions(args: EntityIn<'entitySuggestions'>): Promise<SuggestionInfo[]>;
  /** Remembers that an occurrence is not a mention of the entity. */
  rejectSuggestion(args: EntityIn<'rejectSuggestion'>): Promise<{
    entityId: string;
  }>;
  /**
   * Marks an entity's suggestions in one document as its mentions: those named by
   * `contextHashes`, or all of them. The marking is steps through the collab
   * authority, so open editors receive it; `marked` counts the mentions made.
   */
  acceptSuggestions(args: EntityIn<'acceptSuggestions'>): Promise<{
    documentId: string;
    version: number;
    marked: number;
  }>;
  /** The index view: each mentioned entity with its documents and printed pages, by name. */
  entityIndex(args: EntityIn<'entityIndex'>): Promise<EntityIndexEntry[]>;

  /**
   * Writes the edition of a document, a collection or the project as a PDF, a static
   * HTML edition (a folder) or a LaTeX file at `outPath`, with the project's print
   * settings. Progress comes as 'export-progress' events carrying `id`. Nothing is
   * written when it rejects (a path that cannot be written is 'io', with a sentence).
   */
  exportEdition(args: ExportEditionArgs): Promise<ExportResult>;
  /**
   * The PDF `exportEdition` would write, returned rather than written (for a preview in
   * the export dialog); `settings` tries unsaved settings without storing them.
   */
  previewPdf(args: PublishIn<'previewPdf'>): Promise<PdfPreview>;
  /**
   * Pages `first` (default 1) to `first + count - 1` (count default and at most
   * MAX_PREVIEW_PAGES) of the PDF `exportEdition` would write, as PNG images, with its
   * counts. Progress comes as 'export-progress' events carrying `id` (phase 'images'
   * while pages are drawn). Nothing is written.
   */
  previewPages(args: PublishIn<'previewPages'>): Promise<PagePreview>;
  /** The project's print settings, defaults filled in. */
  getPrintSettings(args: PublishIn<'getPrintSettings'>): Promise<ProjectPrintSettings>;
  /** Changes some print settings; a bad value rejects ('bad-input') naming it, and nothing is saved. */
  updatePrintSettings(args: PublishIn<'updatePrintSettings'>): Promise<ProjectPrintSettings>;
  /**
   * Validates the document's TEI export (with `doc`, the editor's current document,
   * when given; else the stored one) against tei_all, or the FRUS schema for a FRUS
   * document, and says where each problem is in the document.
   */
  validateDocument(args: In<'validateDocument'>): Promise<DocumentValidation>;
}

/** Every method's argument schema: what `dispatch` checks a call's argument against. */
export const API_ARGS = {
  ...WITNESS_ARGS,
  ...SEARCH_ARGS,
  ...DOCUMENT_ARGS,
  ...ENTITY_ARGS,
  ...HISTORY_ARGS,
  ...PUBLISH_ARGS,
  ...FACSIMILE_ARGS,
  ...GIT_ARGS,
};
export type ApiArgSchemas = typeof API_ARGS;

export type ApiMethod = keyof SiglumApi;
export type ApiArgs<M extends ApiMethod> = Parameters<SiglumApi[M]>[0];
export type ApiResult<M extends ApiMethod> = Awaited<ReturnType<SiglumApi[M]>>;

/** Compile-time check that every method has an argument schema, and nothing else does. */
type WithoutArgs = Exclude<ApiMethod, keyof ApiArgSchemas> | Exclude<keyof ApiArgSchemas, ApiMethod>;
const _everyMethodChecked: WithoutArgs extends never ? true : WithoutArgs = true;
void _everyMethodChecked;

/**
 * Every method of SiglumApi, once. Transports derive channel names and routes
 * from this list; the `satisfies` clause and the test in tests/unit/api.test.ts keep
 * it equal to the interface.
 */
export const API_METHODS = [
  ...WITNESS_METHODS,
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
  'listEntities',
  'getEntity',
  'createEntity',
  'updateEntity',
  'deleteEntity',
  'mergeEntities',
  'searchEntities',
  'entityMentions',
  'entitySuggestions',
  'rejectSuggestion',
  'acceptSuggestions',
  'entityIndex',
  'exportEdition',
  'previewPdf',
  'previewPages',
  'getPrintSettings',
  'updatePrintSettings',
  ...SEARCH_METHODS,
  'validateDocument',
  ...HISTORY_METHODS,
  ...FACSIMILE_METHODS,
  ...GIT_METHODS,
] as const satisfies readonly ApiMethod[];

/** Compile-time check that API_METHODS names every method of SiglumApi. */
type Missing = Exclude<ApiMethod, (typeof API_METHODS)[number]>;
const _allMethodsListed: Missing extends never ? true : Missing = true;
void _allMethodsListed;

const METHOD_SET: ReadonlySet<string> = new Set(API_METHODS);

/** Whether a name received over a wire is one of the API's methods. */
export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && METHOD_SET.has(name);
}

/** Events the Node side pushes to every connected UI. */
export type SiglumEvent =
  | { type: 'steps'; documentId: string; version: number }
  | WitnessEvent
  | { type: 'documents-changed' }
  /** The register changed (an entry created, edited, merged or deleted, a rejection remembered). */
  | { type: 'entities-changed' }
  /** How far an `exportEdition` call has got: `done` of `total` steps, in `phase`. */
  | { type: 'export-progress'; id: string; done: number; total: number; phase: ExportPhase }
  /** Another project was opened (or a backup restored) in place of the open one: reload everything. */
  | ProjectEvent;

/** The phases of an export, in order: reading documents, building, layout (PDF), printing (PDF), writing, done. */
export type ExportPhase = 'documents' | 'build' | 'layout' | 'pdf' | 'images' | 'write' | 'done';

/** What the UI holds: the API plus a subscription to events. */
export interface SiglumClient extends SiglumApi {
  subscribe(listener: (event: SiglumEvent) => void): () => void;
}
