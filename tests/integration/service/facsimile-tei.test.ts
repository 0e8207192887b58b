/**
 * TEI facsimile through the store: a volume with `<facsimile>` (surfaces, graphics,
 * nested region and line zones with outlines and baselines) and text pointing at them
 * (`pb`, `lb`, `seg` `@facs`) imports into surfaces and zones with its images, exports
 * the same TEI (valid against tei_all, every pointer resolved) with the images named
 * in a folder beside it, and imports again from that folder to the same export.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { schema } from '../../../edition/schema.ts';
import { zoneAt } from '../../../edition/facsimile/links.ts';
import { canonicalDifference } from '../../unit/tei/canonical.ts';
import { serviceFixture } from './helpers.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const kant = join(root, '../shared/corpus/facsimile/kant_aufklaerung_1784/OCR-D-IMG');
const TEI_ALL = join(root, '../shared/schema/tei_all.rng');
const page17 = readFileSync(join(kant, 'INPUT_0017.tif'));
const page20 = readFileSync(join(kant, 'INPUT_0020.tif'));

const { service, tmp } = serviceFixture();

/** Two Kant pages with regions, lines (an outline, a baseline) and text pointing at them; images in kant-images/. */
const VOLUME = readFileSync(join(root, 'tests/fixtures/facsimile/kant.xml'), 'utf8');

