/**
 * Which files of an import belong together (edition/facsimile/bundle.ts) and the
 * facsimile sources the service reads from them (electron/service/facsimile-sources.ts):
 * a METS with its parts, a PAGE file with its image found in the METS layout, loose images.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  fileFinder,
  imageCandidates,
  normalizePath,
  relativePath,
  resolveRef,
} from '../../../edition/facsimile/bundle.ts';
import { readFacsimileSources } from '../../../electron/service/facsimile-sources.ts';
import { wireFile, type SourceFile } from '../../../electron/service/import-source.ts';
import { docLines, KANT } from './ocr.ts';

const file = (name: string): SourceFile =>
  wireFile({ name, base64: readFileSync(join(KANT, name)).toString('base64') });
/** The Kant METS and the images and PAGE files it names, by their paths in its folder. */
const names = [
  'mets.xml',
  'OCR-D-IMG/INPUT_0017.tif',
  'OCR-D-IMG/INPUT_0020.tif',
  'OCR-D-GT-PAGE/PAGE_0017_PAGE.xml',
  'OCR-D-GT-PAGE/PAGE_0020_PAGE.xml',
];
const noProbe = async (): Promise<Record<string, never>> => ({});

describe('names of files that belong together', () => {
  it('reads a reference relative to the folder of the file that makes it, never above the top', () => {
    expect(resolveRef('mets.xml', 'OCR-D-IMG/INPUT_0017.tif')).toBe('OCR-D-IMG/INPUT_0017.tif');
    expect(resolveRef('a/b/x.xml', '../img/./p.png')).toBe('a/img/p.png');
    expect(resolveRef('x.xml', '../p.png')).toBeNull();
    expect(resolveRef('x.xml', 'https://example.org/p.png')).toBeNull();
    expect(resolveRef('x.xml', '/etc/passwd')).toBeNull();
    expect(normalizePath('a\\b\\..\\c')).toBe('a/c');
  });

  it("names a TEI graphic's image by its path from the TEI's folder, above it too, but never an external address", () => {
    expect(relativePath('../images/./p1.jpg')).toBe('../images/p1.jpg');
    expect(relativePath('a/../../b/../../p.png')).toBe('../../p.png');
    expect(relativePath('F-images\\p1.tif')).toBe('F-images/p1.tif');
    expect(relativePath('/etc/passwd.png')).toBeNull();
    expect(relativePath('file:///home/me/p.png')).toBeNull();
    expect(relativePath('C:\\scans\\p.png')).toBeNull();
    const find = fileFinder(['../images/p1.jpg', 'p2.jpg']);
    expect(find(relativePath('../images/p1.jpg')!)).toEqual({ found: '../images/p1.jpg' });
    expect(find(relativePath('../scans/p2.jpg')!)).toEqual({ found: 'p2.jpg' });
  });

  it("looks for a PAGE file's image beside it, in the folder above (METS layout), then by its bare name", () => {
    expect(imageCandidates('OCR-D-GT-PAGE/PAGE_0017_PAGE.xml', 'OCR-D-IMG/INPUT_0017.tif')).toEqual([
      'OCR-D-GT-PAGE/OCR-D-IMG/INPUT_0017.tif',
      'OCR-D-IMG/INPUT_0017.tif',
      'OCR-D-GT-PAGE/INPUT_0017.tif',
    ]);
  });
});

describe('facsimile sources among the files of an import', () => {
  it('ties a METS to the images and PAGE files it names, and leaves other files alone', async () => {
    const other = wireFile({ name: 'letter.txt', text: 'Dear Sir,\n' });
    const { sources, rest } = await readFacsimileSources([...names.map(file), other], noProbe);
    expect(rest).toEqual([other]);
    expect(sources).toHaveLength(1);
    expect(sources[0]!.images.map((f) => f?.name)).toEqual(['OCR-D-IMG/INPUT_0017.tif', 'OCR-D-IMG/INPUT_0020.tif']);
    expect(docLines(sources[0]!.result.doc).length).toBe(24 + 31);
    expect(sources[0]!.result.warnings).toEqual([]);
  });

  it('finds a PAGE file’s image relative to the folder above, and imports it without one, with a warning', async () => {
    const page = file('OCR-D-GT-PAGE/PAGE_0020_PAGE.xml');
    const withImage = await readFacsimileSources([page, file('OCR-D-IMG/INPUT_0020.tif')], noProbe);
    expect(withImage.sources.map((s) => s.images.map((f) => f?.name))).toEqual([['OCR-D-IMG/INPUT_0020.tif']]);
    const alone = await readFacsimileSources([page], noProbe);
    expect(alone.sources[0]!.images).toEqual([null]);
    expect(alone.sources[0]!.result.warnings).toEqual([
      expect.stringMatching(
        /The image of page 1 \(OCR-D-IMG\/INPUT_0020\.tif\) was not found, so the page has no image/,
      ),
    ]);
  });

  it('makes the loose images of an import one document, a page each, in the order given', async () => {
    const probe = async (f: SourceFile): Promise<{ width: number; height: number }> =>
      f.name.endsWith('17.tif') ? { width: 10, height: 20 } : { width: 30, height: 40 };
    const { sources } = await readFacsimileSources(
      [file('OCR-D-IMG/INPUT_0020.tif'), file('OCR-D-IMG/INPUT_0017.tif')],
      probe,
    );
    expect(sources).toHaveLength(1);
    expect(sources[0]!.result.surfaces.map((s) => [s.id, s.lrx, s.lry])).toEqual([
      ['INPUT_0020', 30, 40],
      ['INPUT_0017', 10, 20],
    ]);
  });
});

