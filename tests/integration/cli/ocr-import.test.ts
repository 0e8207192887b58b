/**
 * `siglum import` of facsimile sources, run as a user runs it: the Kant METS (its images
 * and PAGE files gathered from beside it), a PAGE file that finds its image in the folder
 * above (METS layout), and one whose image is missing (a warning, still imported).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const bin = join(root, 'electron/bin/siglum.mjs');
const kant = resolve(root, '../shared/corpus/facsimile/kant_aufklaerung_1784');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'siglum-facs-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function siglum(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, SIGLUM_PROJECT: '' },
    timeout: 180_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('siglum import of page images and their transcriptions', () => {
  it('imports the Kant METS with the images and PAGE files it names, as one document', () => {
    const project = join(dir, 'p.siglum');
    const r = siglum(['import', join(kant, 'mets.xml'), '--project', project, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { documents: Array<{ id: string; title: string }> };
    expect(out.documents.map((d) => d.title)).toEqual(['mets']);
  });

  it('keeps its title when its TEI export is imported, and when that is imported again (Replace, Update)', () => {
    const project = join(dir, 'p.siglum');
    expect(siglum(['import', join(kant, 'mets.xml'), '--project', project]).status).toBe(0);
    const tei = join(dir, 'kant.xml');
    expect(siglum(['export', '1', '--format', 'tei', '--out', tei, '--project', project]).status).toBe(0);
    // The file's text opens with a heading ("Berliniſche Monatsſchrift."), which is not the document's title.
    expect(readFileSync(tei, 'utf8')).toMatch(
      /<title>mets<\/title>[^]*<head facs="[^"]+"><lb facs="[^"]+"\/><hi rend="bold">Berlini/,
    );
    const again = join(dir, 'again.siglum');
    for (const choice of [[], ['--replace'], ['--update']]) {
      const r = siglum(['import', tei, '--project', again, '--json', ...choice]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect((JSON.parse(r.stdout) as { documents: Array<{ title: string }> }).documents.map((d) => d.title)).toEqual([
        'mets',
      ]);
      const listed = JSON.parse(siglum(['list', '--project', again, '--json']).stdout) as {
        documents: Array<{ title: string }>;
      };
      expect(listed.documents.map((d) => d.title)).toEqual(['mets']);
    }
  });

  it("finds a PAGE file's image in the folder above, and imports one without its image with a warning", () => {
    const project = join(dir, 'p.siglum');
    const found = siglum(['import', join(kant, 'OCR-D-GT-PAGE/PAGE_0017_PAGE.xml'), '--project', project]);
    expect(found.stderr).toBe('');
    expect(found.status).toBe(0);
    const alone = join(dir, 'PAGE_0020_PAGE.xml');
    copyFileSync(join(kant, 'OCR-D-GT-PAGE/PAGE_0020_PAGE.xml'), alone);
    const missing = siglum(['import', alone, '--project', project]);
    expect(missing.status).toBe(0);
    expect(missing.stdout).toMatch(/Imported 1 document/);
    expect(missing.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^siglum: warning: .*OCR-D-IMG\/INPUT_0020\.tif\) was not found, so the page has no image/),
    ]);
  });
});
