/**
 * The witnesses and collation part of the API contract (edition/api.ts merges it into
 * SiglumApi and API_METHODS): types only, plus the method names.
 */
import * as v from 'valibot';
import { fields, id, opaque, optStr, otherId, plainObject, type ArgsIn } from '../args.ts';
import { SiglumError } from '../errors.ts';
import { checkImportFiles } from '../import-files.ts';
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
/** The longest witness text accepted (UTF-16 units): a long book, well past a chapter in six editions. */
export const MAX_WITNESS_TEXT = 20_000_000;

/** `text` as a witness's text: refused ('too-large') past MAX_WITNESS_TEXT, naming it as `what`. */
export function checkWitnessText(text: unknown, what: string): string {
  if (typeof text !== 'string') throw new SiglumError('bad-input', `${what} must be text.`);
  if (text.length > MAX_WITNESS_TEXT) {
    throw new SiglumError(
      'too-large',
      `${what} is longer than ${MAX_WITNESS_TEXT.toLocaleString('en')} characters. Split the witness.`,
    );
  }
  return text;
}

/** A witness's typed text, when given. */
function witnessText() {
  return v.pipe(
    v.optional(opaque<string>()),
    v.transform((t) => (t === undefined ? undefined : checkWitnessText(t, "The witness's text"))),
  );
}

/** A witness id; one that cannot name a witness is 'not-found'. */
function witnessId(method: string) {
  return otherId(
    method,
    'id',
    (id) => `There is no witness with id "${id}". List the document's witnesses to find it.`,
  );
}

/** A siglum, checked by the model (`checkSiglum`) as it is used. */
const siglum = () => v.optional(opaque<string>());

/** The arguments of the witnesses' and collation's methods. */
export const WITNESS_ARGS = {
  listWitnesses: fields({ documentId: id('listWitnesses', 'documentId', 'document') }),
  addWitness: fields({
    documentId: id('addWitness', 'documentId', 'document'),
    siglum: siglum(),
    description: optStr('addWitness', 'description'),
    text: witnessText(),
    file: v.pipe(
      v.optional(opaque<ImportFile>()),
      v.transform((f) => (f === undefined ? undefined : checkImportFiles([f])[0])),
    ),
  }),
  updateWitness: v.pipe(
    fields({
      id: witnessId('updateWitness'),
      siglum: siglum(),
      description: optStr('updateWitness', 'description'),
      text: witnessText(),
      edits: v.optional(opaque<WitnessEdit[]>()),
    }),
    v.check((o) => o.text === undefined || o.edits === undefined, 'updateWitness takes "text" or "edits", not both.'),
  ),
  removeWitness: fields({ id: witnessId('removeWitness') }),
  setBase: fields({
    documentId: id('setBase', 'documentId', 'document'),
    witnessId: v.nullish(
      v.string('setBase needs "witnessId" as a witness id, or null for the document\'s own text.'),
      null,
    ),
  }),
  getCollationSettings: fields({ documentId: id('getCollationSettings', 'documentId', 'document') }),
  updateCollationSettings: fields({
    documentId: id('updateCollationSettings', 'documentId', 'document'),
    settings: plainObject<Partial<CollationSettings>>('updateCollationSettings needs "settings" as an object.'),
  }),
  collateDocument: fields({ documentId: id('collateDocument', 'documentId', 'document') }),
  extractWitness: fields({ documentId: id('extractWitness', 'documentId', 'document'), siglum: siglum() }),
};

type In<M extends keyof typeof WITNESS_ARGS> = ArgsIn<(typeof WITNESS_ARGS)[M]>;

export interface WitnessApi {
  /** A document's witnesses in collation order (the document's own text is not one of them). */
  listWitnesses(args: In<'listWitnesses'>): Promise<WitnessInfo[]>;
  /**
   * Adds a witness: typed (`text`) or imported from a file (`file`: plain text, or TEI
   * whose running text becomes the witness's). `siglum` defaults to the file's name
   * without extension. A siglum taken in the document rejects ('bad-input').
   */
  addWitness(args: In<'addWitness'>): Promise<WitnessInfo>;
  /** Changes siglum, description, or text: the whole `text`, or `edits` applied in order. */
  updateWitness(args: In<'updateWitness'>): Promise<WitnessInfo>;
  removeWitness(args: In<'removeWitness'>): Promise<{ id: string }>;
  /** Makes a witness (`witnessId`) or the document's own text (`null`) the base. */
  setBase(args: In<'setBase'>): Promise<CollationSettings>;
  getCollationSettings(args: In<'getCollationSettings'>): Promise<CollationSettings>;
  /** Replaces the normalisation switches, the regularisation table or the document's siglum (what is given). */
  updateCollationSettings(args: In<'updateCollationSettings'>): Promise<CollationSettings>;
  /** Collates the document's own text with its witnesses under its settings. */
  collateDocument(args: In<'collateDocument'>): Promise<DocumentCollation>;
  /** A witness's own text read out of the document's apparatus (the base text where no entry names it). */
  extractWitness(args: In<'extractWitness'>): Promise<{ siglum: string; text: string }>;
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
