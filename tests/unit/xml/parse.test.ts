import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../edition/errors.ts';
import { decodeUtf8, parseXml, serializeXml, type XmlElement } from '../../../edition/xml/index.ts';

function parseError(text: string, maxDepth?: number): ParseError {
  try {
    parseXml(text, { fileName: 'x.xml', ...(maxDepth ? { maxDepth } : {}) });
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
  throw new Error('expected a ParseError');
}

describe('parseXml', () => {
  it('keeps qualified names, namespace URIs, attributes in order and source positions', () => {
    const doc = parseXml(
      '<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="urn:f">\n  <div z="1" a="2" frus:x="3"/></TEI>',
    );
    const div = doc.root.children[1] as XmlElement;
    expect(doc.root.uri).toBe('http://www.tei-c.org/ns/1.0');
    expect(doc.root.attrs.map((a) => a.name)).toEqual(['xmlns', 'xmlns:frus']);
    expect(div.attrs.map((a) => [a.name, a.uri, a.value])).toEqual([
      ['z', '', '1'],
      ['a', '', '2'],
      ['frus:x', 'urn:f', '3'],
    ]);
    expect([div.line, div.column]).toEqual([2, 3]);
  });

  it('locates elements whose start tag breaks the line right after the name', () => {
    const doc = parseXml('<a>\n  <hi\n    rend="x">é 😀 <b\n/></hi></a>');
    const hi = doc.root.children[1] as XmlElement;
    const b = hi.children[1] as XmlElement;
    expect([hi.line, hi.column]).toEqual([2, 3]);
    expect([b.line, b.column]).toEqual([3, 18]); // columns count code points: the emoji is one
  });

  it('locates elements the same whatever ends the lines, CRLF after a name included', () => {
    for (const end of ['\n', '\r\n']) {
      const doc = parseXml(['<a>', '  <hi', '    rend="x">é 😀 <b', '/></hi> <c/></a>'].join(end));
      const hi = doc.root.children[1] as XmlElement;
      const b = hi.children[1] as XmlElement;
      const c = doc.root.children[3] as XmlElement;
      expect([hi.line, hi.column, b.line, b.column, c.line, c.column]).toEqual([2, 3, 3, 18, 4, 9]);
    }
    // A lone CR ends no line here (LF does), though saxes counts it.
    const lone = parseXml('<a>\r <b/>\n<c/></a>');
    expect(
      (lone.root.children as XmlElement[]).filter((e) => e.type === 'element').map((e) => [e.line, e.column]),
    ).toEqual([
      [1, 6],
      [2, 1],
    ]);
  });

  it('keeps comments, processing instructions and CDATA, inside and around the root', () => {
    const text =
      '<?xml version="1.0" encoding="UTF-8"?>\n<?xml-model href="s.rnc"?>\n<!--before-->\n<a>x<!--c--><?pi data?><![CDATA[<y>]]></a>\n<!--after-->\n';
    const doc = parseXml(text);
    expect(doc.prolog.map((p) => p.type)).toEqual(['pi', 'comment']);
    expect(doc.root.children.map((c) => c.type)).toEqual(['text', 'comment', 'pi', 'cdata']);
    expect(serializeXml(doc)).toBe(text);
  });

  it('drops and remembers a byte-order mark and CRLF line endings, reading text with LF', () => {
    const doc = parseXml('\uFEFF<a>\r\n x\r\n</a>');
    expect(doc.bom).toBe(true);
    expect(doc.crlf).toBe(true);
    expect(doc.root.children[0]).toEqual({ type: 'text', text: '\n x\n' });
    expect(serializeXml(doc, { bom: true, crlf: true })).toBe('\uFEFF<a>\r\n x\r\n</a>\r\n');
  });

  it('refuses a DOCTYPE with an external entity, naming its line and column', () => {
    const e = parseError('<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<a>&x;</a>');
    expect(e.message).toMatch(/^x\.xml:2:1: a DOCTYPE that declares entities is refused/);
    expect([e.line, e.column]).toEqual([2, 1]);
  });

  it('refuses an external DTD and undefined entities', () => {
    expect(parseError('<!DOCTYPE a SYSTEM "http://example.org/a.dtd"><a/>').message).toMatch(/external DTD/);
    const e = parseError('<a>\n  &nbsp;</a>');
    expect(e.message).toMatch(/undefined entity/);
    expect(e.line).toBe(2);
  });

  it('refuses nesting deeper than the limit, at the element that goes too deep', () => {
    const e = parseError('<a><b><c><d/></c></b></a>', 3);
    expect(e.message).toBe('x.xml:1:10: elements nest deeper than 3 levels.');
    expect(() => parseXml(`${'<a>'.repeat(512)}${'</a>'.repeat(512)}`)).not.toThrow();
    expect(parseError(`${'<a>'.repeat(513)}${'</a>'.repeat(513)}`).message).toMatch(/deeper than 512/);
  });

  it('refuses two root elements and text outside the root', () => {
    expect(parseError('<a/>\n<b/>').message).toMatch(/^x\.xml:2:\d+: .*one root/);
    expect(parseError('<a/>tail').message).toMatch(/text data outside of root/);
  });

  it('reports every error on one line', () => {
    for (const bad of ['<a>', '<a></b>', '<a b="1" b="2"/>', '', '<a>&#0;</a>']) {
      expect(parseError(bad).message).not.toMatch(/\n/);
    }
  });

  it('rejects a maxDepth that is not a positive integer', () => {
    expect(() => parseXml('<a/>', { maxDepth: 0 })).toThrow(RangeError);
  });
});

describe('decodeUtf8', () => {
  it('decodes UTF-8 and keeps a byte-order mark for parseXml to drop', () => {
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x3c, 0x61, 0x2f, 0x3e]))).toBe('\uFEFF<a/>');
  });

  it('reports the line and column of the first malformed byte', () => {
    const bytes = new TextEncoder().encode('<a>\n  é');
    const bad = new Uint8Array([...bytes, 0xff, 0x3c, 0x2f, 0x61, 0x3e]);
    expect(() => decodeUtf8(bad, 'bad.xml')).toThrow(/^bad\.xml:2:4: invalid UTF-8 \(byte 0xff/);
  });

  it('catches overlong encodings and truncated sequences', () => {
    expect(() => decodeUtf8(new Uint8Array([0x61, 0xc0, 0xaf]))).toThrow(/1:2: invalid UTF-8/);
    expect(() => decodeUtf8(new Uint8Array([0x61, 0x62, 0xe2, 0x82]))).toThrow(/1:3: invalid UTF-8/);
  });
});
