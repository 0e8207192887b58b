/**
 * The search, replace and document-list part of the API contract (edition/api.ts
 * merges it into SiglumApi, API_ARGS and API_METHODS): the types, the argument schemas
 * and the method names.
 */
import type { DocumentInfo } from '../types.ts';
import type { FindOptions } from './find.ts';
import * as v from 'valibot';
import { fields, flag, id, obj, opaque, optId, optStr, optWhole, rowId, str, whole, type ArgsIn } from '../args.ts';
import { SiglumError } from '../errors.ts';
import { rowNumber } from '../ids.ts';

/** Where a hit was found. `element` hits come only from a search that names the element. */
export type SearchField = 'title' | 'meta' | 'text' | 'notes' | 'apparatus' | 'names' | 'element';

/** The parts of a project a search may be limited to (`--in` on the command line). */
export const SEARCH_SCOPES = ['text', 'notes', 'apparatus', 'names', 'titles', 'meta'] as const;
export type SearchScope = (typeof SEARCH_SCOPES)[number];

export interface SearchArgs {
  query: string;
  /** Read `query` as a JavaScript regular expression instead of words. */
  regex?: boolean;
  /** Only these parts (default: all but `element`). */
  in?: SearchScope[];
  /** Only inside this TEI element (`persName`, `placeName`, `gloss`...) or mention kind (`person`). */
  element?: string;
  /** Only documents of this collection. */
  collectionId?: string;
  /** Only documents dated on or after / on or before (ISO dates, `YYYY` or `YYYY-MM` or `YYYY-MM-DD`). */
  dateFrom?: string;
  dateTo?: string;
  /** Only documents that mention this register entry. */
  entityId?: string;
  /** How many hits to return (default 50, at most 1000) after skipping `offset`. */
  limit?: number;
  offset?: number;
  /**
   * Wait until the index holds every document (the command line). Without it a search
   * right after an import answers from what is indexed so far (see `indexing`).
   */
  complete?: boolean;
}

/** One hit: a passage (a paragraph, a note's paragraph, a title...) with the first match in it. */
export interface SearchHit {
  /** The document's id, or null for a register entry. */
  documentId: string | null;
  /** The register entry's id, for `names` hits. */
  entityId: string | null;
  /** The document's title (with its number), or the register entry's name. */
  title: string;
  field: SearchField;
  /** Some words either side of the match, and the match itself. */
  before: string;
  match: string;
  after: string;
  /** `before + match + after`. */
  context: string;
  /**
   * Where the match is in the document: its run of text and text offsets in it
   * (edition/search `locateInDoc`), or null for titles, metadata and names.
   */
  run: number | null;
  start: number | null;
  end: number | null;
}

export interface SearchResult {
  /** How many passages match (over every page). */
  total: number;
  /** How many documents they are in. */
  documents: number;
  hits: SearchHit[];
  /** Present while the index is being built (after an import): how many documents it does not hold yet. */
  indexing?: { documentsLeft: number };
}

/** What to replace, shared by the preview and the apply call. */
export interface ReplaceSpec extends FindOptions {
  find: string;
  replace: string;
  /** Limit to these documents (default: every document the text occurs in). */
  documentIds?: string[];
}

export interface ReplacePreviewItem {
  /** The occurrence's index in its document (what `applyReplace` takes to choose some). */
  index: number;
  before: string;
  text: string;
  replacement: string;
  after: string;
  /** False when its range holds more than text (a page break, a note) and it will be left alone. */
  replaceable: boolean;
}

export interface ReplacePreviewDocument {
  documentId: string;
  title: string;
  /** The version the preview was made on: `applyReplace` refuses a document that moved on. */
  version: number;
  items: ReplacePreviewItem[];
}

export interface ReplacePreview {
  documents: ReplacePreviewDocument[];
  total: number;
}

