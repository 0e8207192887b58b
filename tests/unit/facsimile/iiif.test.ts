/**
 * IIIF Presentation v2 and v3 manifests of our own: canvases, labels as strings and
 * language maps, metadata, Image API services and levels; the requests that fetch an
 * image at a chosen width, level 0 included.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { imagePlan, importManifest, readImageInfo, readManifest } from '../../../edition/facsimile/index.ts';
import { docPageBreaks } from './ocr.ts';

const FIXTURES = join(import.meta.dirname, '../../fixtures/facsimile');
const json = (name: string): unknown => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));

describe('IIIF Presentation 2', () => {
  const manifest = readManifest(json('herbal.manifest2.json'));

  it('reads the canvases with their size, label and image service', () => {
    expect(manifest.version).toBe(2);
    expect(manifest.label).toBe('Herbal');
    expect(manifest.metadata).toEqual([
      { label: 'Date', value: '1543' },
      { label: 'Shelfmark', value: 'Cod. 12' },
    ]);
    expect(manifest.canvases.map((c) => [c.label, c.width, c.height, c.service])).toEqual([
      ['f. 1r', 1200, 1600, { id: 'http://127.0.0.1:0/iiif/f1r', version: 2, level: 0 }],
      ['f. 1v', 1200, 1600, { id: 'http://127.0.0.1:0/iiif/f1v', version: 2, level: 2 }],
    ]);
    expect(manifest.canvases[1]!.metadata).toEqual([{ label: 'Note', value: 'water stain' }]);
  });

  it('makes a document of page breaks, one surface per canvas with the labels and metadata kept', () => {
    const result = importManifest(manifest);
    expect(result.title).toBe('Herbal');
    expect(docPageBreaks(result.doc)).toEqual(result.surfaces.map((s) => ({ n: s.n, facs: `#${s.id}` })));
    expect(result.surfaces.map((s) => [s.n, s.lrx, s.lry, s.imageRef])).toEqual([
      ['f. 1r', 1200, 1600, 'http://127.0.0.1:0/iiif/f1r'],
      ['f. 1v', 1200, 1600, 'http://127.0.0.1:0/iiif/f1v'],
    ]);
    expect(result.surfaces[1]!.metadata).toEqual([
      { label: 'label', value: 'f. 1v' },
      { label: 'Note', value: 'water stain' },
    ]);
    expect(result.metadata[0]).toEqual({ label: 'label', value: 'Herbal' });
    expect(result.warnings).toEqual([]);
  });
});

describe('IIIF Presentation 3', () => {
  const manifest = readManifest(json('atlas.manifest3.json'));

  it('reads language maps, v3 and v2 services inside a v3 manifest', () => {
    expect(manifest.version).toBe(3);
    expect(manifest.label).toBe('Coastal atlas');
    expect(manifest.metadata).toEqual([
      { label: 'Engraver', value: 'J. Blaeu' },
      { label: 'Sheets', value: '2; plus cover' },
    ]);
    expect(manifest.canvases.map((c) => [c.label, c.width, c.height, c.service])).toEqual([
      ['Plate I', 2000, 1500, { id: 'http://127.0.0.1:0/iiif3/plate1', version: 3, level: 1 }],
      ['Plate II', 1000, 800, { id: 'http://127.0.0.1:0/iiif3/plate2', version: 2, level: 0 }],
    ]);
  });

  it('refuses JSON that is not a manifest, in a sentence', () => {
    expect(() => readManifest({ type: 'Collection' })).toThrow(/not a IIIF Presentation manifest/);
    expect(() => readManifest({ type: 'Manifest', items: [] })).toThrow(/has no canvases/);
  });
});

describe('Image API requests at a chosen width', () => {
  const service = { id: 'http://h/iiif/p', version: 2 as const, level: 2 };

  it('asks a level 1 or 2 service for the width (w,), or full size as full (v2) or max (v3)', () => {
    const info = readImageInfo(
      { width: 3000, height: 4000, profile: 'http://iiif.io/api/image/2/level2.json' },
      service,
    );
    expect(imagePlan(info, 1000)).toMatchObject({
      kind: 'whole',
      url: 'http://h/iiif/p/full/1000,/0/default.jpg',
      width: 1000,
      height: 1333,
      warning: null,
    });
    expect(imagePlan(info, 5000)).toMatchObject({ url: 'http://h/iiif/p/full/full/0/default.jpg', width: 3000 });
    const v3 = readImageInfo(
      { type: 'ImageService3', width: 3000, height: 4000, profile: 'level1' },
      { ...service, version: 3 },
    );
    expect(imagePlan(v3, 3000).kind === 'whole' && imagePlan(v3, 3000)).toMatchObject({
      url: 'http://h/iiif/p/full/max/0/default.jpg',
    });
    expect(imagePlan(v3, 600)).toMatchObject({ url: 'http://h/iiif/p/full/600,/0/default.jpg' });
  });

  it('at level 0 takes the largest listed size not wider than wanted, and says so', () => {
    const info = readImageInfo(
      {
        width: 4000,
        height: 3000,
        profile: ['http://iiif.io/api/image/2/level0.json'],
        sizes: [
          { width: 500, height: 375 },
          { width: 2000, height: 1500 },
          { width: 1000, height: 750 },
        ],
      },
      { ...service, level: 0 },
    );
    const plan = imagePlan(info, 1500);
    expect(plan).toMatchObject({
      kind: 'whole',
      url: 'http://h/iiif/p/full/1000,750/0/default.jpg',
      width: 1000,
      height: 750,
    });
    expect(plan.warning).toMatch(
      /level 0, so the page was fetched at 1000 px wide \(the largest size it lists\) instead of 1500 px/,
    );
  });

  it('at level 0 with tiles only, plans the tiles covering the image at the nearest scale', () => {
    const info = readImageInfo(
      { width: 1000, height: 700, profile: 'level0', tiles: [{ width: 256, scaleFactors: [1, 2, 4] }] },
      { ...service, version: 3, level: 0 },
    );
    const plan = imagePlan(info, 600);
    if (plan.kind !== 'tiles') throw new Error('expected tiles');
    expect([plan.width, plan.height]).toEqual([500, 350]);
    // At scale 2 a 256 px tile covers 512 px of the image: 2 columns, 2 rows.
    expect(plan.tiles.map((t) => t.url)).toEqual([
      'http://h/iiif/p/0,0,512,512/256,256/0/default.jpg',
      'http://h/iiif/p/512,0,488,512/244,256/0/default.jpg',
      'http://h/iiif/p/0,512,512,188/256,94/0/default.jpg',
      'http://h/iiif/p/512,512,488,188/244,94/0/default.jpg',
    ]);
    expect(plan.tiles.map((t) => [t.x, t.y])).toEqual([
      [0, 0],
      [256, 0],
      [0, 256],
      [256, 256],
    ]);
    expect(plan.warning).toMatch(/500 px wide \(put together from its tiles\)/);
  });
});
