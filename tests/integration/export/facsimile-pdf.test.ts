/**
 * Page images opposite their text in the PDF (`facsimile: 'facing'`), through the
 * service: a document of two pages whose page breaks point at two page images (PNGs
 * made here, added with `addPageImages`), exported as a PDF and read back with
 * poppler: each image on an even (verso) page at print size, the transcription of its
 * page beginning on the odd page opposite; with the setting off, no image and the
 * page count of the same text without images.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Node as PMNode } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../../edition/schema.ts';
import { openService, type SiglumService } from '../../../electron/service/index.ts';
import { PRINT_IMAGE_LONG_SIDE } from '../../../electron/service/print-facsimile.ts';
import { pdfPages, tempDir } from './project.ts';

const tmp = tempDir();
let service: SiglumService;
/** The document with its two page images, and the same text in one without any. */
let withImages: string;
let withoutImages: string;

/** Words enough for about a page and a half, so the first page's text ends on a verso. */
const PAGE_ONE = Array.from(
  { length: 14 },
  (_, i) =>
    `Paragraph ${i + 1} of the first page. Aufklärung ist der Ausgang des Menschen aus seiner selbstverschuldeten ` +
    'Unmündigkeit. Unmündigkeit ist das Unvermögen, sich seines Verstandes ohne Leitung eines anderen zu ' +
    'bedienen. Selbstverschuldet ist diese Unmündigkeit, wenn die Ursache derselben nicht am Mangel des ' +
    'Verstandes, sondern der Entschließung und des Mutes liegt, sich seiner ohne Leitung eines andern zu bedienen.',
);
const PAGE_ONE_START = 'Paragraph 1 of the first page';
const PAGE_ONE_END = 'last words of the first page';
const PAGE_TWO_START = 'Sapere aude, the second page begins';

/** A PNG of `width` × `height`: a grey field with a dark band, so it is not one colour. */
async function png(width: number, height: number): Promise<Buffer> {
  const band = await sharp({
    create: { width, height: Math.round(height / 5), channels: 3, background: '#202020' },
  })
    .png()
    .toBuffer();
  return sharp({ create: { width, height, channels: 3, background: '#b0a890' } })
    .composite([{ input: band, top: Math.round(height / 3), left: 0 }])
    .png()
    .toBuffer();
}

/**
 * The document's text replaced by the two pages: a page break at the start of the
 * first paragraph, and one in the middle of the last paragraph (`facs` given or not).
 */
async function writePages(documentId: string, facs: [string, string] | null): Promise<void> {
  const opened = await service.openDocument({ id: documentId });
  const doc = PMNode.fromJSON(schema, opened.doc);
  const pb = (n: string, i: 0 | 1) => schema.nodes.pageBreak.create({ n, facs: facs === null ? null : `#${facs[i]}` });
  const p = (...content: PMNode[]) => schema.nodes.paragraph.create(null, content);
  const paragraphs = PAGE_ONE.map((text, i) => (i === 0 ? p(pb('17', 0), schema.text(text)) : p(schema.text(text))));
  paragraphs.push(
    p(schema.text(`These are the ${PAGE_ONE_END}.`), pb('18', 1), schema.text(`${PAGE_TWO_START} here.`)),
  );
  const tr = new Transform(doc).replaceWith(0, doc.content.size, paragraphs);
  const pushed = await service.pushSteps({
    documentId,
    version: opened.version,
    clientID: 'test',
    steps: tr.steps.map((s) => s.toJSON() as { stepType: string }),
  });
  if (!pushed.ok) throw new Error('the text was refused');
}

/** `pdfimages -list`: each image's page, size and encoding. */
function pdfImages(path: string): Array<{ page: number; width: number; height: number; enc: string }> {
  return execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const c = l.trim().split(/\s+/);
      return { page: Number(c[0]), width: Number(c[3]), height: Number(c[4]), enc: c[8] ?? '' };
    });
}

function pdfInfoPages(path: string): number {
  const m = /^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }));
  return Number(m?.[1]);
}

const squash = (s: string): string => s.replace(/[\s\u00ad\u2010-]+/g, '');

/** The 1-based page whose text holds `words`. */
function pageOf(pages: string[], words: string): number {
  const i = pages.findIndex((t) => squash(t).includes(squash(words)));
  if (i < 0) throw new Error(`"${words}" is on no page`);
  return i + 1;
}

