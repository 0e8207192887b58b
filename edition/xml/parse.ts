/**
 * A strict XML reader: saxes (a conforming, namespace-aware SAX parser) feeding
 * the light tree of tree.ts.
 *
 * Hostile input is refused before it costs anything: a DOCTYPE that declares
 * entities or points at an external DTD, undefined entities, elements nested
 * deeper than a limit (saxes with namespaces is quadratic in depth), a second
 * root, text outside the root, and anything else saxes calls an error. Every
 * refusal is a one-line ParseError with the line and column where it happened.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { ParseError } from '../errors.ts';
import { doctypeRefusal } from './policy.ts';
import { positionAt } from './position.ts';
import type { XmlComment, XmlDocument, XmlElement, XmlNode, XmlPI, XmlPrologNode } from './tree.ts';

export { positionAt } from './position.ts';

/** Options of parseXml. */
export interface ParseXmlOptions {
  /** Deepest element nesting accepted (the root is depth 1). Default 512. */
  maxDepth?: number;
  /** Named in error messages. */
  fileName?: string;
  /**
   * Called as each element ends, with its ancestors (the root first). It may replace the
   * element's children (a reader that is done with them frees them while the rest of the
   * file is read); it must not touch the ancestors, whose content is still being read.
   */
  onElementEnd?: (el: XmlElement, ancestors: readonly XmlElement[]) => void;
}

/** The default nesting limit: deep enough for any real TEI, far below what slows saxes down. */
export const DEFAULT_MAX_DEPTH = 512;

/**
 * Reads `text` as one XML document. A leading byte-order mark is dropped and
 * remembered (`bom`), as is whether lines ended in CRLF (`crlf`).
 *
 * @throws ParseError when the text is not well-formed XML or is refused (see above).
 * @throws RangeError when maxDepth is not a positive integer.
 */
export function parseXml(text: string, options: ParseXmlOptions = {}): XmlDocument {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  if (!Number.isInteger(maxDepth) || maxDepth < 1) {
    throw new RangeError(`parseXml: maxDepth must be a positive integer, got ${maxDepth}`);
  }
  const file = options.fileName;
  const bom = text.charCodeAt(0) === 0xfeff;
  const source = bom ? text.slice(1) : text;
  const crlf = source.includes('\r\n');

  const parser = new SaxesParser({ xmlns: true, position: true });
  const fail = (message: string, line = parser.line, column = parser.column): never => {
    throw new ParseError(message.replace(/\s+/g, ' ').trim(), line, Math.max(column, 1), file);
  };

  let declaration: XmlDocument['declaration'] = null;
  const prolog: XmlPrologNode[] = [];
  const epilog: Array<XmlComment | XmlPI> = [];
  let root: XmlElement | null = null;
  const stack: XmlElement[] = [];
  let startLine = 0;
  let startColumn = 0;
  // Where each element starts, in lines (ended by LF) and code points: saxes counts both
  // as it reads, so the `<` is found from where it stands just past the name (or, when
  // the name ended the line, from the line before). Where saxes ends lines elsewhere too
  // (a lone CR; NEL or LS in XML 1.1), the source is walked forward once instead (tags
  // only move forward), counting.
  let oddBreaks: boolean | null = null;
  let cursor = 0;
  let cursorLine = 1;
  let cursorColumn = 1;
  const walkTo = (index: number): void => {
    for (let i = cursor; i < index; i++) {
      const c = source.charCodeAt(i);
      if (c === 0x0a) {
        cursorLine++;
        cursorColumn = 1;
      } else if (c < 0xdc00 || c > 0xdfff) cursorColumn++;
    }
    cursor = Math.max(cursor, index);
    startLine = cursorLine;
    startColumn = cursorColumn;
  };
  /** Code points in source[from, to). */
  const codePoints = (from: number, to: number): number => {
    let n = 0;
    for (let i = from; i < to; i++) {
      const c = source.charCodeAt(i);
      if (c < 0xdc00 || c > 0xdfff) n++;
    }
    return n;
  };
  const locate = (name: string): void => {
    oddBreaks ??= /\r(?!\n)/.test(source) || (declaration?.version === '1.1' && /[\u0085\u2028]/.test(source));
    const at = parser.position;
    // Past the name and the one character saxes read after it (CRLF counts as one).
    const lt = source.lastIndexOf('<', at - name.length - 1);
    if (oddBreaks) return walkTo(lt);
    if (parser.column > 0) {
      startLine = parser.line;
      startColumn = parser.column - codePoints(lt, at) + 1;
    } else {
      startLine = parser.line - 1;
      startColumn = codePoints(source.lastIndexOf('\n', lt) + 1, lt) + 1;
    }
  };

  const attach = (node: XmlNode): void => {
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(node);
    else if (node.type === 'comment' || node.type === 'pi') (root ? epilog : prolog).push(node);
    // Whitespace outside the root is not part of the document; saxes rejects other text there.
  };

  parser.on('error', (err) => fail(err.message.replace(/^\d+:\d+: /, '')));
  parser.on('xmldecl', (d) => {
    declaration = { version: d.version ?? '1.0', encoding: d.encoding ?? null, standalone: d.standalone ?? null };
  });
  parser.on('doctype', (doctype) => {
    const at = positionAt(source, Math.max(source.indexOf('<!DOCTYPE'), 0));
    // The one XML policy (policy.ts), which validation applies too.
    const refused = doctypeRefusal(doctype);
    if (refused !== null) fail(refused, at.line, at.column);
    prolog.push({ type: 'doctype', text: doctype });
  });
  parser.on('processinginstruction', (pi) => attach({ type: 'pi', target: pi.target, body: pi.body }));
  parser.on('comment', (text) => attach({ type: 'comment', text }));
  parser.on('text', (text) => {
    if (stack.length > 0) attach({ type: 'text', text });
  });
  parser.on('cdata', (text) => attach({ type: 'cdata', text }));
  parser.on('opentagstart', (tag) => {
    locate(tag.name);
    if (stack.length + 1 > maxDepth) {
      fail(`elements nest deeper than ${maxDepth} levels.`, startLine, startColumn);
    }
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const attrs: XmlElement['attrs'] = [];
    for (const key in tag.attributes) {
      const a = tag.attributes[key]!;
      attrs.push({ name: a.name, uri: a.uri, value: a.value });
    }
    const el: XmlElement = {
      type: 'element',
      name: tag.name,
      uri: tag.uri,
      attrs,
      children: [],
      line: startLine,
      column: startColumn,
    };
    if (stack.length === 0) {
      if (root) fail('a document may have only one root element.', startLine, startColumn);
      root = el;
    } else attach(el);
    stack.push(el);
  });
  const onEnd = options.onElementEnd;
  parser.on('closetag', () => {
    const el = stack.pop();
    if (onEnd !== undefined && el !== undefined) onEnd(el, stack);
  });

  parser.write(source).close();
  if (!root) return fail('the document has no root element.');
  return { declaration, bom, crlf, prolog, root, epilog };
}
