/**
 * The ZIP a TEI export with page images is downloaded as: the XML deflated first, the
 * images stored byte for byte at their paths; and the notice that says what came with it.
 */
import { unzipSync, type UnzipFileInfo } from 'fflate';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { downloadNotice, teiZip, zipNameOf } from '../../../renderer/io/teiDownload.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const kant = join(root, '../shared/corpus/facsimile/kant_aufklaerung_1784/OCR-D-IMG');

describe('the TEI ZIP', () => {
  it('holds the XML deflated and each image stored as it is, at the paths given, in that order', () => {
    const xml = `<TEI xmlns="http://www.tei-c.org/ns/1.0">${'<p>Sapere aude!</p>'.repeat(200)}</TEI>\n`;
    const images = ['INPUT_0017.tif', 'INPUT_0020.tif'].map((name) => ({
      path: `kant-d1-images/${name}`,
      bytes: new Uint8Array(readFileSync(join(kant, name))),
    }));
    const zip = teiZip('kant-d1.xml', xml);
    for (const image of images) zip.add(image.path, image.bytes);
    const chunks = zip.finish();
    const bytes = new Uint8Array(Buffer.concat(chunks));

    const infos: UnzipFileInfo[] = [];
    const files = unzipSync(bytes, { filter: (info) => (infos.push(info), true) });
    expect(Object.keys(files)).toEqual(['kant-d1.xml', ...images.map((i) => i.path)]);
    expect(new TextDecoder().decode(files['kant-d1.xml'])).toBe(xml);
    for (const image of images) expect(Buffer.from(files[image.path]!).equals(Buffer.from(image.bytes))).toBe(true);
    // 8 is deflate, 0 stored.
    expect(infos.map((i) => i.compression)).toEqual([8, 0, 0]);
    expect(infos[0]!.size).toBeLessThan(xml.length / 10);
  });

  it('is named after the TEI file', () => {
    expect(zipNameOf('kant-d1.xml')).toBe('kant-d1.zip');
    expect(zipNameOf('volume.tei')).toBe('volume.zip');
  });
});

describe('the notice after a TEI download', () => {
  const clean = { checked: 12, dangling: [] };
  const zip = { fileName: 'f.zip' };

  it('says how many page images came with the file, and nothing when none did and the pointers hold', () => {
    expect(downloadNotice({ ...zip, images: 2 }, clean)).toBe(
      'f.zip was downloaded: the TEI file with its 2 page images in a folder beside it.',
    );
    expect(downloadNotice({ ...zip, images: 1 }, clean)).toBe(
      'f.zip was downloaded: the TEI file with its page image in a folder beside it.',
    );
    expect(downloadNotice({ fileName: 'f.xml', images: 0 }, clean)).toBeNull();
  });

  it('names the first pointer to an id the file does not have, with the images it came with', () => {
    const dangling = { element: 'ref', attribute: 'target', id: 'n9' };
    expect(downloadNotice({ ...zip, images: 2 }, { checked: 12, dangling: [dangling] })).toBe(
      'f.zip was downloaded: the TEI file with its 2 page images in a folder beside it, but 1 of its 12 pointers name ids the file does not have (the first: <ref target="#n9">)',
    );
  });
});
