/**
 * How a parsed file crosses from the import worker to the service. Each document's
 * content travels as the JSON text the store keeps (`snapshots.doc`), beside one small
 * JSON envelope for the rest, and the receiving side does not parse it unless
 * something reads `doc`: an import then stores the worker's text as it is, so the
 * service spends no time decoding, re-checking and re-encoding 600 documents after
 * the worker has already built and checked them (edition/tei/toDoc.ts,
 * edition/plaintext). Reading `doc` parses it once, on first use.
 */
import type { DocJSON } from '../../edition/api.ts';
import { SiglumError } from '../../edition/errors.ts';
import { parsedParts, type ParsedFile } from './parsed.ts';

/** A parsed file as the worker posts it: the envelope with every `doc` as null, and the documents' JSON texts in order. */
export interface WireFile {
  json: string;
  docs: string[];
}

/** The JSON text each document object arrived as, for documents from `fromWire`. */
const arrivedAs = new WeakMap<object, string>();

type HasDoc = { doc: DocJSON };

/** The objects holding a `doc`, in the order `toWire` and `fromWire` both walk them. */
function docHolders(parsed: ParsedFile): HasDoc[] {
  return parsedParts(parsed).flatMap((part): HasDoc[] => ('documents' in part ? part.documents : [part]));
}

/** Splits a parsed file into its envelope and its documents' JSON texts. */
export function toWire(parsed: ParsedFile): WireFile {
  const holders = docHolders(parsed);
  const docs = holders.map((h) => JSON.stringify(h.doc));
  const saved = holders.map((h) => h.doc);
  // Written with every doc as null, then put back: the caller's object is left as it was.
  for (const h of holders) (h as { doc: DocJSON | null }).doc = null;
  try {
    return { json: JSON.stringify(parsed), docs };
  } finally {
    holders.forEach((h, i) => (h.doc = saved[i]!));
  }
}

/**
 * The parsed file again, its documents' `doc` read from their texts on first use.
 * Throws an internal SiglumError when the texts do not match the envelope.
 */
export function fromWire(envelope: ParsedFile, docs: readonly string[]): ParsedFile {
  const holders = docHolders(envelope);
  if (holders.length !== docs.length || docs.some((d) => typeof d !== 'string'))
    throw new SiglumError('internal', 'Siglum hit an internal error: the import worker sent an unreadable answer.');
  holders.forEach((h, i) => {
    const text = docs[i]!;
    let doc: DocJSON | undefined;
    Object.defineProperty(h, 'doc', {
      enumerable: true,
      configurable: true,
      get: () => (doc ??= JSON.parse(text) as DocJSON),
      set: (value: DocJSON) => {
        doc = value;
        arrivedAs.delete(h);
      },
    });
    arrivedAs.set(h, text);
  });
  return envelope;
}

/** True for a document that came from the import worker as text (and was checked there: parseFile). */
export function cameAsText(holder: HasDoc): boolean {
  return arrivedAs.has(holder);
}

/** A document's content as the store keeps it: the text it arrived in from the worker, else its `doc` encoded. */
export function docText(holder: HasDoc): string {
  return arrivedAs.get(holder) ?? JSON.stringify(holder.doc);
}
