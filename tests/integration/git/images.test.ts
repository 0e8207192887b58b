/**
 * Page images in the repository: editor A gives a document page images (a Kant TIFF and
 * PNGs made here) and zones and shares them; the repository holds each image once in
 * `images/`, named by its content, and the TEI's graphics point at it. Editor B clones and
 * pulls the same pages, zones and byte-identical originals; text changed on one side
 * leaves the images intact on the other; an image no page shows any more leaves the tree.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { schema } from '../../../edition/schema.ts';
import { headOid, initRepository, listBlobs, readBlobBytes, readFiles } from '../../../electron/git/repo.ts';
import type { SiglumService } from '../../../electron/service/index.ts';
import { validateTei } from '../../../electron/validate.ts';
import { serviceFixture } from '../service/helpers.ts';
import { documentId, edit } from './editing.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const page17 = readFileSync(join(root, '../shared/corpus/facsimile/kant_aufklaerung_1784/OCR-D-IMG/INPUT_0017.tif'));
const b64 = (b: Buffer) => b.toString('base64');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const { service, tmp } = serviceFixture();

const A = { name: 'Ann Editor', email: 'ann@example.org' };
const B = { name: 'Ben Reviewer', email: 'ben@example.org' };

/** A small PNG of one colour. */
function png(r: number, g: number, b: number): Promise<Buffer> {
  return sharp({ create: { width: 120, height: 80, channels: 3, background: { r, g, b } } })
    .png()
    .toBuffer();
}

/** A document's pages as any project would show them: without the project's own row ids. */
async function pages(s: SiglumService, title: string): Promise<unknown[]> {
  return (await s.listSurfaces({ documentId: await documentId(s, title) })).map(
    ({ documentId: _d, image, ...rest }) => ({ ...rest, image: image === null ? null : { ...image, id: 'x' } }),
  );
}

/** The originals of a document's page images as the project keeps them: name -> bytes. */
async function originals(s: SiglumService, title: string, dir: string): Promise<Map<string, Buffer>> {
  const exported = await s.exportTei({ documentId: await documentId(s, title), imagesFolder: 'pages' });
  mkdirSync(dir, { recursive: true });
  await s.writeExportImages(exported.images ?? [], dir);
  return new Map((exported.images ?? []).map((i) => [i.path, readFileSync(join(dir, i.path))]));
}

/** Appends a word to the document's first paragraph, as steps. */
async function appendWord(s: SiglumService, title: string, word: string): Promise<void> {
  await edit(s, await documentId(s, title), (tr) => tr.insert(tr.doc.child(0).nodeSize - 1, schema.text(` ${word}`)));
}

