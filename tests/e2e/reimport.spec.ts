import { resolve } from 'node:path';
import { expect, test } from './fixtures.ts';
import { EditorPage } from './editor-page.ts';

const VOLUME = resolve(import.meta.dirname, '../../../shared/corpus/frus/frus1938v03-d480-d486.xml');

test('importing a volume already in the project asks first: cancel, update with a report, import as new', async ({
  page,
  served,
}) => {
  test.setTimeout(120_000);
  const editor = new EditorPage(page);
  await editor.open(served.url);
  await editor.importFile(VOLUME);
  const collections = page.locator('.collection');
  await expect(collections).toHaveCount(1);

  await editor.importFile(VOLUME);
  const dialog = page.getByRole('dialog', { name: 'Already in the project' });
  await expect(dialog).toContainText('frus1938v03-d480-d486.xml is the volume');
  await expect(dialog).toContainText('unchanged since it was imported');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(collections).toHaveCount(1);
  await expect(collections.locator('.count')).toHaveText('7');

  await editor.importFile(VOLUME);
  await page.getByRole('dialog', { name: 'Already in the project' }).getByRole('button', { name: 'Update' }).click();
  const report = page.getByRole('dialog', { name: 'Volumes read again' });
  await expect(report).toContainText('7 unchanged, 0 from the file, 0 added, 0 removed.');
  await report.getByRole('button', { name: 'Close' }).click();
  await expect(report).toHaveCount(0);
  await expect(collections).toHaveCount(1);

  await editor.importFile(VOLUME);
  await page
    .getByRole('dialog', { name: 'Already in the project' })
    .getByRole('button', { name: 'Import as new volume' })
    .click();
  await expect(collections).toHaveCount(2);
  await expect(collections.nth(1).locator('.collection-title')).toHaveText(/\(2\)$/);
  await expect(editor.banner).toHaveCount(0);
});

test('the edition dialog reports the pointer check of a TEI export', async ({ page, served }) => {
  const editor = new EditorPage(page);
  await editor.open(served.url);
  await editor.importFile(VOLUME);
  await expect(page.locator('.collection')).toHaveCount(1);
  await page.getByRole('button', { name: 'Export edition…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edition' });
  await dialog.getByRole('radio', { name: 'TEI' }).check();
  await dialog.getByRole('radio', { name: 'The whole project' }).check();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Export' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.xml$/);
  // The excerpt's rendition="#right" pointers name a tagsDecl it does not carry.
  const check = dialog.getByRole('region', { name: 'Pointer check' });
  await expect(check).toContainText('10 pointers checked, 10 name ids the file does not have');
  await expect(check).toContainText('<dateline rendition="#right">');
});
