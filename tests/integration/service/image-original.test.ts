/**
 * `imageOriginal`: the image files a TEI export lists (to write beside it) read back
 * byte for byte by the ids the export gives, and refused with a sentence for an id that
 * names no image file.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { serviceFixture } from './helpers.ts';

const { service } = serviceFixture();

async function png(colour: string): Promise<Buffer> {
  return sharp({ create: { width: 30, height: 20, channels: 3, background: colour } })
    .png()
    .toBuffer();
}

describe('imageOriginal', () => {
  it("answers each image of a TEI export as the bytes that were added, by the export's file ids", async () => {
    const s = service('originals.siglum');
    const d = await s.createDocument({ title: 'Two pages' });
    const files = [
      { name: 'red.png', bytes: await png('#ff0000') },
      { name: 'blue.png', bytes: await png('#0000ff') },
    ];
    await s.addPageImages({
      documentId: d.id,
      files: files.map((f) => ({ name: f.name, base64: f.bytes.toString('base64') })),
    });
    const { images } = await s.exportTei({ documentId: d.id });
    expect(images?.map((i) => i.path.replace(/^[^/]+\//, ''))).toEqual(['red.png', 'blue.png']);
    for (const [i, image] of (images ?? []).entries()) {
      const original = await s.imageOriginal({ fileId: image.fileId });
      expect([original.name, original.mediaType]).toEqual([files[i]!.name, 'image/png']);
      expect(Buffer.from(original.base64, 'base64').equals(files[i]!.bytes)).toBe(true);
    }
  });

  it('refuses an id that names no image file, or none at all, with a sentence', async () => {
    const s = service('refusals.siglum');
    const d = await s.createDocument({ title: 'One page' });
    await s.addPageImages({
      documentId: d.id,
      files: [{ name: 'p.png', base64: (await png('#00ff00')).toString('base64') }],
    });
    const { images } = await s.exportTei({ documentId: d.id });
    const unused = String(Number(images![0]!.fileId) + 1);
    await expect(s.imageOriginal({ fileId: unused })).rejects.toMatchObject({
      code: 'not-found',
      message: `There is no image file with id "${unused}". Export the TEI again to get the ids of its images.`,
    });
    await expect(s.imageOriginal({ fileId: 'p.png' })).rejects.toMatchObject({
      code: 'not-found',
      message: 'There is no image file with id "p.png". Export the TEI again to get the ids of its images.',
    });
    await expect(s.imageOriginal({} as never)).rejects.toMatchObject({ code: 'bad-input' });
  });
});
