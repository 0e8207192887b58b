/**
 * Page images on the command line: `siglum import F.xml` brings the images of the
 * folder `F-images/` beside it into the project, and `siglum export ... --format tei
 * --out DIR/G.xml` writes them into `DIR/G-images/`, byte for byte, never over another file.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { openService } from '../../../electron/service/index.ts';

const root = resolve(import.meta.dirname, '../../..');
const bin = join(root, 'electron/bin/siglum.mjs');
const kant = resolve(root, '../shared/corpus/facsimile/kant_aufklaerung_1784/OCR-D-IMG');
const dir = mkdtempSync(join(tmpdir(), 'siglum-facs-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function siglum(args: string[], cwd = dir): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, SIGLUM_PROJECT: '' },
    timeout: 180_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function surfacesOf(project: string): Promise<Array<[string, string | null]>> {
  const s = openService(project);
  try {
    const [doc] = await s.listDocuments({});
    return (await s.listSurfaces({ documentId: doc!.id })).map((x) => [x.id, x.image?.name ?? null]);
  } finally {
    s.close();
  }
}

describe('siglum import and export with page images', () => {
  it('imports a TEI file with its images folder and exports both, then imports the export again', async () => {
    mkdirSync(join(dir, 'in/kant-images'), { recursive: true });
    copyFileSync(join(root, 'tests/fixtures/facsimile/kant.xml'), join(dir, 'in/kant.xml'));
    for (const f of ['INPUT_0017.tif', 'INPUT_0020.tif']) copyFileSync(join(kant, f), join(dir, 'in/kant-images', f));
    const p1 = join(dir, 'one.siglum');
    const imported = siglum(['import', join(dir, 'in/kant.xml'), '--project', p1, '--json']);
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    expect(await surfacesOf(p1)).toEqual([
      ['f17', 'INPUT_0017.tif'],
      ['f20', 'INPUT_0020.tif'],
    ]);
    const collection = (JSON.parse(imported.stdout) as { documents: Array<{ collectionId: string }> }).documents[0]!
      .collectionId;

    mkdirSync(join(dir, 'out'));
    const out = join(dir, 'out/Aufklärung.xml');
    const exported = siglum(['export', '--collection', collection, '--format', 'tei', '--out', out, '--project', p1]);
    expect(exported.stderr).toBe('');
    expect(exported.status).toBe(0);
    const xml = readFileSync(out, 'utf8');
    expect(xml).toContain('<graphic url="Aufklärung-images/INPUT_0017.tif" width="1457px" height="2083px"/>');
    for (const f of ['INPUT_0017.tif', 'INPUT_0020.tif']) {
      expect(readFileSync(join(dir, 'out/Aufklärung-images', f)).equals(readFileSync(join(kant, f)))).toBe(true);
    }

    const p2 = join(dir, 'two.siglum');
    expect(siglum(['import', out, '--project', p2]).status).toBe(0);
    expect(await surfacesOf(p2)).toEqual([
      ['f17', 'INPUT_0017.tif'],
      ['f20', 'INPUT_0020.tif'],
    ]);

    // Another file where an image would go: refused in one line, the file left as it was.
    writeFileSync(join(dir, 'out/Aufklärung-images/INPUT_0017.tif'), 'mine');
    const refused = siglum(['export', '--collection', collection, '--format', 'tei', '--out', out, '--project', p1]);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/INPUT_0017\.tif already exists and is another file/);
    expect(readFileSync(join(dir, 'out/Aufklärung-images/INPUT_0017.tif'), 'utf8')).toBe('mine');
    expect(existsSync(join(dir, 'out/Aufklärung-images/INPUT_0020.tif'))).toBe(true);
  });

  it('imports a hand-written TEI facsimile with the image named on the command line, and exports one document that imports to the same TEI', async () => {
    const inDir = join(dir, 'letter');
    mkdirSync(inDir);
    copyFileSync(join(root, 'tests/fixtures/facsimile/letter.xml'), join(inDir, 'letter.xml'));
    const jpeg = await sharp({ create: { width: 1000, height: 1400, channels: 3, background: '#ddd' } })
      .jpeg()
      .toBuffer();
    writeFileSync(join(inDir, 'page1.jpg'), jpeg);

    const p1 = join(dir, 'letter1.siglum');
    const imported = siglum(['import', join(inDir, 'letter.xml'), join(inDir, 'page1.jpg'), '--project', p1]);
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    expect(await surfacesOf(p1)).toEqual([['s1', 'page1.jpg']]);

    // One document to DIR/F.xml: its facsimile in it, the image beside it, every pointer resolved.
    mkdirSync(join(dir, 'letter-out'));
    const out = join(dir, 'letter-out/F.xml');
    const exported = siglum(['export', '1', '--format', 'tei', '--out', out, '--project', p1]);
    expect(exported.stderr).toBe('');
    expect(exported.status).toBe(0);
    expect(exported.stdout).toContain('2 pointers checked, all resolve.');
    const xml = readFileSync(out, 'utf8');
    expect(xml).toContain('<surface xml:id="s1">');
    expect(xml).toContain('<graphic url="F-images/page1.jpg" width="1000px" height="1400px"/>');
    expect(xml).toContain('<zone xml:id="z1" ulx="10" uly="20" lrx="300" lry="80"/>');
    expect(readFileSync(join(dir, 'letter-out/F-images/page1.jpg')).equals(jpeg)).toBe(true);
    expect(siglum(['validate', out, '--schema', 'tei_all']).status).toBe(0);

    // The export imported again (its image found in F-images/) exports the same text.
    const p2 = join(dir, 'letter2.siglum');
    const again = siglum(['import', out, '--project', p2]);
    expect(again.stderr).toBe('');
    expect(await surfacesOf(p2)).toEqual([['s1', 'page1.jpg']]);
    mkdirSync(join(dir, 'letter-out2'));
    const out2 = join(dir, 'letter-out2/F.xml');
    expect(siglum(['export', '1', '--format', 'tei', '--out', out2, '--project', p2]).status).toBe(0);
    expect(readFileSync(out2, 'utf8')).toBe(xml);
    expect(readFileSync(join(dir, 'letter-out2/F-images/page1.jpg')).equals(jpeg)).toBe(true);

    // The TEI alone: the image its graphic names beside it comes too.
    const p3 = join(dir, 'letter3.siglum');
    expect(siglum(['import', join(inDir, 'letter.xml'), '--project', p3]).stderr).toBe('');
    expect(await surfacesOf(p3)).toEqual([['s1', 'page1.jpg']]);

    // Without its image: imported all the same, with a warning, the page without an image.
    mkdirSync(join(dir, 'alone'));
    copyFileSync(join(inDir, 'letter.xml'), join(dir, 'alone/letter.xml'));
    const p4 = join(dir, 'letter4.siglum');
    const alone = siglum(['import', join(dir, 'alone/letter.xml'), '--project', p4]);
    expect(alone.status).toBe(0);
    expect(alone.stderr).toMatch(/warning: letter\.xml: the image page1\.jpg of page "s1" did not come with the file/);
    expect(await surfacesOf(p4)).toEqual([['s1', null]]);

    // An image no graphic names is refused in a sentence, not read as text.
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    writeFileSync(join(inDir, 'other.png'), png);
    const refused = siglum([
      'import',
      join(inDir, 'letter.xml'),
      join(inDir, 'other.png'),
      '--project',
      join(dir, 'letter5.siglum'),
    ]);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/other\.png: no <graphic url> of the TEI files in this import names this image/);
  });

  it("finds the image a graphic url names above the TEI file's folder (../images/p1.jpg), given or beside it, and never reads an absolute path or a file: url", async () => {
    const base = join(dir, 'climb');
    mkdirSync(join(base, 'tei'), { recursive: true });
    mkdirSync(join(base, 'images'));
    const letter = readFileSync(join(root, 'tests/fixtures/facsimile/letter.xml'), 'utf8');
    const naming = (url: string) => letter.replace('url="page1.jpg"', `url="${url}"`);
    writeFileSync(join(base, 'tei/letter.xml'), naming('../images/p1.jpg'));
    const jpeg = await sharp({ create: { width: 1000, height: 1400, channels: 3, background: '#ccc' } })
      .jpeg()
      .toBuffer();
    writeFileSync(join(base, 'images/p1.jpg'), jpeg);
    const teiDir = join(base, 'tei');

    // As a user in the TEI's folder runs it: the image given after the TEI, before it, or not at all.
    for (const [i, args] of [
      ['letter.xml', '../images/p1.jpg'],
      ['../images/p1.jpg', 'letter.xml'],
      ['letter.xml'],
    ].entries()) {
      const project = join(base, `given${i}.siglum`);
      const imported = siglum(['import', ...args, '--project', project], teiDir);
      expect(imported.stderr).toBe('');
      expect(imported.status).toBe(0);
      expect(await surfacesOf(project)).toEqual([['s1', 'p1.jpg']]);
    }
    // From another folder, the TEI named by its path: its url is still read from the TEI's folder.
    const elsewhere = join(base, 'elsewhere.siglum');
    expect(siglum(['import', 'climb/tei/letter.xml', '--project', elsewhere]).stderr).toBe('');
    expect(await surfacesOf(elsewhere)).toEqual([['s1', 'p1.jpg']]);

    // An absolute path or a file: url to the same image is not read: it stays an address, the page without an image.
    const image = join(base, 'images/p1.jpg');
    for (const [i, url] of [image, pathToFileURL(image).href].entries()) {
      writeFileSync(join(teiDir, `absolute${i}.xml`), naming(url));
      const project = join(base, `absolute${i}.siglum`);
      const alone = siglum(['import', `absolute${i}.xml`, '--project', project], teiDir);
      expect(alone.status).toBe(0);
      expect(await surfacesOf(project)).toEqual([['s1', null]]);
      const exported = siglum([
        'export',
        '1',
        '--format',
        'tei',
        '--out',
        join(base, `absolute${i}-out.xml`),
        '--project',
        project,
      ]);
      expect(exported.status).toBe(0);
      expect(readFileSync(join(base, `absolute${i}-out.xml`), 'utf8')).toContain(`<graphic url="${url}"`);
    }
  });

  it('exports one document of a volume whose facsimile was partly kept as written with the kept pages its text points at', () => {
    const project = join(dir, 'two-letters.siglum');
    const imported = siglum(['import', join(root, 'tests/fixtures/facsimile/two-letters.xml'), '--project', project]);
    expect(imported.status).toBe(0);
    mkdirSync(join(dir, 'two-out'));
    for (const [id, own, other] of [
      ['1', 'xml:id="p2"', 'xml:id="p4"'],
      ['2', 'xml:id="p4"', 'xml:id="p2"'],
    ]) {
      const out = join(dir, `two-out/F${id}.xml`);
      const exported = siglum(['export', id!, '--format', 'tei', '--out', out, '--project', project]);
      expect(exported.stderr).toBe('');
      expect(exported.status).toBe(0);
      expect(exported.stdout).toMatch(/pointers checked, all resolve\./);
      const xml = readFileSync(out, 'utf8');
      expect(xml).toContain(`<surface ${own}`);
      expect(xml).not.toContain(other);
      expect(siglum(['validate', out, '--schema', 'tei_all']).status).toBe(0);
    }
  });
});
