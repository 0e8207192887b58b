import { describe, expect, it } from 'vitest';
import { SiglumError } from '../../../edition/errors.ts';
import {
  assignXmlIds,
  isNcName,
  kindOfElement,
  mergeEntities,
  mentionElement,
  normaliseAuthorityId,
  validateEntity,
  xmlIdStem,
} from '../../../edition/entities/model.ts';

const grew = {
  id: 'e1',
  type: 'person',
  name: '  Joseph   C. Grew ',
  altNames: ['Grew', 'grew', 'Joseph C. Grew', ''],
  dates: { birth: '1880-05-27', death: '1965-05-25' },
  description: 'United States Ambassador to Japan, 1932–1941.',
  authority: { viaf: 'https://viaf.org/viaf/19684357/', wikidata: 'q706432', lcnaf: 'n 50012345' },
};

function badInput(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SiglumError);
    expect((e as SiglumError).code).toBe('bad-input');
    return (e as SiglumError).message;
  }
  throw new Error('expected a bad-input error');
}

describe('validateEntity', () => {
  it('cleans a register entry: collapsed whitespace, alternative names without blanks or repeats of the name', () => {
    const e = validateEntity(grew);
    expect(e.name).toBe('Joseph C. Grew');
    expect(e.altNames).toEqual(['Grew']);
    expect(e.dates).toEqual({ birth: '1880-05-27', death: '1965-05-25' });
    expect(e.coordinates).toBeNull();
    expect(e.xmlId).toBeNull();
  });

  it('stores authority identifiers bare, whether typed or pasted as an address', () => {
    const e = validateEntity(grew);
    expect(e.authority).toEqual({ viaf: '19684357', wikidata: 'Q706432', lcnaf: 'n50012345' });
    expect(normaliseAuthorityId('geonames', 'https://www.geonames.org/1850147/tokyo.html')).toBe('1850147');
    expect(normaliseAuthorityId('wikidata', 'https://www.wikidata.org/wiki/Q1490')).toBe('Q1490');
    expect(normaliseAuthorityId('lcnaf', 'http://id.loc.gov/authorities/names/no2001012345.html')).toBe('no2001012345');
    expect(normaliseAuthorityId('uri', ' https://example.org/person/7 ')).toBe('https://example.org/person/7');
  });

  it('refuses authority identifiers of the wrong shape with a sentence naming the authority and the shape', () => {
    expect(badInput(() => normaliseAuthorityId('viaf', '1968A357'))).toBe(
      'The VIAF identifier "1968A357" is not well formed: it should be digits only, e.g. 102333412.',
    );
    expect(badInput(() => normaliseAuthorityId('wikidata', 'P31'))).toMatch(
      /Wikidata identifier "P31".*'Q' followed by digits/,
    );
    expect(badInput(() => normaliseAuthorityId('geonames', 'tokyo'))).toMatch(/GeoNames identifier "tokyo"/);
    expect(badInput(() => normaliseAuthorityId('lcnaf', 'sh85061212'))).toMatch(
      /Library of Congress identifier "sh85061212"/,
    );
    expect(badInput(() => normaliseAuthorityId('uri', 'javascript:alert(1)'))).toMatch(/only http and https/);
    expect(badInput(() => normaliseAuthorityId('uri', 'viaf.org/viaf/1'))).toMatch(/not an absolute web address/);
    expect(badInput(() => validateEntity({ ...grew, authority: { isni: '0000' } }))).toMatch(
      /"isni" is not an authority/,
    );
  });

  it('refuses entries without an id, a valid type or a name', () => {
    expect(badInput(() => validateEntity(null))).toMatch(/must be an object/);
    expect(badInput(() => validateEntity({ ...grew, id: '' }))).toBe(
      "The entity's id is empty; every entity needs one.",
    );
    expect(badInput(() => validateEntity({ ...grew, name: '   ' }))).toBe(
      "The entity's name is empty; every entity needs one.",
    );
    expect(badInput(() => validateEntity({ type: 'person', name: 'Grew' }))).toBe(
      "The entity's id is missing; every entity needs one.",
    );
    expect(badInput(() => validateEntity({ ...grew, type: 'Person' }))).toMatch(/entity type "Person" is not valid/);
    expect(validateEntity({ ...grew, type: 'ship', dates: {} }).type).toBe('ship');
  });

  it('checks dates: ISO shape, real days, death after birth, floruit as a date or an interval', () => {
    expect(badInput(() => validateEntity({ ...grew, dates: { birth: '27 May 1880' } }))).toMatch(
      /birth date "27 May 1880" is not a date Siglum can store: write it as YYYY, YYYY-MM or YYYY-MM-DD/,
    );
    expect(badInput(() => validateEntity({ ...grew, dates: { birth: '1881-02-29' } }))).toBe(
      'The birth date "1881-02-29" does not exist: that month has 28 days.',
    );
    expect(badInput(() => validateEntity({ ...grew, dates: { birth: '1965', death: '1880-05-27' } }))).toBe(
      'The death date 1880-05-27 comes before the birth date 1965.',
    );
    expect(badInput(() => validateEntity({ ...grew, dates: { floruit: '1945/1920' } }))).toMatch(
      /ends before it begins/,
    );
    expect(badInput(() => validateEntity({ ...grew, dates: { baptism: '1880' } }))).toMatch(
      /"baptism" is not one of them/,
    );
    expect(validateEntity({ ...grew, dates: { floruit: '1920/1945' } }).dates).toEqual({ floruit: '1920/1945' });
    expect(validateEntity({ ...grew, dates: { birth: '-0044-03' } }).dates).toEqual({ birth: '-0044-03' });
  });

  it('keeps birth and death to persons, and dates to persons, places and organisations', () => {
    expect(
      badInput(() => validateEntity({ id: 'o', type: 'org', name: 'Foreign Office', dates: { birth: '1869' } })),
    ).toBe('Only persons have birth and death dates; give the dates of "Foreign Office" as a floruit.');
    expect(badInput(() => validateEntity({ id: 't', type: 'term', name: 'AA', dates: { floruit: '1930' } }))).toBe(
      'Only persons, places and organisations have dates; "AA" is a term.',
    );
    expect(validateEntity({ id: 'o', type: 'org', name: 'Foreign Office', dates: { floruit: '1869' } }).dates).toEqual({
      floruit: '1869',
    });
  });

  it('accepts coordinates for places only, within range', () => {
    const tokyo = { id: 'e2', type: 'place', name: 'Tokyo', coordinates: { lat: 35.6895, long: 139.69171 } };
    expect(validateEntity(tokyo).coordinates).toEqual({ lat: 35.6895, long: 139.69171 });
    expect(badInput(() => validateEntity({ ...tokyo, coordinates: { lat: 95, long: 0 } }))).toMatch(/latitude 95/);
    expect(badInput(() => validateEntity({ ...tokyo, coordinates: { lat: 0, long: '139' } }))).toMatch(
      /longitude "139"/,
    );
    expect(badInput(() => validateEntity({ ...grew, coordinates: { lat: 0, long: 0 } }))).toBe(
      'Only places have coordinates; "Joseph C. Grew" is a person.',
    );
  });

  it('keeps an xml:id only when it is an NCName', () => {
    expect(validateEntity({ ...grew, xmlId: 'p_GJC1' }).xmlId).toBe('p_GJC1');
    expect(badInput(() => validateEntity({ ...grew, xmlId: '1grew' }))).toMatch(/xml:id "1grew" is not valid XML/);
    expect(badInput(() => validateEntity({ ...grew, xmlId: 'a:b' }))).toMatch(/not valid XML/);
  });
});

