/**
 * Structural equality of XML content up to what TEI does not mean: whitespace-only
 * text in element-only content, the order of attributes, and how text is split
 * into nodes. The importer uses it to check each container it builds.
 */
import type { XmlNode } from '../xml/tree.ts';
import { getAttr, isWhitespace } from '../xml/tree.ts';

/**
 * True when canonicalChildren would return `nodes` unchanged: no two texts in a row, no
 * empty text, and no whitespace-only text unless the content is mixed. Most content is,
 * and the importer checks every container it builds, so the common case copies nothing.
 */
function isCanonical(nodes: readonly XmlNode[]): boolean {
  let afterText = false;
  let mixed = false;
  let blank = false;
  // Indexed, not for-of: called for every container's every element before the code is
  // optimised, where an iterator allocates a result object for each node.
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    if (n.type === 'text') {
      if (afterText || n.text === '') return false;
      if (isWhitespace(n.text)) blank = true;
      else mixed = true;
    } else if (n.type === 'cdata' && !isWhitespace(n.text)) mixed = true;
    afterText = n.type === 'text';
  }
  return mixed || !blank;
}

/** Merges adjacent text, drops empty text, and drops whitespace-only text when the content is element-only. */
export function canonicalChildren(nodes: readonly XmlNode[]): readonly XmlNode[] {
  if (isCanonical(nodes)) return nodes;
  const merged: XmlNode[] = [];
  for (const n of nodes) {
    const last = merged[merged.length - 1];
    if (n.type === 'text' && last?.type === 'text')
      merged[merged.length - 1] = { type: 'text', text: last.text + n.text };
    else merged.push(n);
  }
  const mixed = merged.some((n) => (n.type === 'text' || n.type === 'cdata') && !isWhitespace(n.text));
  return merged.filter((n) => n.type !== 'text' || (n.text !== '' && (mixed || !isWhitespace(n.text))));
}

function sameNode(a: XmlNode, b: XmlNode): boolean {
  switch (a.type) {
    case 'text':
    case 'cdata':
    case 'comment':
      return b.type === a.type && b.text === a.text;
    case 'pi':
      return b.type === 'pi' && b.target === a.target && b.body === a.body;
    case 'element': {
      if (b.type !== 'element' || b.name !== a.name || b.attrs.length !== a.attrs.length) return false;
      for (const x of a.attrs) if (getAttr(b, x.name) !== x.value) return false;
      return sameContent(a.children, b.children);
    }
  }
}

/** True when two lists of nodes are the same XML content (see the module comment). */
export function sameContent(a: readonly XmlNode[], b: readonly XmlNode[]): boolean {
  const ca = canonicalChildren(a);
  const cb = canonicalChildren(b);
  if (ca.length !== cb.length) return false;
  for (let i = 0; i < ca.length; i++) if (!sameNode(ca[i]!, cb[i]!)) return false;
  return true;
}
