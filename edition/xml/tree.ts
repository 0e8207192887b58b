/**
 * The light XML tree that Siglum reads TEI into and writes it back from.
 *
 * It keeps everything a TEI file says, in document order: elements with their
 * qualified names, namespace URIs and attributes (namespace declarations are
 * attributes too, kept where they were written), text, CDATA sections, comments
 * and processing instructions. Line endings are the parser's: XML turns CRLF
 * into LF before anything else sees the text (XML 1.0, section 2.11).
 */

/** One attribute as written: qualified name, namespace URI ('' for none), value. */
export interface XmlAttr {
  readonly name: string;
  readonly uri: string;
  readonly value: string;
}

/** An element. `line` and `column` (1-based) locate its `<` in the source. */
export interface XmlElement {
  readonly type: 'element';
  /** Qualified name as written, e.g. `div` or `frus:attachment`. */
  readonly name: string;
  readonly uri: string;
  readonly attrs: XmlAttr[];
  readonly children: XmlNode[];
  readonly line: number;
  readonly column: number;
}

/** Character data; entities and character references already resolved. */
export interface XmlText {
  readonly type: 'text';
  readonly text: string;
}

/** A `<![CDATA[...]]>` section, kept apart from text so it is written back as one. */
export interface XmlCData {
  readonly type: 'cdata';
  readonly text: string;
}

/** A comment, `text` without the `<!--` and `-->` delimiters. */
export interface XmlComment {
  readonly type: 'comment';
  readonly text: string;
}

/** A processing instruction such as `<?xml-model href="..."?>`. */
export interface XmlPI {
  readonly type: 'pi';
  readonly target: string;
  readonly body: string;
}

/** A `<!DOCTYPE ...>` without an internal subset (the parser refuses entity declarations). */
export interface XmlDoctype {
  readonly type: 'doctype';
  readonly text: string;
}

/** Anything an element may contain. */
export type XmlNode = XmlElement | XmlText | XmlCData | XmlComment | XmlPI;
/** Anything that may stand before the root element. */
export type XmlPrologNode = XmlComment | XmlPI | XmlDoctype;

/** A whole XML file. */
export interface XmlDocument {
  /** The XML declaration's fields, or null when the file has none. */
  readonly declaration: { version: string; encoding: string | null; standalone: string | null } | null;
  /** Whether the text began with a byte-order mark (U+FEFF). */
  readonly bom: boolean;
  /** Whether the source used CRLF line endings (written back as CRLF when asked). */
  readonly crlf: boolean;
  /** Comments, PIs and the DOCTYPE before the root element. */
  readonly prolog: XmlPrologNode[];
  readonly root: XmlElement;
  /** Comments and PIs after the root element. */
  readonly epilog: Array<XmlComment | XmlPI>;
}

/** The TEI namespace. */
export const TEI_NS = 'http://www.tei-c.org/ns/1.0';

/** A document of `root` as Siglum writes one: UTF-8 declared, LF line ends, no byte-order mark. */
export function utf8Document(root: XmlElement, prolog: XmlPrologNode[] = []): XmlDocument {
  return {
    declaration: { version: '1.0', encoding: 'UTF-8', standalone: null },
    bom: false,
    crlf: false,
    prolog,
    root,
    epilog: [],
  };
}
/** The namespace of `xml:` attributes such as `xml:id`. */
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** True for a string made only of XML whitespace (space, tab, CR, LF), including ''. */
export function isWhitespace(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return false;
  }
  return true;
}

/** The value of the attribute with this qualified name, or null. */
export function getAttr(el: XmlElement, name: string): string | null {
  for (const a of el.attrs) if (a.name === name) return a.value;
  return null;
}

/** The local part of a qualified name (`frus:attachment` -> `attachment`). */
export function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** True when the element's content is mixed: it has a text child that is not only whitespace. */
export function hasMixedContent(el: XmlElement): boolean {
  for (const c of el.children) {
    if ((c.type === 'text' || c.type === 'cdata') && !isWhitespace(c.text)) return true;
  }
  return false;
}

/** The element's text content (all descendant text and CDATA, in order). */
export function textContent(node: XmlNode): string {
  if (node.type === 'text' || node.type === 'cdata') return node.text;
  if (node.type !== 'element') return '';
  let out = '';
  for (const c of node.children) out += textContent(c);
  return out;
}

/** Child elements in order. */
export function childElements(el: XmlElement): XmlElement[] {
  return el.children.filter((c): c is XmlElement => c.type === 'element');
}

/** Builds an element (for exporters); `line`/`column` are 0 for elements not read from a file. */
export function element(name: string, uri: string, attrs: XmlAttr[], children: XmlNode[]): XmlElement {
  return { type: 'element', name, uri, attrs, children, line: 0, column: 0 };
}

/** Removes `el` from `parent` with the whitespace-only text right before it. */
export function removeChild(parent: XmlElement, el: XmlElement): void {
  const at = parent.children.indexOf(el);
  const before = parent.children[at - 1];
  const ws = before?.type === 'text' && before.text.trim() === '';
  parent.children.splice(ws ? at - 1 : at, ws ? 2 : 1);
}
