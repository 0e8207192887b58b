/**
 * What a parsed file is, and the small functions that tell its kinds apart: apart from
 * the parsers (parseFile.ts), so that the side that only receives parsed files (wire.ts,
 * index.ts, loaded by `siglum import` before anything else) does not load them.
 */
import type { PlainImport } from '../../edition/plaintext/index.ts';
import type { TeiImport } from '../../edition/tei/import.ts';

/** A `teiCorpus`: one volume per `TEI`. */
export interface TeiCorpusImport {
  volumes: TeiImport[];
}

/** A parsed file: a TEI volume, a teiCorpus of volumes or one plain-text document. */
export type ParsedFile = TeiImport | TeiCorpusImport | PlainImport;

/** True for the result of a TEI file. */
export function isTeiImport(r: ParsedFile): r is TeiImport {
  return 'collection' in r && 'documents' in r;
}

/** True for the result of a teiCorpus. */
export function isCorpusImport(r: ParsedFile): r is TeiCorpusImport {
  return 'volumes' in r;
}

/** The volumes and documents a parsed file holds, one by one: a teiCorpus's volumes, else the file itself. */
export function parsedParts(r: ParsedFile): Array<TeiImport | PlainImport> {
  return isCorpusImport(r) ? r.volumes : [r];
}
