/**
 * Page images on the command line: `siglum import F.xml` brings the images of the
 * folder `F-images/` beside it into the project, and `siglum export ... --format tei
 * --out DIR/G.xml` writes them into `DIR/G-images/`, byte for byte, never over another file.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openService } from '../../../electron/service/index.ts';

const root = resolve(import.meta.dirname, '../../..');
const bin = join(root, 'electron/bin/siglum.mjs');
const kant = resolve(root, '../shared/corpus/facsimile/kant_aufklaerung_1784/OCR-D-IMG');
const dir = mkdtempSync(join(tmpdir(), 'siglum-facs-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function siglum(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
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
});
