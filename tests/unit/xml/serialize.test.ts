import { describe, expect, it } from 'vitest';
import { escapeAttr, escapeText, parseXml, serializeNodes, serializeXml } from '../../../edition/xml/index.ts';

describe('serializeXml', () => {
  it('writes a document back exactly, mixed content untouched', () => {
    const text =
      '<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="urn:f"><p rend="x">A <hi rend="italic">b</hi>\n    c<lb/>d</p><frus:attachment xmlns:q="urn:q" q:a="1"/></TEI>\n';
    expect(serializeXml(parseXml(text))).toBe(text);
  });

  it('escapes text and attributes so that reading them again gives the same values', () => {
    const doc = parseXml('<a t="&quot;&lt;&amp;&#9;&#10;&#13;">&lt;&amp;&gt;]]&gt;&#13;</a>');
    const again = parseXml(serializeXml(doc));
    expect(again.root.attrs[0]!.value).toBe('"<&\t\n\r');
    expect(again.root.children).toEqual([{ type: 'text', text: '<&>]]>\r' }]);
  });

  it('splits a CDATA section that contains its own end marker', () => {
    const out = serializeNodes([{ type: 'cdata', text: 'a]]>b' }]);
    expect(out).toBe('<![CDATA[a]]]]><![CDATA[>b]]>');
    expect(
      parseXml(`<r>${out}</r>`)
        .root.children.map((c) => (c.type === 'cdata' ? c.text : ''))
        .join(''),
    ).toBe('a]]>b');
  });

  it('refuses characters XML cannot hold', () => {
    expect(() => escapeText('bell \u0007')).toThrow(/U\+0007 cannot be written in XML/);
    expect(() => escapeAttr('\uFFFF')).toThrow(RangeError);
  });

  it('writes the declaration, prolog and epilog each on its own line, with a BOM and CRLF when asked', () => {
    const text =
      '<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n<!DOCTYPE TEI>\n<?xml-model href="t.rng"?>\n<!-- c -->\n<TEI/>\n<!-- after -->\n<?pi x?>\n';
    expect(serializeXml(parseXml(text))).toBe(text);
    expect(serializeXml(parseXml(text), { bom: true, crlf: true })).toBe(`\uFEFF${text.replace(/\n/g, '\r\n')}`);
  });

  it('escapes or refuses every character that needs it, in text and in attributes alike', () => {
    const chars = [...Array.from({ length: 0x21 }, (_, c) => String.fromCharCode(c)), '&', '<', '>', '"', "'", ']'];
    chars.push('\u0085', '\u2028', '\uD7FF', '\uFFFD', '\uFFFE', '\uFFFF');
    // XML 1.0's Char production: no C0 control but tab, LF and CR; no U+FFFE or U+FFFF.
    const notXml = (c: string): boolean => {
      const n = c.charCodeAt(0);
      return (n < 0x20 && n !== 0x9 && n !== 0xa && n !== 0xd) || n === 0xfffe || n === 0xffff;
    };
    for (const c of chars) {
      const value = `a${c}b`;
      if (notXml(c)) {
        expect(() => escapeText(value)).toThrow(RangeError);
        expect(() => escapeAttr(value)).toThrow(RangeError);
        continue;
      }
      const read = parseXml(`<r v="${escapeAttr(value)}">${escapeText(value)}</r>`).root;
      expect(read.attrs[0]!.value).toBe(value);
      expect(read.children).toEqual([{ type: 'text', text: value }]);
    }
  });

  it('leaves plain strings alone', () => {
    expect(escapeText('plain text')).toBe('plain text');
    expect(escapeAttr('plain')).toBe('plain');
  });
});
