/**
 * The search, replace and document-list part of the API contract (edition/api.ts
 * merges it into SiglumApi and API_METHODS): types only, plus the method names.
 */
import type { DocumentInfo } from '../types.ts';
import type { FindOptions } from './find.ts';

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

export interface SearchApi {
  /** Searches the whole project (or part of it); see `SearchArgs`. A bad regular expression is 'bad-input'. */
  searchProject(args: SearchArgs): Promise<SearchResult>;
  /** Every occurrence `applyReplace` would replace, with its replacement, per document. */
  previewReplace(args: ReplaceSpec): Promise<ReplacePreview>;
  /**
   * Replaces in each listed document (all its occurrences, or those whose preview
   * indices are given) as one group of steps through the collab authority (client
   * `siglum-replace`), so open editors receive it and the step log records it. A
   * document changed since its preview `version` is refused, not guessed at.
   */
  applyReplace(
    args: ReplaceSpec & { documents: Array<{ documentId: string; version: number; indices?: number[] }> },
  ): Promise<ApplyReplaceResult>;
  /**
   * Undoes an applied replacement: each change still reading its replacement (mapped
   * through any edit since) gets its original text back, as new steps. Changes edited
   * since are left and counted in `kept`.
   */
  undoReplace(args: AppliedReplace): Promise<{ documentId: string; version: number; restored: number; kept: number }>;
  /** The document list, sorted and filtered. */
  listDocumentsSorted(args: DocumentListArgs): Promise<DocumentListEntry[]>;
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
