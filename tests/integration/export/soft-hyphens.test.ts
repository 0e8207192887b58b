/**
 * The typeset PDF's text layer: only a hyphen where a line really breaks. Before,
 * every syllable carried a soft hyphen (529 in the seed's pages), so a search for
 * "December" found nothing and copied text was full of invisible characters.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiglumService } from '../../../electron/service/index.ts';
import { seedProject, tempDir } from './project.ts';

const tmp = tempDir();
let service: SiglumService;
let text: string;

beforeAll(async () => {
  const seeded = await seedProject(join(tmp.dir, 'hyphens.siglum'));
  service = seeded.service;
  const out = join(tmp.dir, 'despatch.pdf');
  await service.exportEdition({ documentId: seeded.documentId, format: 'pdf', outPath: out });
  text = execFileSync('pdftotext', ['-enc', 'UTF-8', out, '-'], { encoding: 'utf8' });
}, 120_000);
afterAll(() => {
  service?.close();
  tmp.cleanup();
});

describe('the PDF text layer of the seed despatch', () => {
  it('finds "December" as a reader searches for it', () => {
    expect(text).toContain('During the month of December, 1932');
    expect(text.match(/December/g)?.length ?? 0).toBeGreaterThanOrEqual(3);
  });

  it('holds a soft hyphen only at the end of a line', () => {
    const inside = [...text.matchAll(/\u00ad(?!\n)/gu)].map((m) => text.slice(Math.max(0, m.index - 15), m.index + 15));
    expect(inside).toEqual([]);
    const lines = text.split('\n').length;
    expect(text.match(/\u00ad/gu)?.length ?? 0).toBeLessThan(lines / 3);
  });
});
