/**
 * Transcribing against page images, end to end: the Kant pages added to a document from
 * the page-image panel, their tiles drawn, the PAGE file's line zones on the image, a
 * zone drawn with the mouse and linked to a selection, two lines transcribed in line
 * mode with the keyboard, and a TEI export that jing validates and that imports again
 * with every zone and pointer.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Surface } from '../../edition/facsimile/api.ts';
import { EditorPage, selecting } from './editor-page.ts';
import {
  api,
  downloadDocumentTei,
  drawRectangle,
  expectImageShown,
  KANT,
  pageLines,
  setUpKant,
  expectValidTei,
  linkSelectedWords,
  surfaceShape,
} from './facsimile-support.ts';
import { expect, startServe, test } from './fixtures.ts';

const LINES_17 = pageLines(resolve(KANT, 'OCR-D-GT-PAGE/PAGE_0017_PAGE.xml'));

test('page images beside the text: tiles, PAGE line zones, a drawn zone linked, two lines in line mode, TEI out and in again', async ({
  page,
  served,
}, testInfo) => {
  test.setTimeout(180_000);
  const { editor, panel, pages, documentId, surfaces } = await setUpKant(page, served.url, testInfo);
  const [s17, s20] = surfaces;
  expect(s17!.image).toMatchObject({ width: 1457, height: 2083 });

  // Page 17's line zones as the PAGE file gives them, saved through the API, then shown.
  for (const line of LINES_17) {
    const xs = line.points.map((p) => p[0]);
    const ys = line.points.map((p) => p[1]);
    await api(page, 'saveZone', {
      surfaceId: s17!.id,
      zone: {
        id: line.id,
        kind: 'line',
        ulx: Math.min(...xs),
        uly: Math.min(...ys),
        lrx: Math.max(...xs),
        lry: Math.max(...ys),
        points: line.points,
      },
    });
  }
  await page.reload();
  await page.getByRole('button', { name: 'Page images' }).click();
  await expectImageShown(page);
  const zones = panel.locator('.zone-line');
  await expect(zones).toHaveCount(LINES_17.length);
  for (const line of LINES_17) {
    await expect(panel.locator(`.zone[data-zone-id="${line.id}"]`)).toHaveAttribute(
      'points',
      line.points.map((p) => p.join(',')).join(' '),
    );
  }

  // The caret after the first page break; that page's break linked to the page shown.
  await editor.text.locator('p').first().click();
  await page.keyboard.press('End');
  await panel.getByRole('button', { name: 'Link page' }).click();
  await editor.text.locator('p').nth(1).click();
  await pages.selectOption({ index: 1 });
  await panel.getByRole('button', { name: 'Link page' }).click();
  // Choosing page 1 again puts the caret at its page break.
  await pages.selectOption({ index: 0 });
  await expect(pages).toHaveValue('0');

  // Two lines in line mode: Enter starts a line on the next line zone, the highlight follows.
  // With the panel closed, line mode opens it.
  await page.getByRole('button', { name: 'Page images' }).click();
  await expect(panel).toBeHidden();
  await page.keyboard.press('ControlOrMeta+Alt+l');
  await expect(panel.getByRole('button', { name: 'Line mode' })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Enter');
  await page.keyboard.type(LINES_17[0]!.text);
  await expect(panel.locator('.zone.highlighted')).toHaveAttribute('data-zone-id', LINES_17[0]!.id);
  await page.keyboard.press('Enter');
  await page.keyboard.type(LINES_17[1]!.text);
  await expect(panel.locator('.zone.highlighted')).toHaveAttribute('data-zone-id', LINES_17[1]!.id);
  await page.keyboard.press('Alt+ArrowUp');
  await expect(panel.locator('.zone.highlighted')).toHaveAttribute('data-zone-id', LINES_17[0]!.id);
  await page.keyboard.press('Alt+ArrowDown');
  await expect(panel.locator('.zone.highlighted')).toHaveAttribute('data-zone-id', LINES_17[1]!.id);
  await editor.expectSaved();

  // A zone drawn with the mouse, linked to the first line's words.
  const drawnId = await drawRectangle(page, panel, [0.3, 0.6], [0.5, 0.65]);
  await panel.getByRole('button', { name: 'Move' }).click();
  const words = LINES_17[0]!.text.split(' ').slice(0, 2).join(' ');
  await editor.text.focus();
  await selecting(page, () =>
    page.evaluate((w) => (window as unknown as { find(...a: unknown[]): boolean }).find(w, true, false, true), words),
  );
  await linkSelectedWords(editor, panel, words, drawnId);
  await page.screenshot({
    path: process.env['SIGLUM_SCREENSHOTS']
      ? resolve(import.meta.dirname, '../../resources/screenshots/facsimile-1440x900.png')
      : testInfo.outputPath('facsimile-1440x900.png'),
  });

  // TEI out: valid, with the facsimile and every pointer.
  const exported = await downloadDocumentTei(page, () => testInfo.outputPath('kant-out.xml'));
  const xml = readFileSync(exported, 'utf8');
  expectValidTei(exported);
  expect(xml).toContain(`<pb n="17" facs="#${s17!.id}"/>`);
  expect(xml).toContain(`<pb n="20" facs="#${s20!.id}"/>`);
  expect(xml).toContain(`<lb facs="#${LINES_17[0]!.id}"/>`);
  expect(xml).toContain(`<lb facs="#${LINES_17[1]!.id}"/>`);
  expect(xml).toContain(`<seg facs="#${drawnId}">${words}</seg>`);
  expect([...xml.matchAll(/<zone\b/g)]).toHaveLength(LINES_17.length + 1);

  // ... and in again, into a project of its own (ids are the project's): the same pages, zones and pointers.
  const before = await api<Surface[]>(page, 'listSurfaces', { documentId });
  const other = await startServe(testInfo.outputPath('again.siglum'));
  try {
    const again = await page.context().newPage();
    const editor2 = new EditorPage(again);
    await editor2.open(other.url);
    await editor2.importFile(exported);
    await expect(editor2.text).toContainText(LINES_17[1]!.text);
    const againId = decodeURIComponent(/#\/doc\/(.+)$/.exec(again.url())![1]!);
    const after = await api<Surface[]>(again, 'listSurfaces', { documentId: againId });
    expect(surfaceShape(after)).toEqual(surfaceShape(before));
    // The pointers: the caret on the second line shows its zone, on the linked words the drawn one.
    await again.getByRole('button', { name: 'Page images' }).click();
    const panel2 = again.getByRole('region', { name: 'Page image' });
    await expect(panel2.locator('.zone')).toHaveCount(LINES_17.length + 1);
    await editor2.text.locator('.tei-mark[data-tei="seg"]').click();
    await expect(panel2.locator('.zone.highlighted')).toHaveAttribute('data-zone-id', drawnId);
    await again.keyboard.press('End');
    await expect(panel2.locator('.zone.highlighted')).toHaveAttribute('data-zone-id', LINES_17[0]!.id);
    await again.keyboard.press('ArrowDown');
    await expect(panel2.locator('.zone.highlighted')).toHaveAttribute('data-zone-id', LINES_17[1]!.id);
    // Exported from there, the same facsimile and text (the header's sourceDesc is not the subject here).
    const exported2 = await downloadDocumentTei(again, () => testInfo.outputPath('kant-again.xml'));
    const fromFacsimile = (tei: string) => tei.slice(tei.indexOf('<facsimile>'));
    expect(fromFacsimile(readFileSync(exported2, 'utf8'))).toBe(fromFacsimile(xml));
  } finally {
    await other.stop();
  }
});