describe('page images in the repository', () => {
  it(
    'travel with clone and pull byte for byte, once each, and leave the tree when no page shows them',
    {
      timeout: 180_000,
    },
    async () => {
      const bare = tmp.file('images.git');
      await initRepository(bare, true);
      const red = await png(200, 30, 30);
      const blue = await png(30, 30, 200);
      const a = service('a.siglum', { create: true, seed: true });
      const seed = (await a.listDocuments({}))[0]!.title;
      const seedId = await documentId(a, seed);
      const added = await a.addPageImages({
        documentId: seedId,
        files: [
          { name: 'INPUT_0017.tif', base64: b64(page17) },
          { name: 'plate.png', base64: b64(red) },
        ],
      });
      await a.saveZone({
        surfaceId: added[0]!.id,
        zone: { kind: 'region', type: 'paragraph', ulx: 120, uly: 300, lrx: 1340, lry: 900 },
      });
      await a.saveZone({
        surfaceId: added[0]!.id,
        zone: { kind: 'line', ulx: 125, uly: 320, lrx: 1340, lry: 360, points: null },
      });
      // The same PNG on a second document's page, and one no other page shows.
      const plates = await a.createDocument({ title: 'Plates' });
      await a.addPageImages({
        documentId: plates.id,
        files: [
          { name: 'plate.png', base64: b64(red) },
          { name: 'other.png', base64: b64(blue) },
        ],
      });

      await a.gitInit({ remote: bare });
      const first = await a.gitCommit({ message: 'Pages and zones', ...A });
      const images = [`images/${sha(page17)}.tif`, `images/${sha(red)}.png`, `images/${sha(blue)}.png`].sort();
      expect(first.files.filter((f) => f.startsWith('images/'))).toEqual(images);
      const workA = tmp.file('a.git-work');
      const headA = await headOid(workA);
      const blobs = await listBlobs(workA, headA, 'images');
      expect([...blobs.keys()].sort()).toEqual(images);
      expect((await readBlobBytes(workA, blobs.get(`images/${sha(page17)}.tif`)!)).equals(page17)).toBe(true);
      expect(readFileSync(join(workA, `images/${sha(red)}.png`)).equals(red)).toBe(true);
      const files = await readFiles(workA, headA, 'images');
      const seedFile = [...files].find(([p, xml]) => p.endsWith('.xml') && xml.includes(sha(page17)))!;
      expect(seedFile[1]).toContain(`<graphic url="../images/${sha(page17)}.tif"`);
      expect(JSON.parse(files.get('siglum.json')!).images).toEqual({
        [`${sha(page17)}.tif`]: 'INPUT_0017.tif',
        [`${sha(red)}.png`]: 'plate.png',
        [`${sha(blue)}.png`]: 'other.png',
      });
      await a.gitPush({});
      await expect(a.gitCommit({ message: 'Again', ...A })).rejects.toThrow(/Nothing has changed/);

      // B clones: the same pages, zones and originals.
      const b = service('b.siglum');
      await b.gitClone({ url: bare });
      expect(await pages(b, seed)).toEqual(await pages(a, seed));
      expect(await pages(b, 'Plates')).toEqual(await pages(a, 'Plates'));
      expect((await pages(b, seed)).length).toBe(2);
      const fromB = await originals(b, seed, tmp.file('b-out'));
      expect([...fromB.values()].map((x) => sha(x)).sort()).toEqual([sha(page17), sha(red)].sort());
      expect((await b.gitStatus({})).changed).toEqual([]);
      expect((await b.gitStatus({})).otherChanges).toEqual([]);

      // B changes the text and draws a zone; A pulls: the text and zone come, the images stay.
      await appendWord(b, seed, 'Revised.');
      const bPage = (await b.listSurfaces({ documentId: await documentId(b, seed) }))[1]!;
      await b.saveZone({ surfaceId: bPage.id, zone: { kind: 'region', ulx: 10, uly: 10, lrx: 60, lry: 40 } });
      const second = await b.gitCommit({ message: 'Text and a zone', ...B });
      expect(second.files.some((f) => f.startsWith('images/'))).toBe(false);
      await b.gitPush({});
      const pulled = await a.gitPull(A);
      expect(pulled.changed).toEqual([seed]);
      expect(await pages(a, seed)).toEqual(await pages(b, seed));
      expect(((await pages(a, seed)) as Array<{ zones: unknown[] }>)[1]!.zones).toHaveLength(1);
      const fromA = await originals(a, seed, tmp.file('a-out'));
      expect(fromA.get('pages/INPUT_0017.tif')!.equals(page17)).toBe(true);
      expect(fromA.get('pages/plate.png')!.equals(red)).toBe(true);

      // A adds a page image; B's pull brings it. A drops the second document: its own image leaves the tree.
      const green = await png(30, 200, 30);
      await a.addPageImages({
        documentId: await documentId(a, seed),
        files: [{ name: 'verso.png', base64: b64(green) }],
      });
      // A page added alone makes its document changed.
      const status = await a.gitStatus({});
      expect(status.changed).toEqual([seed]);
      expect(status.otherChanges).toEqual([`images/${sha(green)}.png`]);
      await a.deleteDocument({ id: await documentId(a, 'Plates') });
      const tiffInA = join(workA, `images/${sha(page17)}.tif`);
      const tiffBefore = statSync(tiffInA);
      const third = await a.gitCommit({ message: 'A verso, no plates', ...A });
      // An image already in the tree is not written again.
      expect([statSync(tiffInA).mtimeMs, statSync(tiffInA).ino]).toEqual([tiffBefore.mtimeMs, tiffBefore.ino]);
      expect(third.files).toContain(`images/${sha(green)}.png`);
      expect(third.files).toContain(`images/${sha(blue)}.png`);
      expect(third.files).not.toContain(`images/${sha(red)}.png`);
      expect(existsSync(join(workA, `images/${sha(blue)}.png`))).toBe(false);
      expect(existsSync(join(workA, `images/${sha(red)}.png`))).toBe(true);
      await a.gitPush({});
      const bPulled = await b.gitPull(B);
      expect(bPulled.changed).toEqual([seed]);
      expect(bPulled.removed).toEqual(['Plates']);
      expect(await pages(b, seed)).toEqual(await pages(a, seed));
      const verso = await originals(b, seed, tmp.file('b-out-2'));
      expect(verso.get('pages/verso.png')!.equals(green)).toBe(true);
      const workB = tmp.file('b.git-work');
      expect(readFileSync(join(workB, `images/${sha(green)}.png`)).equals(green)).toBe(true);
      expect(existsSync(join(workB, `images/${sha(blue)}.png`))).toBe(false);

      // Both change the document: A a zone on the first page, B the text and a zone on the last.
      // The pull merges the text and the pages; the merge commit keeps every image.
      const aPages = await a.listSurfaces({ documentId: await documentId(a, seed) });
      await a.saveZone({
        surfaceId: aPages[0]!.id,
        zone: { kind: 'region', ulx: 100, uly: 1000, lrx: 900, lry: 1400 },
      });
      await a.gitCommit({ message: 'A zone on the first page', ...A });
      await a.gitPush({});
      const bPages = await b.listSurfaces({ documentId: await documentId(b, seed) });
      await appendWord(b, seed, 'Checked.');
      await b.saveZone({ surfaceId: bPages[2]!.id, zone: { kind: 'region', ulx: 5, uly: 5, lrx: 50, lry: 50 } });
      // B's own new page: its image is in no commit of A's, and the merge keeps it.
      const yellow = await png(220, 220, 30);
      await b.addPageImages({
        documentId: await documentId(b, seed),
        files: [{ name: 'insert.png', base64: b64(yellow) }],
      });
      await b.gitCommit({ message: 'Text, a zone on the verso, an insert', ...B });
      const merged = await b.gitPull(B);
      expect(merged.merged).toEqual([seed]);
      const mergedPages = (await pages(b, seed)) as Array<{ zones: unknown[]; image: { name: string } | null }>;
      expect(mergedPages.map((p) => [p.image?.name, p.zones.length])).toEqual([
        ['INPUT_0017.tif', aPages[0]!.zones.length + 1],
        ['plate.png', 1],
        ['verso.png', 1],
        ['insert.png', 0],
      ]);
      await b.gitPush({});
      await a.gitPull(A);
      expect(await pages(a, seed)).toEqual(await pages(b, seed));
      const mergeHead = await headOid(workB);
      expect([...(await listBlobs(workB, mergeHead, 'images')).keys()].sort()).toEqual(
        [
          `images/${sha(page17)}.tif`,
          `images/${sha(red)}.png`,
          `images/${sha(green)}.png`,
          `images/${sha(yellow)}.png`,
        ].sort(),
      );
      expect((await a.gitStatus({})).otherChanges).toEqual([]);

      // Every TEI file of the repository is valid against tei_all (jing).
      const head = await readFiles(workB, await headOid(workB), 'images');
      const xmlFiles = [...head].filter(([p]) => p.endsWith('.xml'));
      expect(xmlFiles.length).toBeGreaterThan(0);
      for (const [path, xml] of xmlFiles) {
        const result = await validateTei(xml, { schema: 'tei_all', validator: 'jing', fileName: path });
        expect(result.messages, path).toEqual([]);
        expect(result.valid).toBe(true);
      }
    },
  );
});

