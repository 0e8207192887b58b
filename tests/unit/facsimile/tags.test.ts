/**
 * Tags on OCR and HTR lines made into the document: Transkribus's `custom` tags on PAGE
 * lines, words and regions, and ALTO's tags named by TAGREFS. Each case is a small page of
 * our own, checked through the TEI its document writes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Node as PMNode } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import { importOcrFile, type FacsimileImport } from '../../../edition/facsimile/index.ts';
import { schema } from '../../../edition/schema.ts';
import { blocksToXml } from '../../../edition/tei/index.ts';
import { serializeNodes } from '../../../edition/xml/serialize.ts';

const FIXTURES = join(import.meta.dirname, '../../fixtures/facsimile');

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

/** A PAGE 2019 file of one region holding `lines`, each its text and custom attribute. */
function pageXml(lines: Array<{ text: string; custom?: string; words?: string }>, regionCustom = ''): string {
  const body = lines
    .map(
      (l, i) => `<TextLine id="l${i + 1}"${l.custom === undefined ? '' : ` custom="${escape(l.custom)}"`}>
        <Coords points="0,${i * 10} 100,${i * 10} 100,${i * 10 + 9} 0,${i * 10 + 9}"/>${l.words ?? ''}
        <TextEquiv><Unicode>${escape(l.text)}</Unicode></TextEquiv></TextLine>`,
    )
    .join('\n');
  const regionText = lines.map((l) => escape(l.text)).join('\n');
  return `<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15">
    <Page imageFilename="p.png" imageWidth="100" imageHeight="100">
      <TextRegion id="r1"${regionCustom === '' ? '' : ` custom="${escape(regionCustom)}"`}>
        <Coords points="0,0 100,0 100,100 0,100"/>
        ${body}
        <TextEquiv><Unicode>${regionText}</Unicode></TextEquiv>
      </TextRegion>
    </Page></PcGts>`;
}

/** The document's text as TEI, without the page and line breaks' pointers (line breaks stay). */
function tei(result: FacsimileImport): string {
  const doc = PMNode.fromJSON(schema, result.doc);
  return serializeNodes(blocksToXml(doc.content, null))
    .replace(/ facs="[^"]*"/g, '')
    .replace(/^<pb\/><p>|<\/p>$/g, '');
}

function importPage(lines: Parameters<typeof pageXml>[0], regionCustom = ''): FacsimileImport {
  return importOcrFile(pageXml(lines, regionCustom), 'p.xml');
}

/** A page of one line with these tags. */
function oneLine(text: string, custom: string): FacsimileImport {
  return importPage([{ text, custom }]);
}

