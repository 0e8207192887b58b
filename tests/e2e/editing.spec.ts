import { expect, test } from './fixtures.ts';
import { EditorPage } from './editor-page.ts';

/** Puts the caret at the end of the first element matching `selector` that contains `words`. */
async function caretAtEnd(editor: EditorPage, selector: string, words: string): Promise<void> {
  const block = editor.text.locator(selector, { hasText: words }).first();
  await block.click();
  await block.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    range.collapse(false);
    getSelection()?.removeAllRanges();
    getSelection()?.addRange(range);
  });
}

test.describe('editing as in a word processor, with the seed despatch imported', () => {
  let editor: EditorPage;

  test.beforeEach(async ({ page, served }) => {
    editor = new EditorPage(page);
    await editor.open(served.url);
    await editor.importSeed();
  });

  test('Enter at the end of a paragraph makes a paragraph, not a heading, and Backspace joins it back', async ({
    page,
  }) => {
    const headings = await editor.text.locator('h2').count();
    await editor.placeCursorAfter('may be seriously strained.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('A new paragraph.');
    await expect(editor.text.locator('p', { hasText: 'A new paragraph.' })).toHaveText('A new paragraph.');
    await expect(editor.text.locator('h2')).toHaveCount(headings);
    for (let i = 0; i < 'A new paragraph.'.length; i++) await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await expect(editor.text.locator('p', { hasText: 'may be seriously strained.' })).toHaveCount(1);
    await page.keyboard.type(' Joined.');
    await expect(editor.text.locator('p', { hasText: 'may be seriously strained. Joined.' })).toHaveCount(1);
    await editor.expectSaved();
  });

  test('Enter in a list item starts the next numbered entry; on an empty entry it leaves the list', async ({
    page,
  }) => {
    await caretAtEnd(editor, '.tei-item', 'in an endeavor to strengthen China');
    await page.keyboard.press('Enter');
    await page.keyboard.type('A fourth cause.');
    const list = editor.text.locator('.tei-list');
    await expect(list.locator('.tei-label')).toHaveText(['1.', '2.', '3.', '4.']);
    await expect(list.locator('.tei-item').last()).toHaveText('A fourth cause.');
    await page.keyboard.press('Enter');
    await expect(list.locator('.tei-label')).toHaveText(['1.', '2.', '3.', '4.', '5.']);
    await page.keyboard.press('Enter');
    await page.keyboard.type('After the list.');
    await expect(list.locator('.tei-label')).toHaveText(['1.', '2.', '3.', '4.']);
    await expect(editor.text.locator('p', { hasText: 'After the list.' })).toHaveText('After the list.');
    // Shift+Tab from the item goes back to its label.
    await caretAtEnd(editor, '.tei-item', 'A fourth cause.');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.type('IV.');
    await expect(list.locator('.tei-label').last()).toHaveText('IV.');
    await editor.expectSaved();
  });

  test('Enter in the closer goes from the salute to a new signature line, never out of the closer', async ({
    page,
  }) => {
    const closer = editor.text.locator('.tei-closer');
    await caretAtEnd(editor, '.tei-salute', 'Respectfully yours,');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Second signer');
    await expect(closer.locator('.tei-signed')).toHaveText(['Second signer', 'Joseph C. Grew']);
    await caretAtEnd(editor, '.tei-signed', 'Joseph C. Grew');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expect(closer.locator('.tei-signed')).toHaveCount(3);
    await expect(editor.text.locator('.tei-closer ~ p')).toHaveCount(0);
  });

  test('a note inserted from its shortcut takes what is typed, numbered in reading order in the text and panel; Escape closes it', async ({
    page,
  }) => {
    await page.getByRole('button', { name: 'Notes', exact: true }).click();
    const before = await editor.text.locator('.note-callout').count();
    // A note before the seed's notes 89 and 90 takes 89, and they move on.
    await editor.placeCursorAfter('due to the following causes.');
    await page.keyboard.press('ControlOrMeta+Alt+n');
    const noteEditor = editor.text.locator('.note-editor .ProseMirror');
    await expect(noteEditor).toBeVisible();
    await page.keyboard.type('Typed straight into the note.');
    await expect(noteEditor).toHaveText('Typed straight into the note.');
    await expect(editor.text.locator('.note-callout')).toHaveCount(before + 1);
    await expect(editor.text.locator('p', { hasText: 'due to the following causes.' })).toContainText(
      'due to the following causes.',
    );

    await page.keyboard.press('Escape');
    await expect(noteEditor).toHaveCount(0);
    const inText = await editor.text
      .locator('.note-callout')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-n')));
    expect(inText).toEqual(['89', '90', '91']);
    const panel = page.getByRole('list', { name: 'Notes', exact: true }).locator('.note-number');
    await expect(panel).toHaveText(['89', '90', '91']);
    await expect(page.getByRole('list', { name: 'Notes', exact: true }).locator('.note-row').first()).toContainText(
      'Typed straight into the note.',
    );
    // Typing after Escape goes into the text, after the note.
    await page.keyboard.type(' After.');
    await expect(editor.text.locator('p', { hasText: 'due to the following causes.' })).toContainText('After.');
    await editor.expectSaved();
  });

  test('the page-break dialog proposes the page after the nearest break before the caret', async ({ page }) => {
    await editor.placeCursorAfter('may be seriously strained.');
    await page.keyboard.press('ControlOrMeta+Alt+p');
    const number = page.getByRole('dialog').getByLabel('Page number');
    await expect(number).toHaveValue('71');
    await page.keyboard.press('Escape');
    await editor.placeCursorAfter('desire in advance to absolve themselves');
    await page.keyboard.press('ControlOrMeta+Alt+p');
    await expect(number).toHaveValue('70');
    // The proposal is selected: typing replaces it.
    await page.keyboard.type('69a');
    await page.keyboard.press('Enter');
    await expect(editor.text.locator('.tei-pb[data-n="69a"]')).toHaveCount(1);
  });

  test('typing while a note’s number is selected goes into the note and never replaces it', async ({ page }) => {
    const callouts = editor.text.locator('.note-callout');
    const count = await callouts.count();
    await callouts.first().click();
    const noteEditor = editor.text.locator('.note-editor .ProseMirror');
    await expect(noteEditor).toBeVisible();
    const before = await noteEditor.innerText();
    // The number clicked, the note selected in the text: what is typed goes into the note.
    await page.keyboard.type(' Added.');
    await expect(noteEditor).toHaveText(`${before} Added.`);
    await expect(callouts).toHaveCount(count);
    await editor.expectSaved();
  });
});