describe('images that belong to a TEI file', () => {
  it('leaves images for the TEI import when the import holds a TEI or text file', async () => {
    const tei = wireFile({ name: 'volume.xml', text: '<TEI xmlns="http://www.tei-c.org/ns/1.0"/>' });
    const image = file('OCR-D-IMG/INPUT_0017.tif');
    const { sources, rest } = await readFacsimileSources([tei, image], noProbe);
    expect(sources).toEqual([]);
    expect(rest).toEqual([tei, image]);
  });
});

describe('limits', () => {
  it('refuses a PAGE file over the import limit before reading it, in a sentence', async () => {
    const big = wireFile({
      name: 'big.xml',
      text: `<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15">${' '.repeat(65 * 2 ** 20)}</PcGts>`,
    });
    await expect(readFacsimileSources([big], noProbe)).rejects.toThrow(
      /big\.xml: the file is 65 MB; Siglum imports files up to 64 MB/,
    );
  });
});

describe('files chosen in a picker, by bare names', () => {
  /** The file of the Kant folder at `path`, under its bare name (as a browser hands it over). */
  const bare = (path: string): SourceFile => ({ ...file(path), name: path.split('/').pop()! });

  it('finds a named path by its whole name, else by a base name only one file has', () => {
    const find = fileFinder(['mets.xml', 'INPUT_0017.tif', 'a/p.xml', 'b/p.xml', 'OCR-D-IMG/INPUT_0020.tif']);
    expect(find('OCR-D-IMG/INPUT_0017.tif')).toEqual({ found: 'INPUT_0017.tif' });
    expect(find('OCR-D-IMG/INPUT_0020.tif')).toEqual({ found: 'OCR-D-IMG/INPUT_0020.tif' });
    expect(find('x/INPUT_0020.tif')).toEqual({ found: 'OCR-D-IMG/INPUT_0020.tif' });
    expect(find('a/p.xml')).toEqual({ found: 'a/p.xml' });
    expect(find('c/p.xml')).toEqual({ ambiguous: ['a/p.xml', 'b/p.xml'] });
    expect(find('OCR-D-IMG/INPUT_0099.tif')).toEqual({ missing: true });
  });

  it('ties a METS to its images and PAGE files when every file comes by its bare name', async () => {
    const { sources, rest } = await readFacsimileSources(names.map(bare), noProbe);
    expect(rest).toEqual([]);
    expect(sources).toHaveLength(1);
    expect(sources[0]!.images.map((f) => f?.name)).toEqual(['INPUT_0017.tif', 'INPUT_0020.tif']);
    expect(docLines(sources[0]!.result.doc).length).toBe(24 + 31);
    expect(sources[0]!.result.warnings).toEqual([]);
  });

  it('takes neither of two files a bare name may mean, and says so naming the file', async () => {
    const twice = [...names.map(bare), { ...file('OCR-D-IMG/INPUT_0017.tif'), name: 'copy/INPUT_0017.tif' }];
    const { sources, rest } = await readFacsimileSources(twice, noProbe);
    // Neither becomes a document of loose images either.
    expect(sources).toHaveLength(1);
    expect(rest).toEqual([]);
    expect(sources[0]!.images.map((f) => f?.name ?? null)).toEqual([null, 'INPUT_0020.tif']);
    expect(sources[0]!.result.warnings[0]).toBe(
      'mets.xml names OCR-D-IMG/INPUT_0017.tif, and 2 of the imported files are called INPUT_0017.tif (INPUT_0017.tif, copy/INPUT_0017.tif), so none was used: import the files with their folders, or only the one it means.',
    );
  });

  it('finds a lone PAGE file’s image by its bare name', async () => {
    const { sources } = await readFacsimileSources(
      [file('OCR-D-GT-PAGE/PAGE_0020_PAGE.xml'), { ...file('OCR-D-IMG/INPUT_0020.tif'), name: 'scans/INPUT_0020.tif' }],
      noProbe,
    );
    expect(sources.map((s) => s.images.map((f) => f?.name))).toEqual([['scans/INPUT_0020.tif']]);
    expect(sources[0]!.result.warnings).toEqual([]);
  });
});
