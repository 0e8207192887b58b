/**
 * How the service reads imported files: the one seam between it and the parsers.
 * By default each file is parsed in the import worker (electron/workers), with heap
 * and time limits, so that a hostile file cannot stall the process that serves the UI.
 */
import type { ImportFile } from '../../edition/api.ts';
import {
  cameAsText,
  docText,
  isTeiImport,
  parsedParts,
  runImportWorker,
  storedDoc,
  type ParsedFile,
} from '../workers/index.ts';
import { parseFile } from '../workers/parseFile.ts';
import type { PlainImport } from '../../edition/plaintext/index.ts';
import type { TeiImport } from '../../edition/tei/index.ts';

export type { PlainImport, TeiImport };
export { cameAsText, docText, isTeiImport, parsedParts, storedDoc };

/** Turns one imported file into a TEI volume or a plain-text document. */
export type FileParser = (file: ImportFile) => Promise<ParsedFile>;

/** In the import worker: the default. */
export const parseInWorker: FileParser = (file) => runImportWorker(file);

/** In this process: for trusted files (tests, benchmarks), never for files from outside. */
export const parseInProcess: FileParser = async (file) => parseFile(file);

export const defaultParser: FileParser = parseInWorker;
