/**
 * The API contract between the UI and the Node side: types only, plus the list of
 * method names from which every transport derives its channels (see protocol.ts, which
 * holds the transport; no channel name is typed anywhere else).
 *
 * Every method takes one JSON-serialisable argument object and returns a promise of
 * a JSON-serialisable value. Bad input rejects with a SiglumError (see errors.ts);
 * expected failures are values (PushResult).
 *
 * Each area states its part in its own `api.ts`: its methods (an interface), their
 * argument schemas (valibot, from which the argument types are inferred) and their
 * names. This file joins them into SiglumApi, API_ARGS and API_METHODS, and checks at
 * compile time that every method has exactly one schema and one name.
 */
import { WITNESS_ARGS, WITNESS_METHODS, type WitnessApi, type WitnessEvent } from './apparatus/api.ts';
import { DOCUMENT_ARGS, DOCUMENT_METHODS, type DocumentApi, type DocumentEvent } from './documents/api.ts';
import { ENTITY_ARGS, ENTITY_METHODS, type EntityApi, type EntityEvent } from './entities/api.ts';
import { FACSIMILE_ARGS, FACSIMILE_METHODS, type FacsimileApi } from './facsimile/api.ts';
import { GIT_ARGS, GIT_METHODS, type GitApi } from './git/api.ts';
import { HISTORY_ARGS, HISTORY_METHODS, type HistoryApi, type ProjectEvent } from './history/api.ts';
import { PUBLISH_ARGS, PUBLISH_METHODS, type PublishApi, type PublishEvent } from './publish/api.ts';
import { SEARCH_ARGS, SEARCH_METHODS, type SearchApi } from './search/api.ts';

export type { DocJSON, DocumentInfo, DocumentMeta, ImportFile, ProjectInfo, StepJSON } from './types.ts';
export type { Entity, MergeConflict } from './entities/model.ts';
export type { Suggestion } from './entities/suggest.ts';
export type { TypeaheadHit } from './entities/typeahead.ts';
export type { DanglingPointer, PointerReport } from './tei/pointers.ts';
export type { ExportTarget, TargetRef } from './exportTarget.ts';
export type {
  CollectionInfo,
  DocumentEvent,
  DocumentValidation,
  ExistingVolumeChoice,
  ImportedDocument,
  ImportResult,
  OpenedDocument,
  PushResult,
  StepBatch,
  StepsSince,
  TeiExport,
  TeiProblem,
  VolumeInProject,
  VolumeUpdate,
} from './documents/api.ts';
export type {
  EntityEvent,
  EntityIndexEntry,
  EntityInfo,
  EntityInput,
  MentionInfo,
  SuggestionInfo,
} from './entities/api.ts';
export type {
  EditionFormat,
  ExportEditionArgs,
  ExportMisplaced,
  ExportPhase,
  ExportRejected,
  ExportResult,
  PagePreview,
  PdfPreview,
  ProjectPrintSettings,
  PublishEvent,
} from './publish/api.ts';

/** The Node side's services, as the UI sees them. */
export interface SiglumApi
  extends DocumentApi, EntityApi, PublishApi, WitnessApi, SearchApi, HistoryApi, FacsimileApi, GitApi {}

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
  ...DOCUMENT_METHODS,
  ...ENTITY_METHODS,
  ...PUBLISH_METHODS,
  ...SEARCH_METHODS,
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
export type SiglumEvent = DocumentEvent | WitnessEvent | EntityEvent | PublishEvent | ProjectEvent;

/** What the UI holds: the API plus a subscription to events. */
export interface SiglumClient extends SiglumApi {
  subscribe(listener: (event: SiglumEvent) => void): () => void;
}
