/**
 * Which elements of a TEI file are documents (see import.ts): each `div[@type='document']`
 * under the file's `<text>`, each top-level `div` of the front and back matter that holds
 * none, else the body. And the processing instructions Siglum reserves for itself.
 */
import type { XmlElement } from '../xml/tree.ts';
import { TEI_NS, getAttr } from '../xml/tree.ts';
import { SURFACE_PLACEHOLDER } from '../facsimile/tei.ts';
import { isTei } from './names.ts';
import { child } from './meta.ts';

/** The target of the placeholder processing instruction in a frame. */
export const PLACEHOLDER = 'siglum-document';

/** An element whose content becomes a document, and of which kind. */
export interface Container {
  el: XmlElement;
  kind: 'document' | 'front' | 'back';
}

export function isDocumentDiv(el: XmlElement): boolean {
  return isTei(el, 'div') && getAttr(el, 'type') === 'document';
}

function hasDocumentDiv(el: XmlElement): boolean {
  return el.children.some((c) => c.type === 'element' && (isDocumentDiv(c) || hasDocumentDiv(c)));
}

/** The elements whose content become documents, in document order. */
export function findContainers(text: XmlElement): Container[] {
  const found: Container[] = [];
  const walk = (el: XmlElement, matter: 'front' | 'back' | null): void => {
    for (const c of el.children) {
      if (c.type !== 'element') continue;
      if (isDocumentDiv(c)) found.push({ el: c, kind: 'document' });
      else if (matter !== null && isTei(c, 'div') && !hasDocumentDiv(c)) found.push({ el: c, kind: matter });
      else if (c.uri === TEI_NS && (c.name === 'front' || c.name === 'back')) walk(c, c.name);
      else walk(c, null);
    }
  };
  walk(text, null);
  if (!found.some((c) => c.kind === 'document')) {
    // No document divs: the body is the document; with no body either (a <group>), the whole text.
    const body = child(text, 'body') ?? (found.length === 0 ? text : null);
    if (body) {
      const at = found.findIndex((c) => c.kind === 'back');
      found.splice(at < 0 ? found.length : at, 0, { el: body, kind: 'document' });
    }
  }
  return found;
}

/**
 * True when the document `div` whose ancestors (the root first) are `ancestors` is one
 * findContainers finds: under the root's first `<text>`, in no other document div.
 */
export function isContainerDocumentDiv(el: XmlElement, ancestors: readonly XmlElement[]): boolean {
  const [root, text] = ancestors;
  if (!isDocumentDiv(el) || root === undefined || text === undefined || child(root, 'text') !== text) return false;
  return !ancestors.some(isDocumentDiv);
}

/**
 * True for a `div` of the front or back matter of the root's `<text>` (`ancestors`, the
 * root first, are the root, its first `<text>` and the `<front>` or `<back>`) that holds
 * no document div: one findContainers finds. Matter deeper in the text is not asked about.
 */
export function isMatterDiv(el: XmlElement, ancestors: readonly XmlElement[]): boolean {
  if (ancestors.length !== 3 || !isTei(el, 'div') || isDocumentDiv(el)) return false;
  const [root, text, matter] = ancestors as [XmlElement, XmlElement, XmlElement];
  return child(root, 'text') === text && (isTei(matter, 'front') || isTei(matter, 'back')) && !hasDocumentDiv(el);
}

/** True when the element holds a processing instruction with a placeholder target Siglum reserves. */
export function reservedPi(el: XmlElement): boolean {
  for (const c of el.children) {
    if (c.type === 'pi' && (c.target === PLACEHOLDER || c.target === SURFACE_PLACEHOLDER)) return true;
    if (c.type === 'element' && reservedPi(c)) return true;
  }
  return false;
}
