/**
 * Page images in the store, through the service: the Kant TIFFs (JPEG-compressed,
 * 1457×2083) kept byte for byte with their Deep Zoom tiles, other formats and a
 * multi-page TIFF, refusals with a sentence naming the file, zones drawn and deleted
 * (with the text's links to them taken out as steps).
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { linkZone, zoneLinks } from '../../../edition/facsimile/links.ts';
import { schema } from '../../../edition/schema.ts';
import { CollabClient, serviceFixture } from './helpers.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const kant = join(root, '../shared/corpus/facsimile/kant_aufklaerung_1784/OCR-D-IMG');
const page17 = readFileSync(join(kant, 'INPUT_0017.tif'));
const page20 = readFileSync(join(kant, 'INPUT_0020.tif'));
const b64 = (b: Buffer) => b.toString('base64');

const { service, tmp } = serviceFixture();

/** Deep Zoom: level L of an image is ceil(size / 2^(max - L)); tiles of 256 px. */
function expectedTiles(width: number, height: number): number[] {
  const max = Math.ceil(Math.log2(Math.max(width, height)));
  const counts: number[] = [];
  for (let level = 0; level <= max; level++) {
    const scale = 2 ** (max - level);
    counts.push(Math.ceil(Math.ceil(width / scale) / 256) * Math.ceil(Math.ceil(height / scale) / 256));
  }
  return counts;
}