async function exportPdf(documentId: string, facsimile: 'none' | 'facing', name: string) {
  await service.updatePrintSettings({ settings: { facsimile } });
  const path = join(tmp.dir, name);
  const result = await service.exportEdition({ documentId, format: 'pdf', outPath: path });
  return { path, result, pages: pdfPages(path) };
}

beforeAll(async () => {
  service = openService(join(tmp.dir, 'facing.siglum'), { create: true, watchMs: 60_000 });
  withImages = (await service.createDocument({ title: 'Beantwortung der Frage' })).id;
  withoutImages = (await service.createDocument({ title: 'Beantwortung der Frage' })).id;
  const surfaces = await service.addPageImages({
    documentId: withImages,
    files: [
      // Taller than print needs: it must come down to 1600 px on its long side.
      { name: 'p17.png', base64: (await png(1000, 2400)).toString('base64') },
      { name: 'p18.png', base64: (await png(600, 400)).toString('base64') },
    ],
  });
  await writePages(withImages, [surfaces[0]!.id, surfaces[1]!.id]);
  await writePages(withoutImages, null);
}, 60_000);
afterAll(() => {
  service?.close();
  tmp.cleanup();
});

describe('page images opposite their text', () => {
  it('prints each image on a verso, at print size, with the transcription of its page beginning on the recto opposite', async () => {
    const { path, result, pages } = await exportPdf(withImages, 'facing', 'facing.pdf');
    expect(pdfInfoPages(path)).toBe(result.pages);
    expect(pages).toHaveLength(result.pages!);

    const images = pdfImages(path);
    expect(images).toHaveLength(2);
    for (const image of images) expect(image.page % 2, `image on page ${image.page}`).toBe(0);
    // Made for print: the 1000 × 2400 scan at 1600 px on its long side, the small one as it is.
    expect(images.map((i) => [i.width, i.height])).toEqual([
      [Math.round((1000 * PRINT_IMAGE_LONG_SIDE) / 2400), PRINT_IMAGE_LONG_SIDE],
      [600, 400],
    ]);
    expect(images.map((i) => i.enc)).toEqual(['jpeg', 'jpeg']);

    const [first, second] = images as [(typeof images)[0], (typeof images)[0]];
    // Each transcription begins on the odd page after its image, never before it.
    expect(pageOf(pages, PAGE_ONE_START)).toBe(first.page + 1);
    expect(pageOf(pages, PAGE_TWO_START)).toBe(second.page + 1);
    expect(pageOf(pages, PAGE_ONE_END)).toBeLessThan(second.page);
    // The first page's text runs over two pages, so a blank recto stands before the second image.
    expect(second.page).toBe(first.page + 4);
    expect(squash(pages[second.page - 2]!)).toBe('');
    // An image page holds the page's label under the image and the folio, no text.
    expect(pages[first.page - 1]!.split(/\s+/).filter(Boolean)).toEqual(['17', String(first.page)]);
    expect(pages[second.page - 1]!.split(/\s+/).filter(Boolean)).toEqual(['18', String(second.page)]);
  }, 120_000);

  it('prints no image and the same pages as the same text without images when the setting is off', async () => {
    const off = await exportPdf(withImages, 'none', 'off.pdf');
    const plain = await exportPdf(withoutImages, 'none', 'plain.pdf');
    expect(pdfImages(off.path)).toEqual([]);
    expect(pdfInfoPages(off.path)).toBe(pdfInfoPages(plain.path));
    expect(off.pages.map(squash)).toEqual(plain.pages.map(squash));
    // A document without page images prints as before with the setting on.
    const facingPlain = await exportPdf(withoutImages, 'facing', 'facing-plain.pdf');
    expect(pdfImages(facingPlain.path)).toEqual([]);
    expect(facingPlain.pages.map(squash)).toEqual(plain.pages.map(squash));
    const facing = await exportPdf(withImages, 'facing', 'facing-again.pdf');
    expect(facing.result.pages).toBeGreaterThan(off.result.pages!);
  }, 180_000);

  it('is a print setting that is checked, saved and read back', async () => {
    await expect(service.updatePrintSettings({ settings: { facsimile: 'beside' as never } })).rejects.toThrow(
      /Page images in the PDF must be one of none, facing, not "beside"/,
    );
    await service.updatePrintSettings({ settings: { facsimile: 'facing' } });
    expect((await service.getPrintSettings({})).facsimile).toBe('facing');
    await service.updatePrintSettings({ settings: { facsimile: 'none' } });
    expect((await service.getPrintSettings({})).facsimile).toBe('none');
  });
});
