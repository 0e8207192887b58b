import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { EditorPage } from './editor-page.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The text column's width and what 45 characters of the text face take. */
function measure(page: Page): Promise<{ text: number; min: number }> {
  return page.evaluate(() => ({
    text: document.querySelector<HTMLElement>('.ProseMirror.document-text')!.clientWidth,
    min: document.querySelector<HTMLElement>('.text-measure')!.offsetWidth,
  }));
}

/** Opens every panel: variants, notes, attributes. */
async function openPanels(page: Page): Promise<void> {
  await page.locator('.tool-panels button', { hasText: 'Notes' }).click();
  await page.locator('.variants-toggle').click();
  await page.locator('.attributes-toggle').click();
  await expect(page.locator('.side-panel')).toBeVisible();
  await expect(page.locator('.variants-panel')).toBeVisible();
  await expect(page.locator('.attributes-panel')).toBeVisible();
}

for (const [width, height] of [
  [1024, 700],
  [1440, 900],
] as const) {
  test(`at ${width}x${height} with all panels open the text keeps 45 characters and the panels sit beside it`, async ({
    page,
    served,
  }, testInfo) => {
    await page.setViewportSize({ width, height });
    const editor = new EditorPage(page);
    await editor.open(served.url);
    await editor.importSeed();
    await openPanels(page);
    await editor.text.getByText('Japan-Soviet relations').first().click();
    await expect(page.locator('.attributes-panel h3').first()).toContainText('<p>');
    const { text, min } = await measure(page);
    expect(min).toBeGreaterThan(300);
    expect(text).toBeGreaterThanOrEqual(min);
    // Beside, not over: the text's column ends where the dock begins.
    await expect(page.locator('.panel-dock')).not.toHaveClass(/overlay/);
    const scroller = (await page.locator('.pane-body > .scroller').boundingBox())!;
    const dock = (await page.locator('.panel-dock').boundingBox())!;
    expect(scroller.x + scroller.width).toBeLessThanOrEqual(dock.x + 1);
    expect(dock.x + dock.width).toBeLessThanOrEqual(width + 1);
    // No sideways scrolling anywhere.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    // SIGLUM_SCREENSHOTS=1 refreshes the README's screenshots; otherwise they go with the test's results.
    const name = `all-panels-${width}x${height}.png`;
    await page.screenshot({
      path: process.env['SIGLUM_SCREENSHOTS']
        ? resolve(root, 'resources/screenshots', name)
        : testInfo.outputPath(name),
    });
  });
}

test('a panel column resizes by mouse and keyboard, never past the text’s measure, and keeps its width', async ({
  page,
  served,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const editor = new EditorPage(page);
  await editor.open(served.url);
  await editor.importSeed();
  await page.locator('.tool-panels button', { hasText: 'Notes' }).click();
  const handle = page.getByRole('separator', { name: 'Resize the register and notes panel' });
  await expect(handle).toBeVisible();
  const before = Number(await handle.getAttribute('aria-valuenow'));

  await handle.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(handle).toHaveAttribute('aria-valuenow', String(before + 16));
  await page.keyboard.press('Shift+ArrowRight');
  await expect(handle).toHaveAttribute('aria-valuenow', String(before + 16 - 64));
  await page.keyboard.press('Home');
  await expect(handle).toHaveAttribute('aria-valuenow', '240');

  // Dragged 100 px to the left: 100 px wider.
  const box = (await handle.boundingBox())!;
  await page.mouse.move(box.x + 3, box.y + 200);
  await page.mouse.down();
  await page.mouse.move(box.x - 50, box.y + 200);
  await page.mouse.move(box.x - 97, box.y + 200);
  await page.mouse.up();
  await expect(handle).toHaveAttribute('aria-valuenow', '340');
  expect(Math.round((await page.locator('.side-panel').boundingBox())!.width)).toBe(340);

  // As wide as it goes: the text still has its 45 characters.
  await handle.focus();
  await page.keyboard.press('End');
  const widest = Number(await handle.getAttribute('aria-valuenow'));
  expect(widest).toBeGreaterThan(340);
  const { text, min } = await measure(page);
  expect(text).toBeGreaterThanOrEqual(min);

  await page.reload();
  await page.locator('.tool-panels button', { hasText: 'Notes' }).click();
  await expect(handle).toHaveAttribute('aria-valuenow', String(widest));
});

test('the sidebar collapses to a rail and comes back, by mouse and keyboard', async ({ page, served }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  const editor = new EditorPage(page);
  await editor.open(served.url);
  await editor.importSeed();
  const paneWidth = () => page.locator('.pane-body').evaluate((el) => el.clientWidth);
  const narrow = await paneWidth();
  await page.getByRole('button', { name: 'Hide the sidebar' }).click();
  await expect(page.locator('.sidebar')).toHaveCount(0);
  await expect.poll(paneWidth).toBeGreaterThan(narrow + 150);
  await page.getByRole('button', { name: 'Show the sidebar' }).click();
  await expect(page.locator('.sidebar')).toBeVisible();
  await page.getByRole('button', { name: 'Hide the sidebar' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Show the sidebar' })).toBeVisible();
  await page.keyboard.press('Control+\\');
  await expect(page.locator('.sidebar')).toBeVisible();
});

test('at 1024x700 with the panels open a note’s popup stays in view and typing in it never scrolls sideways', async ({
  page,
  served,
}) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  const editor = new EditorPage(page);
  await editor.open(served.url);
  await editor.importSeed();
  await openPanels(page);
  const callouts = editor.text.locator('.note-callout');
  await expect(callouts).toHaveCount(2);
  const scroller = page.locator('.pane-body > .scroller');
  for (const i of [0, 1]) {
    await callouts.nth(i).scrollIntoViewIfNeeded();
    await callouts.nth(i).click();
    const popup = editor.text.locator('.note-editor');
    await expect(popup).toBeVisible();
    await popup.locator('.ProseMirror').click();
    await page.keyboard.press('End');
    await page.keyboard.type(' A comment long enough to run past the right edge of a narrow text column.');
    const area = (await scroller.boundingBox())!;
    const box = (await popup.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(area.x);
    expect(box.x + box.width).toBeLessThanOrEqual(area.x + area.width);
    expect(await scroller.evaluate((el) => el.scrollLeft)).toBe(0);
    await page.keyboard.press('Escape');
  }
  await editor.expectSaved();
});

test('stacked panels fold to their title and unfold, by mouse and keyboard, giving their room to the others', async ({
  page,
  served,
}) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  const editor = new EditorPage(page);
  await editor.open(served.url);
  await editor.importSeed();
  await openPanels(page);
  const bar = page.getByRole('button', { name: 'Variants', exact: true }).and(page.locator('.dock-bar'));
  await expect(bar).toHaveAttribute('aria-expanded', 'true');
  const notesSlot = page.locator('.dock-slot[data-panel="side"]');
  const before = (await notesSlot.boundingBox())!.height;

  await bar.click();
  await expect(bar).toHaveAttribute('aria-expanded', 'false');
  await expect(page.locator('.variants-panel')).toBeHidden();
  expect(Math.round((await page.locator('.dock-slot[data-panel="variants"]').boundingBox())!.height)).toBe(26);
  await expect.poll(async () => (await notesSlot.boundingBox())!.height).toBeGreaterThan(before + 50);

  await bar.focus();
  await page.keyboard.press('Enter');
  await expect(bar).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('tab', { name: 'Witnesses' })).toBeVisible();
});
