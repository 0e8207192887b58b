/**
 * The API contract between the UI and the Node side: types only, plus the list of
 * method names from which every transport (Electron IPC, HTTP for `siglum serve`)
 * derives its channels. No channel name is typed anywhere else.
 *
 * Every method takes one JSON-serialisable argument object and returns a promise of
 * a JSON-serialisable value. Bad input rejects with a SiglumError (see errors.ts);
 * expected failures are values (PushResult).
 */
import type { ErrorPayload } from './errors.ts';

/** A document's content as ProseMirror JSON (`Node.toJSON()` of edition/schema). */
export type DocJSON = { type: 'doc'; content?: unknown[] };
/** A ProseMirror step as JSON (`Step.toJSON()`). */
export type StepJSON = { stepType: string; [key: string]: unknown };

export interface ProjectInfo {
  /** Absolute path of the project's `.siglum` file. */
  path: string;
  title: string;
  schemaVersion: number;
}

export interface CollectionInfo {
  id: string;
  title: string;
  /** 'volume' for an imported TEI volume, 'folder' for a user's own grouping. */
  kind: 'volume' | 'folder';
  documentCount: number;
}

export interface DocumentInfo {
  id: string;
  collectionId: string | null;
  title: string;
  /** The document's number in its volume (FRUS `div/@n`), if any. */
  n: string | null;
  /** Order within its collection. */
  position: number;
  /** 'front' and 'back' for a volume's front and back matter. */
  kind: 'document' | 'front' | 'back';
  updatedAt: string;
}

/** Fields of the TEI header (and of a document div) that the UI shows and edits. */
export interface DocumentMeta {
  title: string;
  date: string | null;
  /** Archival source, e.g. a file number such as 761.94/587. */
  source: string | null;
  /** Free-form further fields, e.g. `frus:doc-dateTime-min`. */
  extra: Record<string, string>;
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

/** A file handed to the importer. Text files as `text`; anything else as base64. */
export interface ImportFile {
  name: string;
  text?: string;
  base64?: string;
}

export interface ImportedDocument {
  id: string;
  title: string;
  collection: string | null;
}

export interface ImportResult {
  documents: ImportedDocument[];
}

/** What to export: one document, one collection (a volume) or the whole project. */
export type ExportTarget = { documentId: string } | { collectionId: string } | { all: true };

export interface TeiExport {
  fileName: string;
  xml: string;
}

/** The Node side's services, as the UI sees them. */
export interface SiglumApi {
  projectInfo(args: Record<string, never>): Promise<ProjectInfo>;
  listCollections(args: Record<string, never>): Promise<CollectionInfo[]>;
  listDocuments(args: { collectionId?: string }): Promise<DocumentInfo[]>;
  createDocument(args: { title: string; collectionId?: string }): Promise<DocumentInfo>;
  renameDocument(args: { id: string; title: string }): Promise<DocumentInfo>;
  openDocument(args: { id: string }): Promise<OpenedDocument>;
  pushSteps(args: StepBatch): Promise<PushResult>;
  stepsSince(args: { documentId: string; version: number }): Promise<StepsSince>;
  importFiles(args: { files: ImportFile[] }): Promise<ImportResult>;
  exportTei(args: ExportTarget): Promise<TeiExport>;
  /** Creates a folder: a collection for the user's own documents. */
  createCollection(args: { title: string }): Promise<CollectionInfo>;
  /** Replaces a document's metadata; its title follows `meta.title`. */
  updateMeta(args: { id: string; meta: DocumentMeta }): Promise<DocumentInfo>;
  /**
   * Moves a document to `position` (default: the end) in a collection (`null`: in
   * none). A document of an imported volume moves only within its volume.
   */
  moveDocument(args: { id: string; collectionId: string | null; position?: number }): Promise<DocumentInfo>;
  /** Deletes a document with its content and its history of steps. */
  deleteDocument(args: { id: string }): Promise<{ id: string }>;
  renameCollection(args: { id: string; title: string }): Promise<CollectionInfo>;
  /** Deletes a collection (a folder, or a whole imported volume) with all its documents. */
  deleteCollection(args: { id: string }): Promise<{ id: string }>;
}

export type ApiMethod = keyof SiglumApi;
export type ApiArgs<M extends ApiMethod> = Parameters<SiglumApi[M]>[0];
export type ApiResult<M extends ApiMethod> = Awaited<ReturnType<SiglumApi[M]>>;

/**
 * Every method of SiglumApi, once. Transports derive channel names and routes
 * from this list; the `satisfies` clause and the test in tests/unit/api.test.ts keep
 * it equal to the interface.
 */
export const API_METHODS = [
  'projectInfo',
  'listCollections',
  'listDocuments',
  'createDocument',
  'renameDocument',
  'openDocument',
  'pushSteps',
  'stepsSince',
  'importFiles',
  'exportTei',
  'createCollection',
  'updateMeta',
  'moveDocument',
  'deleteDocument',
  'renameCollection',
  'deleteCollection',
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
  | { type: 'documents-changed' };

/** What the UI holds: the API plus a subscription to events. */
export interface SiglumClient extends SiglumApi {
  subscribe(listener: (event: SiglumEvent) => void): () => void;
}

/**
 * A method's outcome as it crosses IPC or HTTP: the value, or the error's payload
 * (name, code, message), which the client rethrows as a SiglumError.
 */
export type WireReply<T = unknown> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

/**
 * What the Electron preload exposes to the renderer as `window.siglum`: one call
 * function that refuses names outside API_METHODS, and the event subscription.
 * renderer/api turns it into a SiglumClient.
 */
export interface SiglumBridge {
  call(method: ApiMethod, args: unknown): Promise<WireReply>;
  subscribe(listener: (event: SiglumEvent) => void): () => void;
}

/** The IPC channel (Electron) or route (HTTP) of a method. */
export function channelOf(method: ApiMethod): string {
  return `siglum:${method}`;
}

export const EVENT_CHANNEL = 'siglum:event';

/** Under `siglum serve`, every method is `POST <API_ROUTE_PREFIX><method>` with a JSON body. */
export const API_ROUTE_PREFIX = '/api/';
/** Under `siglum serve`, the events stream (Server-Sent Events). */
export const EVENTS_ROUTE = '/events';

/** The HTTP route of a method under `siglum serve`. */
export function routeOf(method: ApiMethod): string {
  return `${API_ROUTE_PREFIX}${method}`;
}
