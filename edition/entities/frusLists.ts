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
import { childElements, getAttr, localName, textContent, type XmlElement } from '../xml/index.ts';
import { validateEntity, type Entity } from './model.ts';

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function findDiv(el: XmlElement, id: string): XmlElement | null {
  for (const child of childElements(el)) {
    if (localName(child.name) === 'div' && getAttr(child, 'xml:id') === id) return child;
    const found = findDiv(child, id);
    if (found !== null) return found;
  }
  return null;
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

function readList(root: XmlElement, divId: string, element: string, type: 'person' | 'term'): Entity[] {
  const div = findDiv(root, divId);
  if (div === null) return [];
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
  return [...readList(root, 'persons', 'persName', 'person'), ...readList(root, 'terms', 'term', 'term')];
}
