/**
 * edition/tei with a register: importTei(..., { register: true }) reads a volume's
 * register and its linked mentions, and the writers point mentions through the
 * register and write it as standOff, without changing what the round trip gives back.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectMentions, registerToStandOff, validateEntity } from '../../../edition/entities/index.ts';
import { schema } from '../../../edition/schema.ts';
import { exportCollectionTei, exportDocumentTei, importTei } from '../../../edition/tei/index.ts';
import { canonicalDifference } from '../../unit/tei/canonical.ts';

const corpus = resolve(import.meta.dirname, '../../../../shared/corpus/frus');
const TEI = 'http://www.tei-c.org/ns/1.0';

describe.each(
  readdirSync(corpus)
    .filter((f) => f.endsWith('.xml'))
    .sort(),
)('%s read with its register', (file) => {
  const text = readFileSync(join(corpus, file), 'utf8');
  const imported = importTei(text, file, { register: true });
  const docs = new Map(imported.documents.map((d) => [d.key, d.doc]));

  it('exports back to the same XML and reads back to the same documents and register', () => {
    const exported = exportCollectionTei(imported.collection.frame, docs);
    expect(canonicalDifference(text, exported)).toBeNull();
    const again = importTei(exported, file, { register: true });
    expect(again.register).toEqual(imported.register);
    for (const [i, d] of again.documents.entries()) expect(d.doc).toEqual(imported.documents[i]!.doc);
  });

  it('links name mentions only to entries of its register; dates with a normalised value need none', () => {
    const ids = new Set(imported.register!.map((e) => e.entity.id));
    const mentions = imported.documents.flatMap((d) => collectMentions(d.doc));
    const names = mentions.filter((m) => m.kind !== 'date');
    expect(names.every((m) => m.ref !== null && ids.has(m.ref))).toBe(true);
    const dates = mentions.filter((m) => m.kind === 'date');
    expect(dates.length).toBe(datedDates(text));
  });
});

describe('a standOff register', () => {
  const grew = validateEntity({
    id: 'e7',
    type: 'person',
    name: 'Joseph C. Grew',
    altNames: ['Grew'],
    authority: { viaf: '19684357' },
  });
  const tokyo = validateEntity({
    id: 'e9',
    type: 'place',
    name: 'Tokyo',
    coordinates: { lat: 35.6895, long: 139.69171 },
  });
  const ids = new Map([
    ['e7', 'pers_grew'],
    ['e9', 'place_tokyo'],
  ]);
  const source = `<TEI xmlns="${TEI}"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>
<text><body><div type="document" xml:id="d1"><p><hi rend="italic"><persName>Grew</persName></hi> in <placeName>Tokyo</placeName>.</p></div></body></text></TEI>`;

  it('is written after the header with mentions pointing at its xml:ids, and read back as the register', () => {
    const plain = importTei(source, 'a.xml');
    // The editor links the two names: mention marks where the generic ones were.
    const m = schema.marks;
    const doc = schema.node('doc', null, [
      schema.node('paragraph', null, [
        schema.text('Grew', [m.mention.create({ kind: 'person', ref: 'e7' }), m.italic.create()]),
        schema.text(' in '),
        schema.text('Tokyo', [m.mention.create({ kind: 'place', ref: 'e9' })]),
        schema.text('.'),
      ]),
    ]);
    const json = JSON.stringify(doc.toJSON());
    const register = { xmlIdOf: (id: string) => ids.get(id) ?? null, standOff: registerToStandOff([grew, tokyo], ids) };
    const xml = exportCollectionTei(plain.collection.frame, new Map([['d1', JSON.parse(json)]]), register);
    expect(xml).toMatch(/<\/teiHeader>\s*<standOff>[\s\S]*<person xml:id="pers_grew">[\s\S]*<\/standOff>\s*<text>/);
    expect(xml).toContain(
      '<persName ref="#pers_grew"><hi rend="italic">Grew</hi></persName> in <placeName ref="#place_tokyo">Tokyo</placeName>',
    );

    const back = importTei(xml, 'b.xml', { register: true });
    expect(back.register!.map((e) => [e.entity.id, e.entity.name, e.definedInFrame])).toEqual([
      ['pers_grew', 'Joseph C. Grew', false],
      ['place_tokyo', 'Tokyo', false],
    ]);
    expect(back.collection.frame).not.toContain('standOff');
    expect(collectMentions(back.documents[0]!.doc).map((m) => [m.ref, m.text])).toEqual([
      ['pers_grew', 'Grew'],
      ['place_tokyo', 'Tokyo'],
    ]);
    // Written again with the same register, the file is the same.
    const standalone = exportDocumentTei(back.documents[0]!.doc, back.documents[0]!.meta, {
      register: { xmlIdOf: (id) => id, standOff: registerToStandOff(back.register!.map((e) => e.entity)) },
    });
    expect(standalone).toContain('<persName ref="#pers_grew"><hi rend="italic">Grew</hi></persName>');
    expect(standalone).toMatch(/<\/teiHeader>\s*<standOff>/);
  });

  it('is indented by the unit of the file it joins', () => {
    const threes = `<TEI xmlns="${TEI}">
   <teiHeader>
      <fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc>
   </teiHeader>
   <text>
      <body>
         <div type="document" xml:id="d1"><p>Grew</p></div>
      </body>
   </text>
</TEI>`;
    const plain = importTei(threes, 'a.xml');
    const register = { xmlIdOf: (id: string) => ids.get(id) ?? null, standOff: registerToStandOff([grew, tokyo], ids) };
    const xml = exportCollectionTei(plain.collection.frame, new Map([['d1', plain.documents[0]!.doc]]), register);
    const lines = xml.slice(xml.indexOf('<standOff>') - 3, xml.indexOf('</standOff>') + 11).split('\n');
    expect(lines[0]).toBe('   <standOff>');
    expect(lines[1]).toBe('      <listPerson>');
    expect(lines[2]).toMatch(/^ {9}<person xml:id="pers_grew">$/);
    expect(lines.at(-1)).toBe('   </standOff>');
    expect(lines.every((l) => /^( {3})*\S/.test(l))).toBe(true);
    expect(xml).toContain('</standOff>\n   <text>');
  });
});

/** `<date>` elements of a TEI text that carry a normalised value, counted from the XML itself. */
function datedDates(xml: string): number {
  return [...xml.matchAll(/<date\b([^>]*)>/g)].filter((m) => /\s(when|from|to|notBefore|notAfter)="/.test(m[1] ?? ''))
    .length;
}
