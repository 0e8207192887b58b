/**
 * Links from text to zones: a line break's `facs`, a span's `<seg facs>`, a page break's
 * surface; linking, finding and unlinking them, and their TEI round trip.
 */
import type { Node as PMNode } from 'prosemirror-model';
import { builders } from 'prosemirror-test-builder';
import { Transform } from 'prosemirror-transform';
import { describe, expect, it } from 'vitest';
import { linkZone, unlinkZone, zoneAt, zoneLinks } from '../../../edition/facsimile/links.ts';
import { schema } from '../../../edition/schema.ts';
import { exportCollectionTei, importTei } from '../../../edition/tei/index.ts';

const b = builders(schema, {
  p: { nodeType: 'paragraph' },
  pb: { nodeType: 'pageBreak' },
  lb: { nodeType: 'lineBreak' },
  seg: { markType: 'teiMark', name: 'seg' },
});
type Builder = (...args: unknown[]) => PMNode & { tag: Record<string, number> };
const doc = b['doc'] as Builder;
const p = b['p'] as Builder;
const pb = b['pb'] as Builder;
const lb = b['lb'] as Builder;
const seg = b['seg'] as Builder;

const TEI = 'http://www.tei-c.org/ns/1.0';
const wrap = (body: string): string =>
  `<TEI xmlns="${TEI}"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader><text><body>${body}</body></text></TEI>`;

function roundTrip(body: string): { doc: PMNode; xml: string } {
  const imported = importTei(wrap(body), 'test.xml');
  const d = imported.documents[0]!;
  const xml = exportCollectionTei(imported.collection.frame, new Map([[d.key, d.doc]]));
  return { doc: schema.nodeFromJSON(d.doc), xml };
}

/** A page with a surface, two lines linked to zones and a third line without a link. */
function page(): PMNode & { tag: Record<string, number> } {
  return doc(
    p(
      pb({ n: '17', facs: '#s17' }),
      'head<a>er ',
      lb({ facs: '#l1' }),
      'Was i<b>st Aufkl<c>ärung',
      lb({ facs: '#l2' }),
      'Sapere <d>aude',
      lb(),
      'ohne <e>Zone',
    ),
  );
}

describe('zoneAt', () => {
  it('names the line zone of the line break before a position, else the page break’s surface', () => {
    const d = page();
    expect(zoneAt(d, d.tag['a']!)).toBe('s17');
    expect(zoneAt(d, d.tag['b']!)).toBe('l1');
    expect(zoneAt(d, d.tag['d']!)).toBe('l2');
    // A line break without a zone: the page's surface.
    expect(zoneAt(d, d.tag['e']!)).toBe('s17');
  });

  it('names the zone of a linked span before the line’s', () => {
    const d = page();
    const linked = linkZone(new Transform(d), d.tag['b']!, d.tag['c']!, 'w7').doc;
    expect(zoneAt(linked, d.tag['b']! + 1)).toBe('w7');
    expect(zoneAt(linked, d.tag['c']! + 1)).toBe('l1');
  });

  it('answers null where nothing points at a zone, and ignores bare facs addresses', () => {
    const d = doc(p(pb({ n: '3', facs: '0073' }), 'plain <a>text'));
    expect(zoneAt(d, d.tag['a']!)).toBeNull();
  });

  it('names a zone a kept element carries around the text (a region’s paragraph)', () => {
    const d = doc(p({ xml: [['facs', '#r1']] }, 'in <a>the region'));
    expect(zoneAt(d, d.tag['a']!)).toBe('r1');
  });
});

describe('linkZone and zoneLinks', () => {
  it('marks the span as a seg with facs, and finds the span again by its zone', () => {
    const d = page();
    const linked = linkZone(new Transform(d), d.tag['b']!, d.tag['c']!, 'w7').doc;
    expect(zoneLinks(linked, 'w7')).toEqual([{ from: d.tag['b']!, to: d.tag['c']! }]);
    expect(zoneLinks(linked, 'l2')).toHaveLength(1);
    expect(linked.textBetween(d.tag['b']!, d.tag['c']!)).toBe('st Aufkl');
  });

  it('refuses an empty span and an id that is not one', () => {
    const d = page();
    expect(() => linkZone(new Transform(d), 5, 5, 'z')).toThrow(RangeError);
    expect(() => linkZone(new Transform(d), 5, 7, '#z')).toThrow(RangeError);
  });
});

describe('unlinkZone', () => {
  it('removes a span’s seg but keeps its text, and leaves other links alone', () => {
    const d = page();
    const linked = linkZone(new Transform(d), d.tag['b']!, d.tag['c']!, 'w7').doc;
    const tr = unlinkZone(new Transform(linked), 'w7');
    expect(tr.steps.length).toBeGreaterThan(0);
    expect(tr.doc.eq(d)).toBe(true);
  });

  it('takes the pointer out of a line break, a page break and a seg with other attributes', () => {
    const d = doc(
      p(
        pb({ n: '1', facs: '#s1' }),
        lb({ facs: '#z #l9' }),
        seg(
          {
            xml: [
              ['type', 'word'],
              ['facs', '#z'],
            ],
          },
          'Wort',
        ),
        ' ',
        seg({ xml: [['facs', '#z']] }, 'weg'),
      ),
    );
    const after = unlinkZone(unlinkZone(new Transform(d), 'z'), 's1').doc;
    const expected = doc(p(pb({ n: '1' }), lb({ facs: '#l9' }), seg({ xml: [['type', 'word']] }, 'Wort'), ' weg'));
    expect(after.toJSON()).toEqual(expected.toJSON());
    expect(zoneLinks(after, 'z')).toEqual([]);
  });
});

describe('TEI', () => {
  it('reads lb/@facs into the line break and writes it back', () => {
    const body =
      '<div><p><pb n="17" facs="#s17"/>header <lb facs="#l1" n="1"/>Was iſt <seg facs="#w7">Aufklärung</seg><lb facs="#l2"/>Sapere aude</p></div>';
    const { doc: d, xml } = roundTrip(body);
    const lbs: Array<Record<string, unknown>> = [];
    d.descendants((n) => {
      if (n.type === schema.nodes.lineBreak) lbs.push(n.attrs);
    });
    expect(lbs).toEqual([
      { facs: '#l1', xml: [['n', '1']] },
      { facs: '#l2', xml: [] },
    ]);
    expect(xml).toContain('<lb facs="#l1" n="1"/>');
    expect(xml).toContain('<seg facs="#w7">Aufklärung</seg><lb facs="#l2"/>Sapere aude');
    expect(zoneLinks(d, 'w7')).toHaveLength(1);
  });

  it('writes a span linked in the editor as <seg facs>', () => {
    const { doc: d } = roundTrip('<div><p>Was ist Aufklärung</p></div>');
    const at = d.textContent.indexOf('Aufklärung') + 2;
    const linked = linkZone(new Transform(d), at, at + 'Aufklärung'.length, 'z1').doc;
    const imported = importTei(wrap('<div><p>Was ist Aufklärung</p></div>'), 'test.xml');
    const key = imported.documents[0]!.key;
    const xml = exportCollectionTei(imported.collection.frame, new Map([[key, linked.toJSON()]]));
    expect(xml).toContain('Was ist <seg facs="#z1">Aufklärung</seg>');
  });
});