describe('xml:ids for TEI export', () => {
  it('derives a readable NCName from the type and the name, without diacritics', () => {
    expect(xmlIdStem('person', 'Su Ping-wen')).toBe('pers_su_ping_wen');
    expect(xmlIdStem('org', 'Association for Settlement of the Russian Problem')).toBe(
      'org_association_for_settlement_of_the',
    );
    expect(xmlIdStem('place', 'Sainte-Anne-des-Plaines')).toMatch(/^place_sainte_anne_des_plaines$/);
    expect(xmlIdStem('term', 'Ōsaka Mainichi')).toBe('term_osaka_mainichi');
    expect(xmlIdStem('ship', '“Lytton”')).toBe('ship_lytton');
    expect(xmlIdStem('person', '東郷')).toBe('pers_x');
  });

  it('gives every entity a unique id, keeps ids it already has, and does not depend on input order', () => {
    const register = [
      { id: 'b', type: 'person', name: 'Grew', xmlId: null },
      { id: 'a', type: 'person', name: 'Grew', xmlId: null },
      { id: 'c', type: 'person', name: 'Joseph C. Grew', xmlId: 'pers_grew' },
      { id: 'd', type: 'place', name: '東京', xmlId: null },
      { id: 'e', type: 'place', name: '大阪', xmlId: null },
    ];
    const ids = assignXmlIds(register);
    expect(ids.get('c')).toBe('pers_grew');
    expect(ids.get('a')).toBe('pers_grew_2');
    expect(ids.get('b')).toBe('pers_grew_3');
    expect(new Set(ids.values()).size).toBe(register.length);
    for (const id of ids.values()) expect(isNcName(id)).toBe(true);
    expect(assignXmlIds([...register].reverse())).toEqual(ids);
  });
});

