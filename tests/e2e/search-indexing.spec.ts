/**
 * Searching right after importing a whole volume: the index is built by the service's
 * indexer thread, the first search answers from what is indexed and says so, and the
 * results fill in by themselves once the index is whole.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures.ts';
import { EditorPage } from './editor-page.ts';

const here = dirname(fileURLToPath(import.meta.url));
const VOLUME = resolve(here, '../../../shared/corpus/frus/frus1952-54Guat.xml');

test('a search right after importing a volume says it is still indexing, then shows every hit', async ({
  page,
  served,
}) => {
  test.setTimeout(180_000);
  const editor = new EditorPage(page);
  await editor.open(served.url);
  await editor.importFile(VOLUME);
  await expect(editor.text).toBeVisible({ timeout: 90_000 });
  await page.getByRole('tab', { name: 'Search' }).click();
  await page.getByLabel('Search the project').fill('Arbenz');
  const results = page.getByLabel('Search results');
  const notice = results.locator('.search-indexing');
  await expect(notice).toBeVisible();
  await expect(notice).toHaveText(/^Still indexing \d+ documents?: these are the results so far/);
  if (process.env['SIGLUM_SCREENSHOTS'] === '1') {
    await page.screenshot({ path: resolve(here, '../../resources/screenshots/search-indexing.png') });
  }
  await expect(notice).toBeHidden({ timeout: 150_000 });
  await expect(results.locator('.search-summary')).toHaveText(/^\d+ passages in \d+ documents$/);
});
