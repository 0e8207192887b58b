/**
 * An import's files read as the import needs them (electron/service/import-source.ts):
 * a METS volume's page images are read one by one as their turn comes, never all before
 * the first is kept; images sent ahead one call each (`stageImportFile`), as the window
 * sends them; and nothing that comes over the API can name a file to read.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isApiMethod } from '../../../edition/api.ts';
import { importSourceFiles } from '../../../electron/cli/facsimile-input.ts';
import type { SourceFile } from '../../../electron/service/import-source.ts';
import { repeatedMets } from '../../bench/facsimile-volume.ts';
import { KANT } from '../../unit/facsimile/ocr.ts';
import { serviceFixture } from './helpers.ts';

const { service, tmp } = serviceFixture();

describe('a volume read from disk as the import needs each file', () => {
  it('reads each page image once, when its turn comes: never more than one ahead of those being kept', async () => {
    const mets = repeatedMets(tmp.file('volume'), 5);
    const project = tmp.file('volume.siglum');
    const s = service('volume.siglum');
    const db = new Database(project, { readonly: true });
    // Per read of an image: its name and how many images the project had begun keeping then.
    const reads: Array<{ name: string; kept: number }> = [];
    const kept = (): number => (db.prepare('SELECT COUNT(*) AS n FROM image_files').get() as { n: number }).n;
    const files = (await importSourceFiles([mets])).map((f): SourceFile =>
      f.name.endsWith('.tif')
        ? {
            ...f,
            bytes: () => {
              reads.push({ name: f.name, kept: kept() });
              return f.bytes();
            },
          }
        : f,
    );
    expect(reads).toEqual([]);
    try {
      const result = await s.importSources(files);
      expect((await s.listSurfaces({ documentId: result.documents[0]!.id })).map((x) => x.image?.name)).toEqual([
        'IMG_0001.tif',
        'IMG_0002.tif',
        'IMG_0003.tif',
        'IMG_0004.tif',
        'IMG_0005.tif',
      ]);
    } finally {
      db.close();
    }
    expect(reads.map((r) => r.name)).toEqual([1, 2, 3, 4, 5].map((n) => `OCR-D-IMG/IMG_000${n}.tif`));
    // Two at a time: the k-th image is read once all but one of those before it are kept.
    reads.forEach((r, k) => expect(r.kept, `when ${r.name} was read`).toBeGreaterThanOrEqual(k - 1));
  });
});

describe('a volume whose images are kept while its transcriptions are read', () => {
  /** The 6-page volume's files, each read logged in `log` as `image N` or `page N`. */
  async function loggedVolume(folder: string, log: string[]): Promise<SourceFile[]> {
    const files = await importSourceFiles([repeatedMets(tmp.file(folder), 6)]);
    return files.map((f): SourceFile => {
      const n = /_(\d{4})\.(?:tif|xml)$/.exec(f.name)?.[1];
      if (n === undefined) return f;
      const what = `${f.name.endsWith('.tif') ? 'image' : 'page'} ${Number(n)}`;
      return {
        ...f,
        bytes: () => (log.push(what), f.bytes()),
        file: () => (log.push(what), f.file()),
      };
    });
  }

  it('begins keeping the first images before the last page is read', async () => {
    const s = service('overlap.siglum');
    const log: string[] = [];
    const result = await s.importSources(await loggedVolume('overlap', log));
    expect((await s.listSurfaces({ documentId: result.documents[0]!.id })).length).toBe(6);
    expect(log.filter((l) => l.startsWith('image'))).toEqual([1, 2, 3, 4, 5, 6].map((n) => `image ${n}`));
    expect(log.indexOf('image 1')).toBeLessThan(log.indexOf('page 6'));
  });

  it('stops at a page it cannot read: begins no further image, and leaves no image behind', async () => {
    const project = tmp.file('broken.siglum');
    const s = service('broken.siglum');
    const log: string[] = [];
    const files = (await loggedVolume('broken', log)).map((f): SourceFile => {
      if (!f.name.endsWith('PAGE_0002.xml')) return f;
      const text = '<notes>not a page</notes>';
      return {
        ...f,
        size: text.length,
        head: async () => text,
        file: async () => (log.push('page 2'), { name: f.name, text }),
      };
    });
    await expect(s.importSources(files)).rejects.toThrow(
      /^OCR-D-GT-PAGE\/PAGE_0002\.xml, named by the METS for page .* is neither PAGE XML nor ALTO\.$/,
    );
    // The two images begun before the failure were finished, and nothing after them.
    expect(log.filter((l) => l.startsWith('image')).length).toBeLessThanOrEqual(2);
    const db = new Database(project, { readonly: true });
    try {
      expect(db.prepare('SELECT COUNT(*) AS n FROM image_files').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT COUNT(*) AS n FROM image_holds').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});

describe('files sent ahead of their import', () => {
  it('imports the Kant METS with its images staged one call each, and forgets them once imported', async () => {
    const s = service('staged.siglum');
    const text = (name: string) => ({ name, text: readFileSync(join(KANT, name), 'utf8') });
    const images = ['OCR-D-IMG/INPUT_0017.tif', 'OCR-D-IMG/INPUT_0020.tif'];
    const staged = [];
    for (const name of images) {
      const base64 = readFileSync(join(KANT, name)).toString('base64');
      staged.push({ name, ...(await s.stageImportFile({ name, base64 })) });
    }
    const files = [
      text('mets.xml'),
      text('OCR-D-GT-PAGE/PAGE_0017_PAGE.xml'),
      text('OCR-D-GT-PAGE/PAGE_0020_PAGE.xml'),
      ...staged,
    ];
    const result = await s.importFiles({ files });
    expect(result.warnings ?? []).toEqual([]);
    const surfaces = await s.listSurfaces({ documentId: result.documents[0]!.id });
    expect(surfaces.map((x) => [x.image?.name, x.image?.bytes])).toEqual(
      images.map((name) => [name.split('/').pop(), readFileSync(join(KANT, name)).length]),
    );
    // The originals are the bytes sent, known by the SHA-256 of those bytes (taken as they were staged).
    const db = new Database(tmp.file('staged.siglum'), { readonly: true });
    try {
      const kept = db.prepare('SELECT name, sha256, original FROM image_files ORDER BY name').all() as Array<{
        name: string;
        sha256: string;
        original: Buffer;
      }>;
      expect(kept.map((k) => k.name)).toEqual(['INPUT_0017.tif', 'INPUT_0020.tif']);
      for (const [i, k] of kept.entries()) {
        const sent = readFileSync(join(KANT, images[i]!));
        expect(k.original.equals(sent), k.name).toBe(true);
        expect(k.sha256).toBe(createHash('sha256').update(sent).digest('hex'));
      }
    } finally {
      db.close();
    }
    // Imported, the staged files are gone: naming them again is a sentence, not a stale read.
    await expect(s.importFiles({ files: [staged[0]!] })).rejects.toThrow(
      /^OCR-D-IMG\/INPUT_0017\.tif is no longer waiting for its import .*Choose the files again\.$/,
    );
  });
});

describe('the API and the files it reads', () => {
  it('takes file contents only: a file named by a path is refused, and the in-process import is no API method', async () => {
    const s = service('paths.siglum');
    await expect(
      s.importFiles({ files: [{ name: 'passwd.txt', path: '/etc/passwd' } as unknown as { name: string }] }),
    ).rejects.toThrow(/^passwd\.txt: the file has no content\.$/);
    expect((await s.listDocuments({})).length).toBe(0);
    expect(isApiMethod('importSources')).toBe(false);
    // A staged file is known by its token only: a path in its place is no token.
    await expect(s.importFiles({ files: [{ name: 'passwd', staged: '/etc/passwd' }] })).rejects.toThrow(
      /^passwd: the file has no content\.$/,
    );
  });
});