describe('mentionElement', () => {
  it('maps kinds to TEI elements, keeps an element read from TEI, and uses rs for other kinds', () => {
    expect(mentionElement('person')).toBe('persName');
    expect(mentionElement('org')).toBe('orgName');
    expect(mentionElement('ship')).toBe('rs');
    expect(mentionElement('person', 'name')).toBe('name');
  });

  it('reads the kind of a mention from a TEI element on import', () => {
    expect(kindOfElement('persName')).toBe('person');
    expect(kindOfElement('placeName')).toBe('place');
    expect(kindOfElement('date')).toBe('date');
    expect(kindOfElement('rs', 'ship')).toBe('ship');
    expect(kindOfElement('rs', 'Not A Type')).toBe('term');
    expect(kindOfElement('hi')).toBeNull();
  });
});

describe('mergeEntities', () => {
  const grewEntry = validateEntity({
    id: 'e1',
    type: 'person',
    name: 'Joseph C. Grew',
    altNames: ['Grew'],
    dates: { birth: '1880-05-27' },
    authority: { viaf: '19684357' },
  });
  const duplicate = validateEntity({
    id: 'e9',
    type: 'person',
    name: 'Ambassador Grew',
    altNames: ['grew', 'J. C. Grew'],
    dates: { birth: '1880', death: '1965-05-25' },
    description: 'United States Ambassador to Japan',
    authority: { viaf: '111', wikidata: 'Q706432' },
    xmlId: 'p_GJC1',
  });

  it('keeps the kept entity’s name and fills what it lacks from the duplicate', () => {
    const { entity } = mergeEntities(grewEntry, duplicate);
    expect(entity).toEqual({
      ...grewEntry,
      altNames: ['Grew', 'Ambassador Grew', 'J. C. Grew'],
      dates: { birth: '1880-05-27', death: '1965-05-25' },
      description: 'United States Ambassador to Japan',
      authority: { viaf: '19684357', wikidata: 'Q706432' },
      xmlId: 'p_GJC1',
    });
  });

  it('reports the fields both fill differently, keeping the kept value', () => {
    expect(mergeEntities(grewEntry, duplicate).conflicts).toEqual([
      { field: 'dates.birth', kept: '1880-05-27', dropped: '1880' },
      { field: 'authority.viaf', kept: '19684357', dropped: '111' },
    ]);
  });

  it('refuses to merge entities of different types, or an entity with itself', () => {
    const tokyo = validateEntity({ id: 'e2', type: 'place', name: 'Tokyo' });
    expect(badInput(() => mergeEntities(grewEntry, tokyo))).toBe(
      '"Tokyo" is a place and "Joseph C. Grew" a person; only entities of one type can be merged.',
    );
    expect(badInput(() => mergeEntities(grewEntry, grewEntry))).toMatch(/cannot be merged with itself/);
  });
});