/** A document's replacement as applied: its steps took it from `fromVersion` to `version`. */
export interface AppliedReplace {
  documentId: string;
  title: string;
  fromVersion: number;
  version: number;
  /** Each replacement where it now stands, with the text it replaced (what `undoReplace` needs). */
  changes: Array<{ from: number; to: number; original: string; replacement: string }>;
}

export interface ApplyReplaceResult {
  applied: AppliedReplace[];
  /** Documents not changed, with why (changed since the preview, say). */
  refused: Array<{ documentId: string; reason: string }>;
}

/** How the document list is sorted. */
export type DocumentSort = 'position' | 'date' | 'title' | 'edited';

export interface DocumentListArgs {
  sort?: DocumentSort;
  /** Newest first / Z to A. */
  descending?: boolean;
  collectionId?: string;
  dateFrom?: string;
  dateTo?: string;
  entityId?: string;
}

/** A document in the list, with its date (the metadata's) and what tells it apart. */
export interface DocumentListEntry extends DocumentInfo {
  date: string | null;
  /** The volume's title, if any. */
  collection: string | null;
}

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** A date filter: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; "" counts as none. */
function dateArg(method: string, key: string) {
  return v.pipe(
    optStr(method, key),
    v.transform((d) => (d === '' ? undefined : d)),
    v.check(
      (d) => d === undefined || DATE.test(d),
      `${method} needs "${key}" as a date written YYYY, YYYY-MM or YYYY-MM-DD.`,
    ),
  );
}

/** The document filter of a search or a document list: collection, dates, a register entry. */
function filterArgs(method: string) {
  return {
    collectionId: optId(method, 'collectionId', 'collection', true),
    dateFrom: dateArg(method, 'dateFrom'),
    dateTo: dateArg(method, 'dateTo'),
    entityId: v.pipe(
      optStr(method, 'entityId'),
      v.transform((e) => {
        if (e === undefined || e === '') return undefined;
        const row = rowNumber(e);
        if (row === null) throw new SiglumError('not-found', `There is no register entry "${e}".`);
        return row;
      }),
    ),
  };
}

/** What to find and replace with, and in which documents. */
function replaceArgs(method: string) {
  return {
    find: v.pipe(str(method, 'find'), v.nonEmpty('Type the text to find before replacing.')),
    replace: str(method, 'replace'),
    documentIds: v.pipe(
      v.nullish(
        v.array(
          v.string(`${method} needs "documentIds", when given, as a list of document ids.`),
          `${method} needs "documentIds", when given, as a list of document ids.`,
        ),
      ),
      v.transform((ids) => (ids === null || ids === undefined ? null : new Set(ids.map((x) => rowId(x, 'document'))))),
    ),
    regex: flag(method, 'regex'),
    caseSensitive: flag(method, 'caseSensitive'),
    wholeWord: flag(method, 'wholeWord'),
  };
}

const SORTS: readonly DocumentSort[] = ['position', 'date', 'title', 'edited'];

