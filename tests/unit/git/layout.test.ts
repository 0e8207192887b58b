import { describe, expect, it } from 'vitest';
import {
  imageFileName,
  imagePathOfUrl,
  imageUrl,
  readManifest,
  stableJson,
  type Manifest,
} from '../../../edition/git/layout.ts';

const SHA = 'ab'.repeat(32);

describe('page images in the repository layout', () => {
  it('names an image file by its SHA-256 and the extension of its name, else of its media type', () => {
    expect(imageFileName(SHA, 'INPUT_0017.TIF', 'image/tiff')).toBe(`${SHA}.tif`);
    expect(imageFileName(SHA, 'scan of page 3', 'image/jpeg')).toBe(`${SHA}.jpg`);
    expect(imageFileName(SHA, 'page.weird-extension', 'image/png')).toBe(`${SHA}.png`);
    expect(() => imageFileName('not-a-hash', 'a.png', 'image/png')).toThrow(RangeError);
  });

  it('points a document file at images/ one folder up, and reads only such urls back as paths', () => {
    const url = imageUrl(`${SHA}.png`);
    expect(url).toBe(`../images/${SHA}.png`);
    expect(imagePathOfUrl(url)).toBe(`images/${SHA}.png`);
    for (const other of [
      'kant-images/INPUT_0017.tif',
      '../images/../siglum.json',
      '../images/.hidden',
      'images/a.png',
    ]) {
      expect(imagePathOfUrl(other), other).toBeNull();
    }
  });

  it("keeps the images' names in the manifest, and reads a manifest without any as before", () => {
    const manifest: Manifest = {
      format: 1,
      title: 'Kant',
      volumes: [],
      documents: [{ path: 'documents/kant.xml', title: 'Kant', volume: null }],
      images: { [`${SHA}.tif`]: 'INPUT_0017.tif' },
    };
    expect(readManifest(stableJson(manifest))).toEqual(manifest);
    const { images: _images, ...without } = manifest;
    expect(readManifest(stableJson(without))).toEqual(without);
  });
});
