/**
 * Transkribus tags through the service: a real Transkribus export (a page of a 1784
 * manuscript on fireworks, its tags kept as written) and a page of our own holding every
 * kind of tag. Names join the project's register (an entry of the same name is reused), the
 * TEI export carries the tags and jing finds it valid against tei_all, and the exported TEI
 * imports again with the same tags and register.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportFile } from '../../../edition/api.ts';
import { validateTei } from '../../../electron/validate.ts';
import { serviceFixture } from './helpers.ts';

const { service } = serviceFixture();

const FIXTURES = join(import.meta.dirname, '../../fixtures/facsimile');
const fixture = (name: string): ImportFile => ({ name, text: readFileSync(join(FIXTURES, name), 'utf8') });

/** The TEI's text, from `<text>` on: what the document's content exports as. */
const body = (xml: string): string => xml.slice(xml.indexOf('<text>'));

describe('Transkribus tags imported into a project', () => {
  it('links the tagged names of the Transkribus export to new register entries, each mention to its own', async () => {
    const s = service('transkribus.siglum');
    const result = await s.importFiles({ files: [fixture('transkribus-0034.page.xml')] });
    expect(result.warnings).toEqual([
      'transkribus-0034.page.xml: Tags of type "reference" are not a kind Siglum models; they were kept as <seg type="reference">.',
      expect.stringContaining('The image of page 1 (0.jpeg) was not found'),
    ]);
    const register = await s.listEntities({});
    expect(register.map((e) => [e.type, e.name, e.mentions])).toEqual([
      ['org', "'t Huijs Ter Loo", 1],
      ['person', 'Daniel Galschut', 1],
      ['place', 'Koppenhaggen', 1],
    ]);
    const person = register.find((e) => e.type === 'person')!;
    const mentions = await s.entityMentions({ id: person.id });
    expect(mentions.map((m) => [m.document, m.text])).toEqual([['transkribus-0034', 'Daniel Galschut']]);

    const tei = (await s.exportTei({ documentId: result.documents[0]!.id })).xml;
    expect(tei).toContain(
      '<seg type="reference">Pyrotechnia<lb facs="#transkribus-0034_line_1600050604235_261"/>of<lb facs="#transkribus-0034_r1l2"/>konst in\'t vuurwercken</seg>',
    );
    expect(tei).toContain('<persName ref="#pers_daniel_galschut">Daniel Galschut</persName>');
    expect(tei).toContain('<person xml:id="pers_daniel_galschut">');
    const validity = await validateTei(tei, { schema: 'tei_all', validator: 'jing', fileName: 'transkribus.xml' });
    expect(validity.messages).toEqual([]);
  });

  it('reuses an entry of the same name, and does not add the names of a file imported twice again', async () => {
    const s = service('reuse.siglum');
    const own = await s.createEntity({ entity: { type: 'place', name: 'Koppenhaggen', description: 'Copenhagen' } });
    await s.importFiles({ files: [fixture('transkribus-0034.page.xml')] });
    await s.importFiles({ files: [fixture('transkribus-0034.page.xml')] });
    const register = await s.listEntities({});
    expect(register.map((e) => [e.type, e.name, e.mentions])).toEqual([
      ['org', "'t Huijs Ter Loo", 2],
      ['person', 'Daniel Galschut', 2],
      ['place', 'Koppenhaggen', 2],
    ]);
    expect(register.find((e) => e.type === 'place')!.id).toBe(own.id);
  });

  it('gives an entry reused by name the Wikidata id the tags give it, and adds one of another id with a warning', async () => {
    const s = service('gains.siglum');
    const own = await s.createEntity({ entity: { type: 'person', name: 'Daniel Galschut' } });
    const first = await s.importFiles({ files: [fixture('tagged.page2019.xml')] });
    expect(first.warnings ?? []).not.toContainEqual(expect.stringContaining('Wikidata'));
    const persons = (await s.listEntities({})).filter((e) => e.type === 'person');
    expect(persons.map((e) => [e.id, e.name, e.authority, e.mentions])).toEqual([
      [own.id, 'Daniel Galschut', { wikidata: 'Q123456' }, 1],
      [expect.any(String), 'Jan van der Heyden', {}, 1],
    ]);

    const other = service('another-id.siglum');
    const theirs = await other.createEntity({
      entity: { type: 'person', name: 'Daniel Galschut', authority: { wikidata: 'Q99' } },
    });
    const imported = await other.importFiles({ files: [fixture('tagged.page2019.xml')] });
    expect(imported.warnings).toContainEqual(
      'tagged.page2019.xml: The tags name person "Daniel Galschut" with Wikidata id Q123456, and the register\'s "Daniel Galschut" has Q99: it was added as an entry of its own. Merge the two in the register if they are one.',
    );
    const named = (await other.listEntities({})).filter((e) => e.name === 'Daniel Galschut');
    expect(named.map((e) => [e.id === theirs.id, e.authority, e.mentions])).toEqual([
      [true, { wikidata: 'Q99' }, 0],
      [false, { wikidata: 'Q123456' }, 1],
    ]);
  });

  it('exports every kind of tag as TEI that jing finds valid, and imports it again with the same tags and register', async () => {
    const s = service('tagged.siglum');
    const result = await s.importFiles({ files: [fixture('tagged.page2019.xml')] });
    const register = await s.listEntities({});
    expect(register.map((e) => [e.type, e.name, e.authority])).toEqual([
      ['place', 'Amſterdam', {}],
      ['person', 'Daniel Galschut', { wikidata: 'Q123456' }],
      ['person', 'Jan van der Heyden', {}],
      ['org', 'V.O.C.', {}],
    ]);
    expect(register.find((e) => e.name === 'Daniel Galschut')!.altNames).toEqual([
      'Daniel Galſchut',
      'Galschut, Daniel',
    ]);

    const tei = (await s.exportTei({ documentId: result.documents[0]!.id })).xml;
    for (const expected of [
      '<choice><abbr><hi rend="italic">Dns</hi></abbr><expan>Dominus</expan></choice>',
      '<persName ref="#pers_daniel_galschut">Daniel Galſchut</persName>',
      '<date when="1784-12-05">5 <unclear>Dec.</unclear></date>',
      '<persName ref="#pers_jan_van_der_heyden">Jan van der<lb facs="#tagged.page2019_l4"/>Heyden</persName>',
      '<choice><sic>teh</sic><corr>the</corr></choice>',
      '>A note: see f. 3;</note>chant<anchor',
      '<orgName ref="#org_v_o_c"><seg type="reference" n="target:VOC\\;1602;">V.O.C.</seg></orgName>',
      '<hi rend="bold">𝔊old</hi> <gap/>&amp; <hi rend="underline">ſilver</hi>',
      '<idno type="Wikidata">Q123456</idno>',
    ])
      expect(tei).toContain(expected);
    const validity = await validateTei(tei, { schema: 'tei_all', validator: 'jing', fileName: 'tagged.xml' });
    expect(validity.messages).toEqual([]);

    const other = service('tagged-again.siglum');
    const again = await other.importFiles({ files: [{ name: 'tagged.xml', text: tei }] });
    const reread = await other.listEntities({});
    expect(reread.map((e) => [e.type, e.name, e.authority, e.mentions])).toEqual(
      register.map((e) => [e.type, e.name, e.authority, 1]),
    );
    const teiAgain = (await other.exportTei({ documentId: again.documents[0]!.id })).xml;
    expect(body(teiAgain)).toBe(body(tei));
  });
});
