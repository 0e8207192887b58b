import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures.ts';
import { EditorPage, SEED } from './editor-page.ts';

const seedText = readFileSync(SEED, 'utf8');

test.describe('comparing witnesses of the seed despatch', () => {
  let editor: EditorPage;

  test.beforeEach(async ({ page, served }) => {
    editor = new EditorPage(page);
    await editor.open(served.url);
    await editor.importSeed();
    await page.getByRole('button', { name: 'Variants' }).click();
  });

  test('a plain-text witness is read as import reads it: its page markers, callouts and notes are no variants', async ({
    page,
  }) => {
    const panel = page.getByRole('complementary', { name: 'Variants' });
    const add = panel.getByRole('form', { name: 'Add a witness' });
    await add.getByLabel('Siglum').fill('Copy');
    await add.getByTestId('witness-file').setInputFiles({
      name: 'copy.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(seedText.replace('increasingly cordial', 'increasingly friendly')),
    });
    await add.getByRole('button', { name: 'Add witness' }).click();
    await expect(panel.getByRole('region', { name: 'Witness Copy' })).toBeVisible();
    await expect(panel.getByLabel('Text of Copy')).not.toHaveValue(/\[Page 69\]|Not printed/);
    await panel.getByRole('tab', { name: 'Variants' }).click();
    await expect(panel.locator('.variant-row')).toHaveCount(1);
    await expect(panel.locator('.variant-row')).toContainText('friendly');
  });

  test('side by side opens as the base against the first other witness', async ({ page }) => {
    const panel = page.getByRole('complementary', { name: 'Variants' });
    // Looked at before any witness exists, then again once one is added.
    await panel.getByRole('tab', { name: 'Side by side' }).click();
    await expect(panel.getByText('Add a witness to compare two texts.')).toBeVisible();
    await panel.getByRole('tab', { name: 'Witnesses' }).click();
    const add = panel.getByRole('form', { name: 'Add a witness' });
    await add.getByLabel('Siglum').fill('A');
    await add.getByLabel(/Text \(paste/).fill(seedText.replace('increasingly cordial', 'increasingly friendly'));
    await add.getByRole('button', { name: 'Add witness' }).click();
    await expect(panel.getByRole('region', { name: 'Witness A' })).toBeVisible();
    await panel.getByRole('tab', { name: 'Side by side' }).click();
    await expect(panel.locator('.pair-count')).toContainText('between Base and A');
    await expect(panel.getByLabel('Left witness')).toHaveValue('0');
    await expect(panel.getByLabel('Right witness')).toHaveValue('1');
    await expect(panel.getByLabel('Right witness').locator('option:checked')).toHaveText('A');
  });

  test('the comparison settings show their disclosure arrow and keep near matching once turned on', async ({
    page,
  }) => {
    const panel = page.getByRole('complementary', { name: 'Variants' });
    const summary = panel.locator('.collation-settings > summary');
    const arrow = () => summary.evaluate((el) => getComputedStyle(el, '::before').content);
    await expect.poll(arrow).toBe('"▸"');
    await summary.click();
    await expect.poll(arrow).toBe('"▾"');
    const near = panel.getByLabel(/Near matching/);
    await expect(near).not.toBeChecked();
    await near.check();
    await expect(near).toBeChecked();
    await page.reload();
    await page.getByRole('button', { name: 'Variants' }).click();
    await page.getByRole('complementary', { name: 'Variants' }).locator('.collation-settings > summary').click();
    await expect(page.getByRole('complementary', { name: 'Variants' }).getByLabel(/Near matching/)).toBeChecked();
  });

  test('apparatus changes undone and redone at once are shown and saved; an emendation is labelled and undone from the tab', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const panel = page.getByRole('complementary', { name: 'Variants' });
    const add = panel.getByRole('form', { name: 'Add a witness' });
    await add.getByLabel('Siglum').fill('A');
    await add.getByLabel(/Text \(paste/).fill(seedText.replace('increasingly cordial', 'increasingly friendly'));
    await add.getByRole('button', { name: 'Add witness' }).click();
    await expect(panel.getByRole('region', { name: 'Witness A' })).toBeVisible();
    await panel.getByRole('tab', { name: 'Variants' }).click();
    await panel.locator('.variant-row', { hasText: 'friendly' }).getByRole('button', { name: 'Make entry' }).click();
    await panel.getByRole('tab', { name: 'Apparatus' }).click();
    const entry = panel.locator('.app-entry');
    await expect(entry).toHaveCount(1);

    // A change of type undone at once, from the tab and from the text, and redone: shown and saved each time.
    await entry.getByLabel('Type').selectOption('orthographic');
    await panel.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect(entry.getByLabel('Type')).toHaveValue('');
    await entry.getByLabel('Type').selectOption('punctuation');
    await editor.expectSaved();
    await editor.text.click();
    await page.keyboard.press('ControlOrMeta+z');
    await expect(entry.getByLabel('Type')).toHaveValue('');
    await page.keyboard.press('ControlOrMeta+y');
    await expect(entry.getByLabel('Type')).toHaveValue('punctuation');
    await editor.expectSaved();

    // Emended: the text changes, the old words stay as the base's reading; Undo in the tab takes it back.
    await entry.getByRole('button', { name: 'Emend…' }).click();
    const emend = entry.getByRole('form', { name: 'Emend the base text' });
    await expect(emend).toContainText('stays in the apparatus');
    await emend.getByLabel('Emended text').fill('amicable');
    await emend.getByRole('button', { name: 'Emend' }).click();
    await expect(editor.text).toContainText('increasingly amicable');
    await expect(entry.locator('.app-line')).toContainText('amicable] cordial');
    await editor.expectSaved();
    await panel.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect(editor.text).toContainText('increasingly cordial');
    await expect(entry.locator('.app-line')).not.toContainText('amicable');
    await editor.expectSaved();
  });
});
