/**
 * The project register: what an entity is, how an entry is checked before it is
 * stored, and the `xml:id` each entry gets in a TEI export.
 *
 * `validateEntity` is the parse boundary: the store and the API hand it whatever
 * arrived and get back a clean `Entity` or a SiglumError('bad-input') whose
 * message names the field and says what a good value looks like. Authority
 * identifiers may be pasted as the authority's web address; they are stored as
 * the bare identifier.
 */
import { SiglumError } from '../errors.ts';
import { fold } from './fold.ts';
import { ownValue } from '../own.ts';

/** The built-in entity types; editors may define more (lower-case words, e.g. 'ship'). */
export const ENTITY_TYPES = ['person', 'place', 'org', 'term'] as const;
export type BuiltInEntityType = (typeof ENTITY_TYPES)[number];
export type EntityType = BuiltInEntityType | (string & {});

/** Identifiers of the entity in authority files, all optional. */
export interface Authority {
  /** VIAF cluster number: digits, e.g. '102333412'. */
  viaf?: string;
  /** Wikidata item: 'Q' and digits, e.g. 'Q312549'. */
  wikidata?: string;
  /** GeoNames feature: digits, e.g. '1850147'. */
  geonames?: string;
  /** Library of Congress Name Authority File: 'n', 'nb', 'no' or 'nr' and 8 or 10 digits. */
  lcnaf?: string;
  /** Any other authority, as an absolute http(s) address. */
  uri?: string;
}
export type AuthorityKey = keyof Authority;
export const AUTHORITY_KEYS: readonly AuthorityKey[] = ['viaf', 'wikidata', 'geonames', 'lcnaf', 'uri'];

/**
 * Dates of a person or organisation as ISO 8601 dates (YYYY, YYYY-MM or YYYY-MM-DD;
 * a negative year for BCE). `floruit` is one date or an interval 'FROM/TO'.
 */
export interface EntityDates {
  birth?: string;
  death?: string;
  floruit?: string;
}

/** A place's position in decimal degrees (WGS 84). */
export interface Coordinates {
  lat: number;
  long: number;
}

export interface Entity {
  id: string;
  type: EntityType;
  /** The preferred name, as the register and the index show it. */
  name: string;
  /** Other spellings and forms the texts use ("Su Ping-wen", "General Su"). */
  altNames: string[];
  dates: EntityDates;
  /** Places only. */
  coordinates: Coordinates | null;
  description: string;
  authority: Authority;
  /**
   * The entry's `xml:id` in TEI, once it has one (read from an import or fixed by
   * a first export); kept across renames so that links from outside stay valid.
   */
  xmlId: string | null;
}

function bad(message: string): SiglumError {
  return new SiglumError('bad-input', message);
}

const AUTHORITY_SHAPES: Record<
  Exclude<AuthorityKey, 'uri'>,
  { label: string; id: RegExp; urls: RegExp[]; example: string; shape: string }
