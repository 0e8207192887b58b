/**
 * A document that is the whole text of the file it came from (a letter, a play, an
 * inscription, each in a file of its own) exported on its own is that file again: its
 * header, its front matter and its facsimile come with it, so every pointer into them
 * still resolves. A document of a volume of several documents still gets a header of
 * its own.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CollabClient, serviceFixture } from './helpers.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const shared = join(root, '../shared');

const { service } = serviceFixture();

/** A letter laid out in two spaces, its people listed in the header and its abstract in the front. */
const LETTER = `<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="it">
  <teiHeader>
    <fileDesc>
      <titleStmt>
        <title>Letter from Filippo Cavriana to Guglielmo Gonzaga, 3 July 1568</title>
      </titleStmt>
      <publicationStmt>
        <p>Unpublished.</p>
      </publicationStmt>
      <sourceDesc>
        <msDesc>
          <msIdentifier>
            <repository>Archivio di Stato di Mantova</repository>
            <idno>b654, fols. 924r-924v</idno>
          </msIdentifier>
        </msDesc>
      </sourceDesc>
    </fileDesc>
    <profileDesc>
      <particDesc>
        <listPerson>
          <person xml:id="pers-cavriana">
            <persName>Filippo Cavriana</persName>
          </person>
        </listPerson>
      </particDesc>
    </profileDesc>
  </teiHeader>
  <text>
    <front>
      <argument>
        <p>News from the court at Nevers.</p>
      </argument>
    </front>
    <body>
      <div type="letter">
        <opener>
          <salute>Illustrissimo et Eccellentissimo Signore</salute>
        </opener>
        <p>Scrivo da <placeName>Nevers</placeName> per dire che <persName ref="#pers-cavriana">io</persName> sto bene.</p>
        <closer>
          <signed>Filippo Cavriana</signed>
        </closer>
      </div>
    </body>
  </text>
</TEI>
`;

describe('exporting one document that is its file’s whole text', () => {
  it('writes the file it came from, header and front matter included, with the edits made since', async () => {
    const s = service('letter.siglum');
    const { documents } = await s.importFiles({ files: [{ name: 'letter.xml', text: LETTER }] });
    expect(documents).toHaveLength(1);
    const id = documents[0]!.id;
    const exported = await s.exportTei({ documentId: id });
    expect(exported.xml).toBe(LETTER);
    expect(exported.pointers.dangling).toEqual([]);
    expect(exported.fileName).toMatch(/^letter-from-filippo-cavriana.*\.xml$/);

    const client = await CollabClient.open(s, id, 'a');
    let at = -1;
    client.state.doc.descendants((node, pos) => {
      if (at < 0 && node.isText && node.text!.startsWith('Scrivo')) at = pos;
    });
    client.type('Postscript. ', at);
    await client.sync();
    const edited = await s.exportTei({ documentId: id });
    expect(edited.xml).toContain('Postscript. ');
    expect(edited.xml).toContain('<person xml:id="pers-cavriana">');
    expect(edited.xml.replace('Postscript. ', '')).toBe(LETTER);
    // An earlier version is written in the same file, with that version's text.
    const before = await s.exportTei({ documentId: id, at: 0 });
    expect(before.xml).toBe(LETTER);
  });

  it('writes a play’s cast list and the speakers it points at (the whole text of a TEI file)', async () => {
    const s = service('play.siglum');
    const play = `<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>A Play</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>y</p></sourceDesc></fileDesc></teiHeader>
<text><front><castList><castItem><role xml:id="witch">A witch</role></castItem></castList></front><body>
<div type="act"><head>ACT 1</head><sp who="#witch"><speaker>WITCH</speaker><l>When shall we meet again?</l></sp></div>
<div type="act"><head>ACT 2</head><sp who="#witch"><speaker>WITCH</speaker><l>Fair is foul.</l></sp></div>
</body></text></TEI>`;
    const { documents } = await s.importFiles({ files: [{ name: 'play.xml', text: play }] });
    const exported = await s.exportTei({ documentId: documents[0]!.id });
    expect(exported.xml).toContain('<role xml:id="witch">A witch</role>');
    expect(exported.pointers.dangling).toEqual([]);
    expect(exported.xml.replace(/^<\?xml[^>]*>\n/, '').trimEnd()).toBe(play);
  });

  it('gives a document of a volume of several documents a header of its own, as before', async () => {
    const s = service('volume.siglum');
    const name = 'frus1938v03-d480-d486.xml';
    const text = readFileSync(join(shared, 'corpus/frus', name), 'utf8');
    const { documents } = await s.importFiles({ files: [{ name, text }] });
    expect(documents.length).toBeGreaterThan(1);
    const one = await s.exportTei({ documentId: documents[1]!.id });
    const [collection] = await s.listCollections({});
    const volume = await s.exportTei({ collectionId: collection!.id });
    expect(one.xml).toContain('<p>Exported from Siglum.</p>');
    expect(one.xml.length).toBeLessThan(volume.xml.length / 2);
  });

  it('gives a new header once the volume holds a second document', async () => {
    const s = service('grown.siglum');
    const { documents } = await s.importFiles({ files: [{ name: 'letter.xml', text: LETTER }] });
    const [collection] = await s.listCollections({});
    await s.createDocument({ title: 'A second letter', collectionId: collection!.id });
    const exported = await s.exportTei({ documentId: documents[0]!.id });
    expect(exported.xml).not.toContain('<msDesc>');
    expect(exported.xml).toContain('<p>Exported from Siglum.</p>');
  });
});
