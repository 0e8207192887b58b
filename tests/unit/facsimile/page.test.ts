/**
 * PAGE XML import against the Kant ground truth (PAGE 2019) and a small PAGE 2013 file
 * of our own: every line's text and zone, reading order, region types, page breaks.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importOcrFile, readPage, isBoxOutline } from '../../../edition/facsimile/index.ts';
import type { Zone } from '../../../edition/facsimile/api.ts';
import { exportDocumentTei, importTei } from '../../../edition/tei/index.ts';
import { docLines, docPageBreaks, KANT_PAGES, kantPageFile, pageTruth, read } from './ocr.ts';

const FIXTURES = join(import.meta.dirname, '../../fixtures/facsimile');

describe('PAGE XML: the Kant ground truth', () => {
  for (const page of KANT_PAGES) {
    const xml = read(kantPageFile(page));
    const truth = pageTruth(xml);
    const result = importOcrFile(xml, `PAGE_${page}_PAGE.xml`);
    const surface = result.surfaces[0]!;
    const zone = (id: string): Zone => {
      const z = surface.zones.find((zz) => zz.id === `${surface.id}_${id}`);
      if (z === undefined) throw new Error(`no zone for ${id}`);
      return z;
    };

    it(`page ${page}: every line, in reading order, has the text of its TextEquiv, kept as written`, () => {
      const expected = truth.regions.flatMap((r) => r.lines.map((l) => l.text));
      const lines = docLines(result.doc);
      expect(lines.length).toBe(expected.length);
      expect(lines.map((l) => l.text)).toEqual(expected);
      // Historical characters are not normalised: long s and combining e above stay.
      const all = lines.map((l) => l.text).join('\n');
      expect(all).toContain('ſ');
      expect(all).toContain('\u0364');
      expect(all.normalize('NFC')).not.toBe(all.normalize('NFKC'));
    });

    it(`page ${page}: each line begins with a line break pointing at its line zone, whose outline is PAGE's`, () => {
      const lines = docLines(result.doc);
      const truthLines = truth.regions.flatMap((r) => r.lines.map((l) => ({ ...l, region: r.id })));
      lines.forEach((line, i) => {
        const t = truthLines[i]!;
        const z = zone(t.id);
        expect(line.facs).toBe(`#${z.id}`);
        expect(z.kind).toBe('line');
        expect(z.parent).toBe(zone(t.region).id);
        const outline = z.points ?? [
          [z.ulx, z.uly],
          [z.lrx, z.uly],
          [z.lrx, z.lry],
          [z.ulx, z.lry],
        ];
        if (z.points === null) {
          expect(isBoxOutline(t.points)).toBe(true);
          expect(new Set(outline.map((p) => p.join(',')))).toEqual(new Set(t.points.map((p) => p.join(','))));
        } else expect(z.points).toEqual(t.points);
        expect(z.ulx).toBe(Math.min(...t.points.map((p) => p[0])));
        expect(z.lry).toBe(Math.max(...t.points.map((p) => p[1])));
        expect(z.baseline).toEqual(t.baseline);
      });
    });

    it(`page ${page}: regions keep their PAGE types, and forme work becomes fw`, () => {
      for (const r of truth.regions) expect(zone(r.id).type).toBe(r.type);
      const lines = docLines(result.doc);
      const truthLines = truth.regions.flatMap((r) => r.lines.map(() => r.type));
      const expectedBlock: Record<string, string> = {
        heading: 'heading',
        paragraph: 'paragraph',
        'page-number': 'fw',
        'catch-word': 'fw',
        'signature-mark': 'fw',
        'drop-capital': 'ab',
      };
      lines.forEach((l, i) => expect(l.block).toBe(expectedBlock[truthLines[i]!]));
      const fwTypes = new Set(
        lines.filter((l) => l.block === 'fw').map((l) => l.blockXml.find(([n]) => n === 'type')?.[1]),
      );
      const pageTypes = new Set(truth.regions.map((r) => r.type));
      expect(fwTypes.has('catch')).toBe(pageTypes.has('catch-word'));
      expect(fwTypes.has('pageNum')).toBe(pageTypes.has('page-number'));
      expect(fwTypes.has('sig')).toBe(pageTypes.has('signature-mark'));
    });

    it(`page ${page}: its fw blocks stay blocks, with their text, when its TEI export is imported again`, () => {
      const meta = { title: page, date: null, source: null, extra: {} };
      const xml = exportDocumentTei(result.doc, meta);
      const back = importTei(xml, `${page}.xml`).documents[0]!.doc;
      const blocks = (doc: typeof back) => docLines(doc).map((l) => [l.block, l.text]);
      expect(blocks(back)).toEqual(blocks(result.doc));
      expect(blocks(back).some(([block]) => block === 'fw')).toBe(true);
      expect(exportDocumentTei(back, meta)).toBe(xml);
    });

    it(`page ${page}: the words become word zones inside their lines, in order`, () => {
      for (const r of truth.regions) {
        for (const l of r.lines) {
          const words = surface.zones.filter((z) => z.kind === 'word' && z.parent === zone(l.id).id);
          expect(words.length).toBe(l.words.length);
        }
      }
      const positions = surface.zones.map((z) => z.position);
      expect(positions).toEqual(positions.map((_, i) => i));
    });

    it(`page ${page}: the page begins with a page break naming its surface, which has the image's size`, () => {
      expect(docPageBreaks(result.doc)).toEqual([{ n: null, facs: `#${surface.id}` }]);
      expect(surface.imageRef).toBe(truth.image);
      expect([surface.ulx, surface.uly, surface.lrx, surface.lry]).toEqual([0, 0, truth.width, truth.height]);
      expect(surface.zones.find((z) => z.type === 'border')).toBeDefined();
      expect(result.warnings).toEqual([]);
    });
  }
});

describe('PAGE XML 2013 with nested reading order, glyphs and several TextEquivs', () => {
  const file = join(FIXTURES, 'letter.page2013.xml');
  const result = importOcrFile(readFileSync(file, 'utf8'), 'letter.page2013.xml');

  it('follows the nested ordered groups, not the order of regions in the file', () => {
    expect(docLines(result.doc).map((l) => l.text)).toEqual([
      'Dear Sir,',
      'I write in haſte to tell you that the',
      'parcel arrived.',
      'Yours, J. M.',
      'verte',
    ]);
  });

  it('takes the TextEquiv of index 1, and builds a line from its words or glyphs only when it has no text', () => {
    const texts = docLines(result.doc).map((l) => l.text);
    expect(texts).not.toContain('Dear Sir.');
    expect(texts[2]).toBe('parcel arrived.');
    const surface = result.surfaces[0]!;
    expect(surface.zones.filter((z) => z.kind === 'glyph').map((z) => z.parent)).toEqual(
      Array(3).fill(`${surface.id}_w_yours`),
    );
  });

  it('reads the 2013 namespace, a separator as a zone only, and a region left out of the order with a warning', () => {
    const surface = result.surfaces[0]!;
    expect(surface.zones.find((z) => z.type === 'separator')).toBeDefined();
    expect(result.warnings.join(' ')).toMatch(/not in the reading order \(r_verte\)/);
    const line = surface.zones.find((z) => z.id.endsWith('_l_dear'))!;
    expect(line.points).toEqual([
      [100, 100],
      [400, 98],
      [402, 140],
      [101, 142],
    ]);
    expect([line.ulx, line.uly, line.lrx, line.lry]).toEqual([100, 98, 402, 142]);
  });

  it('refuses a file that is not PAGE, in a sentence', () => {
    expect(() => readPage('<root/>', 'x.xml')).toThrow(/x\.xml is not PAGE XML/);
  });
});
