/**
 * A read document's content kept as the JSON text it was written to (import.ts), which
 * the import worker sends as it is (electron/workers/wire.ts). Apart from the TEI reader,
 * so that the side that only receives documents does not load it.
 */
import type { DocJSON } from '../types.ts';

/** The JSON text each document's content was written to as it was read, as UTF-8. */
const docTexts = new WeakMap<object, Uint8Array>();
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A document whose content is kept as the JSON text it was written to as soon as it was
 * read, in UTF-8 (so that neither its nodes nor that text stay on the heap, where the
 * collector would copy them while the rest of the volume is read), and parsed again only
 * when `doc` is read, once.
 */
export function documentOf<T extends { doc: DocJSON }>(fields: Omit<T, 'doc'>, bytes: Uint8Array): T {
  const d = fields as T;
  let doc: DocJSON | undefined;
  Object.defineProperty(d, 'doc', {
    enumerable: true,
    configurable: true,
    get: () => (doc ??= JSON.parse(decoder.decode(bytes)) as DocJSON),
    set: (value: DocJSON) => {
      doc = value;
      docTexts.delete(d);
    },
  });
  docTexts.set(d, bytes);
  return d;
}

/** A document's content as the UTF-8 JSON text documentOf keeps, written as soon as it is read. */
export function contentBytes(doc: { toJSON(): unknown }): Uint8Array {
  return encoder.encode(JSON.stringify(doc.toJSON()));
}

/** A document's content as UTF-8 JSON text: the text importTei wrote it to, else its `doc` encoded. */
export function documentBytes(holder: { doc: DocJSON }): Uint8Array {
  return docTexts.get(holder) ?? encoder.encode(JSON.stringify(holder.doc));
}
