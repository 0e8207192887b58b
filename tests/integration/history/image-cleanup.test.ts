/**
 * Page images nothing shows any more go, whichever way they stopped being shown: a page
 * given another image, a volume imported again with Replace, an import that failed or
 * was never confirmed, a process that stopped mid-import. What Restore can bring back
 * (the trash's pages) and what an import in progress has found stays.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  collectUnshownImages,
  getImageRow,
  holdImageFiles,
  insertImage,
  insertImageFile,
  insertSurface,
} from '../../../db/facsimiles.ts';
import { Store } from '../../../db/store.ts';
import { emptyTrash } from '../../../db/trash.ts';
import { storeImageFile } from '../../../electron/service/page-images.ts';
import { pageImageFixture, png, stored } from './page-images.ts';

const { service, project } = pageImageFixture();

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
/** Two Kant pages whose graphics name kant-images/INPUT_0017.tif and INPUT_0020.tif. */
const VOLUME = readFileSync(join(root, 'tests/fixtures/facsimile/kant.xml'), 'utf8');

describe('page images nothing shows', () => {
  it('go when a page is given another image, unless another page shows them', async () => {
    const { path, s, p } = await project('replace-page.siglum');
    const a = await s.createDocument({ title: 'A' });
    const b = await s.createDocument({ title: 'B' });
    const [first, second] = await s.addPageImages({
      documentId: a.id,
      files: [png('title.png', p.title), png('shared.png', p.shared)],
    });
    await s.addPageImages({ documentId: b.id, files: [png('shared.png', p.shared)] });

    await s.addPageImages({ documentId: a.id, surfaceId: first!.id, files: [png('other.png', p.other)] });
    expect(stored(path).files).toEqual(['other.png', 'shared.png']);
    // B's page still shows the shared image after A's stops showing it.
    await s.addPageImages({ documentId: a.id, surfaceId: second!.id, files: [png('title.png', p.title)] });
    expect(stored(path).files).toEqual(['other.png', 'shared.png', 'title.png']);
    expect((await s.listSurfaces({ documentId: a.id })).map((x) => x.image?.name)).toEqual(['other.png', 'title.png']);
  });

  it('go when a volume is imported again with Replace; one waiting for the choice keeps them until it comes', async () => {
    const { path, s, p } = await project('reimport.siglum');
    const volume = (first: Buffer, second: Buffer) => [
      { name: 'kant.xml', text: VOLUME },
      png('kant-images/INPUT_0017.tif', first),
      png('kant-images/INPUT_0020.tif', second),
    ];
    const imported = await s.importFiles({ files: volume(p.title, p.shared) });
    const id = imported.documents[0]!.id;
    const sizes = async () => (await s.listSurfaces({ documentId: id })).map((x) => x.image?.bytes);
    expect(await sizes()).toEqual([p.title.length, p.shared.length]);

    // Asked first: the new image waits for the answer...
    const asked = await s.importFiles({ files: volume(p.title, p.other) });
    expect(asked.existing).toHaveLength(1);
    expect(stored(path).files).toHaveLength(3);
    // ...and Replace shows it, while the image only the old page showed goes.
    await s.importFiles({ files: volume(p.title, p.other), existing: 'replace' });
    expect(await sizes()).toEqual([p.title.length, p.other.length]);
    expect(stored(path).files).toHaveLength(2);

    // A question never answered: its image goes at the next clean-up.
    expect((await s.importFiles({ files: volume(p.shared, p.title) })).existing).toHaveLength(1);
    expect(stored(path).files).toHaveLength(3);
    expect(await s.emptyTrash({})).toEqual({ documents: 0, images: 1 });
    expect(stored(path).files).toHaveLength(2);
    expect(await sizes()).toEqual([p.title.length, p.other.length]);

    // The document's first version names its pages by id (pb/@facs), not their images:
    // exported at that version, it has the pages as they are now.
    const first = await s.exportTei({ documentId: id, at: 0 });
    expect(first.pointers.dangling).toEqual([]);
    expect(first.images).toHaveLength(2);
    // Replaced by the file alone, the pages keep the graphics it names, and no image is left.
    await s.importFiles({ files: [{ name: 'kant.xml', text: VOLUME }], existing: 'replace' });
    expect(stored(path)).toEqual({ files: [], tiles: 0 });
    const bare = await s.exportTei({ documentId: id, at: 0 });
    expect(bare.pointers.dangling).toEqual([]);
    expect(bare.images).toBeUndefined();
    expect(bare.xml).toContain('<graphic url="kant-images/INPUT_0020.tif"');
  });

  it('go when an import fails part-way, with none of its pages written', async () => {
    const { path, s, p } = await project('failed.siglum');
    const a = await s.createDocument({ title: 'A' });
    const broken = { name: 'broken.png', base64: Buffer.from('not an image').toString('base64') };
    // The good file is kept while the broken one is read; the call then stops at the broken one.
    await expect(
      s.addPageImages({ documentId: a.id, files: [broken, png('good.png', p.title)] }),
    ).rejects.toMatchObject({ code: 'bad-input' });
    expect(await s.listSurfaces({ documentId: a.id })).toEqual([]);
    expect(stored(path)).toEqual({ files: [], tiles: 0 });
  });

  it('go when the project opens, left by a process that stopped mid-import (tiles made or not)', async () => {
    const { path, s, p } = await project('leftover.siglum');
    const a = await s.createDocument({ title: 'A' });
    await s.addPageImages({ documentId: a.id, files: [png('title.png', p.title)] });
    s.close();
    const store = Store.open(path);
    try {
      // An import that stopped before its pages were written: its hold never ended.
      await storeImageFile(store, holdImageFiles(store.db), 'stopped.png', p.shared);
      store.write((tx) => {
        const fileId = insertImageFile(tx, {
          name: 'half.png',
          mediaType: 'image/png',
          sha256: 'f'.repeat(64),
          source: null,
          original: p.other,
        });
        insertImage(tx, {
          fileId,
          page: 0,
          width: 90,
          height: 130,
          tileSize: 256,
          overlap: 0,
          maxLevel: 8,
          tileFormat: 'image/jpeg',
        });
      });
    } finally {
      store.close();
    }
    expect(stored(path).files).toEqual(['half.png', 'stopped.png', 'title.png']);
    const again = service('leftover.siglum', {});
    expect(stored(path).files).toEqual(['title.png']);
    const [page] = await again.listSurfaces({ documentId: a.id });
    expect((await again.imageTile({ imageId: page!.image!.id, level: 0, x: 0, y: 0 })).mediaType).toBe('image/jpeg');
  });
});

