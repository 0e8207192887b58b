/**
 * What XML allows besides UTF-8: UTF-16 with its byte-order mark (little- and
 * big-endian), and the encoding an XML declaration names (ISO-8859-1,
 * windows-1252). Such a file imports as its UTF-8 twin does; the export is UTF-8
 * and its declaration says so.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../edition/errors.ts';
import { exportCollectionTei, type TeiImport } from '../../../edition/tei/index.ts';
import { decodeXml } from '../../../edition/xml/index.ts';
import { isTeiImport, parseFile } from '../../../electron/workers/parseFile.ts';

const TEI = 'http://www.tei-c.org/ns/1.0';
const tei = (declaration: string, body: string): string =>
  `${declaration}\n<TEI xmlns="${TEI}"><teiHeader><fileDesc><titleStmt><title>Noël</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader><text><body><div type="document" xml:id="d1"><p>${body}</p></div></body></text></TEI>\n`;

function utf16(text: string, endian: 'le' | 'be', bom = true): Uint8Array {
  const le = Buffer.from(`${bom ? '\uFEFF' : ''}${text}`, 'utf16le');
  if (endian === 'be') for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return new Uint8Array(le);
}

function imported(name: string, bytes: Uint8Array): TeiImport {
  const result = parseFile({ name, base64: Buffer.from(bytes).toString('base64') });
  if (!isTeiImport(result)) throw new Error('expected a TEI import');
  return result;
}

function exported(r: TeiImport): string {
  return exportCollectionTei(r.collection.frame, new Map(r.documents.map((d) => [d.key, d.doc])));
}

const words = 'Café “Noël”, naïve façade, 𝔄 and € — ʻokina';

describe('UTF-16 with a byte-order mark', () => {
  for (const endian of ['le', 'be'] as const) {
    it(`imports UTF-16${endian.toUpperCase()} as its UTF-8 twin, and exports UTF-8 saying so`, () => {
      const text = tei('<?xml version="1.0" encoding="UTF-16"?>', words);
      const twin = imported('twin.xml', new TextEncoder().encode(text.replace('UTF-16', 'UTF-8')));
      const r = imported('wide.xml', utf16(text, endian));
      expect(r.documents.map((d) => d.doc)).toEqual(twin.documents.map((d) => d.doc));
      expect(r.collection.title).toBe('Noël');
      const out = exported(r);
      expect(out.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<TEI')).toBe(true);
      expect(out).toContain(`<p>${words}</p>`);
    });
  }

  it('reads UTF-16 without a byte-order mark when it starts with an XML declaration (XML appendix F)', () => {
    const text = tei('<?xml version="1.0" encoding="UTF-16"?>', words);
    expect(decodeXml(utf16(text, 'le', false))).toBe(text);
    expect(decodeXml(utf16(text, 'be', false))).toBe(text);
  });

  it('refuses UTF-16 whose declaration names another encoding, and broken UTF-16, in one sentence', () => {
    expect(() => decodeXml(utf16(tei('<?xml version="1.0" encoding="ISO-8859-1"?>', 'x'), 'le'), 'w.xml')).toThrow(
      /w\.xml:1:1: the file is in UTF-16LE but its XML declaration says encoding="ISO-8859-1"; correct the declaration/,
    );
    const odd = utf16(tei('', 'x'), 'le').subarray(0, 41);
    expect(() => decodeXml(odd, 'odd.xml')).toThrow(ParseError);
  });
});

describe('encodings named in the XML declaration', () => {
  it('reads ISO-8859-1 byte for byte, as its UTF-8 twin', () => {
    const body = 'Café, naïve façade, Noël ½ ÿ';
    const text = tei('<?xml version="1.0" encoding="ISO-8859-1"?>', body);
    const bytes = Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
    expect(bytes.some((b) => b > 0x7f)).toBe(true);
    const r = imported('latin1.xml', bytes);
    const twin = imported('twin.xml', new TextEncoder().encode(text.replace('ISO-8859-1', 'UTF-8')));
    expect(r.documents.map((d) => d.doc)).toEqual(twin.documents.map((d) => d.doc));
    const out = exported(r);
    expect(out.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(out).not.toContain('ISO-8859-1');
    expect(out).toContain(`<p>${body}</p>`);
  });

  it('reads windows-1252, whose bytes 0x80 to 0x9F are typographic characters', () => {
    const head = new TextEncoder().encode(tei("<?xml version='1.0' encoding='windows-1252'?>", '@'));
    const at = head.indexOf(0x40);
    // “Noël” – 5 € in windows-1252
    const body = [0x93, 0x4e, 0x6f, 0xeb, 0x6c, 0x94, 0x20, 0x96, 0x20, 0x35, 0x20, 0x80];
    const bytes = Uint8Array.from([...head.subarray(0, at), ...body, ...head.subarray(at + 1)]);
    const out = exported(imported('cp1252.xml', bytes));
    expect(out).toContain('<p>“Noël” – 5 €</p>');
    expect(out.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  });

  it('still refuses bytes that are not UTF-8 in a file that declares UTF-8 or nothing, at the bad byte', () => {
    const bytes = Uint8Array.from([...new TextEncoder().encode(tei('', 'ab')).subarray(0, 60), 0xe9, 0x3c]);
    expect(() => decodeXml(bytes, 'bad.xml')).toThrow(/bad\.xml:2:\d+: invalid UTF-8 \(byte 0xe9/);
  });

  it('refuses an encoding it cannot read in one sentence', () => {
    const bytes = new TextEncoder().encode(tei('<?xml version="1.0" encoding="x-klingon"?>', 'x'));
    expect(() => decodeXml(bytes, 'k.xml')).toThrow(
      'k.xml:1:1: the XML declaration names the encoding "x-klingon", which Siglum cannot read; save the file as UTF-8 and import it again.',
    );
  });

  it('leaves a FRUS file in UTF-8 with a byte-order mark as it was', () => {
    const bytes = readFileSync(resolve(import.meta.dirname, '../../../../shared/corpus/frus/frus1934v05.xml'));
    const text = decodeXml(new Uint8Array(bytes));
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toBe(bytes.toString('utf8'));
  });
});
