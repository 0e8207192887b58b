/**
 * What the page-image specs share: the Kant material (its two TIFFs and PAGE ground
 * truth), the line zones read from a PAGE file, calls to the API from the page (with
 * the page's own cookie), and whether the viewer's canvas shows an image.
 */
import { expect, type Download, type Locator, type Page, type TestInfo } from '@playwright/test';
import { unzipSync } from 'fflate';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Surface } from '../../edition/facsimile/api.ts';
import { EditorPage } from './editor-page.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const KANT = resolve(root, '../shared/corpus/facsimile/kant_aufklaerung_1784');
export const KANT_IMAGES = [resolve(KANT, 'OCR-D-IMG/INPUT_0017.tif'), resolve(KANT, 'OCR-D-IMG/INPUT_0020.tif')];
export const TEI_ALL = resolve(root, '../shared/schema/tei_all.rng');

export interface PageLine {
  id: string;
  points: Array<[number, number]>;
  text: string;
}

/** The text lines of a PAGE file in file order: id, outline, and the line's own text. */
export function pageLines(file: string): PageLine[] {
  const xml = readFileSync(file, 'utf8');
  return xml
    .split(/<TextLine\b/)
    .slice(1)
    .map((chunk) => {
      const line = chunk.slice(0, chunk.indexOf('</TextLine>'));
      const id = /\bid="([^"]+)"/.exec(line)![1]!;
      const coords = /<Coords points="([^"]+)"/.exec(line)![1]!;
      // The line's own TextEquiv is the last one in it (after its words').
      const equivs = [...line.matchAll(/<TextEquiv[^>]*>\s*<Unicode>([^<]*)<\/Unicode>/g)];
      return {
        id,
        points: coords.split(/\s+/).map((p) => p.split(',').map(Number) as [number, number]),
        text: equivs[equivs.length - 1]?.[1] ?? '',
      };
    });
}

