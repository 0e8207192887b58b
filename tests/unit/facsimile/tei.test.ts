/**
 * TEI `<facsimile>` read and written (edition/facsimile/tei.ts), zone inputs checked
 * (zones.ts), and which document an imported surface goes with.
 */
import { describe, expect, it } from 'vitest';
import {
  facsimileFromXml,
  facsimileToXml,
  surfacesByDocument,
  type FacsimileSurface,
} from '../../../edition/facsimile/tei.ts';
import { checkZoneInput } from '../../../edition/facsimile/zones.ts';
import { parseXml } from '../../../edition/xml/parse.ts';
import { serializeNodes } from '../../../edition/xml/serialize.ts';
import { checkPointers } from '../../../edition/tei/pointers.ts';

const NS = 'xmlns="http://www.tei-c.org/ns/1.0"';
const read = (xml: string) => facsimileFromXml(parseXml(xml).root);

const FACSIMILE = `<facsimile ${NS}>
  <surface xml:id="s1" n="17" ulx="0" uly="0" lrx="1457" lry="2083" type="page">
    <graphic url="img/p17.tif" width="1457px" height="2083px" mimeType="image/tiff"/>
    <zone xml:id="r1" type="region" subtype="catch-word" ulx="1200" uly="1990" lrx="1350" lry="2040"/>
    <zone xml:id="r2" type="region" subtype="paragraph" ulx="100" uly="200" lrx="1300" lry="800" points="100,200 1300,200 1300,800 100,800">
      <zone xml:id="l1" type="line" ulx="105" uly="205" lrx="1290" lry="260">
        <path type="baseline" points="105,250 1290,248.5"/>
      </zone>
    </zone>
  </surface>
  <surface xml:id="s2" ulx="0" uly="0" lrx="10" lry="10">
    <graphic url="img/both.tif" n="2"/>
  </surface>
</facsimile>`;

describe('facsimileFromXml', () => {
  it('reads surfaces, graphics, nested zones with outlines and baselines, and keeps other attributes', () => {
    const surfaces = read(FACSIMILE)!;
    expect(surfaces.map((s) => [s.id, s.n, s.graphic?.url, s.graphic?.page, s.xml])).toEqual([
      ['s1', '17', 'img/p17.tif', 0, [['type', 'page']]],
      ['s2', null, 'img/both.tif', 1, []],
    ]);
    expect(surfaces[0]!.graphic).toMatchObject({ width: 1457, height: 2083, xml: [['mimeType', 'image/tiff']] });
    expect(surfaces[0]!.zones.map((z) => [z.id, z.kind, z.type, z.parent, z.position])).toEqual([
      ['r1', 'region', 'catch-word', null, 0],
      ['r2', 'region', 'paragraph', null, 1],
      ['l1', 'line', null, 'r2', 2],
    ]);
    expect(surfaces[0]!.zones[2]!.baseline).toEqual([
      [105, 250],
      [1290, 248.5],
    ]);
  });

  it('writes back what it read', () => {
    const out = facsimileToXml(read(FACSIMILE)!, '')!;
    const again = read(serializeNodes([out]).replace('<facsimile', `<facsimile ${NS}`))!;
    expect(again).toEqual(read(FACSIMILE));
    expect(serializeNodes([out])).toContain('<path type="baseline" points="105,250 1290,248.5"/>');
  });

  it('leaves alone a facsimile with what it does not model', () => {
    const variants = [
      FACSIMILE.replace('<zone xml:id="r1"', '<desc>torn</desc><zone xml:id="r1"'),
      FACSIMILE.replace(' xml:id="r1"', ''),
      FACSIMILE.replace('ulx="1200" ', ''),
      FACSIMILE.replace('lrx="1350"', 'lrx="1350.50"'),
      FACSIMILE.replace('width="1457px"', 'width="10cm"'),
      FACSIMILE.replace('type="region" subtype="catch-word"', 'type="stain"'),
      FACSIMILE.replace(`<facsimile ${NS}>`, `<facsimile ${NS} xml:id="f">`),
    ];
    for (const v of variants) expect(read(v)).toBeNull();
  });
});

describe('surfacesByDocument', () => {
  it('gives a surface to the document that points at it or its zones, else to the one before', () => {
    const surfaces = read(FACSIMILE)!;
    const extra: FacsimileSurface = { ...surfaces[1]!, id: 's3', zones: [] };
    const byDoc = surfacesByDocument([new Set(['x']), new Set(['l1']), new Set()], [...surfaces, extra]);
    expect(byDoc.map((d) => d.map((s) => s.id))).toEqual([[], ['s1', 's2', 's3'], []]);
    expect(surfacesByDocument([new Set()], surfaces)[0]!.map((s) => s.id)).toEqual(['s1', 's2']);
  });
});

describe('checkZoneInput', () => {
  it('takes a rectangle, and a polygon whose bounding box it computes', () => {
    expect(checkZoneInput({ kind: 'word', ulx: 1, uly: 2, lrx: 3, lry: 4 })).toEqual({
      kind: 'word',
      type: null,
      ulx: 1,
      uly: 2,
      lrx: 3,
      lry: 4,
      points: null,
      parent: null,
    });
    expect(
      checkZoneInput({
        id: 'z1',
        kind: 'line',
        ulx: 0,
        uly: 0,
        lrx: 0,
        lry: 0,
        points: [
          [5, 9],
          [40, 2],
          [30, 20],
        ],
      }),
    ).toMatchObject({ id: 'z1', ulx: 5, uly: 2, lrx: 40, lry: 20 });
  });

  it('refuses with a sentence what is not a zone', () => {
    expect(() => checkZoneInput({ kind: 'blob', ulx: 0, uly: 0, lrx: 1, lry: 1 })).toThrow(/kind must be one of/);
    expect(() => checkZoneInput({ kind: 'word', ulx: 0, uly: 0, lrx: 1, lry: NaN })).toThrow(/"lry" as a number/);
    expect(() => checkZoneInput({ kind: 'word', ulx: 5, uly: 0, lrx: 1, lry: 1 })).toThrow(/some extent/);
    expect(() => checkZoneInput({ id: '1st', kind: 'word', ulx: 0, uly: 0, lrx: 1, lry: 1 })).toThrow(/XML name/);
    expect(() =>
      checkZoneInput({
        kind: 'word',
        ulx: 0,
        uly: 0,
        lrx: 1,
        lry: 1,
        points: [
          [0, 0],
          [1, 1],
        ],
      }),
    ).toThrow(/3 to 10000 points/);
  });
});

describe('the pointer check of an export', () => {
  it('resolves pb, lb and seg facs pointers against the facsimile’s surfaces and zones', () => {
    const body = FACSIMILE.replace(`<facsimile ${NS}>`, '<facsimile>');
    const r = checkPointers(
      parseXml(
        `<TEI ${NS}><teiHeader/>${body}<text><body><p><pb facs="#s1"/><lb facs="#l1"/>Was ist ` +
          `<seg facs="#r2">Aufklärung</seg>?<lb facs="#l9"/></p></body></text></TEI>`,
      ).root,
    );
    expect(r.checked).toBe(4);
    expect(r.dangling).toEqual([{ element: 'lb', attribute: 'facs', id: 'l9' }]);
  });
});
