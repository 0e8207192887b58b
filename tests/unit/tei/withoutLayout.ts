import type { DocJSON } from '../../../edition/types.ts';

/**
 * A document's JSON without the whitespace the TEI importer keeps between blocks
 * (the schema's `spaceBefore` and `spaceAfter`): for tests about what a document
 * holds, not how its source was laid out.
 */
export function withoutLayout(doc: DocJSON | unknown): unknown {
  return JSON.parse(
    JSON.stringify(doc, (k, v: unknown) => (k === 'spaceBefore' || k === 'spaceAfter' ? undefined : v)),
  ) as unknown;
}