describe('an import and emptying the trash at once', () => {
  it('keeps the image the import found kept already, though only the trash showed it', async () => {
    const { path, s, p } = await project('race.siglum');
    const a = await s.createDocument({ title: 'A' });
    const b = await s.createDocument({ title: 'B' });
    await s.addPageImages({ documentId: a.id, files: [png('shared.png', p.shared)] });
    await s.deleteDocument({ id: a.id });
    s.close();
    const store = Store.open(path);
    try {
      // The import finds the same bytes kept (A's page, in the trash)...
      const hold = holdImageFiles(store.db);
      const [page] = await storeImageFile(store, hold, 'again.png', p.shared);
      // ...the trash is emptied before it writes its page...
      expect(store.write((tx) => emptyTrash(tx))).toEqual({ documents: 1, images: 0 });
      // ...and the page it writes shows the image.
      store.write((tx) =>
        insertSurface(tx, {
          documentId: Number(b.id),
          xmlId: 'again-1',
          n: null,
          imageId: page!.imageId,
          ulx: 0,
          uly: 0,
          lrx: page!.width,
          lry: page!.height,
        }),
      );
      store.write((tx) => hold.release(tx));
      expect(store.write((tx) => collectUnshownImages(tx))).toBe(0);
    } finally {
      store.close();
    }
    expect(stored(path).files).toEqual(['shared.png']);
    const again = service('race.siglum', {});
    const [shown] = await again.listSurfaces({ documentId: b.id });
    expect((await again.imageTile({ imageId: shown!.image!.id, level: 0, x: 0, y: 0 })).mediaType).toBe('image/jpeg');
  });
});

describe('an import in another connection', () => {
  it("keeps the images another connection's import holds from this one's clean-up, until it lets go", async () => {
    const { path, s, p } = await project('two-connections.siglum');
    s.close();
    const app = Store.open(path);
    const cli = Store.open(path);
    try {
      // The command line's import keeps a page and has not yet written its surface...
      const hold = holdImageFiles(cli.db);
      await storeImageFile(cli, hold, 'found.png', p.title);
      // ...while the app, with the same project open, cleans up.
      expect(app.write((tx) => collectUnshownImages(tx))).toBe(0);
      expect(stored(path).files).toEqual(['found.png']);
      // Once the import lets go (its page never written), the image goes.
      cli.write((tx) => hold.release(tx));
      expect(app.write((tx) => collectUnshownImages(tx))).toBe(1);
      expect(stored(path)).toEqual({ files: [], tiles: 0 });
    } finally {
      cli.close();
      app.close();
    }
  });

  it('lets go of the holds of a process that is gone, and keeps those of one that runs', async () => {
    const { path, s, p } = await project('gone.siglum');
    s.close();
    const store = Store.open(path);
    const running = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    try {
      const gone = spawnSync(process.execPath, ['-e', '']).pid!;
      const [first] = await storeImageFile(store, holdImageFiles(store.db), 'gone.png', p.title);
      const [second] = await storeImageFile(store, holdImageFiles(store.db), 'running.png', p.shared);
      // Their holds as other processes left them: one stopped mid-import, one still importing.
      const fileOf = (imageId: number) => getImageRow(store.db, imageId).fileId;
      store.write((tx) => {
        tx.db.prepare('UPDATE image_holds SET pid = ? WHERE file_id = ?').run(gone, fileOf(first!.imageId));
        tx.db.prepare('UPDATE image_holds SET pid = ? WHERE file_id = ?').run(running.pid, fileOf(second!.imageId));
      });
      expect(store.write((tx) => collectUnshownImages(tx))).toBe(1);
      expect(stored(path).files).toEqual(['running.png']);
      running.kill();
      await new Promise((exited) => running.once('exit', exited));
      expect(store.write((tx) => collectUnshownImages(tx))).toBe(1);
      expect(stored(path).files).toEqual([]);
    } finally {
      running.kill();
      store.close();
    }
  });
});
