import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures.ts';
import { EditorPage, SEED } from './editor-page.ts';

test('exports the open document as a TEI file that holds what was typed', async ({ page, served }) => {
  const editor = new EditorPage(page);
  await editor.open(served.url);
  await editor.importSeed();
  await editor.placeCursorAfter('due to the following causes.');
  await page.keyboard.type(' Exported as typed.');
  await editor.expectSaved();

  await page.getByRole('button', { name: /Export TEI/ }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'This document' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.xml$/);
  const xml = readFileSync(await download.path(), 'utf8');
  expect(xml).toContain('<TEI');
  expect(xml).toContain('causes. Exported as typed.');
  await expect(editor.banner).toHaveCount(0);
});

test('imports a file dropped on the window', async ({ page, served }) => {
  const editor = new EditorPage(page);
  await editor.open(served.url);
  const text = readFileSync(SEED, 'utf8');
  const dataTransfer = await page.evaluateHandle((content) => {
    const dt = new DataTransfer();
    dt.items.add(new File([content], 'grew-256.txt', { type: 'text/plain' }));
    return dt;
  }, text);
  const zone = page.locator('.drop-zone');
  await zone.dispatchEvent('dragenter', { dataTransfer });
  await expect(page.locator('.drop-veil')).toBeVisible();
  await zone.dispatchEvent('drop', { dataTransfer });
  await expect(page.locator('.drop-veil')).toHaveCount(0);
  await expect(editor.documentRows.filter({ hasText: 'Grew' })).toHaveCount(1);
  await expect(editor.text).toContainText('During the month of December, 1932');
});
