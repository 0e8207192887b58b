/**
 * Writes the light tree back as XML text, exactly: attributes in their order
 * (namespace declarations included, where they were), text escaped, CDATA,
 * comments and processing instructions as they were. It never adds or removes
 * whitespace, so mixed content is never re-indented.
 */
import type { XmlAttr, XmlDocument, XmlNode } from './tree.ts';

// Characters XML 1.0 cannot hold at all, not even as character references.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function checkChars(s: string): void {
  const m = NOT_XML.exec(s);
  if (m)
    throw new RangeError(
      `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} cannot be written in XML (in ${JSON.stringify(s.slice(Math.max(0, m.index - 20), m.index + 20))})`,
    );
}

/**
 * Escapes character data: `&`, `<`, `>` (so `]]>` cannot appear) and CR (so it survives re-reading).
 * RangeError for a character XML cannot hold (most C0 controls, U+FFFE, U+FFFF).
 */
export function escapeText(s: string): string {
  checkChars(s);
  if (!/[&<>\r]/.test(s)) return s;
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
}

/** Escapes an attribute value for double quotes; tab, LF and CR as character references so that attribute-value normalisation keeps them. RangeError as escapeText. */
export function escapeAttr(s: string): string {
  checkChars(s);
  if (!/[&<"\t\n\r]/.test(s)) return s;
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#x9;')
    .replace(/\n/g, '&#xA;')
    .replace(/\r/g, '&#xD;');
}

function writeAttrs(attrs: readonly XmlAttr[], out: string[]): void {
  for (const a of attrs) out.push(' ', a.name, '="', escapeAttr(a.value), '"');
}

function writeNode(node: XmlNode, out: string[]): void {
  switch (node.type) {
    case 'text':
      out.push(escapeText(node.text));
      return;
    case 'cdata':
      out.push('<![CDATA[', node.text.replace(/]]>/g, ']]]]><![CDATA[>'), ']]>');
      return;
    case 'comment':
      out.push('<!--', node.text, '-->');
      return;
    case 'pi':
      out.push('<?', node.target, node.body === '' ? '' : ' ', node.body, '?>');
      return;
    case 'element':
      out.push('<', node.name);
      writeAttrs(node.attrs, out);
      if (node.children.length === 0) {
        out.push('/>');
        return;
      }
      out.push('>');
      for (const c of node.children) writeNode(c, out);
      out.push('</', node.name, '>');
      return;
  }
}

/** XML text of a list of nodes (a fragment). */
export function serializeNodes(nodes: readonly XmlNode[]): string {
  const out: string[] = [];
  for (const n of nodes) writeNode(n, out);
  return out.join('');
}

/** Options of serializeXml. */
export interface SerializeOptions {
  /** Write a byte-order mark first. Default: false. */
  bom?: boolean;
  /** End lines with CRLF instead of LF. Default: false. */
  crlf?: boolean;
}

/**
 * XML text of a whole document: declaration, prolog, root, epilog (each prolog
 * and epilog item on its own line). LF line endings and no byte-order mark
 * unless asked; pass `{ bom: doc.bom, crlf: doc.crlf }` for the file's own.
 * The text is for a UTF-8 file, so a declared encoding is written as UTF-8
 * (a file read as ISO-8859-1 or UTF-16 does not keep saying so).
 */
export function serializeXml(doc: XmlDocument, options: SerializeOptions = {}): string {
  const out: string[] = [];
  if (options.bom) out.push('\uFEFF');
  const d = doc.declaration;
  if (d) {
    out.push('<?xml version="', d.version, '"');
    if (d.encoding !== null) out.push(' encoding="', /^utf-8$/i.test(d.encoding) ? d.encoding : 'UTF-8', '"');
    if (d.standalone !== null) out.push(' standalone="', d.standalone, '"');
    out.push('?>\n');
  }
  for (const p of doc.prolog) {
    if (p.type === 'doctype') out.push('<!DOCTYPE', p.text, '>');
    else writeNode(p, out);
    out.push('\n');
  }
  writeNode(doc.root, out);
  for (const e of doc.epilog) {
    out.push('\n');
    writeNode(e, out);
  }
  out.push('\n');
  const xml = out.join('');
  return options.crlf ? xml.replace(/\n/g, '\r\n') : xml;
}
