/**
 * previewPages through the service: the seed despatch with a two-witness apparatus
 * laid out as the PDF lays it out, its first pages drawn as PNG images, with the same
 * counts as a PDF export and progress events ending in 'done'. Nothing is written.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiglumEvent } from '../../../edition/api.ts';
import { MAX_PREVIEW_PAGES } from '../../../edition/publish/api.ts';
import { SiglumError } from '../../../edition/errors.ts';
import type { SiglumService } from '../../../electron/service/index.ts';
import { VARIANTS, addApparatus, filesUnder, seedProject, tempDir } from './project.ts';

const tmp = tempDir();
let service: SiglumService;
let documentId: string;

beforeAll(async () => {
  ({ service, documentId } = await seedProject(join(tmp.dir, 'preview.siglum')));
  await addApparatus(service, documentId);
});
afterAll(() => {
  service?.close();
  tmp.cleanup();
});

/** Width and height of a PNG data URL, read from its IHDR chunk. */
function pngSize(dataUrl: string): { width: number; height: number } {
  const prefix = 'data:image/png;base64,';
  expect(dataUrl.startsWith(prefix)).toBe(true);
  const png = Buffer.from(dataUrl.slice(prefix.length), 'base64');
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('page images of the edition', () => {
  it('draws every page of the despatch, A4-shaped, with the counts of the PDF export and nothing written', async () => {
    const before = filesUnder(tmp.dir);
    const events: SiglumEvent[] = [];
    const unsubscribe = service.subscribe((e) => events.push(e));
    const preview = await service.previewPages({ documentId, id: 'pages-1' });
    unsubscribe();
    const pdf = await service.previewPdf({ documentId });

    expect(preview.pages).toBe(pdf.pages);
    expect(preview.first).toBe(1);
    expect(preview.images).toHaveLength(Math.min(preview.pages, MAX_PREVIEW_PAGES));
    expect(preview.images.length).toBeGreaterThanOrEqual(2);
    expect(preview).toMatchObject({ placed: pdf.placed, misplaced: [], rejected: [] });
    expect(preview.placed).toEqual({ notes: 2, apparatus: VARIANTS.length });
    for (const image of preview.images) {
      const { width, height } = pngSize(image);
      // A4 is 210 by 297 mm.
      expect(height / width).toBeCloseTo(297 / 210, 1);
    }
    // Two pages of one edition differ.
    expect(preview.images[0]).not.toBe(preview.images[1]);

    const progress = events.filter((e) => e.type === 'export-progress' && e.id === 'pages-1');
    expect(progress.map((e) => (e.type === 'export-progress' ? e.phase : null))).toContain('images');
    const last = progress.at(-1);
    expect(last).toMatchObject({ phase: 'done' });
    expect(last?.type === 'export-progress' && last.done === last.total).toBe(true);
    expect(filesUnder(tmp.dir)).toEqual(before);
  });

  it('draws a requested range, trying unsaved settings, and refuses a count over the limit', async () => {
    const a5 = await service.previewPages({ documentId, first: 2, count: 1, settings: { pageSize: 'A5' } });
    expect(a5.first).toBe(2);
    expect(a5.images).toHaveLength(1);
    const { width, height } = pngSize(a5.images[0]!);
    expect(height / width).toBeCloseTo(210 / 148, 1);

    const e = await service.previewPages({ documentId, count: MAX_PREVIEW_PAGES + 1 }).catch((error: unknown) => error);
    expect(e).toBeInstanceOf(SiglumError);
    expect((e as SiglumError).message).toMatch(/"count" as a whole number from 1 to 12/);
  });
});
