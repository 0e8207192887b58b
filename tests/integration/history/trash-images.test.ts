/**
 * Page images and the trash: deleting documents for good (purgeTrash, emptyTrash) removes
 * the image files and tiles nothing shows any more, and keeps those another document or
 * another entry of the trash (which Restore would bring back) still shows.
 */
import { describe, expect, it } from 'vitest';
import { pageImageFixture, png, stored } from './page-images.ts';

const { project } = pageImageFixture();

describe('page images and the trash', () => {
  it('removes, with a purged document, the images only it showed, and keeps one another document shows', async () => {
    const { path, s, p } = await project('purge.siglum');
    const a = await s.createDocument({ title: 'A' });
    const b = await s.createDocument({ title: 'B' });
    await s.addPageImages({ documentId: a.id, files: [png('title.png', p.title), png('shared.png', p.shared)] });
    const [onB] = await s.addPageImages({ documentId: b.id, files: [png('shared-again.png', p.shared)] });
    // The same bytes are kept once.
    expect(stored(path).files).toEqual(['shared.png', 'title.png']);
    const tilesOfShared = stored(path).tiles;

    await s.deleteDocument({ id: a.id });
    // In the trash, A can come back with its pages: nothing is removed yet.
    expect(stored(path).files).toEqual(['shared.png', 'title.png']);
    const [entry] = await s.listTrash({});
    expect(await s.purgeTrash({ id: entry!.id })).toEqual({ documents: 1, images: 1 });
    const after = stored(path);
    expect(after.files).toEqual(['shared.png']);
    expect(after.tiles).toBeGreaterThan(0);
    expect(after.tiles).toBeLessThan(tilesOfShared);
    // B's page still shows its image.
    const tile = await s.imageTile({ imageId: onB!.image!.id, level: 0, x: 0, y: 0 });
    expect(tile.mediaType).toBe('image/jpeg');
    await expect(s.purgeTrash({ id: entry!.id })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('keeps an image while another entry of the trash shows it, so that Restore brings the page back whole', async () => {
    const { path, s, p } = await project('restore.siglum');
    const folder = await s.createCollection({ title: 'Volume' });
    const a = await s.createDocument({ title: 'A' });
    const b = await s.createDocument({ title: 'B', collectionId: folder.id });
    await s.addPageImages({ documentId: a.id, files: [png('shared.png', p.shared)] });
    await s.addPageImages({ documentId: b.id, files: [png('shared.png', p.shared), png('other.png', p.other)] });

    await s.deleteDocument({ id: a.id });
    await s.deleteCollection({ id: folder.id });
    const entryOf = async (id: string) => (await s.listTrash({})).find((t) => t.documentId === id)!.id;
    // A's only image is B's too, and B waits in the trash.
    expect(await s.purgeTrash({ id: await entryOf(a.id) })).toEqual({ documents: 1, images: 0 });
    expect(stored(path).files).toEqual(['other.png', 'shared.png']);

    const back = await s.restoreFromTrash({ id: await entryOf(b.id) });
    const surfaces = await s.listSurfaces({ documentId: back.id });
    expect(surfaces.map((x) => x.image?.name)).toEqual(['shared.png', 'other.png']);
    for (const x of surfaces) {
      expect((await s.imageTile({ imageId: x.image!.id, level: 0, x: 0, y: 0 })).mediaType).toBe('image/jpeg');
    }

    // Deleted again and the trash emptied: nothing shows either image, and none is left.
    await s.deleteDocument({ id: back.id });
    expect(await s.emptyTrash({})).toEqual({ documents: 1, images: 2 });
    expect(stored(path)).toEqual({ files: [], tiles: 0 });
    expect(await s.listTrash({})).toEqual([]);
    expect(await s.emptyTrash({})).toEqual({ documents: 0, images: 0 });
  });
});
