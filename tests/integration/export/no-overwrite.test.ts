/**
 * An export from the window never replaces an earlier one silently: with `ifExists:
 * 'rename'` it is written beside it under the first free name, which the result
 * gives; 'replace' (the command line's explicit path) writes over it. Two documents
 * of one title get distinct default names.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiglumService } from '../../../electron/service/index.ts';
import { freePath } from '../../../electron/service/atomic-write.ts';
import { exportFileName } from '../../../renderer/export/exportRun.ts';
import { SEED, seedProject, tempDir } from './project.ts';

const tmp = tempDir();
let service: SiglumService;
let documentId: string;

beforeAll(async () => {
  ({ service, documentId } = await seedProject(join(tmp.dir, 'edition.siglum')));
});
afterAll(() => {
  service?.close();
  tmp.cleanup();
});

describe('an export where an earlier one is', () => {
  it('is written beside it under a free name when asked to rename, and the earlier file is kept', async () => {
    const out = join(tmp.dir, 'despatch.tex');
    writeFileSync(out, 'an earlier export');
    const first = await service.exportEdition({ documentId, format: 'latex', outPath: out, ifExists: 'rename' });
    expect(first.path).toBe(join(tmp.dir, 'despatch-2.tex'));
    expect(readFileSync(out, 'utf8')).toBe('an earlier export');
    expect(readFileSync(first.path, 'utf8')).toContain('\\documentclass');
    const second = await service.exportEdition({ documentId, format: 'latex', outPath: out, ifExists: 'rename' });
    expect(second.path).toBe(join(tmp.dir, 'despatch-3.tex'));
  });

  it('replaces it when asked to (the default for an explicit path)', async () => {
    const out = join(tmp.dir, 'replaced.tex');
    writeFileSync(out, 'an earlier export');
    const r = await service.exportEdition({ documentId, format: 'latex', outPath: out });
    expect(r.path).toBe(out);
    expect(readFileSync(out, 'utf8')).toContain('\\documentclass');
  });

  it('refuses an unknown ifExists in one sentence', async () => {
    await expect(
      service.exportEdition({ documentId, format: 'latex', outPath: join(tmp.dir, 'x.tex'), ifExists: 'ask' as never }),
    ).rejects.toThrow(/"ifExists" is "replace" or "rename"/);
  });

  it('takes an HTML folder as free while it is empty, and numbers it on once it holds files', () => {
    const folder = join(tmp.dir, 'edition-html');
    mkdirSync(folder);
    expect(freePath(folder, 'html')).toBe(folder);
    writeFileSync(join(folder, 'index.html'), '');
    expect(freePath(folder, 'html')).toBe(`${folder}-2`);
  });
});

describe('default export names', () => {
  it('differ for two documents of the same title, in every format and in TEI', async () => {
    const title = 'The Ambassador in Japan (Grew) to the Secretary of State';
    expect(exportFileName(title, 'pdf', 'd1')).not.toBe(exportFileName(title, 'pdf', 'd2'));
    expect(exportFileName(title, 'pdf', 'd12')).toBe('the-ambassador-in-japan-grew-to-the-secretary-of-state-d12.pdf');
    const copy = await service.importFiles({ files: [{ name: 'copy.txt', text: readFileSync(SEED, 'utf8') }] });
    const other = copy.documents[0]!.id;
    const a = await service.exportTei({ documentId });
    const b = await service.exportTei({ documentId: other });
    expect(a.fileName).not.toBe(b.fileName);
    expect(a.fileName).toBe(`the-ambassador-in-japan-grew-to-the-secretary-of-state-d${documentId}.xml`);
  });
});
