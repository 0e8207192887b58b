/** The pointer check every TEI export runs (edition/tei/pointers.ts). */
import { describe, expect, it } from 'vitest';
import { checkPointers } from '../../../edition/tei/pointers.ts';
import { parseXml } from '../../../edition/xml/index.ts';

const TEI = 'xmlns="http://www.tei-c.org/ns/1.0"';
const check = (xml: string) => checkPointers(parseXml(xml, { fileName: 't.xml' }).root);

describe('checkPointers', () => {
  it('counts same-document pointers and lists those naming an id the file lacks', () => {
    const r = check(
      `<TEI ${TEI}><text><body><p xml:id="a"><persName corresp="#a #b">x</persName><ref target="#c"/><anchor xml:id="b"/></p></body></text></TEI>`,
    );
    expect(r.checked).toBe(3);
    expect(r.dangling).toEqual([{ element: 'ref', attribute: 'target', id: 'c' }]);
  });

  it('leaves addresses of other resources alone: bare values, other files, other attributes', () => {
    const r = check(
      `<TEI ${TEI}><text><body><pb facs="0001"/><ref target="other.xml#x"/><date from="1954-01-01"/><p n="#x">t</p></body></text></TEI>`,
    );
    expect(r).toEqual({ checked: 0, dangling: [] });
  });

  it('checks @wit, @targetEnd and @ref as pointers too', () => {
    const r = check(
      `<TEI ${TEI}><text><body><app><rdg wit="#A #B">x</rdg></app><note targetEnd="#e"/><rs ref="#A"/><witness xml:id="A"/></body></text></TEI>`,
    );
    expect(r.checked).toBe(4);
    expect(r.dangling.map((d) => `${d.attribute}:${d.id}`)).toEqual(['wit:B', 'targetEnd:e']);
  });

  it('in a teiCorpus resolves each volume’s pointers against its own ids and the corpus header’s', () => {
    const r = check(
      `<teiCorpus ${TEI}><teiHeader xml:id="h"/><standOff><listPerson><person xml:id="s"/></listPerson></standOff>` +
        `<TEI><text><body><p xml:id="p1" corresp="#s #h"/></body></text></TEI>` +
        `<TEI><text><body><p xml:id="p1" corresp="#p1"/><p corresp="#q"/></body></text></TEI>` +
        `<TEI><text><body><p xml:id="q" corresp="#p1"/></body></text></TEI></teiCorpus>`,
    );
    expect(r.checked).toBe(5);
    // The third volume's #p1 names an id only the first two have.
    expect(r.dangling).toEqual([
      { element: 'p', attribute: 'corresp', id: 'q' },
      { element: 'p', attribute: 'corresp', id: 'p1' },
    ]);
  });
});
