/**
 * The register in TEI: a `<standOff>` with `listPerson`, `listPlace`, `listOrg`
 * and a `list type="terms"` (one more `list` per editor-defined type), each entry
 * carrying the `xml:id` that mentions point to with `@ref`; and the same read back.
 *
 *   <person xml:id="pers_grew">
 *     <persName>Joseph C. Grew</persName>
 *     <persName type="variant">Grew</persName>
 *     <birth when="1880-05-27"/> <death when="1965-05-25"/>
 *     <idno type="VIAF">19684357</idno>
 *     <note>United States Ambassador to Japan</note>
 *   </person>
 *   <place xml:id="place_tokyo"> <placeName>Tokyo</placeName>
 *     <location><geo>35.6895 139.69171</geo></location> <idno type="GeoNames">1850147</idno> </place>
 *   <list type="terms"> <item xml:id="term_aa"> <term>AA</term> <gloss>American Airlines</gloss> </item> </list>
 *
 * Names come first, then dates or location, then `idno`s, then the description as
 * a `note`: the order `org` requires (identifiers before notes) and the others allow.
 * A place's or an organisation's floruit is an `<event type="floruit">`, as only
 * `person` may hold `<floruit>`. The result validates against tei_all.
 */
import { SiglumError } from '../errors.ts';
import {
  TEI_NS,
  XML_NS,
  childElements,
  element,
  getAttr,
  localName,
  textContent,
  type XmlAttr,
  type XmlElement,
  type XmlNode,
} from '../xml/index.ts';
import { assignXmlIds, validateEntity, type Authority, type AuthorityKey, type Entity } from './model.ts';
import { ownValue } from '../own.ts';

/** `idno/@type` for each authority. */
const IDNO_TYPES: Readonly<Record<AuthorityKey, string>> = {
  viaf: 'VIAF',
  wikidata: 'Wikidata',
  geonames: 'GeoNames',
  lcnaf: 'LCNAF',
  uri: 'URI',
};

/** Entry, name and list elements of the types TEI models. */
const SHAPES: Readonly<Record<string, { list: string; entry: string; name: string }>> = {
  person: { list: 'listPerson', entry: 'person', name: 'persName' },
  place: { list: 'listPlace', entry: 'place', name: 'placeName' },
  org: { list: 'listOrg', entry: 'org', name: 'orgName' },
};

function el(name: string, attrs: Array<[string, string]>, children: XmlNode[] = []): XmlElement {
  const xmlAttrs: XmlAttr[] = attrs.map(([n, value]) => ({ name: n, uri: n.startsWith('xml:') ? XML_NS : '', value }));
  return element(name, TEI_NS, xmlAttrs, children);
}

function text(t: string): XmlNode {
  return { type: 'text', text: t };
}

/** Children separated by a line break and indentation (element-only content, so whitespace is insignificant). */
function indented(children: XmlElement[], depth: number): XmlNode[] {
  const pad = `\n${'  '.repeat(depth + 1)}`;
  const out: XmlNode[] = [];
  for (const c of children) out.push(text(pad), c);
  if (children.length > 0) out.push(text(`\n${'  '.repeat(depth)}`));
  return out;
}

function withIndent(name: string, attrs: Array<[string, string]>, children: XmlElement[], depth: number): XmlElement {
  return el(name, attrs, indented(children, depth));
}

/** `when`, or `from` and `to` for an interval 'FROM/TO'. */
function dateAttrs(value: string): Array<[string, string]> {
  const [from, to] = value.split('/');
  return to === undefined
    ? [['when', value]]
    : [
        ['from', from ?? ''],
        ['to', to],
      ];
}

function idnos(authority: Authority): XmlElement[] {
  const out: XmlElement[] = [];
  for (const key of Object.keys(IDNO_TYPES) as AuthorityKey[]) {
    const value = authority[key];
    if (value !== undefined) out.push(el('idno', [['type', IDNO_TYPES[key]]], [text(value)]));
  }
  return out;
}

function entryElement(e: Entity, xmlId: string, depth: number): XmlElement {
  const shape = ownValue(SHAPES, e.type);
  if (shape === undefined) {
    const parts = [
      el('term', [], [text(e.name)]),
      ...e.altNames.map((n) => el('term', [['type', 'variant']], [text(n)])),
      ...(e.description === '' ? [] : [el('gloss', [], [text(e.description)])]),
      ...idnos(e.authority),
    ];
    return withIndent('item', [['xml:id', xmlId]], parts, depth);
  }
  const parts: XmlElement[] = [
    el(shape.name, [], [text(e.name)]),
    ...e.altNames.map((n) => el(shape.name, [['type', 'variant']], [text(n)])),
  ];
  if (e.dates.birth !== undefined) parts.push(el('birth', dateAttrs(e.dates.birth)));
  if (e.dates.death !== undefined) parts.push(el('death', dateAttrs(e.dates.death)));
  if (e.dates.floruit !== undefined) {
    // Only a person has <floruit>; a place or an organisation has an <event> of that type.
    const attrs = dateAttrs(e.dates.floruit);
    parts.push(
      e.type === 'person'
        ? el('floruit', attrs)
        : el('event', [['type', 'floruit'], ...attrs], [el('label', [], [text('floruit')])]),
    );
  }
  if (e.coordinates !== null) {
    parts.push(el('location', [], [el('geo', [], [text(`${e.coordinates.lat} ${e.coordinates.long}`)])]));
  }
  parts.push(...idnos(e.authority));
  if (e.description !== '') parts.push(el('note', [], [text(e.description)]));
  return withIndent(shape.entry, [['xml:id', xmlId]], parts, depth);
}

