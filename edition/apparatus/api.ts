/**
 * The witnesses and collation part of the API contract (edition/api.ts merges it into
 * SiglumApi and API_METHODS): types only, plus the method names.
 */
import type { ImportFile } from '../types.ts';
import type { CollationView } from './collate.ts';
import type { NewEntry } from './commands.ts';
import type { CollationSettings, WitnessInfo } from './witnesses.ts';

/** A text edit of a witness: replace UTF-16 `from`–`to` with `text`. */
export interface WitnessEdit {
  from: number;
  to: number;
  text: string;
}

/** Where an apparatus entry goes in the document: arguments for `makeEntry` (edition/apparatus). */
export interface EntryPlacement {
  from: number;
  to: number;
  entry: NewEntry;
  /** The entry already on (part of) that text, if any: edit that one rather than make another. */
  existing: string | null;
}

/** `collateDocument`'s answer. */
export interface DocumentCollation extends CollationView {
  documentId: string;
  /** The document's collab version whose text was collated (positions refer to it). */
  version: number;
  settings: CollationSettings;
  /** Per siglum (same order as `sigla`): the witness id, or null for the document's own text. */
  witnessIds: Array<string | null>;
  /**
   * Per apparatus entry (same order as `apparatus`): where it goes in the document, ready
   * for `makeEntry`, when the base is the document's own text; else null.
   */
  placements: Array<EntryPlacement | null>;
  /** The token-level table as CollateX JSON (`{"witnesses": [...], "table": [...]}`). */
  collatex: { witnesses: string[]; table: unknown[][] };
}

/** Witnesses and collation of a document. */
export interface WitnessApi {
  /** A document's witnesses in collation order (the document's own text is not one of them). */
  listWitnesses(args: { documentId: string }): Promise<WitnessInfo[]>;
  /**
   * Adds a witness: typed (`text`) or imported from a file (`file`: plain text, or TEI
   * whose running text becomes the witness's). `siglum` defaults to the file's name
   * without extension. A siglum taken in the document rejects ('bad-input').
   */
  addWitness(args: {
    documentId: string;
    siglum?: string;
    description?: string;
    text?: string;
    file?: ImportFile;
  }): Promise<WitnessInfo>;
  /** Changes siglum, description, or text: the whole `text`, or `edits` applied in order. */
  updateWitness(args: {
    id: string;
    siglum?: string;
    description?: string;
    text?: string;
    edits?: WitnessEdit[];
  }): Promise<WitnessInfo>;
  removeWitness(args: { id: string }): Promise<{ id: string }>;
  /** Makes a witness (`witnessId`) or the document's own text (`null`) the base. */
  setBase(args: { documentId: string; witnessId: string | null }): Promise<CollationSettings>;
  getCollationSettings(args: { documentId: string }): Promise<CollationSettings>;
  /** Replaces the normalisation switches, the regularisation table or the document's siglum (what is given). */
  updateCollationSettings(args: {
    documentId: string;
    settings: Partial<CollationSettings>;
  }): Promise<CollationSettings>;
  /** Collates the document's own text with its witnesses under its settings. */
  collateDocument(args: { documentId: string }): Promise<DocumentCollation>;
  /** A witness's own text read out of the document's apparatus (the base text where no entry names it). */
  extractWitness(args: { documentId: string; siglum: string }): Promise<{ siglum: string; text: string }>;
}

/** The methods of WitnessApi, once (spread into API_METHODS). */
export const WITNESS_METHODS = [
  'listWitnesses',
  'addWitness',
  'updateWitness',
  'removeWitness',
  'setBase',
  'getCollationSettings',
  'updateCollationSettings',
  'collateDocument',
  'extractWitness',
] as const satisfies ReadonlyArray<keyof WitnessApi>;

/** A document's witnesses or collation settings changed: collate again. */
export type WitnessEvent = { type: 'witnesses-changed'; documentId: string };