describe('Transkribus tags on PAGE lines', () => {
  it('makes person, place, organisation and date tags mentions; names link to proposed register entries', () => {
    const result = importPage([
      {
        text: 'Daniel Galschut van Koppenhaggen',
        custom:
          'readingOrder {index:0;} person {offset:0; length:15; firstname:Daniel; lastname:Galschut; wikiData:Q42; notice:ship\\u0027s\\u0020master;} place {offset:20; length:12;}',
      },
      {
        text: "op 't Huijs Ter Loo, 5 Dec. 1784",
        custom: 'organization {offset:3; length:16;} date {offset:21; length:11; year:1784; month:12; day:5;}',
      },
    ]);
    expect(tei(result)).toBe(
      `<lb/><persName ref="#tag-1">Daniel Galschut</persName> van <placeName ref="#tag-2">Koppenhaggen</placeName><lb/>op <orgName ref="#tag-3">'t Huijs Ter Loo</orgName>, <date when="1784-12-05">5 Dec. 1784</date>`,
    );
    expect(result.entities).toEqual([
      {
        id: 'tag-1',
        type: 'person',
        name: 'Daniel Galschut',
        altNames: ['Galschut, Daniel'],
        dates: {},
        coordinates: null,
        description: "ship's master",
        authority: { wikidata: 'Q42' },
        xmlId: null,
      },
      expect.objectContaining({ id: 'tag-2', type: 'place', name: 'Koppenhaggen', authority: {} }),
      expect.objectContaining({ id: 'tag-3', type: 'org', name: "'t Huijs Ter Loo" }),
    ]);
    expect(result.warnings).toEqual([]);
  });

  it("keeps a person's dates Siglum can store, and proposes the person without those it cannot", () => {
    const result = importPage([
      { text: 'Jan', custom: 'person {offset:0; length:3; dateOfBirth:1637-03-05; dateOfDeath:1712;}' },
      { text: 'Piet', custom: 'person {offset:0; length:4; dateOfBirth:5.3.1637;}' },
    ]);
    expect(result.entities.map((e) => [e.name, e.dates])).toEqual([
      ['Jan', { birth: '1637-03-05', death: '1712' }],
      ['Piet', {}],
    ]);
    expect(result.warnings).toEqual([
      'The person "Piet" is proposed without its dates: The birth date "5.3.1637" is not a date Siglum can store: write it as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 1880-05-27.',
    ]);
  });

  it('joins the continued pieces of a tag into one mention over the line break, named by its pieces', () => {
    const result = importPage([
      { text: 'Pyrotechnia', custom: 'reference {offset:0; length:11; continued:true;}' },
      { text: 'to Jan van der', custom: 'person {offset:3; length:11; continued:true;}' },
      { text: 'Hey-', custom: 'person {offset:0; length:4; continued:true;}' },
      { text: 'den the mer-', custom: 'person {offset:0; length:3; continued:true;}' },
      { text: 'chant Jan', custom: 'person {offset:6; length:3; continued:true;}' },
      { text: 'Six', custom: 'person {offset:0; length:3; continued:true;}' },
    ]);
    expect(tei(result)).toBe(
      '<lb/><seg type="reference">Pyrotechnia</seg><lb/>to <persName ref="#tag-1">Jan van der<lb/>Hey-<lb/>den</persName> the mer-<lb/>chant <persName ref="#tag-2">Jan<lb/>Six</persName>',
    );
    expect(result.entities.map((e) => e.name)).toEqual(['Jan van der Heyden', 'Jan Six']);
  });

  it('does not join a piece that does not end its line, or a tag that is not continued', () => {
    const result = importPage([
      { text: 'Jan and more', custom: 'person {offset:0; length:3; continued:true;}' },
      { text: 'Piet', custom: 'person {offset:0; length:4; continued:true;}' },
      { text: 'Klaas', custom: 'person {offset:0; length:5;}' },
    ]);
    expect(tei(result).match(/<persName/g)).toHaveLength(3);
    expect(result.entities.map((e) => e.name)).toEqual(['Jan', 'Piet', 'Klaas']);
  });

  it('nests overlapping tags, splitting the one that is cut, and keeps both on the shared text', () => {
    const result = oneLine(
      'Anna Maria Schurman',
      'person {offset:0; length:10;} textStyle {offset:5; length:14; italic:true; underlined:true;} unclear {offset:5; length:5;}',
    );
    expect(tei(result)).toBe(
      '<lb/><persName ref="#tag-1">Anna <hi rend="italic"><hi rend="underline"><unclear>Maria</unclear></hi></hi></persName><hi rend="italic"><hi rend="underline"> Schurman</hi></hi>',
    );
  });

  it('writes abbreviations and sics with their expansion or correction in a choice, and alone without', () => {
    const result = importPage([
      {
        text: 'Dns Daniel scripsit teh letter',
        custom:
          'abbrev {offset:0; length:3; expansion:Dominus;} textStyle {offset:0; length:3; superscript:true;} abbrev {offset:11; length:8;} sic {offset:20; length:3; correction:the;}',
      },
      {
        text: 'Dns Dns',
        custom: 'abbrev {offset:0; length:3; expansion:Dominus;} abbrev {offset:4; length:3; expansion:Domini;}',
      },
    ]);
    expect(tei(result)).toBe(
      '<lb/><choice><abbr><hi rend="superscript">Dns</hi></abbr><expan>Dominus</expan></choice> Daniel <abbr>scripsit</abbr> <choice><sic>teh</sic><corr>the</corr></choice> letter' +
        '<lb/><choice><abbr>Dns</abbr><expan>Dominus</expan></choice> <choice><abbr>Dns</abbr><expan>Domini</expan></choice>',
    );
  });

  it('puts an abbreviation inside a name around it, the expansion with it', () => {
    const result = oneLine(
      'Ioh. Smit',
      'person {offset:0; length:9;} abbrev {offset:0; length:4; expansion:Iohannes;}',
    );
    expect(tei(result)).toBe(
      '<lb/><persName ref="#tag-1"><choice><abbr>Ioh.</abbr><expan>Iohannes</expan></choice> Smit</persName>',
    );
  });

  it('keeps text styles as marks, not the typeface, and reports a style it does not know', () => {
    const result = oneLine(
      'NOTICE to all',
      'textStyle {offset:0; length:6; fontFamily:Arial; fontSize:17.0; bold:true; letterSpaced:true;} textStyle {offset:7; length:2; italic:false; smallCaps:true; blink:true;}',
    );
    expect(tei(result)).toBe(
      '<lb/><hi rend="bold"><hi rend="letterspace">NOTICE</hi></hi> <hi rend="smallcaps">to</hi> all',
    );
    expect(result.warnings).toEqual(['The text style "blink" is not something Siglum keeps; it was left out.']);
  });

  it('makes a comment an editorial note on its words, and a gap an empty element at its point', () => {
    const result = oneLine(
      'the . letter',
      'comment {offset:6; length:6; comment:torn\\u003b\\u0020see\\u0020verso;} gap {offset:4; length:0;}',
    );
    expect(tei(result)).toMatch(
      /^<lb\/>the <gap\/>\. <note type="editorial" xml:id="(note-\w+)" targetEnd="#\1-end">torn; see verso<\/note>letter<anchor xml:id="\1-end"\/>$/,
    );
  });

  it('keeps a tag Siglum does not model as a seg with its attributes, and says so once per type', () => {
    const result = importPage([
      {
        text: 'Pyrotechnia of konst',
        custom: 'reference {offset:0; length:11; target:VOC\\;1602;} work {offset:15; length:5;}',
      },
      { text: 'in vuurwercken', custom: 'reference {offset:3; length:11;}' },
    ]);
    expect(tei(result)).toBe(
      '<lb/><seg type="reference" n="target:VOC\\;1602;">Pyrotechnia</seg> of <seg type="work">konst</seg><lb/>in <seg type="reference">vuurwercken</seg>',
    );
    expect(result.warnings).toEqual([
      'Tags of type "reference" are not a kind Siglum models; they were kept as <seg type="reference">.',
      'Tags of type "work" are not a kind Siglum models; they were kept as <seg type="work">.',
    ]);
  });

  it('warns, and neither crashes nor invents text, for offsets past the end of the line', () => {
    const result = oneLine(
      'short',
      'person {offset:2; length:40;} place {offset:9; length:2;} unclear {offset:5; length:0;}',
    );
    expect(tei(result)).toBe('<lb/>sh<persName ref="#tag-1">ort</persName>');
    expect(result.warnings).toEqual([
      'p.xml: the tag "person" of line l1 runs past the end of its text (offset 2, length 40, 5 characters); it was cut at the end.',
      'p.xml: the tag "place" of line l1 begins at 9, past the end of its text (5 characters); it was skipped.',
      'Some unclear tags cover no text (length 0); they were left out.',
    ]);
  });

  it('counts offsets in UTF-16 code units, as Transkribus does, and never splits a character', () => {
    // 𝔊 is two UTF-16 code units: "old" begins at 7, not at 6.
    const result = importPage([
      { text: 'with 𝔊old gold', custom: 'textStyle {offset:5; length:5; bold:true;} unclear {offset:11; length:3;}' },
      { text: '𝔊𝔊 x', custom: 'unclear {offset:1; length:2;}' },
    ]);
    expect(tei(result)).toBe('<lb/>with <hi rend="bold">𝔊old</hi> <unclear>gol</unclear>d<lb/><unclear>𝔊𝔊</unclear> x');
  });

  it("moves a word's tags and a region's tags onto the line, where their text stands", () => {
    const word = (id: string, text: string, custom = ''): string =>
      `<Word id="${id}"${custom === '' ? '' : ` custom="${custom}"`}><Coords points="0,0 1,0 1,1 0,1"/><TextEquiv><Unicode>${text}</Unicode></TextEquiv></Word>`;
    const result = importPage(
      [
        {
          text: 'Heer Daniel Galschut',
          words:
            word('w1', 'Heer') +
            word('w2', 'Daniel', 'person {offset:0; length:6; continued:true;}') +
            word('w3', 'Galschut', 'person {offset:0; length:8; continued:true;}'),
        },
        { text: 'te Amsterdam' },
      ],
      'readingOrder {index:0;} place {offset:24; length:9;}',
    );
    expect(tei(result)).toBe(
      '<lb/>Heer <persName ref="#tag-1">Daniel</persName> <persName ref="#tag-2">Galschut</persName><lb/>te <placeName ref="#tag-3">Amsterdam</placeName>',
    );
  });

  it('takes a region type Transkribus gives only in the custom attribute', () => {
    const result = importPage([{ text: 'Pyrotechnia' }], 'readingOrder {index:0;} structure {type:heading;}');
    const doc = PMNode.fromJSON(schema, result.doc);
    expect(doc.child(1).type.name).toBe('heading');
  });

  it('reads the tags of a Transkribus export: a reference over three lines, an organisation, a person, a place', () => {
    const result = importOcrFile(readFileSync(join(FIXTURES, 'transkribus-0034.page.xml'), 'utf8'), 'p.xml');
    expect(tei(result)).toBe(
      '<lb/><seg type="reference">Pyrotechnia<lb/>of<lb/>konst in\'t vuurwercken</seg><lb/>Geschreven op \'t Schip<lb/><orgName ref="#tag-1">\'t Huijs Ter Loo</orgName><lb/>door mijn<lb/><persName ref="#tag-2">Daniel Galschut</persName><lb/>van <placeName ref="#tag-3">Koppenhaggen</placeName>',
    );
    expect(result.entities.map((e) => [e.type, e.name])).toEqual([
      ['org', "'t Huijs Ter Loo"],
      ['person', 'Daniel Galschut'],
      ['place', 'Koppenhaggen'],
    ]);
  });
});