/**
 * The register as a TEI `<standOff>` element (TEI namespace, indented for a place
 * directly under `<TEI>`), or null for an empty register. `xmlIds` are those from
 * `assignXmlIds`, which the mentions' `@ref` must use too; computed here when not given.
 */
export function registerToStandOff(
  entities: readonly Entity[],
  xmlIds?: ReadonlyMap<string, string>,
): XmlElement | null {
  if (entities.length === 0) return null;
  const ids = xmlIds ?? assignXmlIds(entities);
  const byType = new Map<string, Entity[]>();
  for (const e of [...entities].sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1))) {
    const list = byType.get(e.type) ?? [];
    list.push(e);
    byType.set(e.type, list);
  }
  const order = [
    ...Object.keys(SHAPES),
    'term',
    ...[...byType.keys()].filter((t) => !Object.hasOwn(SHAPES, t) && t !== 'term').sort(),
  ];
  const lists: XmlElement[] = [];
  for (const type of order) {
    const members = byType.get(type);
    if (members === undefined) continue;
    const entries = members.map((e) => {
      const id = ids.get(e.id);
      if (id === undefined) throw new RangeError(`No xml:id for entity ${e.id}`);
      return entryElement(e, id, 3);
    });
    const shape = ownValue(SHAPES, type);
    lists.push(
      shape === undefined
        ? withIndent('list', [['type', type === 'term' ? 'terms' : type]], entries, 2)
        : withIndent(shape.list, [], entries, 2),
    );
  }
  return withIndent('standOff', [], lists, 1);
}

// ---------------------------------------------------------------- reading back

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function dateOf(e: XmlElement): string | null {
  const when = getAttr(e, 'when');
  if (when !== null) return when;
  const from = getAttr(e, 'from');
  const to = getAttr(e, 'to');
  return from !== null && to !== null ? `${from}/${to}` : null;
}

function readEntry(entry: XmlElement, type: string, nameElement: string): Entity {
  const xmlId = getAttr(entry, 'xml:id');
  if (xmlId === null) {
    throw new SiglumError(
      'invalid-tei',
      `A <${entry.name}> in the register (line ${entry.line}) has no xml:id, so nothing can point to it.`,
    );
  }
  const names: string[] = [];
  const altNames: string[] = [];
  const dates: Record<string, string> = {};
  const authority: Record<string, string> = {};
  let description = '';
  let coordinates: { lat: number; long: number } | null = null;
  for (const child of childElements(entry)) {
    const name = localName(child.name);
    if (name === nameElement) {
      (getAttr(child, 'type') === 'variant' ? altNames : names).push(collapse(textContent(child)));
    } else if (name === 'birth' || name === 'death' || name === 'floruit') {
      const value = dateOf(child);
      if (value !== null) dates[name] = value;
    } else if (name === 'event' && getAttr(child, 'type') === 'floruit') {
      const value = dateOf(child);
      if (value !== null) dates['floruit'] = value;
    } else if (name === 'location') {
      const geo = childElements(child).find((g) => localName(g.name) === 'geo');
      const [lat, long] = collapse(geo ? textContent(geo) : '')
        .split(' ')
        .map(Number);
      if (lat !== undefined && long !== undefined) coordinates = { lat, long };
    } else if (name === 'idno') {
      const key = (Object.keys(IDNO_TYPES) as AuthorityKey[]).find((k) => IDNO_TYPES[k] === getAttr(child, 'type'));
      if (key !== undefined) authority[key] = collapse(textContent(child));
    } else if (name === 'note' || name === 'gloss') {
      description = collapse(textContent(child));
    }
  }
  const [first, ...more] = names;
  return validateEntity({
    id: xmlId,
    type,
    name: first ?? '',
    altNames: [...more, ...altNames],
    dates,
    coordinates,
    description,
    authority,
    xmlId,
  });
}

/**
 * Reads a register written by `registerToStandOff` (or written by hand the same
 * way) back into entities. Each entity's `id` and `xmlId` are its `xml:id`; the
 * caller maps them to store ids. Throws SiglumError('invalid-tei') for an entry
 * without `xml:id`, SiglumError('bad-input') for one whose content does not
 * validate (a malformed authority id, say).
 */
export function registerFromStandOff(standOff: XmlElement): Entity[] {
  const out: Entity[] = [];
  for (const list of childElements(standOff)) {
    const listName = localName(list.name);
    const typed = Object.entries(SHAPES).find(([, s]) => s.list === listName);
    if (typed !== undefined) {
      const [type, shape] = typed;
      for (const entry of childElements(list)) {
        if (localName(entry.name) === shape.entry) out.push(readEntry(entry, type, shape.name));
      }
    } else if (listName === 'list') {
      const listType = getAttr(list, 'type');
      const type = listType === null || listType === 'terms' ? 'term' : listType;
      for (const item of childElements(list)) {
        if (localName(item.name) === 'item') out.push(readEntry(item, type, 'term'));
      }
    }
  }
  return out;
}
