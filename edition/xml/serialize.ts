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

// What escapeText and escapeAttr have to change or refuse: most text has none of it, and is
// then looked at once.
// eslint-disable-next-line no-control-regex
const TEXT_SPECIAL = /[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
// eslint-disable-next-line no-control-regex
const ATTR_SPECIAL = /[&<"\t\n\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/**
 * Escapes character data: `&`, `<`, `>` (so `]]>` cannot appear) and CR (so it survives re-reading).
 * RangeError for a character XML cannot hold (most C0 controls, U+FFFE, U+FFFF).
 */
export function escapeText(s: string): string {
  if (!TEXT_SPECIAL.test(s)) return s;
  checkChars(s);
  if (!/[&<>\r]/.test(s)) return s;
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
}

/** Escapes an attribute value for double quotes; tab, LF and CR as character references so that attribute-value normalisation keeps them. RangeError as escapeText. */
export function escapeAttr(s: string): string {
  if (!ATTR_SPECIAL.test(s)) return s;
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

// The text is built by concatenation, which V8 does without copying (a rope, made flat
// once when it is written out): about twice as fast as collecting the pieces in an
// array and joining them, for a volume of a few megabytes.

function writeAttrs(attrs: readonly XmlAttr[]): string {
  let s = '';
  for (const a of attrs) s += ` ${a.name}="${escapeAttr(a.value)}"`;
  return s;
}

function writeNode(node: XmlNode): string {
  switch (node.type) {
    case 'text':
      return escapeText(node.text);
    case 'cdata':
      return `<![CDATA[${node.text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
    case 'comment':
      return `<!--${node.text}-->`;
    case 'pi':
      return `<?${node.target}${node.body === '' ? '' : ' '}${node.body}?>`;
    case 'element': {
      const open = `<${node.name}${writeAttrs(node.attrs)}`;
      if (node.children.length === 0) return `${open}/>`;
      let s = `${open}>`;
      for (const c of node.children) s += writeNode(c);
      return `${s}</${node.name}>`;
    }
  }
}

/** XML text of a list of nodes (a fragment). */
export function serializeNodes(nodes: readonly XmlNode[]): string {
  let s = '';
  for (const n of nodes) s += writeNode(n);
  return s;
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
  let xml = options.bom ? '\uFEFF' : '';
  const d = doc.declaration;
  if (d) {
    xml += `<?xml version="${d.version}"`;
    if (d.encoding !== null) xml += ` encoding="${/^utf-8$/i.test(d.encoding) ? d.encoding : 'UTF-8'}"`;
    if (d.standalone !== null) xml += ` standalone="${d.standalone}"`;
    xml += '?>\n';
  }
  for (const p of doc.prolog) xml += `${p.type === 'doctype' ? `<!DOCTYPE${p.text}>` : writeNode(p)}\n`;
  xml += writeNode(doc.root);
  for (const e of doc.epilog) xml += `\n${writeNode(e)}`;
  xml += '\n';
  return options.crlf ? xml.replace(/\n/g, '\r\n') : xml;
}
