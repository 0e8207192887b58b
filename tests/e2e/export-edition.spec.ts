import type { Locator, Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect, test } from './fixtures.ts';
import { EditorPage } from './editor-page.ts';

/** Opens the app, imports the seed despatch and opens the edition dialog. */
async function openEditionDialog(page: Page, url: string): Promise<Locator> {
  const editor = new EditorPage(page);
  await editor.open(url);
  await editor.importSeed();
  await page.getByRole('button', { name: 'Export edition…' }).click();
  return page.getByRole('dialog', { name: 'Edition' });
}

test('exports the seed despatch as a PDF from the edition dialog, with progress and a report of what was placed', async ({
  page,
  served,
}) => {
  test.setTimeout(120_000);
  const dialog = await openEditionDialog(page, served.url);
  await expect(dialog.getByRole('radio', { name: 'PDF' })).toBeChecked();
  await expect(dialog.getByRole('radio', { name: 'This document' })).toBeChecked();
  const outPath = dialog.getByRole('textbox', { name: /File to write/ });
  // The file goes into the server's export folder beside the project, named after the document and
  // its id (two documents may share a title).
  const named = `${dirname(served.projectPath)}/exports/the-ambassador-in-japan-grew-to-the-secretary-of-state-d`;
  await expect(outPath).toHaveValue(new RegExp(`^${named.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\d+\\.pdf$`));
  const path = await outPath.inputValue();

  await dialog.getByRole('button', { name: 'Export' }).click();
  await expect(dialog.getByRole('progressbar', { name: 'Export progress' })).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Exporting…' })).toBeDisabled();
  const report = dialog.getByRole('region', { name: 'Export report' });
  await expect(report).toContainText('Exported', { timeout: 60_000 });
  await expect(report).toContainText(/\d+ pages? · \d+ notes? and 0 apparatus entries placed/);
  await expect(report).toContainText(path);
  await expect(dialog.getByText('Done')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('export-report.png') });

  expect(existsSync(path)).toBe(true);
  expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
});

test('saves the project print settings from the dialog and reads them back', async ({ page, served }) => {
  const dialog = await openEditionDialog(page, served.url);
  await dialog.getByRole('tab', { name: 'Print settings' }).click();
  const form = dialog.getByRole('form', { name: 'Print settings' });
  await form.getByLabel(/Title page: title/).fill('Japan and the Soviet Union, 1932');
  await form.getByLabel('Page size').selectOption('A5');
  await form.getByLabel('Line number every').fill('10');
  await form.getByLabel('Line numbers in the margin').selectOption('right');
  await form.getByLabel('Note types that print').fill('source');
  await form.getByLabel('Page images (PDF)').selectOption('facing');
  await form.getByLabel('Line number every').press('Tab');
  await form.getByRole('button', { name: 'Save settings' }).click();
  await expect(form.getByRole('status')).toHaveText('Print settings saved.');
  await page.screenshot({
    path: test.info().outputPath('export-settings.png'),
  });

  // A value the store refuses is named, and nothing is saved.
  await form.getByLabel('Font family').fill('Gentium; color: red');
  await form.getByLabel('Font family').press('Tab');
  await form.getByRole('button', { name: 'Save settings' }).click();
  await expect(form.getByRole('alert')).toContainText('Not saved: The font must be a CSS font family');

  await page.reload();
  await page.getByRole('button', { name: 'Export edition…' }).click();
  await dialog.getByRole('tab', { name: 'Print settings' }).click();
  await expect(form.getByLabel(/Title page: title/)).toHaveValue('Japan and the Soviet Union, 1932');
  await expect(form.getByLabel('Page size')).toHaveValue('A5');
  await expect(form.getByLabel('Line number every')).toHaveValue('10');
  await expect(form.getByLabel('Line numbers in the margin')).toHaveValue('right');
  await expect(form.getByLabel('Note types that print')).toHaveValue('source');
  await expect(form.getByLabel('Page images (PDF)')).toHaveValue('facing');
  await expect(form.getByLabel('Font family')).not.toHaveValue(/color/);
});

test('exports the whole project as a static HTML edition and names its index page', async ({ page, served }) => {
  const dialog = await openEditionDialog(page, served.url);
  await dialog.getByRole('radio', { name: 'The whole project' }).check();
  await dialog.getByRole('radio', { name: 'HTML' }).check();
  const outPath = dialog.getByRole('textbox', { name: /Folder to write/ });
  await expect(outPath).toHaveValue(`${dirname(served.projectPath)}/exports/e2e-html`);
  await dialog.getByRole('button', { name: 'Export' }).click();
  const report = dialog.getByRole('region', { name: 'Export report' });
  await expect(report).toContainText(/Exported\. \d+ files · \d+ notes? and 0 apparatus entries placed/, {
    timeout: 60_000,
  });
  const index = `${dirname(served.projectPath)}/exports/e2e-html/index.html`;
  await expect(report).toContainText(index);
  expect(readFileSync(index, 'utf8')).toContain('The Ambassador in Japan (Grew)');
});

test("previews the seed despatch as page images beside the export form, with progress and the report's counts", async ({
  page,
  served,
}) => {
  test.setTimeout(120_000);
  const dialog = await openEditionDialog(page, served.url);
  await dialog.getByRole('button', { name: 'Preview' }).click();
  const preview = dialog.getByRole('region', { name: 'Page preview' });
  await expect(preview.getByRole('progressbar', { name: 'Preview progress' })).toBeVisible();
  const images = preview.getByRole('img', { name: /^Page \d+$/ });
  await expect(images.nth(1)).toBeVisible({ timeout: 60_000 });
  expect(await images.count()).toBeGreaterThanOrEqual(2);
  await expect(preview.getByRole('progressbar', { name: 'Preview progress' })).toHaveCount(0);
  await expect(preview).toContainText(/\d+ pages · 2 notes and 0 apparatus entries placed/);
  // Each image is a drawn page: loaded, taller than wide as an A4 page is.
  const size = await images.nth(1).evaluate((img: HTMLImageElement) => ({
    width: img.naturalWidth,
    height: img.naturalHeight,
    src: img.src.slice(0, 22),
  }));
  expect(size.src).toBe('data:image/png;base64,');
  expect(size.height / size.width).toBeCloseTo(297 / 210, 1);
  await page.screenshot({
    path: test.info().outputPath('export-preview.png'),
  });

  // The preview holds the counts an export of the same document reports.
  const pages = /(\d+) pages/.exec((await preview.textContent()) ?? '')?.[1];
  await dialog.getByRole('button', { name: 'Export' }).click();
  const report = dialog.getByRole('region', { name: 'Export report' });
  await expect(report).toContainText(`${pages} pages · 2 notes`, {
    timeout: 60_000,
  });
});
