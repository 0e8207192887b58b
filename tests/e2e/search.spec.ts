/**
 * Searching the project, replacing across documents and undoing it, finding in the
 * open document, and the sorted document list, on a FRUS excerpt of seven documents.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { EditorPage } from './editor-page.ts';

const VOLUME = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../shared/corpus/frus/frus1938v03-d480-d486.xml',
);

async function withVolume(page: Page, url: string): Promise<EditorPage> {
  const editor = new EditorPage(page);
  await editor.open(url);
  await editor.importFile(VOLUME);
  await expect(editor.text).toBeVisible({ timeout: 60_000 });
  return editor;
}

// Each test imports the volume first.
test.describe.configure({ timeout: 120_000 });

/** Searches the volume for "Lake Khasan" (three passages in three documents); returns the results. */
async function searchKhasan(page: Page): Promise<Locator> {
  await page.getByRole('tab', { name: 'Search' }).click();
  await page.getByLabel('Search the project').fill('"Lake Khasan"');
  const results = page.getByLabel('Search results');
  await expect(results.locator('.search-summary')).toHaveText(/^3 passages in 3 documents$/);
  return results;
}

/** The text selected in the page. */
function selected(page: Page): Promise<string> {
  return page.evaluate(() => getSelection()?.toString() ?? '');
}

/** Opens the second of the results' hits, and waits until the editor has it selected. */
async function openSecondHit(page: Page, results: Locator): Promise<void> {
  await results.locator('.search-hit').nth(1).click();
  await expect.poll(() => selected(page)).toBe('Lake Khasan');
}

/** Opens the replace box and previews "Lake Khasan" replaced by "Lake Hasan"; returns the preview. */
async function previewHasan(page: Page): Promise<Locator> {
  await page.locator('.replace-box summary').click();
  await page.getByLabel('Replace with').fill('Lake Hasan');
  await page.getByRole('button', { name: 'Preview' }).click();
  return page.getByLabel('Replacement preview');
}

/** The open document reads `shown` and no longer `gone`. */
async function expectReads(editor: EditorPage, shown: string, gone: string): Promise<void> {
  await expect(editor.text).toContainText(shown);
  await expect(editor.text).not.toContainText(gone);
}

test('search finds a phrase across documents, opens a hit selected, and a replacement is made and undone', async ({
  page,
  served,
}) => {
  const editor = await withVolume(page, served.url);
  const results = await searchKhasan(page);
  await expect(results.locator('.search-doc')).toHaveCount(3);
  await expect(results.locator('.search-doc').first()).toContainText('480. The Chargé in the Soviet Union (Kirk)');

  // A click opens the document with the hit selected.
  await openSecondHit(page, results);
  const openTitle = await results.locator('.search-doc').nth(1).textContent();

  // Replace: preview, leave one out, apply.
  const preview = await previewHasan(page);
  await expect(preview.locator('.replace-item')).toHaveCount(3);
  await expect(preview.locator('del').first()).toHaveText('Lake Khasan');
  await expect(preview.locator('ins').first()).toHaveText('Lake Hasan');
  await preview.locator('.replace-item input').last().uncheck();
  await page.getByRole('button', { name: 'Replace 2 selected' }).click();
  await expect(page.locator('.replace-message')).toHaveText('Replaced 2 occurrences in 2 documents.');
  // The open editor received the steps, and the search was run again.
  await expectReads(editor, 'Lake Hasan', 'Lake Khasan');
  await expect(editor.saveIndicator).toHaveText('Saved');
  await expect(results.locator('.search-summary')).toHaveText(/^1 passage in 1 document$/);
  expect(openTitle).toBeTruthy();

  // Undo puts the old text back in both documents.
  await page.getByRole('button', { name: 'Undo replace' }).click();
  await expect(page.locator('.replace-message')).toHaveText('Undone: 2 occurrences restored.');
  await expectReads(editor, 'Lake Khasan', 'Lake Hasan');
  await expect(results.locator('.search-summary')).toHaveText(/^3 passages in 3 documents$/);

  // A regular expression, and what a bad one says.
  await page.getByLabel('Regular expression').check();
  await page.getByLabel('Search the project').fill('Khasan|Litvinov');
  await expect(results.locator('.search-hit mark').first()).toHaveText(/Khasan|Litvinov/);
  await page.getByLabel('Search the project').fill('(Khasan');
  await expect(page.locator('.search-error')).toContainText('is not a valid regular expression');
});

