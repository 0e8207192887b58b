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
import { parsedParts, type ParsedFile } from './parseFile.ts';
import { inShare, type Share } from './share.ts';

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

/** Whether each holder of `docHolders` is in `share`, in the same order. */
function holdersInShare(parsed: ParsedFile, share: Share): boolean[] {
  return parsedParts(parsed).flatMap((part) =>
    'documents' in part ? part.documents.map((_, i) => inShare(share, i, part.documents.length)) : [share !== 'second'],
  );
}

/**
 * Splits a parsed file into its envelope and its documents' JSON texts: of the
 * documents in `share` only. The 'second' half's answer goes with the first's
 * (joinShares), so its envelope is left empty.
 */
export function toWire(parsed: ParsedFile, share: Share = 'all'): WireFile {
  const holders = docHolders(parsed);
  const mine = holdersInShare(parsed, share);
  const docs = holders.filter((_, i) => mine[i]).map((h) => JSON.stringify(h.doc));
  const saved = holders.map((h) => h.doc);
  // Written with every doc as null, then put back: the caller's object is left as it was.
  for (const h of holders) (h as { doc: DocJSON | null }).doc = null;
  try {
    return { json: share === 'second' ? '' : JSON.stringify(parsed), docs };
  } finally {
    holders.forEach((h, i) => (h.doc = saved[i]!));
  }
}

/**
 * The documents' texts of `envelope` in order, from the two halves' answers (`toWire`
 * with 'first' and with 'second'). Throws an internal SiglumError when they do not
 * add up to the envelope's documents.
 */
export function joinShares(envelope: ParsedFile, first: readonly string[], second: readonly string[]): string[] {
  const out: string[] = [];
  let [a, b] = [0, 0];
  for (const inFirst of holdersInShare(envelope, 'first')) out.push((inFirst ? first[a++] : second[b++])!);
  if (a !== first.length || b !== second.length || out.some((d) => typeof d !== 'string'))
    throw new SiglumError(
      'internal',
      'Siglum hit an internal error: the import workers sent answers that do not match.',
    );
  return out;
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
