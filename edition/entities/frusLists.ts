/**
 * The register of a modern FRUS volume: its "Persons" and "Abbreviations and
 * Terms" lists in the front matter (`div[@xml:id='persons']` and
 * `div[@xml:id='terms']`), each entry an `item` whose `persName` or `term` carries
 * the `xml:id` that mentions in the documents point to (`persName/@corresp`,
 * `gloss/@target`).
 *
 *   <item><hi rend="strong"><persName xml:id="p_DAARA1">Dulles, Allen (Ascham, Robert
 *     A.)</persName>,</hi> Deputy Director of Central Intelligence until ...</item>
 *   <item><hi rend="strong"><term xml:id="t_AFLAFOL1">AFL, AFOL</term>,</hi> American Federation of Labor</item>
 *
 * A person's name is kept as listed (inverted, as an index wants it); the direct
 * form ("Allen Dulles") and pseudonyms in parentheses, in both forms, become
 * alternative names, so that type-ahead and suggestions find the names as the
 * documents write them. A term listed with variants ("AFL, AFOL") gets each variant
 * as an alternative name. The rest of the entry is the description.
 */
import { childElements, getAttr, localName, textContent, type XmlElement, type XmlNode } from '../xml/index.ts';
import { TEI_NS, element } from '../xml/tree.ts';
import { validateEntity, type Entity } from './model.ts';

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * The first `div` (in document order) with each of `ids` as its xml:id, in one walk that
 * ends once all are found. Over the children as they are (no list of the elements made
 * at each level): a volume without the lists is walked whole, once for all of them.
 */
function findDivs(root: XmlElement, ids: readonly string[]): Map<string, XmlElement> {
  const found = new Map<string, XmlElement>();
  const walk = (el: XmlElement): boolean => {
    for (const child of el.children) {
      if (child.type !== 'element') continue;
      if (localName(child.name) === 'div') {
        const id = getAttr(child, 'xml:id');
        if (id !== null && ids.includes(id) && !found.has(id)) {
          found.set(id, child);
          if (found.size === ids.length) return true;
        }
      }
      if (walk(child)) return true;
    }
    return false;
  };
  walk(root);
  return found;
}

/** The xml:ids of the divs `registerFromFrusLists` reads. */
const LIST_IDS = ['persons', 'terms'];

/** True when `el` is, or holds, a div that registerFromFrusLists would read as a list. */
export function holdsFrusList(el: XmlElement): boolean {
  if (localName(el.name) === 'div' && LIST_IDS.includes(getAttr(el, 'xml:id') ?? '')) return true;
  return el.children.some((c) => c.type === 'element' && holdsFrusList(c));
}

/** The first descendant element named `name` with an `xml:id`. */
function firstWithId(el: XmlElement, name: string): XmlElement | null {
  for (const child of childElements(el)) {
    if (localName(child.name) === name && getAttr(child, 'xml:id') !== null) return child;
    const found = firstWithId(child, name);
    if (found !== null) return found;
  }
  return null;
}

/** Every `item` under a list div, however deeply nested. */
function items(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of childElements(el)) {
    if (localName(child.name) === 'item') out.push(child);
    else out.push(...items(child));
  }
  return out;
}

/** "Dulles, Allen" -> "Allen Dulles"; names without exactly one comma stay as they are. */
export function directOrder(name: string): string {
  const parts = name.split(',').map((p) => p.trim());
  return parts.length === 2 && parts[0] !== '' && parts[1] !== '' ? `${parts[1]} ${parts[0]}` : name;
}

function personNames(listed: string): { name: string; altNames: string[] } {
  const m = /^(.*?)\s*\(([^)]*)\)\s*$/.exec(listed);
  const name = m?.[1] ?? listed;
  const pseudonym = m?.[2]?.trim();
  const alts = [directOrder(name)];
  if (pseudonym !== undefined && pseudonym !== '') alts.push(pseudonym, directOrder(pseudonym));
  return { name, altNames: alts.filter((a) => a !== name) };
}

/** The entry's text after its name: "Acheson, Dean G., Secretary of State" -> "Secretary of State". */
function descriptionOf(item: XmlElement, nameText: string): string {
  const all = collapse(textContent(item));
  const at = all.indexOf(nameText);
  const rest = at < 0 ? all : all.slice(at + nameText.length);
  return rest.replace(/^[\s,;:.]+/, '').trim();
}

