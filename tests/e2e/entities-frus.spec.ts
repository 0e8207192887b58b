import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures.ts';
import { EditorPage } from './editor-page.ts';

const GUATEMALA = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus/frus/frus1952-54Guat.xml');

test('a FRUS volume’s persons and terms fill the register, each with its mentions a click away', async ({
  page,
  served,
}, testInfo) => {
  test.setTimeout(120_000);
  const editor = new EditorPage(page);
  await editor.open(served.url);
  await editor.importFile(GUATEMALA);
  await expect(editor.documentRows.first()).toBeVisible({ timeout: 60_000 });

  await page.getByRole('button', { name: 'Register', exact: true }).click();
  const rows = page.getByRole('list', { name: 'Register entries' }).locator('.entity-row');
  await page.getByRole('radio', { name: 'Person' }).click();
  await expect(rows).toHaveCount(67);
  await page.getByRole('radio', { name: 'Term' }).click();
  await expect(rows).toHaveCount(101);

  await page.getByRole('radio', { name: 'Person' }).click();
  await page.getByLabel('Find in the register').fill('Arbenz');
  await expect(rows.first()).toContainText('Arbenz');
  await page.screenshot({ path: testInfo.outputPath('frus-register.png') });
  await rows.first().click();
  const mentions = page.getByRole('region', { name: 'Mentions' }).locator('.mention-row');
  await expect(mentions.first()).toBeVisible();
  await mentions.first().click();
  // The document opens with the mention selected.
  await expect(page.locator('.doc-row.current')).toHaveCount(1);
  await expect.poll(() => page.evaluate(() => getSelection()?.toString() ?? '')).toMatch(/Arbenz/);
  await page.screenshot({ path: testInfo.outputPath('frus-mention.png') });
});
