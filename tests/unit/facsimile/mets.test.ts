/**
 * METS: the Kant METS ties both pages' images to their PAGE files (preferred to ALTO), in
 * the order of the physical structure map; a library METS of our own (DEFAULT and THUMBS
 * images, ALTO in FULLTEXT, ORDER and ORDERLABEL, a page without text).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importMets, readMets } from '../../../edition/facsimile/index.ts';
import { docLines, docPageBreaks, KANT, KANT_PAGES, kantPageFile, pageTruth, read } from './ocr.ts';

const FIXTURES = join(import.meta.dirname, '../../fixtures/facsimile');

describe('METS: the Kant pages', () => {
  const mets = readMets(read(join(KANT, 'mets.xml')), 'mets.xml');

  it('lists both pages in order, each with its image and its PAGE file', () => {
    expect(mets.pages.map((p) => [p.id, p.image?.href, p.transcription?.href, p.transcription?.format])).toEqual([
      ['PHYS_0017', 'OCR-D-IMG/INPUT_0017.tif', 'OCR-D-GT-PAGE/PAGE_0017_PAGE.xml', 'page'],
      ['PHYS_0020', 'OCR-D-IMG/INPUT_0020.tif', 'OCR-D-GT-PAGE/PAGE_0020_PAGE.xml', 'page'],
    ]);
  });

  it('makes one document: two surfaces, each page break naming its surface, every line of both pages', () => {
    const result = importMets(mets, 'mets', (page) => ({ xml: read(join(KANT, page.transcription!.href)) }));
    expect(result.surfaces.map((s) => s.imageRef)).toEqual(['OCR-D-IMG/INPUT_0017.tif', 'OCR-D-IMG/INPUT_0020.tif']);
    expect(docPageBreaks(result.doc).map((b) => b.facs)).toEqual(result.surfaces.map((s) => `#${s.id}`));
    const expected = KANT_PAGES.flatMap((p) =>
      pageTruth(read(kantPageFile(p))).regions.flatMap((r) => r.lines.map((l) => l.text)),
    );
    expect(docLines(result.doc).map((l) => l.text)).toEqual(expected);
    // The two pages use the same PAGE ids (r_1_1, tl_1...): every zone id is still unique.
    const ids = result.surfaces.flatMap((s) => [s.id, ...s.zones.map((z) => z.id)]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(result.warnings).toEqual([]);
  });
});

describe('METS of a library', () => {
  const mets = readMets(readFileSync(join(FIXTURES, 'book.mets.xml'), 'utf8'), 'book.mets.xml');

  it('orders pages by ORDER, labels them by ORDERLABEL, prefers the full image to the thumbnail, finds ALTO in FULLTEXT', () => {
    expect(mets.title).toBe('A Treatise on Bees');
    expect(mets.pages.map((p) => [p.label, p.image?.href, p.transcription?.format ?? null])).toEqual([
      ['iii', 'images/1.jpg', 'alto'],
      ['iv', 'images/2.jpg', null],
    ]);
  });

  it('imports a page without text as its image alone, and one whose file is missing likewise, each with a warning', () => {
    const alto = readFileSync(join(FIXTURES, 'column.alto2.xml'), 'utf8');
    const result = importMets(mets, 'book', () => ({ xml: alto, image: { dpi: 300 } }));
    expect(result.title).toBe('A Treatise on Bees');
    expect(docPageBreaks(result.doc).map((b) => b.n)).toEqual(['iii', 'iv']);
    expect(result.surfaces.map((s) => s.imageRef)).toEqual(['images/1.jpg', 'images/2.jpg']);
    expect(result.surfaces[1]!.zones).toEqual([]);
    expect(result.warnings).toEqual([expect.stringMatching(/Page iv of the METS has no PAGE or ALTO file/)]);
    const missing = importMets(mets, 'book', () => null);
    expect(missing.surfaces).toHaveLength(2);
    expect(missing.warnings.join(' ')).toMatch(/alto\/1\.xml \(page iii\) could not be read/);
  });

  it('tells images from transcriptions by their media type when one file group holds both', () => {
    const xml = `<mets:mets xmlns:mets="http://www.loc.gov/METS/" xmlns:xlink="http://www.w3.org/1999/xlink">
      <mets:fileSec><mets:fileGrp USE="SCANS-AND-PAGE">
        <mets:file ID="i" MIMETYPE="image/tiff"><mets:FLocat xlink:href="a.tif"/></mets:file>
        <mets:file ID="t" MIMETYPE="application/vnd.prima.page+xml"><mets:FLocat xlink:href="a.xml"/></mets:file>
      </mets:fileGrp></mets:fileSec>
      <mets:structMap TYPE="PHYSICAL"><mets:div TYPE="page" ID="p"><mets:fptr FILEID="i"/><mets:fptr FILEID="t"/></mets:div></mets:structMap>
    </mets:mets>`;
    const [page] = readMets(xml, 'mixed.xml').pages;
    expect([page!.image?.href, page!.transcription?.href]).toEqual(['a.tif', 'a.xml']);
  });

  it('refuses a METS without a physical structure map, in a sentence', () => {
    const xml = '<mets:mets xmlns:mets="http://www.loc.gov/METS/"><mets:fileSec/></mets:mets>';
    expect(() => readMets(xml, 'x.xml')).toThrow(/x\.xml has no physical structure map/);
  });
});
