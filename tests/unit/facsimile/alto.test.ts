/**
 * ALTO import: the Kant ALTO gives the same words and line boxes as the Kant PAGE for the
 * same page (ALTO lacks region types and the line's own spacing); a small ALTO v2 file of
 * our own measured in mm10 with SP, HYP and margins; ALTO v4 polygons and baselines.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importOcrFile, readAlto } from '../../../edition/facsimile/index.ts';
import { docLines, KANT_PAGES, kantAltoFile, kantPageFile, pageTruth, read } from './ocr.ts';

const FIXTURES = join(import.meta.dirname, '../../fixtures/facsimile');

describe('ALTO: the Kant ground truth against its PAGE', () => {
  for (const page of KANT_PAGES) {
    const truth = pageTruth(read(kantPageFile(page)));
    const result = importOcrFile(read(kantAltoFile(page)), `PAGE_${page}_ALTO.xml`);
    const surface = result.surfaces[0]!;

    it(`page ${page}: the same lines with the same words as PAGE, in the same order`, () => {
      const lines = docLines(result.doc);
      const truthLines = truth.regions.flatMap((r) => r.lines);
      expect(lines.length).toBe(truthLines.length);
      lines.forEach((line, i) => expect(line.text.split(' ')).toEqual(truthLines[i]!.words));
    });

    it(`page ${page}: each line's zone is the box of PAGE's line, and its words are zones too`, () => {
      const truthLines = truth.regions.flatMap((r) => r.lines);
      const lines = docLines(result.doc);
      lines.forEach((line, i) => {
        const t = truthLines[i]!;
        const z = surface.zones.find((zz) => `#${zz.id}` === line.facs)!;
        expect(z.kind).toBe('line');
        expect([z.ulx, z.uly, z.lrx, z.lry]).toEqual([
          Math.min(...t.points.map((p) => p[0])),
          Math.min(...t.points.map((p) => p[1])),
          Math.max(...t.points.map((p) => p[0])),
          Math.max(...t.points.map((p) => p[1])),
        ]);
        expect(surface.zones.filter((w) => w.kind === 'word' && w.parent === z.id).length).toBe(t.words.length);
      });
      expect([surface.lrx, surface.lry]).toEqual([truth.width, truth.height]);
    });
  }
});

describe('ALTO v2 of our own: mm10, margins, SP and HYP', () => {
  const xml = readFileSync(join(FIXTURES, 'column.alto2.xml'), 'utf8');

  it('keeps the printed hyphen at the line end and spaces where SP stands or Strings meet', () => {
    const result = importOcrFile(xml, 'column.alto2.xml', { dpi: 300 });
    expect(docLines(result.doc).map((l) => l.text)).toEqual(['THE GAZETTE', 'Prices of corn-', 'market rose.']);
    expect(result.surfaces[0]!.imageRef).toBe('scans/column-1.jpg');
  });

  it('converts mm10 to pixels from the image resolution', () => {
    const surface = importOcrFile(xml, 'column.alto2.xml', { dpi: 300 }).surfaces[0]!;
    const line = surface.zones.find((z) => z.id.endsWith('_TL1'))!;
    // 254 mm10 is one inch: 300 px at 300 dpi.
    expect([line.ulx, line.uly, line.lrx, line.lry]).toEqual([300, 600, 2700, 900]);
    expect(line.baseline).toEqual([
      [300, 900],
      [2700, 900],
    ]);
    expect([surface.lrx, surface.lry]).toEqual([3000, 4200]);
    expect(surface.zones.find((z) => z.type === 'image')).toBeDefined();
  });

  it('converts from the image size when its resolution is not known, and warns when neither is', () => {
    const byWidth = importOcrFile(xml, 'column.alto2.xml', { width: 1500, height: 2100 }).surfaces[0]!;
    const line = byWidth.zones.find((z) => z.id.endsWith('_TL1'))!;
    expect([line.ulx, line.uly]).toEqual([150, 300]);
    const unknown = importOcrFile(xml, 'column.alto2.xml');
    expect(unknown.warnings.join(' ')).toMatch(/measures in mm10 and the image's resolution is not known/);
  });

  it('reads ALTO v4 polygons and baselines given as points', () => {
    const v4 = `<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Description><MeasurementUnit>pixel</MeasurementUnit></Description>
      <Layout><Page ID="p" WIDTH="100" HEIGHT="100"><PrintSpace><TextBlock ID="b">
        <TextLine ID="l" HPOS="10" VPOS="10" WIDTH="50" HEIGHT="10" BASELINE="10,19 60,21">
          <Shape><Polygon POINTS="10,10 60,12 60,20 10,20"/></Shape>
          <String CONTENT="Wort" HPOS="10" VPOS="10" WIDTH="50" HEIGHT="10"/>
        </TextLine></TextBlock></PrintSpace></Page></Layout></alto>`;
    const [page] = readAlto(v4, 'v4.xml');
    const line = page!.regions[0]!.lines[0]!;
    expect(line.outline).toEqual([
      [10, 10],
      [60, 12],
      [60, 20],
      [10, 20],
    ]);
    expect(line.baseline).toEqual([
      [10, 19],
      [60, 21],
    ]);
    expect(line.text).toBe('Wort');
  });
});