describe('ALTO tags named by TAGREFS', () => {
  const alto = (body: string, tags: string): string => `<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#">
    <Description><MeasurementUnit>pixel</MeasurementUnit></Description>
    <Tags>${tags}</Tags>
    <Layout><Page ID="p1" WIDTH="100" HEIGHT="100"><PrintSpace>
      <TextBlock ID="b1" HPOS="0" VPOS="0" WIDTH="100" HEIGHT="100">${body}</TextBlock>
    </PrintSpace></Page></Layout></alto>`;
  const line = (id: string, content: string, refs = ''): string =>
    `<TextLine ID="${id}" HPOS="0" VPOS="0" WIDTH="100" HEIGHT="10"${refs === '' ? '' : ` TAGREFS="${refs}"`}>${content}</TextLine>`;
  const string = (content: string, refs = ''): string =>
    `<String CONTENT="${content}" HPOS="0" VPOS="0" WIDTH="10" HEIGHT="10"${refs === '' ? '' : ` TAGREFS="${refs}"`}/>`;

  it('makes NamedEntityTags mentions: LABEL the entry name, URI its authority, Strings of one tag one mention', () => {
    const xml = alto(
      line(
        'l1',
        string('Daniel', 'NE1') +
          '<SP/>' +
          string('Galschut', 'NE1') +
          '<SP/>' +
          string('van') +
          string('Koppen-', 'NE2'),
      ) +
        line('l2', string('haggen', 'NE2') + string('1784', 'D1')) +
        line('l3', string('VOC'), 'NE3 X9'),
      `<NamedEntityTag ID="NE1" TYPE="person" LABEL="Galschut, Daniel" URI="https://www.wikidata.org/wiki/Q42"/>
       <NamedEntityTag ID="NE2" TYPE="Location" URI="https://www.geonames.org/2618425/"/>
       <NamedEntityTag ID="D1" TYPE="date"/>
       <NamedEntityTag ID="NE3" TYPE="ORG" LABEL="Verenigde Oostindische Compagnie"/>
       <OtherTag ID="X9" TYPE="ship" DESCRIPTION="a ship"/>`,
    );
    const result = importOcrFile(xml, 'a.xml');
    expect(tei(result)).toBe(
      '<lb/><persName ref="#tag-1">Daniel Galschut</persName> van <placeName ref="#tag-2">Koppen-<lb/>haggen</placeName> <date>1784</date>' +
        '<lb/><orgName ref="#tag-3"><seg type="ship" n="description:a ship;">VOC</seg></orgName>',
    );
    expect(result.entities.map((e) => [e.type, e.name, e.authority])).toEqual([
      ['person', 'Galschut, Daniel', { wikidata: 'Q42' }],
      ['place', 'Koppenhaggen', { geonames: '2618425' }],
      ['org', 'Verenigde Oostindische Compagnie', {}],
    ]);
    expect(result.warnings).toEqual([
      'Tags of type "ship" are not a kind Siglum models; they were kept as <seg type="ship">.',
    ]);
  });

  it('makes one tag on either side of a line break two mentions, and a word hyphenated by HYP one', () => {
    const xml = alto(
      line('l1', string('met') + string('Goethe', 'NE1')) +
        line('l2', string('Goethe', 'NE1') + string('in') + string('Koppen', 'NE2') + '<HYP CONTENT="-"/>') +
        line('l3', string('haggen', 'NE2') + string('and') + string('Goethe', 'NE1')),
      `<NamedEntityTag ID="NE1" TYPE="person" LABEL="Goethe"/><NamedEntityTag ID="NE2" TYPE="place"/>`,
    );
    const result = importOcrFile(xml, 'a.xml');
    expect(tei(result)).toBe(
      '<lb/>met <persName ref="#tag-1">Goethe</persName>' +
        '<lb/><persName ref="#tag-1">Goethe</persName> in <placeName ref="#tag-2">Koppen-<lb/>haggen</placeName> and <persName ref="#tag-1">Goethe</persName>',
    );
    expect(result.entities.map((e) => [e.type, e.name])).toEqual([
      ['person', 'Goethe'],
      ['place', 'Koppenhaggen'],
    ]);
  });
});
