/**
 * What the import worker does with one file, as a plain function (the worker
 * wraps it; tests and the CLI may call it directly): decode, decide TEI or
 * plain text, parse.
 */
import type { ImportFile } from '../../edition/api.ts';
import { SiglumError } from '../../edition/errors.ts';
import { importPlainText } from '../../edition/plaintext/index.ts';
import { importTeiVolumes } from '../../edition/tei/import.ts';
import { decodeUtf8, decodeXml } from '../../edition/xml/decode.ts';
import type { ParsedFile } from './parsed.ts';

export { isCorpusImport, isTeiImport, parsedParts, type ParsedFile, type TeiCorpusImport } from './parsed.ts';

/**
 * The file's text: `text` as given; `base64` decoded as XML decodes (UTF-16 by its
 * byte-order mark, else the encoding its declaration names, else UTF-8) when the
 * file is XML, else as strict UTF-8. ParseError at a bad byte.
 */
export function fileText(file: ImportFile): string {
  if (typeof file.text === 'string') return file.text;
  if (typeof file.base64 === 'string') return bytesText(file.name, Buffer.from(file.base64, 'base64'));
  throw new SiglumError('bad-input', `${file.name}: the file has no content.`);
}

/** The text of the file `name` whose bytes are `bytes`, decoded as fileText decodes `base64`. */
export function bytesText(name: string, bytes: Uint8Array): string {
  // A view, not a copy (a Buffer's bytes as a plain Uint8Array).
  const view = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return isXmlBytes(name, view) ? decodeXml(view, name) : decodeUtf8(view, name);
}

/** As isXmlFile, before decoding: the name says XML, or the bytes start with a UTF-16 byte-order mark or markup. */
function isXmlBytes(name: string, bytes: Uint8Array): boolean {
  if (/\.(txt|text|md)$/i.test(name)) return false;
  if (/\.(xml|tei)$/i.test(name)) return true;
  const [a, b] = [bytes[0], bytes[1]];
  if ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff) || a === 0x3c || (a === 0x00 && b === 0x3c)) return true;
  return a === 0xef && b === 0xbb && bytes[2] === 0xbf && bytes[3] === 0x3c;
}

/** TEI when the name says XML or the text starts with markup; plain text otherwise. */
export function isXmlFile(name: string, text: string): boolean {
  if (/\.(txt|text|md)$/i.test(name)) return false;
  return /\.(xml|tei)$/i.test(name) || /^\uFEFF?\s*</.test(text);
}

/**
 * Parses one imported file.
 *
 * @throws ParseError for text that is not well-formed (or not in its encoding), SiglumError for anything else refused.
 */
export function parseFile(file: ImportFile): ParsedFile {
  return parseText(file.name, fileText(file));
}

/** parseFile on the text of the file `name`. */
export function parseText(name: string, text: string): ParsedFile {
  if (!isXmlFile(name, text)) return importPlainText(text, name);
  const volumes = importTeiVolumes(text, name, { register: true });
  return volumes.length === 1 ? volumes[0]! : { volumes };
}