function readList(div: XmlElement | undefined, element: string, type: 'person' | 'term'): Entity[] {
  if (div === undefined) return [];
  const out: Entity[] = [];
  for (const item of items(div)) {
    const named = firstWithId(item, element);
    if (named === null) continue;
    const xmlId = getAttr(named, 'xml:id') ?? '';
    const listed = collapse(textContent(named));
    const names =
      type === 'person'
        ? personNames(listed)
        : { name: listed, altNames: listed.includes(',') ? listed.split(',').map((v) => v.trim()) : [] };
    out.push(
      validateEntity({
        id: xmlId,
        type,
        name: names.name,
        altNames: names.altNames,
        description: descriptionOf(item, listed),
        xmlId,
      }),
    );
  }
  return out;
}

/**
 * The persons and terms a FRUS volume lists, as register entries whose `id` and
 * `xmlId` are the list's `xml:id`s (the caller maps them to store ids and links
 * `persName/@corresp` and `gloss/@target` mentions through them). A volume
 * without such lists gives an empty register.
 */
export function registerFromFrusLists(root: XmlElement): Entity[] {
  const divs = findDivs(root, LIST_IDS);
  return [...readList(divs.get('persons'), 'persName', 'person'), ...readList(divs.get('terms'), 'term', 'term')];
}

/** One list div as a FRUS volume writes it: `<div type="section" xml:id><head/><list type>` of items. */
function listDiv(
  divId: string | null,
  head: string,
  listType: string,
  name: string,
  entries: readonly Entity[],
  xmlIds: ReadonlyMap<string, string>,
  indent: string,
): XmlElement {
  const el = (n: string, attrs: Array<[string, string]>, children: XmlNode[]): XmlElement =>
    element(
      n,
      TEI_NS,
      attrs.map(([k, value]) => ({ name: k, uri: '', value })),
      children,
    );
  const t = (text: string): XmlNode => ({ type: 'text', text });
  const items: XmlNode[] = [];
  for (const e of entries) {
    const named = el(name, [['xml:id', xmlIds.get(e.id) ?? e.xmlId ?? e.id]], [t(e.name)]);
    const rest = e.description === '' ? [] : [t(`, ${e.description}`)];
    items.push(t(`\n${indent}        `), el('item', [], [el('hi', [['rend', 'strong']], [named, t(',')]), ...rest]));
  }
  items.push(t(`\n${indent}    `));
  return el(
    'div',
    [['type', 'section'], ...(divId === null ? [] : [['xml:id', divId] as [string, string]])],
    [
      t(`\n${indent}    `),
      el('head', [], [t(head)]),
      t(`\n${indent}    `),
      el('list', [['type', listType]], items),
      t(`\n${indent}`),
    ],
  );
}

/**
 * Persons and terms written the way a FRUS volume lists them, for a file that must
 * stay valid against the FRUS schema (which has no `standOff`): a `<back>` with a
 * "Persons" and an "Abbreviations and Terms" div, each entry an `item` whose
 * `persName` or `term` carries the entry's xml:id (`xmlIds`, else its own), so that
 * `registerFromFrusLists` reads them back. `takenIds` are ids the file already uses:
 * a div whose usual id (`persons`, `terms`) is among them goes without one. Null when
 * there are no persons or terms.
 */
export function registerToFrusLists(
  entities: readonly Entity[],
  xmlIds: ReadonlyMap<string, string>,
  takenIds: ReadonlySet<string> = new Set(),
  indent = '        ',
): XmlElement | null {
  const sorted = [...entities].sort((a, b) => a.name.localeCompare(b.name));
  const persons = sorted.filter((e) => e.type === 'person');
  const terms = sorted.filter((e) => e.type === 'term');
  if (persons.length === 0 && terms.length === 0) return null;
  const divs: XmlNode[] = [];
  const id = (wanted: string): string | null => (takenIds.has(wanted) ? null : wanted);
  const inner = `${indent}    `;
  if (persons.length > 0) {
    divs.push({ type: 'text', text: `\n${inner}` });
    divs.push(listDiv(id('persons'), 'Persons', 'names', 'persName', persons, xmlIds, inner));
  }
  if (terms.length > 0) {
    divs.push({ type: 'text', text: `\n${inner}` });
    divs.push(listDiv(id('terms'), 'Abbreviations and Terms', 'terms', 'term', terms, xmlIds, inner));
  }
  divs.push({ type: 'text', text: `\n${indent}` });
  return element('back', TEI_NS, [], divs);
}
