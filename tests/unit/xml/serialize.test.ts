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

  it('leaves plain strings alone', () => {
    expect(escapeText('plain text')).toBe('plain text');
    expect(escapeAttr('plain')).toBe('plain');
  });
});