test('a replacement in the open document is one undo step there: Mod-Z undoes it at once, Mod-Shift-Z redoes it', async ({
  page,
  served,
}) => {
  const editor = await withVolume(page, served.url);
  const results = await searchKhasan(page);
  await openSecondHit(page, results);

  await previewHasan(page);
  await page.getByRole('button', { name: 'Replace 3 selected' }).click();
  await expect(page.locator('.replace-message')).toHaveText('Replaced 3 occurrences in 3 documents.');
  await expectReads(editor, 'Lake Hasan', 'Lake Khasan');
  await expect(results.locator('.search-summary')).toHaveText('Nothing found.');

  // In the editor, one Mod-Z takes the whole replacement back, and it is saved.
  await editor.text.getByText('Lake Hasan').first().click();
  await page.keyboard.press('ControlOrMeta+z');
  await expectReads(editor, 'Lake Khasan', 'Lake Hasan');
  await expect(editor.saveIndicator).toHaveText('Saved');
  // The other two documents keep their replacement.
  await expect(results.locator('.search-summary')).toHaveText(/^1 passage in 1 document$/);

  // Mod-Shift-Z makes it again.
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await expectReads(editor, 'Lake Hasan', 'Lake Khasan');
  await expect(editor.saveIndicator).toHaveText('Saved');
  await expect(results.locator('.search-summary')).toHaveText('Nothing found.');
});

test('find in the document highlights every hit; Enter and Shift+Enter move between them', async ({ page, served }) => {
  const editor = await withVolume(page, served.url);
  await expect(editor.text).toContainText('Tass report');
  await editor.text.click();
  await page.keyboard.press('Control+f');
  const find = page.getByRole('searchbox', { name: 'Find in document' });
  await expect(find).toBeFocused();
  await find.fill('soviet');
  const hits = editor.text.locator('.find-hit');
  const count = await hits.count();
  expect(count).toBeGreaterThan(2);
  await expect(editor.text.locator('.find-current')).toHaveCount(1);
  const counter = page.locator('.find-count');
  await expect(counter).toHaveText(new RegExp(`^\\d+ of ${count}$`));
  const first = Number((await counter.textContent())!.split(' ')[0]);
  await find.press('Enter');
  await expect(counter).toHaveText(`${(first % count) + 1} of ${count}`);
  await expect(editor.text.locator('.find-current')).toHaveText(/^soviet$/i);
  await find.press('Shift+Enter');
  await expect(counter).toHaveText(`${first} of ${count}`);
  // Another document opened with the bar open: the same is found there.
  await editor.documentRows.nth(1).click();
  await expect(page.locator('.doc-row.current')).toContainText('481');
  await expect(editor.text).not.toContainText('Tass report');
  await expect(editor.text.locator('.find-hit').first()).toBeVisible();
  await expect(counter).toHaveText(/^\d+ of \d+$/);
  await editor.documentRows.nth(0).click();
  await expect(editor.text).toContainText('Tass report');
  await expect(editor.text.locator('.find-hit')).toHaveCount(count);
  // Diacritics folded: "communique" finds "communiqué".
  await find.fill('communique');
  await expect(editor.text.locator('.find-hit')).toHaveText(['communiqué']);
  await find.press('Escape');
  await expect(editor.text.locator('.find-hit')).toHaveCount(0);
  await expect(find).toBeHidden();
  // Back in the text, with the last match found selected.
  await expect.poll(() => selected(page)).toBe('communiqué');
});

