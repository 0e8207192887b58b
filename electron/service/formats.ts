/**
 * The file formats the service reads and writes, behind one seam: parsing an imported
 * file (TEI or plain text) and writing TEI. Import parsing is meant to run in the
 * import worker (electron/workers) so that a hostile file cannot stall the process that
 * serves the UI; `FileParser` is the one function to swap for it.
 */
import type { ImportFile } from '../../edition/api.ts';
import { SiglumError } from '../../edition/errors.ts';
import { importPlainText, type PlainImport } from '../../edition/plaintext/index.ts';
import { importTei, type TeiImport } from '../../edition/tei/index.ts';

export type { PlainImport, TeiImport };

export type FileParser = (file: ImportFile) => Promise<TeiImport | PlainImport>;

export function isTeiImport(r: TeiImport | PlainImport): r is TeiImport {
  return 'collection' in r && 'documents' in r;
}

/** Decodes a file's text: `text` as given, `base64` as strict UTF-8. */
export function fileText(file: ImportFile): string {
  if (typeof file.text === 'string') return file.text;
  if (typeof file.base64 === 'string') {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(file.base64, 'base64'));
    } catch {
      throw new SiglumError('parse-error', `${file.name}: the file is not valid UTF-8 text. Save it as UTF-8 and import it again.`);
    }
  }
  throw new SiglumError('bad-input', `${file.name}: the file has no content.`);
}

function looksLikeXml(name: string, text: string): boolean {
  return /\.(xml|tei)$/i.test(name) || /^\uFEFF?\s*</.test(text);
}

/** Parses in this process with edition/tei and edition/plaintext. */
export const parseInProcess: FileParser = async (file) => {
  const text = fileText(file);
  return looksLikeXml(file.name, text) ? importTei(text, file.name) : importPlainText(text, file.name);
};

/** The parser the service uses unless told otherwise. */
export const defaultParser: FileParser = parseInProcess;
