/**
 * Page images in the static HTML edition: the Kant PAGE file made into a document and
 * published with its page: a figure with the image and one outline per line zone, each
 * line of the text marked with the zone it points at, and the script and styles only
 * where a document has pages.
 */
import { describe, expect, it } from 'vitest';
import { importOcrFile } from '../../../edition/facsimile/index.ts';
import { buildHtmlEdition } from '../../../edition/publish/html/index.ts';
import type { PublishEdition, PublishSurface } from '../../../edition/publish/model.ts';
import { kantPageFile, pageTruth, read } from '../facsimile/ocr.ts';

const xml = read(kantPageFile('0020'));
const imported = importOcrFile(xml, 'PAGE_0020_PAGE.xml');
const truth = pageTruth(xml);
const surface = imported.surfaces[0]!;
const published: PublishSurface = {
  id: surface.id,
  n: '20',
  image: { src: 'facsimile/7.jpg', width: surface.lrx, height: surface.lry },
  ulx: surface.ulx,
  uly: surface.uly,
  lrx: surface.lrx,
  lry: surface.lry,
  zones: surface.zones,
};

function edition(facsimile?: PublishSurface[]): PublishEdition {
  return {
    title: 'Kant',
    witnesses: [],
    documents: [
      { key: '1', title: 'Was ist Aufklärung?', doc: imported.doc, apparatus: [], ...(facsimile ? { facsimile } : {}) },
    ],
  };
}

describe('page images in the HTML edition', () => {
  const built = buildHtmlEdition(edition([published]));
  const page = built.files.get(built.documentFiles[0]!)!;

  it('shows the page beside the text: its image and an outline for every line zone', () => {
    expect(page).toContain('<aside class="facsimile" aria-label="Page images">');
    expect(page).toContain('<image href="facsimile/7.jpg" x="0" y="0" width="1457" height="2084"');
    expect(page).toContain(`viewBox="0 0 ${truth.width} ${truth.height}"`);
    const lines = truth.regions.flatMap((r) => r.lines);
    const outlines = [...page.matchAll(/<polygon class="zone zone-line" data-zone="([^"]+)" points="([^"]+)"/g)];
    expect(outlines.length).toBe(lines.length);
    outlines.forEach((m, i) => {
      expect(m[1]).toBe(`${surface.id}_${lines[i]!.id}`);
      const points = new Set(m[2]!.split(' '));
      expect(points).toEqual(new Set(lines[i]!.points.map((p) => p.join(','))));
    });
  });

  it('marks each line of the text with the zone it points at, in reading order', () => {
    const marks = [...page.matchAll(/<span class="lb" data-zone="([^"]+)"><\/span>/g)].map((m) => m[1]);
    expect(marks).toEqual(truth.regions.flatMap((r) => r.lines.map((l) => `${surface.id}_${l.id}`)));
    expect(page).toContain('<script src="assets/facsimile.js" defer></script>');
    expect(built.files.get('assets/facsimile.js')).toContain("CSS.highlights.set('facs-line'");
    expect(built.files.get('assets/edition.css')).toContain('.with-facsimile');
  });

  it('says so where a page has no image, and adds nothing to an edition without pages', () => {
    const withoutImage = buildHtmlEdition(edition([{ ...published, image: null }]));
    expect(withoutImage.files.get(withoutImage.documentFiles[0]!)).toContain('No image of this page.');
    const plain = buildHtmlEdition(edition());
    expect(plain.files.has('assets/facsimile.js')).toBe(false);
    expect(plain.files.get('assets/edition.css')).not.toContain('.with-facsimile');
    expect(plain.files.get(plain.documentFiles[0]!)).not.toContain('class="facsimile"');
  });
});
