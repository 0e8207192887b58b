/**
 * Words are sacred: whitespace between inline content survives import and
 * export wherever it stands, whatever else its block holds, and
 * `xml:space="preserve"` content comes back byte for byte.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schema } from '../../../edition/schema.ts';
import { exportCollectionTei, exportDocumentTei, importTei } from '../../../edition/tei/index.ts';
import { canonicalDifference } from './canonical.ts';
import { readingBlocksOf } from './readingText.ts';

const TEI = 'http://www.tei-c.org/ns/1.0';
const wrap = (body: string, bodyAttrs = ''): string =>
  `<TEI xmlns="${TEI}"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader><text><body${bodyAttrs}>${body}</body></text></TEI>`;

function exported(xml: string): string {
  const imported = importTei(xml, 'test.xml');
  return exportCollectionTei(imported.collection.frame, new Map(imported.documents.map((d) => [d.key, d.doc])));
}

/** Exports, checks canonical XML and reading text, and that the export imports to the same documents. */
function roundTrip(xml: string): string {
  const out = exported(xml);
  expect(canonicalDifference(xml, out)).toBeNull();
  expect(importTei(out, 'again.xml').documents.map((d) => d.doc)).toEqual(
    importTei(xml, 'test.xml').documents.map((d) => d.doc),
  );
  return out;
}

describe('whitespace between inline elements', () => {
  const dateline = '<dateline><placeName>Washington</placeName> <date>July 12, 1980</date></dateline>';

  it('keeps the space in a dateline whose block also holds a page break', () => {
    const out = roundTrip(wrap(`<div type="document"><pb n="2"/>${dateline}<p>Text.</p></div>`));
    expect(out).toContain(dateline);
    expect(readingBlocksOf(out)).toContain('Washington July 12, 1980');
  });

  it('keeps the space in a dateline whose block also holds a comment', () => {
    const out = roundTrip(wrap(`<div type="document"><head>H</head><!-- c -->${dateline}</div>`));
    expect(out).toContain(dateline);
  });

  it('keeps the space in a dateline of an opener that also holds a page break', () => {
    const out = roundTrip(wrap(`<div type="document"><opener><pb n="2"/>${dateline}</opener><p>Text.</p></div>`));
    expect(out).toContain(dateline);
  });

  it('keeps line breaks between the names of an index entry in a list that holds a page break', () => {
    const entry = `<item>\n  <persName>Langevin, Paul D.</persName>\n  <hi rend="italic">See</hi>\n  <persName>Phillips, David Atlee.</persName>\n</item>`;
    const out = roundTrip(
      wrap(`<div type="document"><list type="index"><item>L</item><pb n="456"/>${entry}</list></div>`),
    );
    expect(out).toContain(entry);
    expect(readingBlocksOf(out)).toContain('Langevin, Paul D. See Phillips, David Atlee.');
  });

  it('reads an element that holds only inline elements as one run of text, not as a block per element', () => {
    const xml = wrap(
      '<div type="document"><listBibl><!-- x --><bibl>\n<author>Kane</author>\n<title>Piers Plowman</title>\n</bibl></listBibl></div>',
    );
    const d = importTei(xml, 'b.xml').documents[0]!;
    const listBibl = schema.nodeFromJSON(d.doc).firstChild!;
    const bibl = listBibl.lastChild!;
    expect([bibl.type.name, bibl.attrs['name'], bibl.textContent]).toEqual([
      'teiText',
      'bibl',
      '\nKane\nPiers Plowman\n',
    ]);
    expect(roundTrip(xml)).toContain('<bibl>\n<author>Kane</author>\n<title>Piers Plowman</title>\n</bibl>');
  });

  it('keeps the space around a footnote that stands between blocks', () => {
    const xml = wrap(
      '<div type="document"><note type="source">[Translation]</note>\n<note n="53">File translation revised.</note>\n<p>Text.</p></div>',
    );
    expect(readingBlocksOf(roundTrip(xml)).join(' ')).toContain('[Translation] File translation revised.');
  });

  it('writes back runs that hold only an element around a comment, or only CDATA, as they were read', () => {
    roundTrip(wrap('<div type="document"><p>a</p>\n  <seg><!--x--></seg>\n  <p>b</p></div>'));
    roundTrip(wrap('<div type="document"><![CDATA[ x ]]><p>a</p><p>b</p></div>'));
  });

  it('keeps the index of the Guatemala volume word for word ("Langevin, Paul D. See Phillips")', () => {
    const path = resolve(import.meta.dirname, '../../../../shared/corpus/frus/frus1952-54Guat.xml');
    const out = exported(readFileSync(path, 'utf8'));
    const blocks = readingBlocksOf(out);
    expect(blocks).toContain('Langevin, Paul D. See Phillips, David Atlee.');
    expect(blocks).toContain('LCPANGS. See Costa Rica.');
  });
});

describe('xml:space="preserve"', () => {
  it('is never re-indented: element-only content without whitespace stays without', () => {
    const lg = '<lg xml:space="preserve"><l>Who is there?</l><l>Nay, answer me.</l></lg>';
    expect(roundTrip(wrap(`<div type="document"><head>H</head>${lg}</div>`))).toContain(lg);
  });

  it('is never collapsed: whitespace between blocks is kept as it was', () => {
    const div =
      '<div type="poem" xml:space="preserve">\n\n      <p>one</p>   <p>two</p>\n<lg>  <l>a</l>\t<l>b</l></lg></div>';
    expect(roundTrip(wrap(`<div type="document">${div}</div>`))).toContain(div);
  });

  it('holds for a document div that carries it and for one inside a body that does, alone or in its volume', () => {
    for (const [body, attrs] of [
      ['<div type="document" xml:id="d1" xml:space="preserve"><p>a</p><p>b</p></div>', ''],
      ['<div type="document" xml:id="d1"><p>a</p><p>b</p></div>', ' xml:space="preserve"'],
    ] as const) {
      const xml = wrap(body, attrs);
      expect(roundTrip(xml)).toContain('<p>a</p><p>b</p></div>');
      const imported = importTei(xml, 'p.xml');
      const d = imported.documents[0]!;
      const alone = exportDocumentTei(d.doc, d.meta, { frame: imported.collection.frame, key: d.key });
      expect(alone).toContain('<p>a</p><p>b</p></div>');
      expect(importTei(alone, 'alone.xml').documents[0]!.doc).toEqual(d.doc);
    }
  });

  it('is inherited and can be turned off again with xml:space="default"', () => {
    const inner = '<div xml:space="default"><p>x</p><p>y</p></div>';
    const out = roundTrip(wrap(`<div type="document"><div xml:space="preserve"><p>a</p>${inner}</div></div>`));
    expect(out).toContain('<p>a</p><div xml:space="default">');
  });
});
