/**
 * TEI `<facsimile>` read and written (edition/facsimile/tei.ts), zone inputs checked
 * (zones.ts), and which document an imported surface goes with.
 */
import { describe, expect, it } from 'vitest';
import {
  readFacsimile,
  facsimileToXml,
  fillSurfacePlaceholders,
  headerLayout,
  insertFacsimile,
  surfacesByDocument,
  withImageExtent,
  type FacsimileSurface,
} from '../../../edition/facsimile/tei.ts';
import { checkZoneInput } from '../../../edition/facsimile/zones.ts';
import { parseXml } from '../../../edition/xml/parse.ts';
import { serializeNodes } from '../../../edition/xml/serialize.ts';
import type { XmlElement } from '../../../edition/xml/tree.ts';
import { checkPointers } from '../../../edition/tei/pointers.ts';
import { canonicalLines } from '../tei/canonical.ts';

const NS = 'xmlns="http://www.tei-c.org/ns/1.0"';
/** The surfaces read, or null when anything was left as written. */
const read = (xml: string) => {
  const r = readFacsimile(parseXml(xml).root);
  return r.unread.length === 0 ? r.surfaces : null;
};

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

  it('writes a new <facsimile> laid out as the TEI lays out its header (tabs, four spaces, two)', () => {
    for (const unit of ['\t', '    ', '  ']) {
      const at = (n: number) => unit.repeat(n);
      const source = [
        `<TEI ${NS}>`,
        `${at(1)}<teiHeader>`,
        `${at(2)}<fileDesc><titleStmt><title>T</title></titleStmt></fileDesc>`,
        `${at(1)}</teiHeader>`,
        `${at(1)}<facsimile>`,
        `${at(2)}<surface xml:id="s1" ulx="0" uly="0" lrx="10" lry="20">`,
        `${at(3)}<graphic url="p1.jpg" width="10px" height="20px"/>`,
        `${at(3)}<zone xml:id="r1" type="region" ulx="1" uly="2" lrx="9" lry="8">`,
        `${at(4)}<zone xml:id="l1" type="line" ulx="1" uly="2" lrx="9" lry="4"/>`,
        `${at(3)}</zone>`,
        `${at(2)}</surface>`,
        `${at(1)}</facsimile>`,
        `${at(1)}<text><body><p facs="#l1">x</p></body></text>`,
        `</TEI>`,
      ].join('\n');
      const tei = parseXml(source).root;
      const facsimile = tei.children.findIndex((c) => c.type === 'element' && c.name === 'facsimile');
      const surfaces = readFacsimile(tei.children[facsimile] as XmlElement).surfaces;
      tei.children.splice(facsimile - 1, 2);
      expect(headerLayout(tei)).toEqual({ indent: unit, unit });
      const { indent } = headerLayout(tei);
      insertFacsimile(tei, facsimileToXml(surfaces, indent, unit)!, indent);
      expect(serializeNodes([tei])).toBe(source);
    }
  });

  it('lays out a new <facsimile> with two spaces where the header shows no layout', () => {
    const tei = parseXml(`<TEI ${NS}><teiHeader><fileDesc/></teiHeader><text/></TEI>`).root;
    expect(headerLayout(tei)).toEqual({ indent: '  ', unit: '  ' });
  });

  it('leaves alone, with a warning, a surface with what it does not model, and reads the others', () => {
    const variants: Array<[string, RegExp]> = [
      [FACSIMILE.replace('<zone xml:id="r1"', '<desc>torn</desc><zone xml:id="r1"'), /holds <desc>/],
      [
        FACSIMILE.replace(' xml:id="r1"', ''),
        /<surface xml:id="s1"> is kept in the volume as written, not as a page Siglum shows \(a zone in it has no xml:id\)/,
      ],
      [FACSIMILE.replace('ulx="1200" ', ''), /part of a box/],
      [FACSIMILE.replace('lrx="1350"', 'lrx="1350.50"'), /written back as it was: lrx="1350.5" for lrx="1350.50"/],
      [
        FACSIMILE.replace(
          '<zone xml:id="r1"',
          '<zone xml:id="r0" ulx="1" uly="1" lrx="2" lry="2"><graphic url="d.png"/></zone><zone xml:id="r1"',
        ),
        /holds <graphic>/,
      ],
    ];
    for (const [v, why] of variants) {
      const r = readFacsimile(parseXml(v).root);
      expect(r.surfaces.map((s) => s.id)).toEqual(['s2']);
      expect(r.unread.map((e) => e.attrs.find((a) => a.name === 'xml:id')?.value)).toEqual(['s1']);
      expect(r.warnings).toHaveLength(1);
      expect(r.warnings[0]).toMatch(why);
    }
    const whole = readFacsimile(parseXml(FACSIMILE.replace(`<facsimile ${NS}>`, `<facsimile ${NS} xml:id="f">`)).root);
    expect([whole.surfaces, whole.unread.length, whole.warnings.length]).toEqual([[], 1, 1]);
  });

  it('reads the forms TEI allows beyond those Siglum writes, and writes them back as they were', () => {
    const tei = `<facsimile ${NS}>
  <surface xml:id="p1">
    <graphic url="page1.jpg" width="1000px" height="1400px"/>
    <zone xml:id="z1" ulx="10" uly="20" lrx="300" lry="80"/>
    <zone xml:id="z2" type="figure" points="4.5,7 80,7 80,90 4.5,90" rend="red">
      <zone xml:id="z3" ulx="5" uly="8" lrx="9" lry="12"/>
    </zone>
  </surface>
  <surface xml:id="p2" n="2">
    <graphic url="page2.jpg" width="20cm" height="28cm"/>
  </surface>
  <surface xml:id="p3" ulx="0" uly="0" lrx="14" lry="21"/>
</facsimile>`;
    const surfaces = read(tei)!;
    expect(surfaces.map((s) => [s.id, s.ulx, s.uly, s.lrx, s.lry, s.graphic?.width ?? null])).toEqual([
      ['p1', 0, 0, 1000, 1400, 1000],
      ['p2', 0, 0, 0, 0, null],
      ['p3', 0, 0, 14, 21, null],
    ]);
    expect(surfaces[0]!.zones.map((z) => [z.id, z.kind, z.parent, z.ulx, z.uly, z.lrx, z.lry])).toEqual([
      ['z1', 'custom', null, 10, 20, 300, 80],
      ['z2', 'custom', null, 4.5, 7, 80, 90],
      ['z3', 'custom', 'z2', 5, 8, 9, 12],
    ]);
    const written = serializeNodes([facsimileToXml(surfaces, '')!]).replace('<facsimile', `<facsimile ${NS}`);
    expect(canonicalLines(written)).toEqual(canonicalLines(tei));
    // Attribute for attribute the same: read again, written again, the same text.
    expect(read(written)).toEqual(surfaces);
    expect(written).toContain('<surface xml:id="p1">');
    expect(written).toContain('<zone xml:id="z1" ulx="10" uly="20" lrx="300" lry="80"/>');
    expect(written).toContain('<zone xml:id="z2" points="4.5,7 80,7 80,90 4.5,90" type="figure" rend="red">');
    expect(written).toContain('<graphic url="page2.jpg" width="20cm" height="28cm"/>');
  });

  it('writes a moved zone with its new box, and a surface with its image’s extent once its image is known', () => {
    const surfaces = read(`<facsimile ${NS}><surface xml:id="p1"><graphic url="a.jpg"/>
      <zone xml:id="z2" points="4,7 80,7 80,90"/></surface></facsimile>`)!;
    const moved = { ...surfaces[0]!.zones[0]!, points: null, ulx: 1, uly: 2, lrx: 3, lry: 4 };
    const sized = withImageExtent({ ...surfaces[0]!, zones: [moved] }, 600, 800);
    const written = serializeNodes([
      facsimileToXml([{ ...sized, graphic: { ...sized.graphic!, width: 600, height: 800 } }], '')!,
    ]);
    expect(written).toContain('<surface xml:id="p1">');
    expect(written).toContain('<zone xml:id="z2" ulx="1" uly="2" lrx="3" lry="4"/>');
    expect(serializeNodes([facsimileToXml([{ ...sized, graphic: null }], '')!])).toContain(
      '<surface xml:id="p1" ulx="0" uly="0" lrx="600" lry="800">',
    );
  });
});

describe('fillSurfacePlaceholders', () => {
  it('puts each surface where its placeholder stands, drops those whose surface is gone, and answers the rest', () => {
    const tei = parseXml(
      `<TEI ${NS}><teiHeader/><facsimile>\n  <?siglum-surface s1?>\n  <surface xml:id="kept"><desc>x</desc></surface>\n  <?siglum-surface gone?>\n</facsimile><text/></TEI>`,
    ).root;
    const surfaces = read(FACSIMILE)!;
    const rest = fillSurfacePlaceholders(tei, surfaces);
    expect(rest.map((s) => s.id)).toEqual(['s2']);
    const xml = serializeNodes([tei]);
    expect(xml).not.toContain('siglum-surface');
    expect(xml).toMatch(
      /<facsimile>\n {2}<surface xml:id="s1" n="17"[^]*<\/surface>\n {2}<surface xml:id="kept"><desc>x<\/desc><\/surface>\n<\/facsimile>/,
    );
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
