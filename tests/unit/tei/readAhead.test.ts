/**
 * Documents read as their divs end, while the rest of the file is parsed
 * (edition/tei/readAhead.ts), give the volume that reading the whole file first gives:
 * on real volumes, and on files where what a document's reading needs comes after it
 * (a register list in the back matter, a facsimile after the text), which are read again.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importTei, importTeiVolumes, type TeiImport } from '../../../edition/tei/index.ts';
import { DocumentsAhead } from '../../../edition/tei/readAhead.ts';
import { documentBytes } from '../../../edition/tei/docText.ts';
import { parseXml } from '../../../edition/xml/parse.ts';
import type { XmlElement, XmlNode } from '../../../edition/xml/tree.ts';

const frus = (name: string): string =>
  readFileSync(resolve(import.meta.dirname, '../../../../shared/corpus/frus', name), 'utf8');

/** The import as plain data, documents' content included. */
const plain = (read: TeiImport | TeiImport[]): unknown => JSON.parse(JSON.stringify(read));

function both(text: string, name = 'volume.xml'): { ahead: unknown; whole: unknown } {
  return {
    ahead: plain(importTeiVolumes(text, name, { register: true })),
    whole: plain(importTeiVolumes(text, name, { register: true, readAhead: false })),
  };
}

const TEI = 'xmlns="http://www.tei-c.org/ns/1.0"';
const header = '<teiHeader><fileDesc><titleStmt><title>T</title></titleStmt></fileDesc></teiHeader>';

function elements(node: XmlNode): XmlElement[] {
  return node.type === 'element' ? [node, ...node.children.flatMap(elements)] : [];
}

describe('documents read ahead', () => {
  it('are the volume read whole, for FRUS volumes (a register, notes, 639 documents)', () => {
    for (const name of ['frus1934v05.xml', 'frus1952-54Guat.xml', 'frus1938v03-d480-d486.xml']) {
      const { ahead, whole } = both(frus(name), name);
      expect(ahead).toEqual(whole);
    }
    const volume = importTei(frus('frus1934v05.xml'), 'frus1934v05.xml', { register: true });
    expect(volume.documents).toHaveLength(642);
  });

  it("let each document's XML go as its div ends, and leave the rest of the file", () => {
    const ahead = new DocumentsAhead('v.xml', false);
    const xml = parseXml(
      `<TEI ${TEI}>${header}<text><front><div xml:id="pre"><p>Preface</p></div></front><body>` +
        `<div type="document" xml:id="d1"><p>One</p></div><div type="document" xml:id="d2"><p>Two</p></div>` +
        `</body></text></TEI>`,
      { onElementEnd: ahead.onElementEnd },
    );
    const divs = elements(xml.root).filter((e) => e.name === 'div');
    expect(divs).toHaveLength(3);
    for (const d of divs) {
      expect(d.children).toEqual([]);
      expect(ahead.take(d, null)?.meta.title).toBe('');
    }
    expect(elements(xml.root).map((e) => e.name)).toEqual([
      'TEI',
      'teiHeader',
      'fileDesc',
      'titleStmt',
      'title',
      'text',
      'front',
      'div',
      'body',
      'div',
      'div',
    ]);
    expect(ahead.holds(null, false)).toBe(true);
  });

  it('name front matter without a heading by its place, as the volume read whole does', () => {
    const text =
      `<TEI ${TEI}>${header}<text><front><div><p>Preface</p></div></front><body>` +
      `<div type="document" n="7"><p>One</p></div></body></text></TEI>`;
    const { ahead, whole } = both(text);
    expect(ahead).toEqual(whole);
    expect(importTei(text, 'v.xml').documents.map((d) => d.title)).toEqual(['Front matter 1', 'Document 7']);
  });

  it('are read again when a register entry they point at comes after them', () => {
    const text =
      `<TEI ${TEI}>${header}<text><body>` +
      `<div type="document" xml:id="d1"><p>Met <persName corresp="#p1">Hull</persName>.</p></div>` +
      `</body><back><div type="section" xml:id="persons"><head>Persons</head><list type="participants">` +
      `<item><hi rend="strong"><persName xml:id="p1">Hull, Cordell</persName>,</hi> Secretary of State</item>` +
      `</list></div></back></text></TEI>`;
    const { ahead, whole } = both(text);
    expect(ahead).toEqual(whole);
    const read = importTei(text, 'v.xml', { register: true });
    expect(JSON.stringify(read.documents[0]!.doc)).toContain('"type":"mention"');
  });

  it('are read again when the surfaces their pointers name come after the text', () => {
    const text =
      `<TEI ${TEI}>${header}<text><body>` +
      `<div type="document" xml:id="d1"><pb facs="#s1"/><p>One</p></div>` +
      `<div type="document" xml:id="d2"><pb facs="#s2"/><p>Two</p></div>` +
      `</body></text><facsimile><surface xml:id="s1"><graphic url="p1.jpg"/></surface>` +
      `<surface xml:id="s2"><graphic url="p2.jpg"/></surface></facsimile></TEI>`;
    const { ahead, whole } = both(text);
    expect(ahead).toEqual(whole);
    const read = importTei(text, 'v.xml');
    expect(read.documents.map((d) => d.surfaces?.map((s) => s.id))).toEqual([['s1'], ['s2']]);
  });

  it("keep the whitespace an ancestor's xml:space preserves", () => {
    const text =
      `<TEI ${TEI}>${header}<text xml:space="preserve"><body>` +
      `<div type="document">\n  <p>One  two</p>\n</div><div type="document" xml:space="default">\n  <p>Three</p>\n</div>` +
      `</body></text></TEI>`;
    const { ahead, whole } = both(text);
    expect(ahead).toEqual(whole);
  });

  it('leave a document holding a placeholder Siglum reserves for the whole file to refuse', () => {
    const text =
      `<TEI ${TEI}>${header}<text><body><div type="document"><p>One<?siglum-document x?></p></div>` +
      `</body></text></TEI>`;
    expect(() => importTei(text, 'v.xml')).toThrow(/reserves for its own use/);
  });

  it('keep each document as the UTF-8 JSON text its content was written to', () => {
    const volume = importTei(frus('frus1938v03-d480-d486.xml'), 'v.xml');
    for (const d of volume.documents) {
      expect(new TextDecoder().decode(documentBytes(d))).toBe(JSON.stringify(d.doc));
    }
    const first = volume.documents[0]!;
    first.doc = { type: 'doc', content: [] };
    expect(new TextDecoder().decode(documentBytes(first))).toBe('{"type":"doc","content":[]}');
  });
});