test('the sorted list orders by date and title and narrows to a date range', async ({ page, served }) => {
  await withVolume(page, served.url);
  await page.getByRole('tab', { name: 'Sorted list' }).click();
  const rows = page.getByRole('list', { name: 'Sorted documents' }).locator('.sorted-doc');
  await expect(rows).toHaveCount(7);
  await expect(rows.first().locator('.sorted-doc-n')).toHaveText('480');
  await page.getByLabel('Sort documents by').selectOption('date');
  await page.getByLabel('Reverse').check();
  await expect(rows.first().locator('.sorted-doc-date')).toHaveText('1938-12-22');
  await expect(rows.first().locator('.sorted-doc-n')).toHaveText('486');
  // Whole titles, not cut: the ends that tell FRUS titles apart are there.
  await expect(rows.first().locator('.sorted-doc-title')).toHaveText(/\(Grew\) to the Secretary of State$/);
  await page.getByLabel('Documents dated from').fill('1938-09-01');
  await page.getByLabel('Documents dated to').fill('1938-11');
  await expect(rows).toHaveCount(2);
  await expect(rows.locator('.sorted-doc-date')).toHaveText(['1938-11-10', '1938-09-14']);
  // Narrowed to the documents that mention a register entry.
  await page.getByLabel('Documents dated from').fill('');
  await page.getByLabel('Documents dated to').fill('');
  await expect(rows).toHaveCount(7);
  const mentioning = await page.evaluate(async () => {
    const call = async (method: string, args: unknown) => {
      const response = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(args),
      });
      return ((await response.json()) as { value: unknown }).value;
    };
    const entity = (await call('createEntity', { entity: { type: 'person', name: 'Litvinov' } })) as { id: string };
    let documents = 0;
    for (const d of (await call('listDocuments', {})) as Array<{ id: string }>) {
      const r = (await call('acceptSuggestions', { entityId: entity.id, documentId: d.id })) as { marked: number };
      if (r.marked > 0) documents++;
    }
    return documents;
  });
  expect(mentioning).toBeGreaterThan(0);
  expect(mentioning).toBeLessThan(7);
  await page.getByLabel('Documents mentioning', { exact: true }).fill('Litvinov');
  await expect(rows).toHaveCount(mentioning);
  await expect(page.locator('.list-count')).toHaveText(new RegExp(`^${mentioning} documents? mentioning Litvinov$`));
  // A register name found by search opens its entry in the register.
  await page.getByRole('tab', { name: 'Search' }).click();
  await page.getByLabel('Search in').selectOption('names');
  await page.getByLabel('Search the project').fill('litvinov');
  await page.getByLabel('Search results').locator('.search-hit').first().click();
  await expect(page.locator('.entity-detail .entity-title')).toContainText('Litvinov');
  // Back to the list, as it was left.
  await page.getByRole('tab', { name: 'Sorted list' }).click();
  await expect(page.getByLabel('Sort documents by')).toHaveValue('date');
  await expect(page.getByLabel('Documents mentioning', { exact: true })).toHaveValue('Litvinov');
  await expect(rows).toHaveCount(mentioning);
  await page.getByLabel('Documents mentioning', { exact: true }).fill('');
  await expect(rows).toHaveCount(7);
  await page.getByLabel('Documents dated from').fill('1938-09-01');
  await page.getByLabel('Documents dated to').fill('1938-11');
  await expect(rows).toHaveCount(2);
  await page.getByLabel('Sort documents by').selectOption('title');
  await page.getByLabel('Reverse').uncheck();
  await expect(rows).toHaveCount(2);
  await rows.first().click();
  await expect(page.locator('.sorted-doc.current')).toHaveCount(1);
});

test('the Search tab and Ctrl+Shift+F put the cursor in the search box, the sidebar shown if it was hidden', async ({
  page,
  served,
}) => {
  const editor = await withVolume(page, served.url);
  const box = page.getByLabel('Search the project');
  // A click on the tab: typing goes straight into the box.
  await page.getByRole('tab', { name: 'Search' }).click();
  await expect(box).toBeFocused();
  await page.keyboard.type('Khasan');
  await expect(box).toHaveValue('Khasan');
  // From the text, with the sidebar hidden: the shortcut shows it and the box has the cursor.
  await page.getByRole('tab', { name: 'Documents' }).click();
  await editor.text.click();
  await page.keyboard.press('Control+\\');
  await expect(page.locator('.sidebar')).toHaveCount(0);
  await page.keyboard.press('Control+Shift+F');
  await expect(box).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Search' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('"Lake Khasan"');
  await expect(page.getByLabel('Search results').locator('.search-summary')).toHaveText(/^3 passages in 3 documents$/);
});
