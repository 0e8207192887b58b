import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { registerFromFrusLists } from '../../../edition/entities/frusLists.ts';
import { assignXmlIds, validateEntity, type Entity } from '../../../edition/entities/model.ts';
import { registerFromStandOff, registerToStandOff } from '../../../edition/entities/standoff.ts';
import { SiglumError } from '../../../edition/errors.ts';
import { parseXml, serializeNodes } from '../../../edition/xml/index.ts';
import { corpus } from './helpers.ts';

const teiAll = fileURLToPath(new URL('../schema/tei_all.rng', corpus));

const register: Entity[] = [
  validateEntity({
    id: 'e1',
    type: 'person',
    name: 'Joseph C. Grew',
    altNames: ['Grew', 'Ambassador Grew'],
    dates: { birth: '1880-05-27', death: '1965-05-25', floruit: '1904/1945' },
    description: 'Ambassador to Japan; “the Department” & its <envoys>',
    authority: { viaf: '19684357', wikidata: 'Q706432', lcnaf: 'n50012345', uri: 'https://example.org/p?a=1&b=2' },
  }),
  validateEntity({
    id: 'e2',
    type: 'place',
    name: 'Tokyo',
    altNames: ['Tōkyō'],
    coordinates: { lat: 35.6895, long: 139.69171 },
    dates: { floruit: '1868/1945' },
    authority: { geonames: '1850147' },
  }),
  validateEntity({
    id: 'e3',
    type: 'org',
    name: 'Japanese Foreign Office',
    altNames: ['Gaimushō'],
    dates: { floruit: '1869' },
  }),
  validateEntity({
    id: 'e4',
    type: 'term',
    name: 'AFL, AFOL',
    altNames: ['AFL', 'AFOL'],
    description: 'American Federation of Labor',
  }),
  validateEntity({
    id: 'e5',
    type: 'ship',
    name: 'Panay',
    description: 'United States gunboat',
    xmlId: 'ship_panay_1937',
  }),
];