function jing(file: string): string[] {
  const run = spawnSync('jing', [TEI_ALL, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw run.error;
  return run.stdout.split('\n').filter((l) => l.includes('error:'));
}

const b64 = (b: Buffer) => b.toString('base64');

describe('TEI facsimile', () => {
  it('imports surfaces, zones and images, exports the same valid TEI with the images beside it, and imports that again', async () => {
    const s = service('facs.siglum');
    const imported = await s.importFiles({
      files: [
        { name: 'kant.xml', text: VOLUME },
        { name: 'kant-images/INPUT_0017.tif', base64: b64(page17) },
        { name: 'kant-images/INPUT_0020.tif', base64: b64(page20) },
      ],
    });
    expect(imported.documents).toHaveLength(1);
    const doc = imported.documents[0]!;
    const surfaces = await s.listSurfaces({ documentId: doc.id });
    expect(surfaces.map((x) => [x.id, x.n, x.image?.name, x.image?.height, x.zones.length])).toEqual([
      ['f17', '481', 'INPUT_0017.tif', 2083, 4],
      ['f20', '484', 'INPUT_0020.tif', 2084, 1],
    ]);
    expect(surfaces[0]!.zones.map((z) => [z.id, z.kind, z.type, z.parent, z.position])).toEqual([
      ['r17a', 'region', 'header', null, 0],
      ['r17b', 'region', 'paragraph', null, 1],
      ['l17b1', 'line', null, 'r17b', 2],
      ['l17b2', 'line', null, 'r17b', 3],
    ]);
    expect(surfaces[0]!.zones[2]!.baseline).toEqual([
      [125, 352],
      [1340, 350],
    ]);
    expect(surfaces[0]!.zones[1]!.points?.[3]).toEqual([120, 900.5]);

    // The text points at them.
    const opened = await s.openDocument({ id: doc.id });
    const pm = schema.nodeFromJSON(opened.doc);
    const at = (text: string) => {
      let found = -1;
      pm.descendants((n, pos) => {
        if (found < 0 && n.isText && n.text!.includes(text)) found = pos + n.text!.indexOf(text) + 1;
      });
      return found;
    };
    expect(zoneAt(pm, at('Aufklärung iſt'))).toBe('l17b1');
    expect(zoneAt(pm, at('usgang'))).toBe('r17b');
    expect(zoneAt(pm, at('ſeiner'))).toBe('l17b2');
    expect(zoneAt(pm, at('Sapere'))).toBe('l20a');

    // Out: the volume as it came in, the images named in the folder beside it.
    const exported = await s.exportTei({ collectionId: doc.collection!, imagesFolder: 'kant-images' });
    expect(canonicalDifference(VOLUME, exported.xml)).toBeNull();
    expect(exported.pointers.dangling).toEqual([]);
    expect(exported.pointers.checked).toBeGreaterThanOrEqual(7);
    expect(exported.images?.map((i) => i.path)).toEqual(['kant-images/INPUT_0017.tif', 'kant-images/INPUT_0020.tif']);

    const dir = join(tmp.dir, 'out');
    mkdirSync(dir);
    writeFileSync(join(dir, 'kant.xml'), exported.xml);
    expect(jing(join(dir, 'kant.xml'))).toEqual([]);
    const written = await s.writeExportImages(exported.images!, dir);
    expect(written).toHaveLength(2);
    expect(readFileSync(join(dir, 'kant-images/INPUT_0017.tif')).equals(page17)).toBe(true);
    expect(readFileSync(join(dir, 'kant-images/INPUT_0020.tif')).equals(page20)).toBe(true);
    // Written again: the same bytes are left alone; another file is never written over.
    expect(await s.writeExportImages(exported.images!, dir)).toEqual([]);
    writeFileSync(join(dir, 'kant-images/INPUT_0020.tif'), 'another file');
    await expect(s.writeExportImages(exported.images!, dir)).rejects.toThrow(
      /INPUT_0020\.tif already exists and is another file/,
    );
    expect(readFileSync(join(dir, 'kant-images/INPUT_0020.tif'), 'utf8')).toBe('another file');

    // In again, in another project, from the exported file and its folder.
    const again = service('again.siglum');
    const second = await again.importFiles({
      files: [
        { name: 'kant.xml', text: exported.xml },
        { name: 'kant-images/INPUT_0017.tif', base64: b64(readFileSync(join(dir, 'kant-images/INPUT_0017.tif'))) },
        { name: 'kant-images/INPUT_0020.tif', base64: b64(page20) },
      ],
    });
    const back = await again.listSurfaces({ documentId: second.documents[0]!.id });
    expect(back.map(({ documentId: _d, image, ...rest }) => ({ ...rest, image: image?.name }))).toEqual(
      surfaces.map(({ documentId: _d, image, ...rest }) => ({ ...rest, image: image?.name })),
    );
    const reexported = await again.exportTei({
      collectionId: second.documents[0]!.collection!,
      imagesFolder: 'kant-images',
    });
    expect(reexported.xml).toBe(exported.xml);
  });

  it('keeps a surface whose image did not come with the file, and its graphic as written', async () => {
    const s = service('missing.siglum');
    const imported = await s.importFiles({ files: [{ name: 'kant.xml', text: VOLUME }] });
    const surfaces = await s.listSurfaces({ documentId: imported.documents[0]!.id });
    expect(surfaces.map((x) => [x.id, x.image])).toEqual([
      ['f17', null],
      ['f20', null],
    ]);
    const exported = await s.exportTei({ collectionId: imported.documents[0]!.collection! });
    expect(canonicalDifference(VOLUME, exported.xml)).toBeNull();
    expect(exported.images).toBeUndefined();

    // The whole project as a teiCorpus: the volume keeps its facsimile, and reads back.
    const all = await s.exportTei({ all: true });
    expect(all.xml.split('<facsimile>')).toHaveLength(2);
    expect(all.pointers.dangling).toEqual([]);
    const again = service('missing-again.siglum');
    const back = await again.importFiles({ files: [{ name: 'project.xml', text: all.xml }] });
    expect(await again.listSurfaces({ documentId: back.documents[0]!.id })).toEqual(
      surfaces.map((x) => ({ ...x, documentId: back.documents[0]!.id })),
    );
  });

  it('finds the images a graphic names by their bare names, as a browser’s file picker gives them', async () => {
    const s = service('bare.siglum');
    const imported = await s.importFiles({
      files: [
        { name: 'kant.xml', text: VOLUME },
        { name: 'INPUT_0017.tif', base64: b64(page17) },
        { name: 'INPUT_0020.tif', base64: b64(page20) },
      ],
    });
    expect(imported.documents).toHaveLength(1);
    const surfaces = await s.listSurfaces({ documentId: imported.documents[0]!.id });
    expect(surfaces.map((x) => [x.id, x.image?.name, x.image?.width])).toEqual([
      ['f17', 'INPUT_0017.tif', 1457],
      ['f20', 'INPUT_0020.tif', expect.any(Number)],
    ]);
  });

  it('imports the volume again: Update keeps the pages and zones as edited, Replace takes the file’s', async () => {
    const s = service('again-and-again.siglum');
    const first = await s.importFiles({ files: [{ name: 'kant.xml', text: VOLUME }] });
    const id = first.documents[0]!.id;
    const fromFile = await s.listSurfaces({ documentId: id });
    await s.saveZone({ surfaceId: 'f20', zone: { id: 'l20a', kind: 'line', ulx: 1, uly: 2, lrx: 3, lry: 4 } });
    const edited = await s.listSurfaces({ documentId: id });
    expect(edited[1]!.zones[0]).toMatchObject({ id: 'l20a', ulx: 1, lry: 4 });

    const update = await s.importFiles({ files: [{ name: 'kant.xml', text: VOLUME }], existing: 'update' });
    expect(update.documents.map((d) => d.id)).toEqual([id]);
    expect(await s.listSurfaces({ documentId: id })).toEqual(edited);

    await s.importFiles({ files: [{ name: 'kant.xml', text: VOLUME }], existing: 'replace' });
    expect(await s.listSurfaces({ documentId: id })).toEqual(fromFile);
  });

  it('reads the surfaces it models and leaves one it does not in the volume as it was, with a warning', async () => {
    const s = service('unmodelled.siglum');
    const odd = VOLUME.replace('<zone xml:id="l20a"', '<desc>Page 484</desc><zone xml:id="l20a"');
    const imported = await s.importFiles({ files: [{ name: 'odd.xml', text: odd }] });
    expect((await s.listSurfaces({ documentId: imported.documents[0]!.id })).map((x) => x.id)).toEqual(['f17']);
    expect(imported.warnings).toContainEqual(
      expect.stringMatching(
        /^odd\.xml: <surface xml:id="f20"> is kept in the volume as written, not as a page Siglum shows \(it holds <desc>\)/,
      ),
    );
    const exported = await s.exportTei({ collectionId: imported.documents[0]!.collection! });
    expect(canonicalDifference(odd, exported.xml)).toBeNull();
    expect(exported.pointers.dangling).toEqual([]);
  });

  it('exports a document’s own surfaces and zones drawn in Siglum as valid TEI', async () => {
    const s = service('drawn.siglum');
    const d = await s.createDocument({ title: 'Drawn' });
    const [surface] = await s.addPageImages({
      documentId: d.id,
      files: [{ name: 'INPUT_0017.tif', base64: b64(page17) }],
    });
    await s.saveZone({
      surfaceId: surface!.id,
      zone: {
        kind: 'custom',
        ulx: 10,
        uly: 10,
        lrx: 200,
        lry: 80,
        points: [
          [10, 10],
          [200, 12],
          [190, 80],
        ],
      },
    });
    const exported = await s.exportTei({ documentId: d.id });
    const file = join(tmp.dir, 'drawn.xml');
    writeFileSync(file, exported.xml);
    expect(jing(file)).toEqual([]);
    expect(exported.xml).toContain(
      `<graphic url="drawn-d${d.id}-images/INPUT_0017.tif" width="1457px" height="2083px"/>`,
    );
    expect(existsSync(join(tmp.dir, 'drawn-images'))).toBe(false);
  });

  it('reads the forms of the Guidelines it models, keeps the others as written, and exports valid TEI that reads back the same', async () => {
    const source = readFileSync(join(root, 'tests/fixtures/facsimile/guidelines.xml'), 'utf8');
    const s = service('guidelines.siglum');
    const imported = await s.importFiles({ files: [{ name: 'guidelines.xml', text: source }] });
    const doc = imported.documents[0]!;
    const surfaces = await s.listSurfaces({ documentId: doc.id });
    expect(surfaces.map((x) => [x.id, x.lrx, x.lry, x.zones.map((z) => [z.id, z.kind, z.parent])])).toEqual([
      [
        'S49r',
        200,
        300,
        [
          ['fig1', 'custom', null],
          ['col1', 'custom', null],
          ['l1', 'custom', 'col1'],
        ],
      ],
      ['S52r', 0, 0, [['z52', 'custom', null]]],
    ]);
    // Each thing kept as written is named; so is each image that did not come.
    const kept = (imported.warnings ?? []).filter((w) => w.includes('is kept in the volume as written'));
    expect(kept.map((w) => /: (<[^>]*>) is kept/.exec(w)?.[1])).toEqual([
      '<graphic>',
      '<surface xml:id="S49v">',
      '<surfaceGrp>',
      '<surface xml:id="S51r">',
      '<surface xml:id="S53r">',
    ]);
    expect(imported.warnings?.filter((w) => w.includes('did not come with the file'))).toHaveLength(2);

    const exported = await s.exportTei({ collectionId: doc.collection! });
    expect(canonicalDifference(source, exported.xml)).toBeNull();
    expect(exported.pointers.dangling).toEqual([]);
    const file = join(tmp.dir, 'guidelines.xml');
    writeFileSync(file, exported.xml);
    expect(jing(file)).toEqual([]);

    const again = service('guidelines-again.siglum');
    const back = await again.importFiles({ files: [{ name: 'guidelines.xml', text: exported.xml }] });
    expect((await again.exportTei({ collectionId: back.documents[0]!.collection! })).xml).toBe(exported.xml);
  });

  it('exports one document of a hand-written facsimile with its pages and the image beside it, valid and every pointer resolved', async () => {
    const letter = readFileSync(join(root, 'tests/fixtures/facsimile/letter.xml'), 'utf8');
    const jpeg = await sharp({ create: { width: 1000, height: 1400, channels: 3, background: '#ccc' } })
      .jpeg()
      .toBuffer();
    const s = service('letter.siglum');
    const imported = await s.importFiles({
      files: [
        { name: 'letter.xml', text: letter },
        { name: 'page1.jpg', base64: b64(jpeg) },
      ],
    });
    expect(imported.warnings).toBeUndefined();
    const doc = imported.documents[0]!;
    expect((await s.listSurfaces({ documentId: doc.id })).map((x) => [x.id, x.image?.name, x.lrx, x.lry])).toEqual([
      ['s1', 'page1.jpg', 1000, 1400],
    ]);
    const exported = await s.exportTei({ documentId: doc.id, imagesFolder: 'F-images' });
    expect(exported.pointers).toMatchObject({ checked: 2, dangling: [] });
    expect(exported.images?.map((i) => i.path)).toEqual(['F-images/page1.jpg']);
    const file = join(tmp.dir, 'F.xml');
    writeFileSync(file, exported.xml);
    expect(jing(file)).toEqual([]);
  });

  it('exports each document of a volume with the surfaces its facsimile kept as written that its text points into, and not the others', async () => {
    const source = readFileSync(join(root, 'tests/fixtures/facsimile/two-letters.xml'), 'utf8');
    const s = service('two-letters.siglum');
    const imported = await s.importFiles({ files: [{ name: 'two-letters.xml', text: source }] });
    const [first, second] = imported.documents;
    expect(imported.documents.map((d) => d.title)).toEqual(['The first letter', 'The answer']);
    // The second letter's kept page is a surface in a surfaceGrp; its zone is pointed at too.
    for (const [doc, kept, other] of [
      [first!, ['<surface xml:id="p2"', '<label>Folio 1 verso</label>'], ['surfaceGrp', 'xml:id="p4"']],
      [second!, ['<surfaceGrp type="leaf" n="2">', '<desc>Written across the fold.</desc>'], ['xml:id="p2"']],
    ] as const) {
      const exported = await s.exportTei({ documentId: doc.id });
      expect(exported.pointers.dangling).toEqual([]);
      expect(exported.pointers.checked).toBeGreaterThanOrEqual(3);
      for (const k of kept) expect(exported.xml).toContain(k);
      for (const o of other) expect(exported.xml).not.toContain(o);
      // The kept surface stands where the volume had it, after the page Siglum models, in one <facsimile>.
      expect(exported.xml.match(/<facsimile>/g)).toHaveLength(1);
      const file = join(tmp.dir, `two-letters-${doc.id}.xml`);
      writeFileSync(file, exported.xml);
      expect(jing(file)).toEqual([]);
    }
    // Laid out as the volume: the first letter's facsimile is the volume's, less the second letter's pages.
    const one = (await s.exportTei({ documentId: first!.id })).xml;
    const facsimile = (xml: string) => /\n {2}<facsimile>[^]*?\n {2}<\/facsimile>/.exec(xml)?.[0];
    expect(facsimile(one)).toBe(facsimile(source)!.replace(/\n {4}<surface xml:id="p3"[^]*<\/surfaceGrp>/, ''));
  });
});
