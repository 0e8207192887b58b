/**
 * Writing a published edition to disk: every file lands inside the chosen folder,
 * paths that would leave it are refused before anything is written, and a folder
 * that cannot be written is a sentence the user can act on.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SiglumError } from '../../../edition/errors.ts';
import { publishHtml, publishLatex, writeEditionFolder } from '../../../electron/publish/index.ts';
import { seedEdition } from '../print/seed-edition.ts';

const repoRoot = join(import.meta.dirname, '../../..');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'siglum-publish-write-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('writing an edition to disk', () => {
  it('writes the HTML edition into the folder, assets in their subfolder, and says where to open it', async () => {
    const out = await publishHtml(seedEdition(), join(dir, 'site'));
    expect(out.index).toBe(join(dir, 'site', 'index.html'));
    expect(out.rejected).toEqual([]);
    expect(readdirSync(join(dir, 'site')).sort()).toEqual([
      'assets',
      'doc-1.html',
      'index.html',
      'organisations.html',
      'persons.html',
      'places.html',
      'search.html',
    ]);
    expect(readdirSync(join(dir, 'site', 'assets')).sort()).toEqual([
      'edition.css',
      'edition.js',
      'fonts',
      'search-index.js',
    ]);
    // The shipped fonts, byte for byte, with the stylesheet edition.css imports.
    const fonts = readdirSync(join(dir, 'site', 'assets', 'fonts'));
    expect(fonts).toContain('fonts.css');
    expect(fonts).toContain('gentium-book-plus-400-normal.woff2');
    expect(readFileSync(join(dir, 'site', 'assets', 'edition.css'), 'utf8')).toContain(
      '@import url("fonts/fonts.css")',
    );
    for (const font of fonts) {
      expect(readFileSync(join(dir, 'site', 'assets', 'fonts', font)), font).toEqual(
        readFileSync(join(repoRoot, 'resources', 'fonts', font)),
      );
    }
    expect(out.files).toBe(9 + fonts.length);
    expect(readFileSync(out.index, 'utf8')).toContain(
      '<title>Papers relating to Japan and the Soviet Union, 1933</title>',
    );
  });

  it.each(['../escape.html', '/etc/x.html', 'a//b.html', 'a/../../b.html', '.hidden', '', 'a\\b.html', 'sub/'])(
    'refuses the path %j and writes nothing',
    async (path) => {
      const folder = join(dir, `refused-${Math.random().toString(36).slice(2)}`);
      const files = new Map([
        ['index.html', 'ok'],
        [path, 'bad'],
      ]);
      await expect(writeEditionFolder(folder, files)).rejects.toThrow(RangeError);
      expect(existsSync(folder)).toBe(false);
    },
  );

  it('reports a folder that cannot be made as an io error naming it', async () => {
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const error = await writeEditionFolder(join(blocker, 'site'), new Map([['index.html', 'x']])).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SiglumError);
    expect((error as SiglumError).code).toBe('io');
    expect((error as SiglumError).message).toContain(join(blocker, 'site'));
  });

  it('writes the LaTeX file', async () => {
    const out = await publishLatex(seedEdition(), join(dir, 'seed.tex'));
    const tex = readFileSync(out.path, 'utf8');
    expect(tex).toContain('\\usepackage[series={A,B}]{reledmac}');
    expect(tex).toContain('\\siglumsigned{Joseph C. Grew}');
  });
});
