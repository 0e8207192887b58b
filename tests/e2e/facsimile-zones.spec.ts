/**
 * The page image's tools, end to end: the page follows the caret and the caret the page;
 * the viewer's keys rotate, zoom and invert it; zones are drawn (a rectangle and a
 * polygon), moved, reshaped by a corner and deleted with the mouse and keys, each change
 * saved in the store.
 */
import type { Locator, Page } from '@playwright/test';
import type { Surface, Zone } from '../../edition/facsimile/api.ts';
import { api, setUpKant } from './facsimile-support.ts';
import { expect, test } from './fixtures.ts';

/** The zones of the first page, as the store has them. */
async function zonesOf(page: Page, documentId: string): Promise<Zone[]> {
  const [first] = await api<Surface[]>(page, 'listSurfaces', { documentId });
  return first!.zones;
}

/** The transform of the zones' group: how image pixels map to the screen (a b c d e f). */
async function matrix(panel: Locator): Promise<number[]> {
  const value = await panel.locator('.zone-shapes').getAttribute('transform');
  return (/matrix\(([^)]+)\)/.exec(value ?? '')?.[1] ?? '').split(/[\s,]+/).map(Number);
}

test('the page follows the caret and the caret the page; the viewer’s keys rotate, zoom and invert', async ({
  page,
  served,
}, testInfo) => {
  test.setTimeout(120_000);
  const { editor, panel, pages } = await setUpKant(page, served.url, testInfo);

  // Each page break pointed at its page: the caret in a page's text, that page chosen, "Link page".
  await editor.text.locator('p').nth(1).click();
  await pages.selectOption({ index: 1 });
  await panel.getByRole('button', { name: 'Link page' }).click();
  await expect(editor.text.locator('.tei-pb').nth(1)).toHaveAttribute('title', /facsimile #surface-/);
  await editor.text.locator('p').first().click();
  await pages.selectOption({ index: 0 });
  await panel.getByRole('button', { name: 'Link page' }).click();
  await editor.expectSaved();

  // The caret in the second page's text shows the second page; back in the first, the first.
  await editor.text.getByText('Seite zwanzig.').click();
  await expect(pages).toHaveValue('1');
  await editor.text.locator('p').first().click();
  await expect(pages).toHaveValue('0');
  // Choosing a page puts the caret after its page break: typing lands there.
  await pages.selectOption({ index: 1 });
  await editor.text.focus();
  await page.keyboard.type('Anfang ');
  await expect(editor.text.locator('p').nth(1)).toHaveText(/Anfang Seite zwanzig\./);

  // The viewer's keys.
  const viewer = panel.locator('.facsimile-viewer');
  await viewer.focus();
  const [a0] = await matrix(panel);
  await page.keyboard.press('+');
  await expect.poll(async () => (await matrix(panel))[0]).toBeGreaterThan(a0! * 1.1);
  await page.keyboard.press('r');
  // Turned a quarter right: x of the image runs down the screen.
  await expect.poll(async () => Math.abs((await matrix(panel))[0]!)).toBeLessThan(1e-6);
  await expect.poll(async () => (await matrix(panel))[1]).toBeGreaterThan(0);
  await page.keyboard.press('i');
  await expect(viewer.locator('.openseadragon-canvas > canvas')).toHaveCSS('filter', /invert\(1\)/);
  await panel.getByRole('slider', { name: 'Contrast' }).fill('150');
  await expect(viewer.locator('.openseadragon-canvas > canvas')).toHaveCSS('filter', /contrast\(1\.5\)/);
});

test('zones drawn, moved, reshaped and deleted on the image are saved', async ({ page, served }, testInfo) => {
  test.setTimeout(120_000);
  const { panel, documentId } = await setUpKant(page, served.url, testInfo);
  const viewer = panel.locator('.facsimile-viewer');
  const box = (await viewer.boundingBox())!;
  const at = (fx: number, fy: number) => [box.x + box.width * fx, box.y + box.height * fy] as const;

  // A rectangle, dragged.
  await panel.getByRole('button', { name: 'Rectangle' }).click();
  await page.mouse.move(...at(0.3, 0.3));
  await page.mouse.down();
  await page.mouse.move(...at(0.5, 0.4), { steps: 4 });
  await page.mouse.up();
  await expect(panel.locator('.zone-custom')).toHaveCount(1);
  const [rect] = await zonesOf(page, documentId);
  expect(rect!.points).toBeNull();
  expect(rect!.lrx - rect!.ulx).toBeGreaterThan(100);

  // A polygon: three corners clicked, closed with Enter.
  await panel.getByRole('button', { name: 'Polygon' }).click();
  await page.mouse.click(...at(0.3, 0.6));
  await page.mouse.click(...at(0.6, 0.6));
  await page.mouse.click(...at(0.45, 0.75));
  await page.keyboard.press('Enter');
  await expect(panel.locator('.zone-custom')).toHaveCount(2);
  const polygon = (await zonesOf(page, documentId)).find((z) => z.points !== null)!;
  expect(polygon.points).toHaveLength(3);
  await expect(panel.locator(`.zone[data-zone-id="${polygon.id}"]`)).toHaveClass(/selected/);

  // Moved: dragged by its body; every point goes the same way.
  await panel.getByRole('button', { name: 'Move' }).click();
  await page.mouse.move(...at(0.45, 0.65));
  await page.mouse.down();
  await page.mouse.move(...at(0.5, 0.7), { steps: 4 });
  await page.mouse.up();
  await expect
    .poll(async () => (await zonesOf(page, documentId)).find((z) => z.id === polygon.id)!.ulx)
    .toBeGreaterThan(polygon.ulx);
  const movedPolygon = (await zonesOf(page, documentId)).find((z) => z.id === polygon.id)!;
  const dx = movedPolygon.ulx - polygon.ulx;
  const dy = movedPolygon.uly - polygon.uly;
  expect(dy).toBeGreaterThan(0);
  expect(movedPolygon.points).toEqual(polygon.points!.map(([x, y]) => [x + dx, y + dy]));

  // Reshaped: the rectangle selected, its bottom right corner dragged out; the top left stays.
  await page.mouse.click(...at(0.4, 0.35));
  await expect(panel.locator(`.zone[data-zone-id="${rect!.id}"]`)).toHaveClass(/selected/);
  const handle = (await panel.locator('.zone-handle[data-handle="2"]').boundingBox())!;
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(...at(0.6, 0.5), { steps: 4 });
  await page.mouse.up();
  await expect
    .poll(async () => (await zonesOf(page, documentId)).find((z) => z.id === rect!.id)!.lrx)
    .toBeGreaterThan(rect!.lrx);
  const reshaped = (await zonesOf(page, documentId)).find((z) => z.id === rect!.id)!;
  expect([reshaped.ulx, reshaped.uly]).toEqual([rect!.ulx, rect!.uly]);
  expect(reshaped.lry).toBeGreaterThan(rect!.lry);

  // Deleted with the Delete key while the image has the focus.
  await page.keyboard.press('Delete');
  await expect(panel.locator('.zone-custom')).toHaveCount(1);
  expect((await zonesOf(page, documentId)).map((z) => z.id)).toEqual([polygon.id]);
  // Without the mouse: ] selects the next zone (the only one left), Delete removes it.
  await page.keyboard.press(']');
  await expect(panel.locator(`.zone[data-zone-id="${polygon.id}"]`)).toHaveClass(/selected/);
  await page.keyboard.press('Delete');
  await expect(panel.locator('.zone')).toHaveCount(0);
  expect(await zonesOf(page, documentId)).toEqual([]);
});