describe('page images', () => {
  it('keeps the Kant TIFFs byte for byte, one surface each, with every tile of every level', async () => {
    const path = tmp.file('kant.siglum');
    const s = service('kant.siglum');
    const d = await s.createDocument({ title: 'Was ist Aufklärung?' });
    const surfaces = await s.addPageImages({
      documentId: d.id,
      files: [
        { name: 'INPUT_0017.tif', base64: b64(page17) },
        { name: 'INPUT_0020.tif', base64: b64(page20) },
      ],
    });
    expect(surfaces.map((x) => [x.position, x.image?.name, x.image?.width, x.image?.height])).toEqual([
      [0, 'INPUT_0017.tif', 1457, 2083],
      // Page 20 is a pixel taller, as its PAGE file says (imageHeight="2084").
      [1, 'INPUT_0020.tif', 1457, 2084],
    ]);
    expect(surfaces[0]).toMatchObject({ ulx: 0, uly: 0, lrx: 1457, lry: 2083, zones: [] });
    expect(surfaces[0]!.image).toMatchObject({ mediaType: 'image/tiff', bytes: page17.length, maxLevel: 12 });
    expect(await s.listSurfaces({ documentId: d.id })).toEqual(surfaces);

    const image = surfaces[0]!.image!;
    const level12 = await s.imageTile({ imageId: image.id, level: 12, x: 5, y: 8 });
    const tile = await sharp(Buffer.from(level12.base64, 'base64')).metadata();
    expect([level12.mediaType, tile.format, tile.width, tile.height]).toEqual([
      'image/jpeg',
      'jpeg',
      1457 - 5 * 256,
      2083 - 8 * 256,
    ]);
    const level0 = await sharp(
      Buffer.from((await s.imageTile({ imageId: image.id, level: 0, x: 0, y: 0 })).base64, 'base64'),
    ).metadata();
    expect([level0.width, level0.height]).toEqual([1, 1]);
    await expect(s.imageTile({ imageId: image.id, level: 12, x: 6, y: 0 })).rejects.toThrow(/outside the image/);
    await expect(s.imageTile({ imageId: image.id, level: 13, x: 0, y: 0 })).rejects.toThrow(/levels 0 to 12/);

    s.close();
    const db = new Database(path, { readonly: true });
    try {
      const originals = db.prepare('SELECT name, original FROM image_files ORDER BY name').all() as Array<{
        name: string;
        original: Buffer;
      }>;
      expect(originals.map((o) => o.name)).toEqual(['INPUT_0017.tif', 'INPUT_0020.tif']);
      expect(originals[0]!.original.equals(page17)).toBe(true);
      expect(originals[1]!.original.equals(page20)).toBe(true);
      const counts = db
        .prepare('SELECT level, COUNT(*) AS n FROM image_tiles WHERE image_id = ? GROUP BY level ORDER BY level')
        .all(Number(image.id)) as Array<{ level: number; n: number }>;
      expect(counts.map((c) => c.n)).toEqual(expectedTiles(1457, 2083));
    } finally {
      db.close();
    }
  });

  it('takes JPEG, PNG (alpha on white) and WebP, and each page of a multi-page TIFF as a page of its own', async () => {
    const s = service('formats.siglum');
    const d = await s.createDocument({ title: 'Formats' });
    const base = sharp(page17).resize(300);
    const jpeg = await base.clone().jpeg().toBuffer();
    const png = await sharp({
      create: { width: 40, height: 30, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer();
    const webp = await base.clone().webp().toBuffer();
    const files = [
      { name: 'a.jpg', base64: b64(jpeg) },
      { name: 'b.png', base64: b64(png) },
      { name: 'c.webp', base64: b64(webp) },
    ];
    const surfaces = await s.addPageImages({ documentId: d.id, files });
    expect(surfaces.map((x) => x.image?.mediaType)).toEqual(['image/jpeg', 'image/png', 'image/webp']);
    expect(surfaces[1]!.image).toMatchObject({ width: 40, height: 30, maxLevel: 6 });
    const white = await sharp(
      Buffer.from((await s.imageTile({ imageId: surfaces[1]!.image!.id, level: 6, x: 0, y: 0 })).base64, 'base64'),
    )
      .raw()
      .toBuffer();
    expect(Math.min(...white)).toBeGreaterThan(240);

    const red = await sharp({ create: { width: 30, height: 20, channels: 3, background: '#ff0000' } })
      .png()
      .toBuffer();
    const blue = await sharp({ create: { width: 30, height: 20, channels: 3, background: '#0000ff' } })
      .png()
      .toBuffer();
    const twoPages = await sharp([red, blue], { join: { animated: true } })
      .tiff()
      .toBuffer();
    expect((await sharp(twoPages).metadata()).pages).toBe(2);
    const more = await s.addPageImages({ documentId: d.id, files: [{ name: 'two.tif', base64: b64(twoPages) }] });
    expect(more.slice(3).map((x) => [x.position, x.image?.name, x.image?.width, x.image?.height])).toEqual([
      [3, 'two.tif', 30, 20],
      [4, 'two.tif', 30, 20],
    ]);
    const colour = async (imageId: string) => {
      const tile = await s.imageTile({ imageId, level: 5, x: 0, y: 0 });
      return [...(await sharp(Buffer.from(tile.base64, 'base64')).raw().toBuffer()).subarray(0, 3)];
    };
    const [first, second] = [await colour(more[3]!.image!.id), await colour(more[4]!.image!.id)];
    expect(first[0]).toBeGreaterThan(200);
    expect(first[2]).toBeLessThan(60);
    expect(second[2]).toBeGreaterThan(200);
    expect(second[0]).toBeLessThan(60);
  });

  it('refuses a corrupt image with a sentence naming the file, and keeps nothing of it', async () => {
    const s = service('corrupt.siglum');
    const d = await s.createDocument({ title: 'Broken' });
    const truncated = page17.subarray(0, 200_000);
    await expect(
      s.addPageImages({ documentId: d.id, files: [{ name: 'INPUT_0017-cut.tif', base64: b64(truncated) }] }),
    ).rejects.toThrow(/^"INPUT_0017-cut\.tif" could not be read as an image \(.*\)\. Check that it is a TIFF/);
    await expect(
      s.addPageImages({ documentId: d.id, files: [{ name: 'notes.txt', base64: b64(Buffer.from('not an image')) }] }),
    ).rejects.toThrow(/"notes\.txt" could not be read as an image/);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    await expect(s.addPageImages({ documentId: d.id, files: [{ name: 'x.svg', base64: b64(svg) }] })).rejects.toThrow(
      /"x\.svg" is a svg image; page images must be TIFF, JPEG, PNG or WebP/,
    );
    expect(await s.listSurfaces({ documentId: d.id })).toEqual([]);
  });

  it('keeps the same file once when it is added twice, in two calls or in one', async () => {
    const path = tmp.file('twice.siglum');
    const s = service('twice.siglum');
    const d = await s.createDocument({ title: 'Twice' });
    const small = await sharp(page17).resize(200).jpeg().toBuffer();
    await s.addPageImages({ documentId: d.id, files: [{ name: 'p.jpg', base64: b64(small) }] });
    const surfaces = await s.addPageImages({
      documentId: d.id,
      files: [
        { name: 'p.jpg', base64: b64(small) },
        { name: 'again.jpg', base64: b64(small) },
      ],
    });
    expect(surfaces).toHaveLength(3);
    expect(surfaces[2]!.image!.id).toBe(surfaces[1]!.image!.id);
    expect(surfaces[0]!.image!.id).toBe(surfaces[1]!.image!.id);
    s.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) FROM image_files').pluck().get()).toBe(1);
    db.close();
  });
});

describe('zones', () => {
  it('draws, changes and deletes zones; deleting one takes its links out of the text as steps', async () => {
    const s = service('zones.siglum');
    const d = await s.createDocument({ title: 'Zones' });
    const small = await sharp(page17).resize(400).jpeg().toBuffer();
    const [surface] = await s.addPageImages({ documentId: d.id, files: [{ name: 'p.jpg', base64: b64(small) }] });
    const region = await s.saveZone({
      surfaceId: surface!.id,
      zone: { kind: 'region', type: 'paragraph', ulx: 10, uly: 20, lrx: 390, lry: 300 },
    });
    const regionId = region.zones[0]!.id;
    const line = await s.saveZone({
      surfaceId: surface!.id,
      zone: {
        kind: 'line',
        ulx: 0,
        uly: 0,
        lrx: 0,
        lry: 0,
        points: [
          [12, 22],
          [380, 25],
          [370, 60],
        ],
        parent: regionId,
      },
    });
    expect(line.zones.map((z) => [z.kind, z.type, z.parent, z.position])).toEqual([
      ['region', 'paragraph', null, 0],
      ['line', null, regionId, 1],
    ]);
    expect(line.zones[1]).toMatchObject({
      ulx: 12,
      uly: 22,
      lrx: 380,
      lry: 60,
      points: [
        [12, 22],
        [380, 25],
        [370, 60],
      ],
    });
    const lineId = line.zones[1]!.id;
    const moved = await s.saveZone({
      surfaceId: surface!.id,
      zone: { id: lineId, kind: 'line', ulx: 15, uly: 30, lrx: 300, lry: 70, parent: regionId },
    });
    expect(moved.zones[1]).toMatchObject({ id: lineId, ulx: 15, lrx: 300, points: null, position: 1 });

    await expect(
      s.saveZone({ surfaceId: surface!.id, zone: { kind: 'line', ulx: 5, uly: 5, lrx: 5, lry: 9 } }),
    ).rejects.toThrow(/must have some extent/);
    await expect(
      s.saveZone({ surfaceId: surface!.id, zone: { id: surface!.id, kind: 'line', ulx: 0, uly: 0, lrx: 5, lry: 9 } }),
    ).rejects.toThrow(/is taken by another page or zone/);
    await expect(
      s.saveZone({ surfaceId: 'nowhere', zone: { kind: 'line', ulx: 0, uly: 0, lrx: 5, lry: 9 } }),
    ).rejects.toThrow(/no page \(surface\) "nowhere"/);

    // The text: a page break on the surface, a line linked to the line zone and a word to the region.
    const editor = await CollabClient.open(s, d.id, 'editor');
    const start = editor.state.doc.content.size - 1;
    const tr = editor.state.tr.insert(start, [
      schema.nodes.pageBreak.create({ facs: `#${surface!.id}` }),
      schema.nodes.lineBreak.create({ facs: `#${lineId}` }),
      schema.text('Sapere aude'),
    ]);
    linkZone(tr, start + 2, start + 8, regionId);
    editor.state = editor.state.apply(tr);
    await editor.sync();
    expect(zoneLinks(editor.state.doc, lineId)).toHaveLength(1);
    expect(zoneLinks(editor.state.doc, regionId)).toHaveLength(1);

    const after = await s.deleteZone({ surfaceId: surface!.id, zoneId: lineId });
    expect(after.zones.map((z) => z.id)).toEqual([regionId]);
    const opened = await s.openDocument({ id: d.id });
    const doc = schema.nodeFromJSON(opened.doc);
    expect(zoneLinks(doc, lineId)).toEqual([]);
    expect(zoneLinks(doc, regionId)).toHaveLength(1);
    expect(doc.textContent).toBe('Sapere aude');
    await editor.sync();
    expect(editor.state.doc.eq(doc)).toBe(true);

    await s.deleteZone({ surfaceId: surface!.id, zoneId: regionId });
    expect(zoneLinks(schema.nodeFromJSON((await s.openDocument({ id: d.id })).doc), regionId)).toEqual([]);
    await expect(s.deleteZone({ surfaceId: surface!.id, zoneId: regionId })).rejects.toThrow(/has no zone/);
  });
});

describe('the trash', () => {
  it('keeps a deleted document’s pages and zones, and restores them with it', async () => {
    const s = service('trash.siglum');
    const d = await s.createDocument({ title: 'Deleted' });
    const small = await sharp(page20).resize(120).jpeg().toBuffer();
    const [surface] = await s.addPageImages({ documentId: d.id, files: [{ name: 'p.jpg', base64: b64(small) }] });
    const region = await s.saveZone({
      surfaceId: surface!.id,
      zone: { kind: 'region', ulx: 1, uly: 2, lrx: 50, lry: 60 },
    });
    await s.saveZone({
      surfaceId: surface!.id,
      zone: { kind: 'line', ulx: 2, uly: 3, lrx: 40, lry: 9, parent: region.zones[0]!.id },
    });
    const before = await s.listSurfaces({ documentId: d.id });
    await s.deleteDocument({ id: d.id });
    const [entry] = await s.listTrash({});
    const restored = await s.restoreFromTrash({ id: entry!.id });
    expect(await s.listSurfaces({ documentId: restored.id })).toEqual(
      before.map((x) => ({ ...x, documentId: restored.id })),
    );
  });
});