/** The arguments of search, replace and the sorted document list. */
export const SEARCH_ARGS = {
  searchProject: fields({
    ...filterArgs('searchProject'),
    limit: optWhole('searchProject', 'limit'),
    offset: optWhole('searchProject', 'offset'),
    regex: flag('searchProject', 'regex'),
    complete: flag('searchProject', 'complete'),
    query: str('searchProject', 'query'),
    caseSensitive: flag('searchProject', 'caseSensitive'),
    element: optStr('searchProject', 'element'),
    in: v.pipe(
      v.optional(opaque<SearchScope[] | SearchScope | null>()),
      v.transform((given): SearchScope[] | null => {
        if (given === undefined || given === null) return null;
        const list: unknown[] = Array.isArray(given) ? given : [given];
        for (const scope of list) {
          if (!(SEARCH_SCOPES as readonly unknown[]).includes(scope)) {
            throw new SiglumError(
              'bad-input',
              `searchProject searches in ${SEARCH_SCOPES.join(', ')}; "${String(scope)}" is none of them.`,
            );
          }
        }
        return list.length === 0 ? null : (list as SearchScope[]);
      }),
    ),
  }),
  previewReplace: fields(replaceArgs('previewReplace')),
  applyReplace: fields({
    ...replaceArgs('applyReplace'),
    documents: v.array(
      obj(
        {
          documentId: id('applyReplace', 'documentId', 'document'),
          version: whole('applyReplace', 'version'),
          indices: v.optional(
            v.array(
              v.pipe(
                v.number('applyReplace needs "indices", when given, as a list of whole numbers.'),
                v.safeInteger('applyReplace needs "indices", when given, as a list of whole numbers.'),
              ),
              'applyReplace needs "indices", when given, as a list of whole numbers.',
            ),
          ),
        },
        'applyReplace takes one object argument.',
      ),
      'applyReplace needs "documents" as a list of { documentId, version }.',
    ),
  }),
  undoReplace: fields({
    documentId: id('undoReplace', 'documentId', 'document'),
    version: whole('undoReplace', 'version'),
    changes: v.array(
      obj(
        {
          from: whole('undoReplace', 'from'),
          to: whole('undoReplace', 'to'),
          original: str('undoReplace', 'original'),
          replacement: str('undoReplace', 'replacement'),
        },
        'undoReplace takes one object argument.',
      ),
      'undoReplace needs "changes" as the list applyReplace returned.',
    ),
  }),
  listDocumentsSorted: fields({
    sort: v.pipe(
      optStr('listDocumentsSorted', 'sort'),
      v.transform((sort) => sort ?? 'position'),
      v.check(
        (sort) => (SORTS as readonly string[]).includes(sort),
        (issue) =>
          `listDocumentsSorted sorts by position, date, title or edited; "${String(issue.input)}" is none of them.`,
      ),
      v.transform((sort) => sort as DocumentSort),
    ),
    descending: flag('listDocumentsSorted', 'descending'),
    ...filterArgs('listDocumentsSorted'),
  }),
};

type In<M extends keyof typeof SEARCH_ARGS> = ArgsIn<(typeof SEARCH_ARGS)[M]>;

export interface SearchApi {
  /** Searches the whole project (or part of it); see `SearchArgs`. A bad regular expression is 'bad-input'. */
  searchProject(args: In<'searchProject'>): Promise<SearchResult>;
  /** Every occurrence `applyReplace` would replace, with its replacement, per document. */
  previewReplace(args: In<'previewReplace'>): Promise<ReplacePreview>;
  /**
   * Replaces in each listed document (all its occurrences, or those whose preview
   * indices are given) as one group of steps through the collab authority (client
   * `siglum-replace`), so open editors receive it and the step log records it. A
   * document changed since its preview `version` is refused, not guessed at.
   */
  applyReplace(args: In<'applyReplace'>): Promise<ApplyReplaceResult>;
  /**
   * Undoes an applied replacement: each change still reading its replacement (mapped
   * through any edit since) gets its original text back, as new steps. Changes edited
   * since are left and counted in `kept`.
   */
  undoReplace(
    args: In<'undoReplace'>,
  ): Promise<{ documentId: string; version: number; restored: number; kept: number }>;
  /** The document list, sorted and filtered. */
  listDocumentsSorted(args: In<'listDocumentsSorted'>): Promise<DocumentListEntry[]>;
}

export const SEARCH_METHODS = [
  'searchProject',
  'previewReplace',
  'applyReplace',
  'undoReplace',
  'listDocumentsSorted',
] as const satisfies ReadonlyArray<keyof SearchApi>;

/**
 * The client id of the steps a replacement across documents pushes (and its undo): an
 * editor that has the document open takes a batch of them as one undoable step of its
 * own (renderer/editor/collab.ts), so Mod-Z there undoes the replacement.
 */
export const REPLACE_CLIENT = 'siglum-replace';
