/**
 * What the import worker does with one file, as a plain function (the worker
 * wraps it; tests and the CLI may call it directly): decode, decide TEI or
 * plain text, parse.
 */
import type { ImportFile } from '../../edition/api.ts';
import { SiglumError } from '../../edition/errors.ts';
import { importPlainText, type PlainImport } from '../../edition/plaintext/index.ts';
import { importTei, type TeiImport } from '../../edition/tei/import.ts';
import { decodeUtf8 } from '../../edition/xml/decode.ts';

/** A parsed file: a TEI volume or one plain-text document. */
export type ParsedFile = TeiImport | PlainImport;

/** True for the result of a TEI file. */
export function isTeiImport(r: ParsedFile): r is TeiImport {
  return 'collection' in r && 'documents' in r;
}

/** The file's text: `text` as given, `base64` decoded as strict UTF-8 (ParseError at the bad byte). */
export function fileText(file: ImportFile): string {
  if (typeof file.text === 'string') return file.text;
  if (typeof file.base64 === 'string')
    return decodeUtf8(Uint8Array.from(Buffer.from(file.base64, 'base64')), file.name);
  throw new SiglumError('bad-input', `${file.name}: the file has no content.`);
}

/** TEI when the name says XML or the text starts with markup; plain text otherwise. */
export function isXmlFile(name: string, text: string): boolean {
  if (/\.(txt|text|md)$/i.test(name)) return false;
  return /\.(xml|tei)$/i.test(name) || /^\uFEFF?\s*</.test(text);
}

/**
 * Parses one imported file.
 *
 * @throws ParseError for text that is not well-formed (or not UTF-8), SiglumError for anything else refused.
 */
export function parseFile(file: ImportFile): ParsedFile {
  const text = fileText(file);
  return isXmlFile(file.name, text) ? importTei(text, file.name, { register: true }) : importPlainText(text, file.name);
}