/** Calls the API from the page, as the window does; throws the Node side's message on a refusal. */
export async function api<T>(page: Page, method: string, args: unknown): Promise<T> {
  const reply = await page.evaluate(
    async ([m, a]) => {
      const res = await fetch(`/api/${m}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(a),
      });
      return (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
    },
    [method, args] as const,
  );
  if (!reply.ok) throw new Error(`${method}: ${reply.error?.message ?? 'refused'}`);
  return reply.value as T;
}

/** Waits until the viewer has drawn tiles and its canvas is not blank (many distinct shades). */
export async function expectImageShown(page: Page): Promise<void> {
  const viewer = page.locator('.facsimile-viewer');
  await expect
    .poll(async () => Number(await viewer.getAttribute('data-tiles-drawn')), { timeout: 30_000 })
    .toBeGreaterThan(0);
  await expect
    .poll(
      () =>
        viewer.evaluate((el) => {
          const canvas = el.querySelector<HTMLCanvasElement>('.openseadragon-canvas > canvas');
          const ctx = canvas?.getContext('2d');
          if (!canvas || !ctx || canvas.width === 0) return 0;
          const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
          const shades = new Set<number>();
          for (let i = 0; i < data.length; i += 4 * 97)
            shades.add((data[i]! >> 3) * 1024 + (data[i + 1]! >> 3) * 32 + (data[i + 2]! >> 3));
          return shades.size;
        }),
      { timeout: 30_000 },
    )
    .toBeGreaterThan(50);
}

export const KANT_TITLE = 'Beantwortung der Frage: Was ist Aufklärung?';
const kantTei = (title: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>${title}</title></titleStmt><publicationStmt><p>Test</p></publicationStmt><sourceDesc><p>Berlinische Monatsschrift, 1784</p></sourceDesc></fileDesc></teiHeader><text><body><p><pb n="17"/></p><p><pb n="20"/>Seite zwanzig.</p></body></text></TEI>
`;

export interface KantSetUp {
  editor: EditorPage;
  panel: Locator;
  pages: Locator;
  documentId: string;
  surfaces: Surface[];
}

/**
 * A document of two page breaks (pages 17 and 20) imported, the page-image panel opened,
 * and the two Kant scans added from its own file input, the first one shown.
 */
export async function setUpKant(page: Page, url: string, testInfo: TestInfo): Promise<KantSetUp> {
  await page.setViewportSize({ width: 1440, height: 900 });
  const editor = new EditorPage(page);
  await editor.open(url);
  const source = testInfo.outputPath('kant.xml');
  writeFileSync(source, kantTei(KANT_TITLE));
  await editor.importFile(source);
  await expect(editor.text).toContainText('Seite zwanzig.');
  const documentId = decodeURIComponent(/#\/doc\/(.+)$/.exec(page.url())![1]!);
  await page.getByRole('button', { name: 'Page images' }).click();
  const panel = page.getByRole('region', { name: 'Page image' });
  await expect(panel).toContainText('This document has no page images');
  await panel.getByTestId('facsimile-input').setInputFiles(KANT_IMAGES);
  const pages = panel.getByRole('combobox', { name: 'Page' });
  await expect(pages.locator('option')).toHaveCount(2, { timeout: 60_000 });
  await expectImageShown(page);
  const surfaces = await api<Surface[]>(page, 'listSurfaces', { documentId });
  return { editor, panel, pages, documentId, surfaces };
}

/**
 * Draws a rectangle on the page image with the mouse, from and to fractions of the
 * viewer's box; answers the new zone's id once it is drawn and selected.
 */
export async function drawRectangle(
  page: Page,
  panel: Locator,
  from: readonly [number, number],
  to: readonly [number, number],
): Promise<string> {
  await panel.getByRole('button', { name: 'Rectangle' }).click();
  const box = (await panel.locator('.facsimile-viewer').boundingBox())!;
  await page.mouse.move(box.x + box.width * from[0], box.y + box.height * from[1]);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * to[0], box.y + box.height * to[1], { steps: 5 });
  await page.mouse.up();
  const drawn = panel.locator('.zone-custom');
  await expect(drawn).toHaveCount(1);
  await expect(drawn).toHaveClass(/selected/);
  return (await drawn.getAttribute('data-zone-id'))!;
}

/** Exports the open document from the Export TEI menu; answers the download. */
export async function exportDocumentTei(page: Page): Promise<Download> {
  await page.getByRole('button', { name: /Export TEI/ }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'This document' }).click(),
  ]);
  return download;
}

/** A downloaded ZIP's files by path, read with fflate. */
export async function unzipDownload(download: Download): Promise<Record<string, Uint8Array>> {
  return unzipSync(new Uint8Array(readFileSync(await download.path())));
}

/**
 * Exports the open document from the Export TEI menu; answers where the TEI was saved
 * (`path(its file name)`). A TEI with page images comes as a ZIP: it is unpacked there,
 * the images in their folder beside the TEI.
 */
export async function downloadDocumentTei(page: Page, path: (fileName: string) => string): Promise<string> {
  const download = await exportDocumentTei(page);
  if (!download.suggestedFilename().endsWith('.zip')) {
    const file = path(download.suggestedFilename());
    await download.saveAs(file);
    return file;
  }
  const files = await unzipDownload(download);
  const xmlName = download.suggestedFilename().replace(/\.zip$/, '.xml');
  const file = path(xmlName);
  for (const [name, bytes] of Object.entries(files)) {
    const target = name === xmlName ? file : join(dirname(file), name);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
  }
  return file;
}

/**
 * Links the selected words to the selected zone (Ctrl+Alt+Z) and checks the link both
 * ways: the words are a linked span, saved, and a click on them highlights the zone.
 */
export async function linkSelectedWords(editor: EditorPage, panel: Locator, words: string, zoneId: string) {
  await editor.page.keyboard.press('ControlOrMeta+Alt+z');
  const linked = editor.text.locator('.tei-mark[data-tei="seg"]');
  await expect(linked).toHaveText(words);
  await editor.expectSaved();
  await linked.click();
  await expect(panel.locator('.zone.highlighted')).toHaveAttribute('data-zone-id', zoneId);
}

/** jing finds the file valid against tei_all. */
export function expectValidTei(file: string): void {
  const jing = spawnSync('jing', [TEI_ALL, file], { encoding: 'utf8' });
  expect(jing.stdout).toBe('');
  expect(jing.status).toBe(0);
}

/** What a round trip must keep of the pages: ids, numbers, extents and every zone with its outline and place. */
export function surfaceShape(surfaces: readonly Surface[]) {
  return surfaces.map((s) => ({
    id: s.id,
    n: s.n,
    extent: [s.ulx, s.uly, s.lrx, s.lry],
    zones: s.zones.map((z) => [z.id, z.kind, z.type, z.ulx, z.uly, z.lrx, z.lry, z.points, z.baseline, z.parent]),
  }));
}
