/**
 * The pointer check every TEI export runs: each same-document pointer (`#id`) in an
 * attribute of TEI's `data.pointer` type must name an `xml:id` of the file.
 *
 * TEI declares these attributes as `anyURI` (lists of them for `@target`, `@corresp`,
 * `@wit`...): `#p_VCR_1` points into the file itself, while a bare `0001` (FRUS's
 * `@facs`) or `frus1934v05ch3` is a relative address of another resource, not an id,
 * so only `#` pointers whose address part is empty are checked. In a `teiCorpus`,
 * each `TEI` member is its own scope: a pointer resolves against the ids of its own
 * volume and those of the corpus header and standOff, because volumes keep the ids
 * they were read with and two of them may well use the same ones.
 */
import type { XmlElement } from '../xml/tree.ts';
import { TEI_NS } from '../xml/tree.ts';

/**
 * Attributes of TEI P5 whose datatype is `data.pointer` (one or a list), by the
 * attribute classes and elements that declare them. `@from`/`@to` are pointers on
 * `span`; on `date` they are dates, which never start with `#`.
 */
const POINTER_ATTRIBUTES: ReadonlySet<string> = new Set([
  // att.global.linking, att.global.facs, att.global.responsibility, att.global.source, att.global.rendition
  'corresp',
  'synch',
  'sameAs',
  'copyOf',
  'next',
  'prev',
  'exclude',
  'select',
  'facs',
  'resp',
  'source',
  'rendition',
  'change',
  'ana',
  // att.pointing, att.anchoring, att.spanning, att.canonical, att.witnessed, att.declaring, att.ascribed
  'target',
  'targetEnd',
  'spanTo',
  'ref',
  'wit',
  'decls',
  'who',
  'hand',
  'scribeRef',
  'scriptRef',
  'lemmaRef',
  'inst',
  'edRef',
  'mergedIn',
  'origin',
  'scheme',
  'active',
  'passive',
  'mutual',
  'datingMethod',
  'calendar',
  'from',
  'to',
  'new',
  'old',
]);

/** One pointer that names an id the file does not hold. */
export interface DanglingPointer {
  /** The element carrying it (qualified name as written) and the attribute. */
  element: string;
  attribute: string;
  /** The id pointed at, without `#`. */
  id: string;
}

/** What the check found in one exported file. */
export interface PointerReport {
  /** How many same-document pointers the file holds. */
  checked: number;
  /** Those that name no id of their scope, in document order. */
  dangling: DanglingPointer[];
}

/** Every `xml:id` under `el` (itself included), not descending into `skip`. */
function collectIds(el: XmlElement, ids: Set<string>, skip: (e: XmlElement) => boolean): void {
  for (const a of el.attrs) if (a.name === 'xml:id') ids.add(a.value);
  for (const c of el.children) if (c.type === 'element' && !skip(c)) collectIds(c, ids, skip);
}

function isTeiMember(el: XmlElement): boolean {
  return el.uri === TEI_NS && (el.name === 'TEI' || el.name === 'teiCorpus');
}

/** Checks the pointers under `el` against `ids`; a nested TEI or teiCorpus opens a scope of its own. */
function checkScope(el: XmlElement, inherited: ReadonlySet<string>, report: PointerReport): void {
  const ids = new Set(inherited);
  collectIds(el, ids, isTeiMember);
  const walk = (e: XmlElement): void => {
    for (const a of e.attrs) {
      if (a.uri !== '' || !POINTER_ATTRIBUTES.has(a.name)) continue;
      for (const token of a.value.split(/\s+/)) {
        if (!token.startsWith('#') || token.length < 2) continue;
        report.checked++;
        const id = token.slice(1);
        if (!ids.has(id)) report.dangling.push({ element: e.name, attribute: a.name, id });
      }
    }
    for (const c of e.children) {
      if (c.type !== 'element') continue;
      if (isTeiMember(c)) checkScope(c, ids, report);
      else walk(c);
    }
  };
  walk(el);
}

/**
 * Checks every same-document pointer in a TEI file (its root element): `checked`
 * counts them, `dangling` lists those naming an id absent from their scope.
 */
export function checkPointers(root: XmlElement): PointerReport {
  const report: PointerReport = { checked: 0, dangling: [] };
  checkScope(root, new Set(), report);
  return report;
}

/** Every `xml:id` in the element and below it. */
export function xmlIdsIn(root: XmlElement): Set<string> {
  const ids = new Set<string>();
  collectIds(root, ids, () => false);
  return ids;
}

/**
 * Makes the `xml:id`s under `root` unique against `taken` (ids earlier in the same file):
 * each one already taken becomes `prefix` + id (then `-2`, `-3`... while that is taken
 * too), and every same-document pointer under `root` naming it is rewritten to match, so
 * the file's pointers resolve as before. Adds root's ids, as renamed, to `taken`;
 * returns the renames (old id to new).
 */
export function makeIdsUnique(root: XmlElement, taken: Set<string>, prefix: string): Map<string, string> {
  const own = new Set<string>();
  collectIds(root, own, () => false);
  const renames = new Map<string, string>();
  for (const id of own) {
    if (!taken.has(id)) continue;
    let fresh = `${prefix}${id}`;
    for (let n = 2; taken.has(fresh) || own.has(fresh); n++) fresh = `${prefix}${id}-${n}`;
    renames.set(id, fresh);
    taken.add(fresh);
  }
  for (const id of own) if (!renames.has(id)) taken.add(id);
  if (renames.size === 0) return renames;
  const walk = (e: XmlElement): void => {
    e.attrs.forEach((a, i) => {
      if (a.name === 'xml:id') {
        const renamed = renames.get(a.value);
        if (renamed !== undefined) e.attrs[i] = { ...a, value: renamed };
      } else if (a.uri === '' && POINTER_ATTRIBUTES.has(a.name)) {
        const value = a.value.replace(/(^|\s)#(\S+)/g, (whole: string, space: string, id: string) => {
          const renamed = renames.get(id);
          return renamed === undefined ? whole : `${space}#${renamed}`;
        });
        if (value !== a.value) e.attrs[i] = { ...a, value };
      }
    });
    for (const c of e.children) if (c.type === 'element') walk(c);
  };
  walk(root);
  return renames;
}
