import { expect, test } from './fixtures.ts';
import { EditorPage } from './editor-page.ts';

test.describe('the notes panel, with the seed despatch imported', () => {
  let editor: EditorPage;

  test.beforeEach(async ({ page, served }) => {
    editor = new EditorPage(page);
    await editor.open(served.url);
    await editor.importSeed();
    await page.getByRole('button', { name: 'Notes', exact: true }).click();
  });

  test('lists notes 89 and 90 in reading order; a click opens the note in the text', async ({ page }, testInfo) => {
    const notes = page.getByRole('list', { name: 'Notes', exact: true }).locator('.note-row');
    await expect(notes.locator('.note-number')).toHaveText(['89', '90']);
    await expect(notes.nth(0)).toContainText('Not printed.');

    await notes.nth(1).locator('.note-go').click();
    await expect(editor.text.locator('.note-editor .ProseMirror')).toBeVisible();
    await expect(editor.text.locator('.note-editor .ProseMirror')).toHaveText(
      await notes.nth(1).locator('.note-preview').innerText(),
    );
    await page.screenshot({ path: testInfo.outputPath('notes.png') });
  });

  test('lists the source note (the file number) apart from the numbered notes, and goes to it', async ({ page }) => {
    const sources = page.getByRole('list', { name: 'Source notes' }).locator('.note-row');
    await expect(sources).toHaveCount(1);
    await expect(sources.first()).toContainText('761.94/587');
    await sources.first().locator('.note-go').click();
    const selectionIn = await page.evaluate(
      () => window.getSelection()?.anchorNode?.parentElement?.closest('.tei-source-note') !== null,
    );
    expect(selectionIn).toBe(true);
  });

  test('undoes a change of a note’s type made in the panel, and an edit of its text', async ({ page }) => {
    const type = page.getByLabel('Type of note 89');
    const before = await type.inputValue();
    const other = before === 'editorial' ? 'commentary' : 'editorial';
    await type.selectOption(other);
    await expect(type).toHaveValue(other);
    await editor.expectSaved();
    await editor.button('undo').click();
    await expect(type).toHaveValue(before);

    await page
      .getByRole('list', { name: 'Notes', exact: true })
      .locator('.note-row')
      .first()
      .locator('.note-go')
      .click();
    const noteEditor = editor.text.locator('.note-editor .ProseMirror');
    await noteEditor.click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Checked.');
    await expect(noteEditor).toContainText('Checked.');
    await expect(page.getByRole('list', { name: 'Notes', exact: true }).locator('.note-row').first()).toContainText(
      'Checked.',
    );
    await page.keyboard.press('ControlOrMeta+z');
    await expect(noteEditor).not.toContainText('Checked.');
    await editor.expectSaved();
  });
});
