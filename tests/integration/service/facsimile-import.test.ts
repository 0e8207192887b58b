/**
 * Facsimile import through the service: the Kant METS with its images and PAGE files
 * (text lines, images and zones against the PAGE files, read independently), the same
 * METS twice (ids stay unique), a PAGE file without its image, and IIIF manifests (v2 and
 * v3) with level 0 image services served from 127.0.0.1.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportFile } from '../../../edition/api.ts';
import { docLines, docPageBreaks, KANT, KANT_PAGES, kantPageFile, pageTruth, read } from '../../unit/facsimile/ocr.ts';
import { serviceFixture } from './helpers.ts';
import { validateTei } from '../../../electron/validate.ts';

const { service } = serviceFixture();

const kantFile = (name: string): ImportFile => ({ name, base64: readFileSync(join(KANT, name)).toString('base64') });
const KANT_METS = [
  'mets.xml',
  'OCR-D-IMG/INPUT_0017.tif',
  'OCR-D-IMG/INPUT_0020.tif',
  'OCR-D-GT-PAGE/PAGE_0017_PAGE.xml',
  'OCR-D-GT-PAGE/PAGE_0020_PAGE.xml',
  'OCR-D-GT-ALTO/PAGE_0017_ALTO.xml',
  'OCR-D-GT-ALTO/PAGE_0020_ALTO.xml',
];

describe('the Kant METS through the service', () => {
  it("makes one document whose lines are PAGE's, with both images kept and every zone where PAGE puts it", async () => {
    const s = service('kant.siglum');
    const result = await s.importFiles({ files: KANT_METS.map(kantFile) });
    expect(result.documents).toHaveLength(1);
    expect(result.warnings ?? []).toEqual([]);
    const opened = await s.openDocument({ id: result.documents[0]!.id });
    const truths = KANT_PAGES.map((p) => pageTruth(read(kantPageFile(p))));
    expect(docLines(opened.doc).map((l) => l.text)).toEqual(
      truths.flatMap((t) => t.regions.flatMap((r) => r.lines.map((l) => l.text))),
    );

    const surfaces = await s.listSurfaces({ documentId: opened.info.id });
    expect(surfaces.map((x) => [x.image?.name, x.image?.width, x.image?.height, x.lrx, x.lry])).toEqual(
      truths.map((t, i) => [`INPUT_00${KANT_PAGES[i]!.slice(2)}.tif`, t.width, t.height, t.width, t.height]),
    );
    expect(docPageBreaks(opened.doc).map((b) => b.facs)).toEqual(surfaces.map((x) => `#${x.id}`));

    // Each line break points at a zone of its page whose outline is the PAGE line's.
    const lines = docLines(opened.doc);
    let at = 0;
    truths.forEach((t, i) => {
      for (const line of t.regions.flatMap((r) => r.lines)) {
        const zone = surfaces[i]!.zones.find((z) => `#${z.id}` === lines[at]!.facs);
        expect(zone?.kind).toBe('line');
        const outline = zone!.points ?? [
          [zone!.ulx, zone!.uly],
          [zone!.lrx, zone!.uly],
          [zone!.lrx, zone!.lry],
          [zone!.ulx, zone!.lry],
        ];
        expect(new Set(outline.map((p) => p.join(',')))).toEqual(new Set(line.points.map((p) => p.join(','))));
        if (zone!.points !== null) expect(zone!.points).toEqual(line.points);
        at++;
      }
    });
  });

  it('exports TEI that jing finds valid (fw, ab, facs on blocks and breaks) and that imports again with every zone and pointer', async () => {
    const s = service('kant-tei.siglum');
    const result = await s.importFiles({ files: KANT_METS.map(kantFile) });
    const id = result.documents[0]!.id;
    const tei = await s.exportTei({ documentId: id });
    expect(tei.xml).toContain('<fw type="catch"');
    expect(tei.xml).toContain('<ab type="drop-capital"');
    const validity = await validateTei(tei.xml, { schema: 'tei_all', validator: 'jing', fileName: 'kant.xml' });
    expect(validity.messages).toEqual([]);
    const before = await s.listSurfaces({ documentId: id });
    const other = service('kant-tei-again.siglum');
    const again = await other.importFiles({ files: [{ name: 'kant.xml', text: tei.xml }] });
    const after = await other.listSurfaces({ documentId: again.documents[0]!.id });
    const shape = (list: typeof before) =>
      list.map((x) => ({
        id: x.id,
        n: x.n,
        zones: x.zones.map((z) => ({ ...z })),
        extent: [x.ulx, x.uly, x.lrx, x.lry],
      }));
    expect(shape(after)).toEqual(shape(before));
    const reopened = await other.openDocument({ id: again.documents[0]!.id });
    const original = await s.openDocument({ id });
    // The same lines, each pointing at the same zone. A `fw` between blocks reads back as a run
    // holding an inline `fw`, as any TEI file's does, so the export's indentation after the line
    // before it is kept as text: whitespace between blocks, which a round trip may change.
    const lines = (doc: typeof original.doc) => docLines(doc).map((l) => ({ facs: l.facs, text: l.text.trimEnd() }));
    expect(lines(reopened.doc)).toEqual(lines(original.doc));
    const again2 = await other.exportTei({ documentId: again.documents[0]!.id });
    // The facsimile and the text export as they did (the header is made from the document's title).
    const body = (xml: string) => xml.slice(xml.indexOf('<facsimile'));
    expect(body(again2.xml)).toBe(body(tei.xml));
  });

  it('imports the same METS again as a second document whose ids and pointers are its own', async () => {
    const s = service('twice.siglum');
    const first = await s.importFiles({ files: KANT_METS.map(kantFile) });
    const second = await s.importFiles({ files: KANT_METS.map(kantFile) });
    const a = await s.listSurfaces({ documentId: first.documents[0]!.id });
    const b = await s.listSurfaces({ documentId: second.documents[0]!.id });
    const ids = (list: typeof a): string[] => list.flatMap((x) => [x.id, ...x.zones.map((z) => z.id)]);
    expect(ids(b).filter((id) => ids(a).includes(id))).toEqual([]);
    const doc = await s.openDocument({ id: second.documents[0]!.id });
    const own = new Set(ids(b).map((id) => `#${id}`));
    expect(docLines(doc.doc).every((l) => l.facs !== null && own.has(l.facs))).toBe(true);
    // The image files are kept once: both documents show the same images.
    expect(b.map((x) => x.image?.id)).toEqual(a.map((x) => x.image?.id));
  });

  it('imports a PAGE file whose image is missing, with a warning and a page without an image', async () => {
    const s = service('alone.siglum');
    const result = await s.importFiles({ files: [kantFile('OCR-D-GT-PAGE/PAGE_0020_PAGE.xml')] });
    expect(result.warnings).toEqual([expect.stringMatching(/OCR-D-IMG\/INPUT_0020\.tif\) was not found/)]);
    const [surface] = await s.listSurfaces({ documentId: result.documents[0]!.id });
    expect(surface!.image).toBeNull();
    expect(surface!.zones.filter((z) => z.kind === 'line')).toHaveLength(31);
  });
});

describe('IIIF manifests served from 127.0.0.1', () => {
  let server: Server;
  let base = '';
  const files = new Map<string, { type: string; body: Buffer }>();
  const requested: string[] = [];

  /** A page image of the given size whose colour says which page it is. */
  const png = (width: number, height: number, red: number): Promise<Buffer> =>
    sharp({ create: { width, height, channels: 3, background: { r: red, g: 80, b: 40 } } })
      .jpeg()
      .toBuffer();

  beforeAll(async () => {
    server = createServer((req, res) => {
      requested.push(req.url ?? '');
      const file = files.get(req.url ?? '');
      if (file === undefined) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': file.type }).end(file.body);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const json = (path: string, value: unknown): void =>
      void files.set(path, { type: 'application/json', body: Buffer.from(JSON.stringify(value)) });

    // v2, level 0, with listed sizes: the page is fetched at the largest listed size not wider than asked.
    const v2 = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../fixtures/facsimile/herbal.manifest2.json'), 'utf8'),
    );
    const text = JSON.stringify(v2).replaceAll('http://127.0.0.1:0', base);
    json('/herbal/manifest.json', JSON.parse(text));
    json('/iiif/f1r/info.json', {
      '@context': 'http://iiif.io/api/image/2/context.json',
      '@id': `${base}/iiif/f1r`,
      profile: ['http://iiif.io/api/image/2/level0.json'],
      width: 1200,
      height: 1600,
      sizes: [
        { width: 300, height: 400 },
        { width: 600, height: 800 },
      ],
    });
    files.set('/iiif/f1r/full/600,800/0/default.jpg', { type: 'image/jpeg', body: await png(600, 800, 200) });
    json('/iiif/f1v/info.json', {
      '@context': 'http://iiif.io/api/image/2/context.json',
      '@id': `${base}/iiif/f1v`,
      profile: ['http://iiif.io/api/image/2/level2.json'],
      width: 1200,
      height: 1600,
    });
    files.set('/iiif/f1v/full/700,/0/default.jpg', { type: 'image/jpeg', body: await png(700, 933, 100) });

    // v3, level 0 with tiles only: the page is put together from its tiles.
    json('/atlas/manifest.json', {
      '@context': 'http://iiif.io/api/presentation/3/context.json',
      id: `${base}/atlas/manifest.json`,
      type: 'Manifest',
      label: { en: ['Coastal atlas'] },
      items: [
        {
          id: `${base}/atlas/canvas/1`,
          type: 'Canvas',
          label: { none: ['Plate I'] },
          width: 600,
          height: 300,
          items: [
            {
              id: `${base}/atlas/page/1`,
              type: 'AnnotationPage',
              items: [
                {
                  id: `${base}/atlas/anno/1`,
                  type: 'Annotation',
                  motivation: 'painting',
                  target: `${base}/atlas/canvas/1`,
                  body: {
                    id: `${base}/tiles/plate1/full/max/0/default.jpg`,
                    type: 'Image',
                    service: [{ id: `${base}/tiles/plate1`, type: 'ImageService3', profile: 'level0' }],
                  },
                },
              ],
            },
          ],
        },
      ],
    });
    json('/tiles/plate1/info.json', {
      id: `${base}/tiles/plate1`,
      type: 'ImageService3',
      profile: 'level0',
      width: 600,
      height: 300,
      tiles: [{ width: 256, scaleFactors: [1, 2] }],
    });
    // Scale 2: two tiles of 256 px cover 512 px of the image each; the right one is narrower.
    files.set('/tiles/plate1/0,0,512,300/256,150/0/default.jpg', {
      type: 'image/jpeg',
      body: await png(256, 150, 250),
    });
    files.set('/tiles/plate1/512,0,88,300/44,150/0/default.jpg', { type: 'image/jpeg', body: await png(44, 150, 10) });
  });

  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('imports a v2 manifest: a page per canvas, each image fetched at the chosen width and kept, labels and metadata kept', async () => {
    const s = service('iiif2.siglum');
    const info = await s.importIiif({ url: `${base}/herbal/manifest.json`, width: 700 });
    expect(info.title).toBe('Herbal');
    const surfaces = await s.listSurfaces({ documentId: info.id });
    expect(surfaces.map((x) => [x.n, x.image?.width, x.image?.height, x.lrx, x.lry])).toEqual([
      ['f. 1r', 600, 800, 600, 800],
      ['f. 1v', 700, 933, 700, 933],
    ]);
    expect(surfaces[1]!.metadata).toEqual([
      { label: 'label', value: 'f. 1v' },
      { label: 'Note', value: 'water stain' },
    ]);
    const opened = await s.openDocument({ id: info.id });
    expect(opened.meta.extra).toMatchObject({ Date: '1543', Shelfmark: 'Cod. 12' });
    expect(docPageBreaks(opened.doc)).toEqual(surfaces.map((x) => ({ n: x.n, facs: `#${x.id}` })));
    // The kept image is the fetched one: a tile of it has the page's colour.
    const tile = await s.imageTile({
      imageId: surfaces[0]!.image!.id,
      level: surfaces[0]!.image!.maxLevel,
      x: 0,
      y: 0,
    });
    const { data } = await sharp(Buffer.from(tile.base64, 'base64')).raw().toBuffer({ resolveWithObject: true });
    expect(Math.abs(data[0]! - 200)).toBeLessThan(12);
  });

  it('imports a v3 manifest whose level 0 service has tiles only, putting the page together from them', async () => {
    const s = service('iiif3.siglum');
    requested.length = 0;
    const info = await s.importIiif({ url: `${base}/atlas/manifest.json`, width: 300 });
    const [surface] = await s.listSurfaces({ documentId: info.id });
    expect([surface!.n, surface!.image?.width, surface!.image?.height]).toEqual(['Plate I', 300, 150]);
    expect(requested.filter((r) => r.startsWith('/tiles/plate1/') && !r.endsWith('info.json'))).toHaveLength(2);
  });

  it('refuses an address that answers 404, in a sentence, and leaves no document', async () => {
    const s = service('iiif404.siglum');
    await expect(s.importIiif({ url: `${base}/nothing/manifest.json` })).rejects.toThrow(
      /Could not fetch the IIIF manifest from .* the server answered 404/,
    );
    expect((await s.listDocuments({})).filter((d) => d.title !== '')).toEqual([]);
  });
});
