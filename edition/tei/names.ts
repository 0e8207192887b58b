/**
 * Which TEI elements the schema models, and how elements are classed as block
 * or inline when the schema does not say. Shared by the importer and the exporter.
 */
import { TEI_NS, type XmlElement, getAttr } from '../xml/tree.ts';

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
 * Whether a child element of element-only content is a block of its own
 * (rather than part of a run of inline content): anything but empty elements,
 * milestones like `<pb/>` and notes other than source notes.
 */
export function isBlockInElementOnly(el: XmlElement): boolean {
  if (el.children.length === 0) return false;
  if (el.uri === TEI_NS && INLINE_ONLY.has(el.name)) return false;
  if (isTei(el, 'note')) return isSourceNote(el);
  return true;
}
