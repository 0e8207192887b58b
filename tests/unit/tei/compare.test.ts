/**
 * The importer's check that a container it built says what the source said
 * (edition/tei/compare.ts): equal up to whitespace between elements, attribute order
 * and how text is split; different for anything else.
 */
import { describe, expect, it } from 'vitest';
import { canonicalChildren, sameContent } from '../../../edition/tei/compare.ts';
import { parseXml, type XmlNode } from '../../../edition/xml/index.ts';

/** The children of the root of `<r>…</r>`. */
function content(inner: string): XmlNode[] {
  return parseXml(`<r>${inner}</r>`).root.children;
}

const text = (t: string): XmlNode => ({ type: 'text', text: t });
const el = (name: string, children: XmlNode[] = []): XmlNode => ({
  type: 'element',
  name,
  uri: '',
  attrs: [],
  children,
  line: 1,
  column: 1,
});

describe('canonicalChildren', () => {
  it('gives back content that is canonical already as it is', () => {
    for (const nodes of [
      content('a <hi>b</hi> c'),
      content('<p>a</p><p>b</p>'),
      content('<p>a</p><![CDATA[ ]]><p>b</p>'),
      [],
    ]) {
      expect(canonicalChildren(nodes)).toBe(nodes);
    }
  });

  it('merges adjacent text, drops empty text, and drops whitespace between elements only', () => {
    expect(canonicalChildren([text('a'), text('b'), el('hi')])).toEqual([text('ab'), el('hi')]);
    expect(canonicalChildren([el('p'), text(''), el('p')])).toEqual([el('p'), el('p')]);
    expect(canonicalChildren([el('p'), text('\n  '), el('p')])).toEqual([el('p'), el('p')]);
    // Two blank texts in a row, merged and then dropped.
    expect(canonicalChildren([el('p'), text(' '), text('\n'), el('p')])).toEqual([el('p'), el('p')]);
    // In mixed content the space between two elements is text: "Washington July 12".
    const mixed = [el('name'), text(' '), el('date'), text('.')];
    expect(canonicalChildren(mixed)).toBe(mixed);
    expect(canonicalChildren([el('name'), text(' '), text(' '), el('date'), text('.')])).toEqual([
      el('name'),
      text('  '),
      el('date'),
      text('.'),
    ]);
  });
});

describe('sameContent', () => {
  it('is true up to whitespace between elements, attribute order and text splitting', () => {
    expect(sameContent(content('<p a="1" b="2">x</p>\n<p/>'), content('<p b="2" a="1">x</p><p/>'))).toBe(true);
    expect(sameContent([text('Wash'), text('ington')], content('Washington'))).toBe(true);
  });

  it('is false for any other difference', () => {
    const base = content('<name>Washington</name> <date>July 12</date>.');
    expect(sameContent(base, content('<name>Washington</name><date>July 12</date>.'))).toBe(false);
    expect(sameContent(content('<p a="1">x</p>'), content('<p a="2">x</p>'))).toBe(false);
    expect(sameContent(content('<p a="1">x</p>'), content('<p b="1">x</p>'))).toBe(false);
    expect(sameContent(content('<p a="1">x</p>'), content('<p a="1" b="1">x</p>'))).toBe(false);
    expect(sameContent(content('<p>x</p>'), content('<q>x</q>'))).toBe(false);
    expect(sameContent(content('<p>x</p>'), content('<p>x </p>'))).toBe(false);
    expect(sameContent(content('<!--a--><p/>'), content('<!--b--><p/>'))).toBe(false);
    expect(sameContent(content('<?pi a?><p/>'), content('<?pi b?><p/>'))).toBe(false);
  });
});