/** A minimal TEI file holding the register and one mention pointing into it. */
function teiWith(standOffXml: string, ref: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>Register</title></titleStmt><publicationStmt><p>Test</p></publicationStmt><sourceDesc><p>Test</p></sourceDesc></fileDesc></teiHeader>
  ${standOffXml}
  <text><body><p><persName ref="#${ref}">Grew</persName></p></body></text>
</TEI>
`;
}

function jing(xml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'siglum-standoff-'));
  try {
    const file = join(dir, 'register.xml');
    writeFileSync(file, xml);
    const run = spawnSync('jing', [teiAll, file], { encoding: 'utf8' });
    return (run.stdout + run.stderr)
      .split('\n')
      .filter((l) => l.includes('error'))
      .join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('registerToStandOff', () => {
  const ids = assignXmlIds(register);
  const standOff = registerToStandOff(register, ids);
  const xml = standOff === null ? '' : serializeNodes([standOff]);

  it('writes persons, places, organisations, terms and other types in their TEI lists, with xml:ids and idnos', () => {
    expect(xml).toContain('<listPerson>\n      <person xml:id="pers_joseph_c_grew">');
    expect(xml).toContain('<persName type="variant">Ambassador Grew</persName>');
    expect(xml).toContain('<birth when="1880-05-27"/>');
    expect(xml).toContain('<floruit from="1904" to="1945"/>');
    expect(xml).toContain('<idno type="VIAF">19684357</idno>');
    expect(xml).toContain('<idno type="URI">https://example.org/p?a=1&amp;b=2</idno>');
    expect(xml).toContain('<note>Ambassador to Japan; “the Department” &amp; its &lt;envoys&gt;</note>');
    expect(xml).toContain('<location><geo>35.6895 139.69171</geo></location>');
    expect(xml).toContain('<event type="floruit" when="1869"><label>floruit</label></event>');
    expect(xml).toContain('<list type="terms">\n      <item xml:id="term_afl_afol">');
    expect(xml).toContain('<list type="ship">\n      <item xml:id="ship_panay_1937">');
    expect(registerToStandOff([])).toBeNull();
  });

  it('validates against tei_all with a mention pointing to a register entry', () => {
    expect(jing(teiWith(xml, ids.get('e1') ?? ''))).toBe('');
  });

  it('reads back the register it wrote', () => {
    const read = registerFromStandOff(
      parseXml(teiWith(xml, 'x')).root.children.find((c) => c.type === 'element' && c.name === 'standOff') as never,
    );
    const byXmlId = new Map(read.map((e) => [e.xmlId, e]));
    for (const e of register) {
      const back = byXmlId.get(ids.get(e.id) ?? '');
      expect(back).toEqual({ ...e, id: ids.get(e.id), xmlId: ids.get(e.id) });
    }
    expect(read).toHaveLength(register.length);
  });

  it('refuses a register entry without an xml:id', () => {
    const bare = parseXml(
      '<standOff xmlns="http://www.tei-c.org/ns/1.0"><listPerson><person><persName>Grew</persName></person></listPerson></standOff>',
    ).root;
    expect(() => registerFromStandOff(bare)).toThrow(SiglumError);
    expect(() => registerFromStandOff(bare)).toThrow(/<person> in the register \(line 1\) has no xml:id/);
  });
});

describe('registerFromFrusLists', () => {
  const guat = readFileSync(new URL('frus/frus1952-54Guat.xml', corpus), 'utf8');
  const entities = registerFromFrusLists(parseXml(guat).root);

  it('reads the 67 persons and 101 terms of the Guatemala volume', () => {
    expect(entities.filter((e) => e.type === 'person')).toHaveLength(67);
    expect(entities.filter((e) => e.type === 'term')).toHaveLength(101);
    expect(new Set(entities.map((e) => e.xmlId)).size).toBe(entities.length);
  });

  it('keeps the listed name, adds the direct form and pseudonyms, and takes the rest as description', () => {
    const byId = new Map(entities.map((e) => [e.id, e]));
    expect(byId.get('p_ADG1')).toMatchObject({
      name: 'Acheson, Dean G.',
      altNames: ['Dean G. Acheson'],
      description: 'Secretary of State January 19, 1949-January 20, 1953',
      xmlId: 'p_ADG1',
    });
    expect(byId.get('p_DAARA1')).toMatchObject({
      name: 'Dulles, Allen',
      altNames: ['Allen Dulles', 'Ascham, Robert A.', 'Robert A. Ascham'],
    });
    expect(byId.get('t_AFLAFOL1')).toMatchObject({
      type: 'term',
      name: 'AFL, AFOL',
      altNames: ['AFL', 'AFOL'],
      description: 'American Federation of Labor',
    });
  });

  it('has an entry for every persName/@corresp and gloss/@target in the volume', () => {
    const ids = new Set(entities.map((e) => e.xmlId));
    const refs = [...guat.matchAll(/<(?:persName|gloss)\b[^>]*\b(?:corresp|target)="#([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(3000);
    expect(refs.filter((r) => !ids.has(r ?? ''))).toEqual([]);
  });

  it('gives an empty register for a volume without lists', () => {
    const grew = readFileSync(new URL('frus/frus1938v03-d486-grew-3534.xml', corpus), 'utf8');
    expect(registerFromFrusLists(parseXml(grew).root)).toEqual([]);
  });

  it('reads each list from the first div with its id, whichever comes first, and one list alone', () => {
    const list = (id: string, name: string, xmlId: string, text: string): string =>
      `<div xml:id="${id}"><list><item><hi rend="strong"><${name} xml:id="${xmlId}">${text}</${name}>,</hi> about</item></list></div>`;
    const tei = (front: string): string =>
      `<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><front>${front}</front><body><div><p>x</p></div></body></text></TEI>`;
    const read = (front: string): string[] => registerFromFrusLists(parseXml(tei(front)).root).map((e) => e.id);
    const terms = list('terms', 'term', 't_A', 'A');
    const persons = list('persons', 'persName', 'p_B', 'B, C');
    expect(read(`<div>${terms}</div>${persons}${list('persons', 'persName', 'p_late', 'Late')}`)).toEqual([
      'p_B',
      't_A',
    ]);
    expect(read(terms)).toEqual(['t_A']);
    expect(read(persons)).toEqual(['p_B']);
  });

  it('exports the volume’s register as TEI that validates', () => {
    const standOff = registerToStandOff(entities);
    expect(jing(teiWith(standOff === null ? '' : serializeNodes([standOff]), 'p_ADG1'))).toBe('');
  });
});