> = {
  viaf: {
    label: 'VIAF',
    id: /^[1-9]\d{0,21}$/,
    urls: [/^https?:\/\/(?:www\.)?viaf\.org\/viaf\/(\d+)\/?$/i],
    example: '102333412',
    shape: 'digits only',
  },
  wikidata: {
    label: 'Wikidata',
    id: /^Q[1-9]\d*$/,
    urls: [/^https?:\/\/(?:www\.|m\.)?wikidata\.org\/(?:wiki|entity)\/(Q\d+)\/?$/i],
    example: 'Q312549',
    shape: "'Q' followed by digits",
  },
  geonames: {
    label: 'GeoNames',
    id: /^[1-9]\d{0,11}$/,
    urls: [/^https?:\/\/(?:www\.|sws\.)?geonames\.org\/(\d+)(?:\/[^/?#]*)?\/?$/i],
    example: '1850147',
    shape: 'digits only',
  },
  lcnaf: {
    label: 'Library of Congress',
    id: /^n[bor]?\d{8}(?:\d{2})?$/,
    urls: [/^https?:\/\/id\.loc\.gov\/authorities\/names\/(n[a-z]?\d+)(?:\.html|\.json)?\/?$/i],
    example: 'n79021164',
    shape: "'n', 'nb', 'no' or 'nr' followed by 8 or 10 digits",
  },
};

/**
 * Checks one authority identifier and returns it in stored form: trimmed, the
 * bare identifier when an authority's web address was given, 'Q' upper-cased.
 * Throws SiglumError('bad-input') naming the authority and the expected shape.
 */
export function normaliseAuthorityId(key: AuthorityKey, value: unknown): string {
  if (typeof value !== 'string') {
    throw bad(`The ${key === 'uri' ? 'authority address' : AUTHORITY_SHAPES[key].label + ' identifier'} must be text.`);
  }
  const v = value.trim();
  if (key === 'uri') {
    let url: URL;
    try {
      url = new URL(v);
    } catch {
      throw bad(
        `The authority address "${v}" is not an absolute web address; it should start with https:// or http://.`,
      );
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw bad(
        `The authority address "${v}" uses ${url.protocol.replace(/:$/, '')}; only http and https addresses are accepted.`,
      );
    }
    return v;
  }
  const shape = AUTHORITY_SHAPES[key];
  for (const url of shape.urls) {
    const m = url.exec(v);
    if (m?.[1] !== undefined) return checkShape(key, m[1]);
  }
  return checkShape(key, key === 'lcnaf' ? v.replace(/\s+/g, '') : v);
}

function checkShape(key: Exclude<AuthorityKey, 'uri'>, v: string): string {
  const shape = AUTHORITY_SHAPES[key];
  const candidate = key === 'wikidata' ? v.replace(/^q/, 'Q') : key === 'lcnaf' ? v.toLowerCase() : v;
  if (!shape.id.test(candidate)) {
    throw bad(
      `The ${shape.label} identifier "${v}" is not well formed: it should be ${shape.shape}, e.g. ${shape.example}.`,
    );
  }
  return candidate;
}

/** YYYY, YYYY-MM or YYYY-MM-DD, with an optional minus sign for BCE years. */
const ISO_DATE = /^-?\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/;

function checkIsoDate(label: string, v: string): void {
  const m = ISO_DATE.exec(v);
  if (!m) {
    throw bad(
      `The ${label} "${v}" is not a date Siglum can store: write it as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 1880-05-27.`,
    );
  }
  const [, month, day] = m;
  if (month !== undefined && day !== undefined) {
    const year = Number(v.slice(0, v.indexOf('-', 1)));
    const days = new Date(Date.UTC(year, Number(month), 0)).getUTCDate();
    if (Number(day) > days) throw bad(`The ${label} "${v}" does not exist: that month has ${days} days.`);
  }
}

function text(field: string, v: unknown, required = false): string {
  if (v === undefined || v === null) {
    if (required) throw bad(`The entity's ${field} is missing; every entity needs one.`);
    return '';
  }
  if (typeof v !== 'string') throw bad(`The ${field} of an entity must be text.`);
  const max = field === 'description' ? 100_000 : 1_000;
  if (v.length > max) {
    throw bad(
      `The ${field} of an entity is longer than ${max.toLocaleString('en')} characters. Shorten it and try again.`,
    );
  }
  const t = v.replace(/\s+/g, ' ').trim();
  if (required && t === '') throw bad(`The entity's ${field} is empty; every entity needs one.`);
  return t;
}

function record(field: string, v: unknown): Record<string, unknown> {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw bad(`The ${field} of an entity must be an object.`);
  return v as Record<string, unknown>;
}

function checkType(v: unknown): EntityType {
  if (typeof v !== 'string' || !/^[a-z][a-z0-9-]{0,31}$/.test(v)) {
    throw bad(
      `The entity type ${JSON.stringify(v)} is not valid: use person, place, org, term, or a lower-case word of your own (letters, digits, hyphens).`,
    );
  }
  return v;
}

function checkDates(v: unknown): EntityDates {
  const o = record('dates', v);
  const dates: EntityDates = {};
  for (const key of Object.keys(o)) {
    if (key !== 'birth' && key !== 'death' && key !== 'floruit') {
      throw bad(`An entity's dates may be birth, death and floruit; "${key}" is not one of them.`);
    }
    const raw = o[key];
    if (raw === undefined || raw === null || raw === '') continue;
    if (typeof raw !== 'string') throw bad(`The ${key} date must be text such as 1880-05-27.`);
    const value = raw.trim();
    if (key === 'floruit' && value.includes('/')) {
      const [from, to, ...rest] = value.split('/');
      if (rest.length > 0 || from === undefined || to === undefined) {
        throw bad(`The floruit "${value}" should be one date or two joined by a slash, e.g. 1920/1945.`);
      }
      checkIsoDate('floruit start', from);
      checkIsoDate('floruit end', to);
      if (compareIso(from, to) > 0) throw bad(`The floruit "${value}" ends before it begins.`);
    } else {
      checkIsoDate(`${key} date`, value);
    }
    dates[key] = value;
  }
  if (dates.birth !== undefined && dates.death !== undefined && compareIso(dates.birth, dates.death) > 0) {
    throw bad(`The death date ${dates.death} comes before the birth date ${dates.birth}.`);
  }
  return dates;
}

/** Compares two ISO dates of possibly different precision by their first day. */
function compareIso(a: string, b: string): number {
  const firstDay = (s: string): number[] => {
    const bce = s.startsWith('-');
    const [y = 0, m = 1, d = 1] = (bce ? s.slice(1) : s).split('-').map(Number);
    return [bce ? -y : y, m, d];
  };
  const [pa, pb] = [firstDay(a), firstDay(b)];
  for (let i = 0; i < 3; i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

function checkCoordinates(v: unknown): Coordinates | null {
  if (v === undefined || v === null) return null;
  const o = record('coordinates', v);
  const lat = o['lat'];
  const long = o['long'];
  if (typeof lat !== 'number' || !Number.isFinite(lat) || lat < -90 || lat > 90) {
    throw bad(`The latitude ${JSON.stringify(lat)} is not valid: it must be a number of degrees from -90 to 90.`);
  }
  if (typeof long !== 'number' || !Number.isFinite(long) || long < -180 || long > 180) {
    throw bad(`The longitude ${JSON.stringify(long)} is not valid: it must be a number of degrees from -180 to 180.`);
  }
  return { lat, long };
}

function checkAuthority(v: unknown): Authority {
  const o = record('authority', v);
  const authority: Authority = {};
  for (const key of Object.keys(o)) {
    if (!(AUTHORITY_KEYS as readonly string[]).includes(key)) {
      throw bad(`"${key}" is not an authority Siglum knows; use viaf, wikidata, geonames, lcnaf or uri.`);
    }
    const raw = o[key];
    if (raw === undefined || raw === null || raw === '') continue;
    authority[key as AuthorityKey] = normaliseAuthorityId(key as AuthorityKey, raw);
  }
  return authority;
}

/**
 * Checks a register entry received from the UI, the command line or an import,
 * and returns it cleaned: names trimmed with inner whitespace collapsed,
 * alternative names without blanks or duplicates of the name (compared without
 * case and diacritics), authority ids in stored form. Throws
 * SiglumError('bad-input') with a sentence that names the faulty field.
 */
export function validateEntity(input: unknown): Entity {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw bad('An entity must be an object with at least an id, a type and a name.');
  }
  const o = input as Record<string, unknown>;
  const id = text('id', o['id'], true);
  const type = checkType(o['type']);
  const name = text('name', o['name'], true);
  const rawAlt = o['altNames'] ?? [];
  if (!Array.isArray(rawAlt)) throw bad('The alternative names of an entity must be a list of names.');
  if (rawAlt.length > 1_000)
    throw bad('An entity may have at most 1,000 alternative names. Remove some and try again.');
  const seen = new Set([fold(name)]);
  const altNames: string[] = [];
  for (const alt of rawAlt) {
    const t = text('alternative name', alt);
    const key = fold(t);
    if (t === '' || seen.has(key)) continue;
    seen.add(key);
    altNames.push(t);
  }
  const dates = checkDates(o['dates']);
  if ((dates.birth !== undefined || dates.death !== undefined) && type !== 'person') {
    throw bad(`Only persons have birth and death dates; give the dates of "${name}" as a floruit.`);
  }
  if (dates.floruit !== undefined && type !== 'person' && type !== 'place' && type !== 'org') {
    throw bad(`Only persons, places and organisations have dates; "${name}" is a ${type}.`);
  }
  const coordinates = checkCoordinates(o['coordinates']);
  if (coordinates !== null && type !== 'place') {
    throw bad(`Only places have coordinates; "${name}" is a ${type}.`);
  }
  const xmlIdRaw = o['xmlId'];
  let xmlId: string | null = null;
  if (xmlIdRaw !== undefined && xmlIdRaw !== null && xmlIdRaw !== '') {
    if (typeof xmlIdRaw !== 'string' || !isNcName(xmlIdRaw)) {
      throw bad(
        `The xml:id ${JSON.stringify(xmlIdRaw)} is not valid XML: it must start with a letter or underscore and hold only letters, digits, '.', '-' and '_'.`,
      );
    }
    xmlId = xmlIdRaw;
  }
  return {
    id,
    type,
    name,
    altNames,
    dates,
    coordinates,
    description: text('description', o['description']),
    authority: checkAuthority(o['authority']),
    xmlId,
  };
}

// An XML NCName (no colon), approximated with Unicode classes: XML's name
// characters are letters, digits, combining marks and '_', '-', '.', '·'.
const NCNAME = /^[\p{L}_][\p{L}\p{N}\p{M}_.\-\u00B7]*$/u;

/** Whether `s` may be used as an `xml:id` (an XML NCName). */
export function isNcName(s: string): boolean {
  return NCNAME.test(s);
}

/** The `xml:id` prefix for each built-in type; other types use their own name. */
const ID_PREFIX: Record<BuiltInEntityType, string> = { person: 'pers', place: 'place', org: 'org', term: 'term' };

/**
 * A readable `xml:id` stem for an entity: a type prefix and the name folded to
 * ASCII ("Su Ping-wen" -> 'pers_su_ping-wen', "Mañana" -> 'term_manana').
 */
export function xmlIdStem(type: EntityType, name: string): string {
  const prefix = (ID_PREFIX as Record<string, string>)[type] ?? type;
  let slug = '';
  for (const word of fold(name).split(/[^a-z0-9]+/)) {
    if (word === '') continue;
    const next = slug === '' ? word : `${slug}_${word}`;
    if (next.length > 40) {
      if (slug === '') slug = word.slice(0, 40);
      break;
    }
    slug = next;
  }
  return `${prefix}_${slug === '' ? 'x' : slug}`;
}

/**
 * The `xml:id` of every entity for a TEI export, keyed by entity id. Entries that
 * already have one keep it (it is what links from outside point to); the others
 * get their stem, with '_2', '_3'... where it is taken. Entries are visited in id
 * order, so the same register gives the same ids whatever order it came in.
 * Callers that persist the result (the store) make the ids stable across renames.
 * `inUse` holds ids already given to something else (a volume's own ids): a new id
 * avoids them, and an entry whose own id is among them gets a new one too.
 */
export function assignXmlIds(
  entities: Iterable<Pick<Entity, 'id' | 'type' | 'name' | 'xmlId'>>,
  inUse: ReadonlySet<string> = new Set(),
): Map<string, string> {
  // Decimal store ids compare as numbers ("9" before "10"), other ids as strings.
  const order = (a: string, b: string): number =>
    /^\d+$/.test(a) && /^\d+$/.test(b) ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0;
  const sorted = [...entities].sort((a, b) => order(a.id, b.id));
  const taken = new Set<string>(inUse);
  const result = new Map<string, string>();
  const pending: typeof sorted = [];
  for (const e of sorted) {
    if (e.xmlId !== null && isNcName(e.xmlId) && !taken.has(e.xmlId)) {
      taken.add(e.xmlId);
      result.set(e.id, e.xmlId);
    } else {
      pending.push(e);
    }
  }
  for (const e of pending) {
    const stem = xmlIdStem(e.type, e.name);
    let id = stem;
    for (let n = 2; taken.has(id); n++) id = `${stem}_${n}`;
    taken.add(id);
    result.set(e.id, id);
  }
  return result;
}

/** The TEI element a mention of each built-in kind exports as; other kinds use `rs type=KIND`. */
export const MENTION_ELEMENTS: Readonly<Record<string, string>> = {
  person: 'persName',
  place: 'placeName',
  org: 'orgName',
  date: 'date',
  term: 'term',
};

/** The TEI element for a mention: its own `element` attribute, else its kind's, else `rs`. */
export function mentionElement(kind: string, element: string | null = null): string {
  return element ?? ownValue(MENTION_ELEMENTS, kind) ?? 'rs';
}

/**
 * The mention kind of a TEI element read on import: `persName` a person, `rs
 * type="ship"` a ship..., or null for an element that is not a mention.
 */
export function kindOfElement(name: string, type: string | null = null): string | null {
  for (const [kind, element] of Object.entries(MENTION_ELEMENTS)) if (element === name) return kind;
  if (name === 'rs' || name === 'name') return type !== null && /^[a-z][a-z0-9-]{0,31}$/.test(type) ? type : 'term';
  return null;
}

/** A field both entities of a merge fill differently: the kept value wins, the other is reported. */
export interface MergeConflict {
  field: string;
  kept: string;
  dropped: string;
}

/**
 * Merges a duplicate into the entity that is kept: the duplicate's name and
 * alternative names become alternative names, its dates, coordinates, description,
 * authority ids and `xml:id` (so that links to it still resolve) fill what the kept
 * entity lacks. Where both have a different
 * value the kept one stays and the pair comes back in `conflicts`, for the editor
 * to settle. The caller moves the duplicate's mentions (`relinkMentions`) and
 * deletes it. Throws SiglumError('bad-input') for entities of different types.
 */
export function mergeEntities(kept: Entity, duplicate: Entity): { entity: Entity; conflicts: MergeConflict[] } {
  if (kept.type !== duplicate.type) {
    throw bad(
      `"${duplicate.name}" is a ${duplicate.type} and "${kept.name}" a ${kept.type}; only entities of one type can be merged.`,
    );
  }
  if (kept.id === duplicate.id) throw bad(`"${kept.name}" cannot be merged with itself.`);
  const conflicts: MergeConflict[] = [];
  const pick = <T>(field: string, a: T | undefined, b: T | undefined, show: (v: T) => string): T | undefined => {
    if (a === undefined) return b;
    if (b !== undefined && show(a) !== show(b)) conflicts.push({ field, kept: show(a), dropped: show(b) });
    return a;
  };
  const dates: EntityDates = {};
  for (const key of ['birth', 'death', 'floruit'] as const) {
    const v = pick(`dates.${key}`, kept.dates[key], duplicate.dates[key], String);
    if (v !== undefined) dates[key] = v;
  }
  const authority: Authority = {};
  for (const key of AUTHORITY_KEYS) {
    const v = pick(`authority.${key}`, kept.authority[key], duplicate.authority[key], String);
    if (v !== undefined) authority[key] = v;
  }
  const coordinates =
    pick(
      'coordinates',
      kept.coordinates ?? undefined,
      duplicate.coordinates ?? undefined,
      (c) => `${c.lat} ${c.long}`,
    ) ?? null;
  const description =
    pick('description', kept.description || undefined, duplicate.description || undefined, String) ?? '';
  const seen = new Set([fold(kept.name)]);
  const altNames: string[] = [];
  for (const n of [...kept.altNames, duplicate.name, ...duplicate.altNames]) {
    if (seen.has(fold(n))) continue;
    seen.add(fold(n));
    altNames.push(n);
  }
  return {
    entity: { ...kept, altNames, dates, coordinates, description, authority, xmlId: kept.xmlId ?? duplicate.xmlId },
    conflicts,
  };
}
