/**
 * Siglum's one policy for XML from outside: a DOCTYPE may name the root and nothing
 * more. One that declares entities (billion laughs), refers to an external DTD (which
 * a validator would fetch, and which can carry a file's contents out) or has an
 * internal subset is refused, before any parser that would act on it sees the file.
 * The TEI import (parse.ts) and validation (electron/validate.ts) both apply it.
 */
import { SaxesParser } from 'saxes';
import { ParseError } from '../errors.ts';
import { positionAt } from './position.ts';

/**
 * Why the DOCTYPE whose text (what follows `<!DOCTYPE`) is `doctype` is refused, or
 * null when it is accepted.
 */
export function doctypeRefusal(doctype: string): string | null {
  if (/<!ENTITY/i.test(doctype))
    return 'a DOCTYPE that declares entities is refused (entity expansion is not supported).';
  if (/^\s*\S+\s+(SYSTEM|PUBLIC)\b/.test(doctype)) return 'a DOCTYPE that refers to an external DTD is refused.';
  if (doctype.includes('[')) return 'a DOCTYPE with an internal subset is refused.';
  return null;
}

/** How much of the text is fed to the parser at a time while looking for the root. */
const CHUNK = 64 * 1024;

/**
 * Applies the policy to `text` as a validator would read it: reads the prolog (the
 * XML declaration, comments, processing instructions and DOCTYPE before the root
 * element) with a conforming parser and stops at the root.
 *
 * @throws ParseError with the line and column when the DOCTYPE is refused, or when the
 *   text is not well-formed before its root (so no other parser is left to guess).
 */
export function checkXmlPolicy(text: string, fileName?: string): void {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parser = new SaxesParser({ xmlns: false, position: true });
  let rootSeen = false;
  let refusal: ParseError | null = null;
  const fail = (message: string, line: number, column: number): void => {
    refusal ??= new ParseError(message.replace(/\s+/g, ' ').trim(), line, Math.max(column, 1), fileName);
  };
  // Past the root, well-formedness is the validator's to report, with its own messages.
  parser.on('error', (err) => {
    if (!rootSeen) fail(err.message.replace(/^\d+:\d+: /, ''), parser.line, parser.column);
  });
  parser.on('doctype', (doctype) => {
    const why = doctypeRefusal(doctype);
    if (why !== null) {
      const at = positionAt(source, Math.max(source.indexOf('<!DOCTYPE'), 0));
      fail(why, at.line, at.column);
    }
  });
  parser.on('opentagstart', () => {
    rootSeen = true;
  });
  for (let i = 0; i < source.length && !rootSeen && refusal === null; i += CHUNK) {
    parser.write(source.slice(i, i + CHUNK));
  }
  if (refusal !== null) throw refusal;
  if (!rootSeen) {
    parser.close();
    if (refusal !== null) throw refusal;
    throw new ParseError(
      'the file has no root element: it is not XML.',
      parser.line,
      Math.max(parser.column, 1),
      fileName,
    );
  }
}