describe('files of its own in the repository', () => {
  it(
    'carries a binary file of the working tree byte for byte, and the other side’s through a merge',
    {
      timeout: 120_000,
    },
    async () => {
      const bare = tmp.file('own.git');
      await initRepository(bare, true);
      const a = service('own-a.siglum', { create: true, seed: true });
      const seed = (await a.listDocuments({}))[0]!.title;
      await a.gitInit({ remote: bare });
      const workA = tmp.file('own-a.git-work');
      const logo = await png(10, 20, 30);
      mkdirSync(join(workA, 'site'), { recursive: true });
      writeFileSync(join(workA, 'site/logo.png'), logo);
      await a.gitCommit({ message: 'A logo for the site', ...A });
      const blobs = await listBlobs(workA, await headOid(workA), 'site');
      expect((await readBlobBytes(workA, blobs.get('site/logo.png')!)).equals(logo)).toBe(true);
      await expect(a.gitCommit({ message: 'Again', ...A })).rejects.toThrow(/Nothing has changed/);
      await a.gitPush({});

      const b = service('own-b.siglum');
      await b.gitClone({ url: bare });
      const workB = tmp.file('own-b.git-work');
      expect(readFileSync(join(workB, 'site/logo.png')).equals(logo)).toBe(true);
      // A adds a banner; B changes the text meanwhile, so B's pull makes a merge commit.
      const banner = await png(40, 50, 60);
      writeFileSync(join(workA, 'site/banner.png'), banner);
      await a.gitCommit({ message: 'A banner', ...A });
      await a.gitPush({});
      await appendWord(b, seed, 'Seen.');
      await b.gitCommit({ message: 'Seen', ...B });
      await b.gitPull(B);
      const merged = await listBlobs(workB, await headOid(workB), 'site');
      expect((await readBlobBytes(workB, merged.get('site/banner.png')!)).equals(banner)).toBe(true);
      expect((await readBlobBytes(workB, merged.get('site/logo.png')!)).equals(logo)).toBe(true);
      expect(readFileSync(join(workB, 'site/banner.png')).equals(banner)).toBe(true);
    },
  );
});
