/**
 * Where exports may write: never over a project (its file, its -wal and -shm, any
 * other SQLite file), only absolute paths with the format's extension, and with
 * `siglum serve`'s policy only inside its export folder, symbolic links followed.
 * Through the service (the API every host carries) and through the command line.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SiglumError } from '../../../edition/errors.ts';
import { checkExportPath } from '../../../electron/service/export-paths.ts';
import { openService, type SiglumService } from '../../../electron/service/index.ts';
import { tempDir } from '../service/helpers.ts';

const root = resolve(import.meta.dirname, '../../..');
const bin = join(root, 'electron/bin/siglum.mjs');
const seedText = resolve(root, '../shared/corpus/seed/frus1933v03-d63-grew-256.txt');

async function rejection(p: Promise<unknown>): Promise<SiglumError> {
  const e = await p.then(
    () => null,
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(SiglumError);
  return e as SiglumError;
}

describe('exportEdition through the service', () => {
  const tmp = tempDir();
  // A project whose name ends like a LaTeX file, so that only the project check stands in the way.
  const projectPath = tmp.file('edition.tex');
  let service: SiglumService;
  let documentId: string;

  beforeAll(async () => {
    service = openService(projectPath, { create: true });
    documentId = (await service.createDocument({ title: 'A despatch' })).id;
  });
  afterAll(() => {
    service.close();
    tmp.cleanup();
  });

  it('refuses to write over its own project file, and the project keeps working', async () => {
    const size = statSync(projectPath).size;
    const e = await rejection(service.exportEdition({ documentId, format: 'latex', outPath: projectPath }));
    expect(e.code).toBe('forbidden');
    expect(e.message).toMatch(/is the project file itself/);
    expect(statSync(projectPath).size).toBe(size);
    expect((await service.listDocuments({})).map((d) => d.title)).toEqual(['A despatch']);
  });

  it('refuses another project or any SQLite file, and journal files', async () => {
    const other = openService(tmp.file('other.pdf'), { create: true });
    other.close();
    const e = await rejection(service.exportEdition({ documentId, format: 'pdf', outPath: tmp.file('other.pdf') }));
    expect(e.message).toMatch(/is a database/);
    const wal = checkExportPath.bind(null, `${projectPath}-wal`, 'latex', { projectPath });
    expect(wal).toThrow(/project file itself|a LaTeX export is a \.tex file/);
    expect(() => checkExportPath(tmp.file('x.xml-shm'), 'tei', { projectPath: tmp.file('x.xml') })).toThrow(
      /project file itself/,
    );
    expect(() => checkExportPath(tmp.file('y.xml-journal'), 'tei', { projectPath })).toThrow(/journal/);
  });

  it('refuses relative paths, ".." and extensions other than the format’s, writing nothing', async () => {
    const cases: Array<[string, 'pdf' | 'latex' | 'html', RegExp]> = [
      ['edition.tex', 'latex', /the path is relative/],
      [`${tmp.dir}/sub/../evil.tex`, 'latex', /goes up with/],
      [tmp.file('site.pth'), 'latex', /a LaTeX export is a \.tex file/],
      [tmp.file('payload.sh'), 'pdf', /a PDF export is a \.pdf file/],
      [tmp.file('site.pth'), 'html', /an HTML edition is a folder, named without an extension/],
    ];
    for (const [outPath, format, message] of cases) {
      const e = await rejection(service.exportEdition({ documentId, format, outPath }));
      expect(e.code).toBe('forbidden');
      expect(e.message).toMatch(message);
      expect(e.message).toMatch(/Choose a (file|folder)/);
    }
    expect(existsSync(tmp.file('site.pth'))).toBe(false);
    expect(existsSync(tmp.file('evil.tex'))).toBe(false);
  });

  it('does not let an HTML edition replace a project that happens to share a page’s name', async () => {
    const folder = tmp.file('shared-folder');
    mkdirSync(folder);
    const odd = openService(join(folder, 'index.html'), { create: true });
    const id = (await odd.createDocument({ title: 'Kept' })).id;
    const e = await rejection(odd.exportEdition({ documentId: id, format: 'html', outPath: folder }));
    expect(e.message).toMatch(/index\.html: it is a database \(a Siglum project\?\) where the edition has a page/);
    expect((await odd.listDocuments({})).map((d) => d.title)).toEqual(['Kept']);
    expect(readdirSync(folder).filter((f) => !f.startsWith('index.html'))).toEqual([]);
    odd.close();
  });

  it('writes a LaTeX file anywhere the user chose when the host gives no folders', async () => {
    const result = await service.exportEdition({ documentId, format: 'latex', outPath: tmp.file('mine.tex') });
    expect(readFileSync(result.path, 'utf8')).toContain('A despatch');
  });
});

describe('exportEdition with an export folder (siglum serve)', () => {
  const tmp = tempDir();
  const exports = tmp.file('exports');
  let service: SiglumService;
  let documentId: string;

  beforeAll(async () => {
    service = openService(tmp.file('p.siglum'), { create: true, exportFolders: [exports] });
    documentId = (await service.createDocument({ title: 'A despatch' })).id;
  });
  afterAll(() => {
    service.close();
    tmp.cleanup();
  });

  it('names the folder in projectInfo and writes inside it, creating it', async () => {
    expect((await service.projectInfo({})).exportFolder).toBe(exports);
    const r = await service.exportEdition({ documentId, format: 'latex', outPath: join(exports, 'a.tex') });
    expect(r.path).toBe(join(exports, 'a.tex'));
    const html = await service.exportEdition({ documentId, format: 'html', outPath: join(exports, 'site') });
    expect(existsSync(html.index!)).toBe(true);
  });

  it('refuses a path outside the folder, and one that leaves it through a symbolic link', async () => {
    const outside = await rejection(service.exportEdition({ documentId, format: 'latex', outPath: tmp.file('b.tex') }));
    expect(outside.code).toBe('forbidden');
    expect(outside.message).toContain(`exports go inside ${exports}`);

    mkdirSync(tmp.file('elsewhere'));
    symlinkSync(tmp.file('elsewhere'), join(exports, 'link'));
    const viaLink = await rejection(
      service.exportEdition({ documentId, format: 'latex', outPath: join(exports, 'link', 'c.tex') }),
    );
    expect(viaLink.message).toMatch(/symbolic links are followed/);
    // An existing HTML edition whose subfolder became a link is not written through it.
    mkdirSync(tmp.file('elsewhere2'));
    rmSync(join(exports, 'site', 'assets'), { recursive: true });
    symlinkSync(tmp.file('elsewhere2'), join(exports, 'site', 'assets'));
    const e = await rejection(service.exportEdition({ documentId, format: 'html', outPath: join(exports, 'site') }));
    expect(e.message).toMatch(/symbolic link where the edition has a folder/);
    expect(readdirSync(tmp.file('elsewhere2'))).toEqual([]);
    expect(existsSync(tmp.file('c.tex'))).toBe(false);
    expect(existsSync(join(tmp.file('elsewhere'), 'c.tex'))).toBe(false);
  });
});

describe('siglum export over the project', () => {
  const tmp = tempDir();
  const project = tmp.file('P.siglum');
  const run = (args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], {
      cwd: tmp.dir,
      encoding: 'utf8',
      env: { ...process.env, SIGLUM_PROJECT: '' },
      timeout: 120_000,
    });
  afterAll(() => tmp.cleanup());

  it('refuses --out naming the project (TEI, LaTeX) and leaves it whole', () => {
    expect(run(['import', seedText, '--project', project]).status).toBe(0);
    const size = statSync(project).size;
    for (const format of ['tei', 'latex']) {
      const r = run(['export', '1', '--format', format, '--out', project, '--project', project]);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/^siglum: Siglum will not export to .*P\.siglum/);
    }
    // A relative --out naming the project's -wal is refused too.
    const wal = run(['export', '1', '--format', 'tei', '--out', 'P.siglum-wal', '--project', project]);
    expect(wal.status).toBe(1);
    expect(statSync(project).size).toBe(size);
    const list = run(['list', '--project', project, '--json']);
    expect(JSON.parse(list.stdout).documents).toHaveLength(1);
  });

  it('still writes TEI where --out says, as .xml or .tei, and refuses another extension', () => {
    writeFileSync(tmp.file('old.xml'), 'old');
    const r = run(['export', '1', '--format', 'tei', '--out', 'old.xml', '--project', project]);
    expect(r.stderr).toBe('');
    expect(readFileSync(tmp.file('old.xml'), 'utf8')).toContain('<TEI');
    expect(run(['export', '1', '--out', 'grew.tei', '--project', project]).status).toBe(0);
    const pth = run(['export', '1', '--out', 'evil.pth', '--project', project]);
    expect(pth.status).toBe(1);
    expect(pth.stderr).toMatch(/a TEI export is a \.xml or \.tei file/);
    expect(existsSync(tmp.file('evil.pth'))).toBe(false);
  });
});

describe('siglum serve --exports', () => {
  it('takes only an absolute folder', () => {
    const r = spawnSync(process.execPath, [bin, 'serve', '--exports', 'relative/dir', '--project', 'x.siglum'], {
      encoding: 'utf8',
      env: { ...process.env, SIGLUM_PROJECT: '' },
      timeout: 60_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^siglum: --exports must be an absolute path to a folder \(not "relative\/dir"\)\./);
  });
});
