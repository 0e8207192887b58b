/**
 * Which TEI elements the schema models, and how elements are classed as block
 * or inline when the schema does not say. Shared by the importer and the exporter.
 */
import { TEI_NS, type XmlElement, type XmlNode, getAttr, isWhitespace } from '../xml/tree.ts';

/** `hi/@rend` values that map to the schema's highlighting marks. */
export const REND_MARKS = {
  italic: 'italic',
  bold: 'bold',
  smallcaps: 'smallcaps',
  superscript: 'superscript',
} as const;
/** The names of the highlighting marks. */
export type RendMark = keyof typeof REND_MARKS;

/** TEI elements that always hold block structure, wherever they occur. */
const BLOCK_NAMES = new Set([
  'p',
  'ab',
  'head',
  'list',
  'div',
  'lg',
  'table',
  'opener',
  'closer',
  'floatingText',
  'listBibl',
  'postscript',
  'sp',
  'titlePage',
  'front',
  'body',
  'back',
]);

/** TEI elements that are inline even where their siblings are blocks. */
const INLINE_ONLY = new Set(['pb', 'lb', 'cb', 'milestone', 'anchor', 'gap']);

/** True for an element in the TEI namespace with this local name. */
export function isTei(el: XmlElement, name: string): boolean {
  return el.uri === TEI_NS && el.name === name;
}

/** True for `<note type="source">`. */
export function isSourceNote(el: XmlElement): boolean {
  return isTei(el, 'note') && getAttr(el, 'type') === 'source';
}

const blockish = new WeakMap<XmlElement, boolean>();

/**
 * True when the element holds block structure: it is one of the block elements
 * above, or contains one. Notes never count (a note is an inline node that may
 * hold blocks), so a paragraph with a footnote of several paragraphs stays a paragraph.
 */
export function isBlockish(el: XmlElement): boolean {
  if (isTei(el, 'note')) return false;
  const known = blockish.get(el);
  if (known !== undefined) return known;
  let result = el.uri === TEI_NS && BLOCK_NAMES.has(el.name) && el.children.length > 0;
  if (!result) result = containsBlock(el);
  blockish.set(el, result);
  return result;
}

/** True when some child element is blockish: the element cannot be an inline container. */
export function containsBlock(el: XmlElement): boolean {
  for (const c of el.children) if (c.type === 'element' && isBlockish(c)) return true;
  return false;
}

/**
 * TEI elements that stand as blocks of their own in element-only content even
 * when they hold only phrases (a `bibl` of a `listBibl`, an index `item`, a verse
 * `l`, a `castItem`...). Other elements there, phrases like `persName`, `hi` or
 * `date`, are inline: the whitespace between two of them is text.
 */
const CHUNK_NAMES = new Set([
  'item',
  'label',
  'l',
  'row',
  'cell',
  'dateline',
  'salute',
  'signed',
  'byline',
  'trailer',
  'argument',
  'epigraph',
  'docTitle',
  'titlePart',
  'docAuthor',
  'docImprint',
  'docDate',
  'bibl',
  'biblStruct',
  'speaker',
  'stage',
  'castList',
  'castGroup',
  'castItem',
  'msDesc',
  'msIdentifier',
  'msContents',
  'msItem',
  'physDesc',
  'history',
  'additional',
  'quote',
  'figure',
  'listPerson',
  'person',
  'listPlace',
  'place',
  'listOrg',
  'org',
  // Forme work (a running head, page number, catch word) stands between blocks as PAGE import writes it.
  'fw',
]);

/**
 * Whether a child element of element-only content is a block of its own
 * (rather than part of a run of inline content): a blockish element, a source
 * note or one of the chunk-level elements above. Phrases, empty elements,
 * milestones like `<pb/>` and notes other than source notes are inline. In a
 * letter's opener or closer (`loose`) every element that is not empty, a
 * milestone or a footnote is a block, as FRUS writes `<opener><seg>No. 3534</seg>`.
 */
export function isBlockInElementOnly(el: XmlElement, loose = false): boolean {
  if (el.children.length === 0) return false;
  if (el.uri === TEI_NS && INLINE_ONLY.has(el.name)) return false;
  if (isTei(el, 'note')) return isSourceNote(el);
  return loose || isBlockish(el) || (el.uri === TEI_NS && CHUNK_NAMES.has(el.name));
}

/**
 * True for content a reader sees in a run of inline content: text that is not
 * only whitespace, CDATA, an element with content. Empty elements (`<pb/>`,
 * `<anchor/>`), comments and processing instructions are not.
 */
export function isVisibleInline(node: XmlNode): boolean {
  if (node.type === 'text') return !isWhitespace(node.text);
  if (node.type === 'cdata') return true;
  return node.type === 'element' && node.children.length > 0;
}

const preserved = new WeakMap<XmlElement, boolean>();

/**
 * Reads where `xml:space="preserve"` is in force in a parsed tree (it is
 * inherited until an `xml:space="default"` turns it off), for
 * `isSpacePreserved` to answer; `inherited` says whether it is in force
 * around `root`.
 */
export function readSpace(root: XmlElement, inherited = false): void {
  const own = getAttr(root, 'xml:space');
  const on = own === 'preserve' ? true : own === 'default' ? false : inherited;
  // Only where it is in force: elsewhere an element's own attribute, which
  // `isSpacePreserved` reads, says no (absent or "default").
  if (on) preserved.set(root, true);
  for (const c of root.children) if (c.type === 'element') readSpace(c, on);
}

/**
 * True when `xml:space="preserve"` is in force on the element: all whitespace
 * in it is content, never layout to drop or to re-indent. Elements of a tree
 * `readSpace` has not read answer from their own attribute.
 */
export function isSpacePreserved(el: XmlElement): boolean {
  return preserved.get(el) ?? getAttr(el, 'xml:space') === 'preserve';
}
