/**
 * How a parsed file crosses from the import worker to the service. Each document's
 * content travels as the JSON text the store keeps (`snapshots.doc`), encoded as UTF-8
 * into one buffer that is handed over rather than copied, beside one small JSON envelope
 * for the rest. The receiving side neither decodes nor parses a document unless
 * something reads `doc`: an import then stores the worker's bytes as they are, so the
 * service spends no time decoding, re-checking and re-encoding 600 documents after the
 * worker has already built and checked them (edition/tei/toDoc.ts, edition/plaintext).
 * Reading `doc` parses it once, on first use.
 *
 * Why bytes: structured cloning 600 JSON strings (5.7 million characters, most of them
 * two-byte strings for their typographic quotes) cost the worker about 40 ms and the
 * receiving thread about 100 ms; encoding them into one transferred buffer costs about
 * 20 ms, and the store takes UTF-8 as it is.
 */
import type { DocJSON } from '../../edition/api.ts';
import { SiglumError } from '../../edition/errors.ts';
import { documentBytes } from '../../edition/tei/docText.ts';
import { parsedParts, type ParsedFile } from './parsed.ts';

/**
 * A file as the command line hands it to the worker ahead of its import: the bytes it
 * read from disk, neither encoded as base64 on this side nor decoded from it on the other.
 */
export interface FileBytes {
  name: string;
  bytes: Uint8Array;
}

/** A parsed file as the worker posts it: the envelope with every `doc` as null, and the documents' JSON texts in order. */
export interface WireFile {
  json: string;
  /** The documents' JSON texts as UTF-8, one after another (its buffer is transferred). */
  docs: Uint8Array<ArrayBuffer>;
  /** Where each document's text ends in `docs`, in bytes. */
  ends: number[];
}

/** The UTF-8 JSON text each document object arrived as, for documents from `fromWire`. */
const arrivedAs = new WeakMap<object, Uint8Array>();

type HasDoc = { doc: DocJSON };

/** The objects holding a `doc`, in the order `toWire` and `fromWire` both walk them. */
function docHolders(parsed: ParsedFile): HasDoc[] {
  return parsedParts(parsed).flatMap((part): HasDoc[] => ('documents' in part ? part.documents : [part]));
}

/** Splits a parsed file into its envelope and its documents' JSON texts. */
export function toWire(parsed: ParsedFile): WireFile {
  const holders = docHolders(parsed);
  // The texts the TEI reader wrote the documents to, not their objects encoded again.
  const texts = holders.map((h) => documentBytes(h));
  let size = 0;
  for (const t of texts) size += t.byteLength;
  // A buffer of its own, so that it can be transferred.
  const docs = new Uint8Array(size);
  const ends: number[] = [];
  let at = 0;
  for (const t of texts) {
    docs.set(t, at);
    at += t.byteLength;
    ends.push(at);
  }
  // Written with every doc as null, then put back as it was: the caller's object is left
  // as it was, and a doc kept as text (documentText) is not parsed for this.
  const saved = holders.map((h) => Object.getOwnPropertyDescriptor(h, 'doc')!);
  for (const h of holders) Object.defineProperty(h, 'doc', { value: null, enumerable: true, configurable: true });
  try {
    return { json: JSON.stringify(parsed), docs, ends };
  } finally {
    holders.forEach((h, i) => Object.defineProperty(h, 'doc', saved[i]!));
  }
}

const decoder = new TextDecoder();

/**
 * The parsed file again, its documents' `doc` read from their texts on first use.
 * Throws an internal SiglumError when the texts do not match the envelope.
 */
export function fromWire(envelope: ParsedFile, docs: Uint8Array, ends: readonly number[]): ParsedFile {
  const holders = docHolders(envelope);
  const inOrder = ends.every(
    (end, i) => Number.isInteger(end) && end >= (i === 0 ? 0 : ends[i - 1]!) && end <= docs.byteLength,
  );
  if (holders.length !== ends.length || !inOrder)
    throw new SiglumError('internal', 'Siglum hit an internal error: the import worker sent an unreadable answer.');
  holders.forEach((h, i) => {
    const bytes = docs.subarray(i === 0 ? 0 : ends[i - 1], ends[i]);
    let doc: DocJSON | undefined;
    Object.defineProperty(h, 'doc', {
      enumerable: true,
      configurable: true,
      get: () => (doc ??= JSON.parse(decoder.decode(bytes)) as DocJSON),
      set: (value: DocJSON) => {
        doc = value;
        arrivedAs.delete(h);
      },
    });
    arrivedAs.set(h, bytes);
  });
  return envelope;
}

/** True for a document that came from the import worker as text (and was checked there: parseFile). */
export function cameAsText(holder: HasDoc): boolean {
  return arrivedAs.has(holder);
}

/** A document's content as JSON text: the text it arrived in from the worker, else its `doc` encoded. */
export function docText(holder: HasDoc): string {
  const bytes = arrivedAs.get(holder);
  return bytes === undefined ? JSON.stringify(holder.doc) : decoder.decode(bytes);
}

/**
 * A document's content as the store keeps it: the UTF-8 JSON text it arrived in from
 * the worker (which putSnapshot stores as text), else its `doc` encoded.
 */
export function storedDoc(holder: HasDoc): string | Buffer {
  const bytes = arrivedAs.get(holder);
  return bytes === undefined
    ? JSON.stringify(holder.doc)
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
