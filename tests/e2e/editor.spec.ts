import { expect, test } from './fixtures.ts';
import { EditorPage, selecting } from './editor-page.ts';

test.describe('the editor window, with the seed despatch imported', () => {
  let editor: EditorPage;

  test.beforeEach(async ({ page, served }) => {
    editor = new EditorPage(page);
    await editor.open(served.url);
    await editor.importSeed();
  });

  test('saves what is typed, says "Saved", and shows it again after a reload', async ({ page }) => {
    await editor.placeCursorAfter('due to the following causes.');
    await page.keyboard.type(' Checked against the printed volume.');
    await expect(editor.text).toContainText('causes. Checked against the printed volume.');
    await editor.expectSaved();

    await page.reload();
    await expect(editor.text).toContainText('causes. Checked against the printed volume.');
    await expect(editor.documentRows.filter({ hasText: 'Grew' })).toHaveClass(/current/);
  });

  test('undoes and redoes typing with the keyboard and the toolbar', async ({ page }) => {
    await editor.placeCursorAfter('due to the following causes.');
    await page.keyboard.type(' Typed once.');
    await expect(editor.text).toContainText('Typed once.');
    await page.keyboard.press('ControlOrMeta+z');
    await expect(editor.text).not.toContainText('Typed once.');
    await page.keyboard.press('ControlOrMeta+Shift+z');
    await expect(editor.text).toContainText('Typed once.');

    await editor.button('undo').click();
    await expect(editor.text).not.toContainText('Typed once.');
    await editor.button('redo').click();
    await expect(editor.text).toContainText('Typed once.');
    await editor.expectSaved();
  });

  test('applies italic and inserts a numbered page break from the toolbar, and keeps both', async ({ page }) => {
    await editor.text.getByText('Sir: During the month').dblclick({ position: { x: 5, y: 8 } });
    await editor.button('italic').click();
    await expect(editor.text.locator('em').first()).toHaveText('Sir');

    await editor.placeCursorAfter('due to the following causes.');
    await editor.button('pageBreak').click();
    const dialog = page.getByRole('dialog', { name: 'Page break' });
    await dialog.getByLabel('Page number').fill('68a');
    await dialog.getByRole('button', { name: 'Insert' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(editor.text.locator('.tei-pb', { hasText: '[Page 68a]' })).toHaveCount(1);
    await editor.expectSaved();

    await page.reload();
    await expect(editor.text.locator('em').first()).toHaveText('Sir');
    await expect(editor.text.locator('.tei-pb', { hasText: '[Page 68a]' })).toHaveCount(1);
  });

  test('the Structure menu works from the keyboard', async ({ page }) => {
    await editor.placeCursorAfter('due to the following causes.');
    await page.locator('.structure-button').click();
    await expect(page.getByRole('menuitem', { name: /^Heading/ })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('menuitem', { name: /^Source note/ })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(editor.text.locator('.tei-source-note', { hasText: 'due to the following causes.' })).toHaveCount(1);
    await page.keyboard.type(' Typed after.');
    await expect(editor.text.locator('.tei-source-note')).toContainText(['causes. Typed after.']);
  });

  test('changes a page break’s number when it is double-clicked', async ({ page }) => {
    await editor.text.locator('.tei-pb', { hasText: '[Page 69]' }).dblclick();
    const dialog = page.getByRole('dialog', { name: 'Change page break' });
    await expect(dialog.getByLabel('Page number')).toHaveValue('69');
    await dialog.getByLabel('Page number').fill('69*');
    await dialog.getByRole('button', { name: 'Change' }).click();
    await expect(editor.text.locator('.tei-pb-label', { hasText: '[Page 69*]' })).toHaveCount(1);
    await editor.expectSaved();
    await page.reload();
    await expect(editor.text.locator('.tei-pb-label', { hasText: '[Page 69*]' })).toHaveCount(1);
  });

  test('inserts a new note from the toolbar and edits its text in place', async ({ page }) => {
    const before = await editor.text.locator('.note-callout').count();
    await editor.placeCursorAfter('due to the following causes.');
    await editor.button('note').click();
    const noteEditor = editor.text.locator('.note-editor .ProseMirror');
    await expect(noteEditor).toBeVisible();
    await noteEditor.click();
    await page.keyboard.type('The causes are numbered as in the despatch.');
    await editor.expectSaved();

    await page.reload();
    await expect(editor.text.locator('.note-callout')).toHaveCount(before + 1);
    await expect(
      editor.text.locator('p', { hasText: 'due to the following causes.' }).locator('.note-callout'),
    ).toHaveCount(1);
    await editor.text.locator('p', { hasText: 'due to the following causes.' }).locator('.note-callout').click();
    await expect(editor.text.locator('.note-editor .ProseMirror')).toHaveText(
      'The causes are numbered as in the despatch.',
    );
  });

  test('marks a place inside a note from the keyboard, offers the mentions menu there, and keeps the mark', async ({
    page,
  }) => {
    await editor.placeCursorAfter('due to the following causes.');
    await editor.button('note').click();
    const noteEditor = editor.text.locator('.note-editor .ProseMirror');
    await noteEditor.click();
    await page.keyboard.type('Compare the report from Harbin of the same week.');
    const selectInNote = (words: string) => selecting(page, () => selectInNoteNow(words));
    const selectInNoteNow = (words: string) =>
      noteEditor.evaluate((root, target) => {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = (node.textContent ?? '').indexOf(target);
          if (at < 0) continue;
          (root as HTMLElement).focus();
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + target.length);
          getSelection()?.removeAllRanges();
          getSelection()?.addRange(range);
          return;
        }
        throw new Error(`"${target}" is not in the note`);
      }, words);

    await selectInNote('Harbin');
    await page.keyboard.press('ControlOrMeta+Alt+Shift+L');
    const popup = page.getByRole('dialog', { name: 'Mark as Place' });
    await popup.getByRole('option', { name: /New place: “Harbin”/ }).click();
    await expect(popup).toHaveCount(0);
    await expect(noteEditor.locator('.mention[data-kind="place"]')).toHaveText('Harbin');

    // The context menu over a selection in the note is the editor's own.
    await selectInNote('report');
    await noteEditor.getByText('report').click({ button: 'right' });
    const menu = page.getByRole('menu', { name: 'Mentions' });
    await expect(menu.getByRole('group', { name: 'Mark as' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(menu).toHaveCount(0);
    await editor.expectSaved();

    await page.reload();
    await editor.text.locator('p', { hasText: 'due to the following causes.' }).locator('.note-callout').click();
    await expect(editor.text.locator('.note-editor .mention[data-kind="place"]')).toHaveText('Harbin');
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    await expect(page.getByRole('complementary', { name: 'Register and notes' })).toContainText('Harbin');
  });

  test('renames a document from the list', async ({ page }) => {
    await editor.documentRows.filter({ hasText: 'Grew' }).dblclick();
    const title = page.getByRole('textbox', { name: 'Document title' });
    await title.fill('Grew to Hull, 13 January 1933');
    await title.press('Enter');
    await expect(editor.documentRows.filter({ hasText: 'Grew to Hull, 13 January 1933' })).toHaveCount(1);
    await page.reload();
    await expect(editor.documentRows.filter({ hasText: 'Grew to Hull, 13 January 1933' })).toHaveCount(1);
  });

  test('turns a paragraph into a heading from the Structure menu and its shortcut', async ({ page }) => {
    await editor.placeCursorAfter('due to the following causes.');
    await page.locator('.structure-button').click();
    await page.getByRole('menuitem', { name: /^Heading/ }).click();
    await expect(editor.text.locator('h2', { hasText: 'due to the following causes.' })).toHaveCount(1);
    await page.keyboard.press('ControlOrMeta+Alt+0');
    await expect(editor.text.locator('h2', { hasText: 'due to the following causes.' })).toHaveCount(0);
    await expect(editor.text.locator('p', { hasText: 'due to the following causes.' })).toHaveCount(1);
  });

  test('shows page breaks as margin markers and notes as numbers that open their text', async ({ page }) => {
    await expect(editor.text.locator('.tei-pb-label', { hasText: '[Page 69]' })).toHaveCount(1);
    const callout = editor.text.locator('.note-callout').first();
    await callout.click();
    const noteEditor = editor.text.locator('.note-editor .ProseMirror');
    await expect(noteEditor).toContainText('Not printed.');
    await noteEditor.click();
    await page.keyboard.press('End');
    await page.keyboard.type(' See file 761.94/588.');
    await editor.expectSaved();

    await page.reload();
    await editor.text.locator('.note-callout').first().click();
    await expect(editor.text.locator('.note-editor .ProseMirror')).toContainText('Not printed. See file 761.94/588.');
  });
  for (const [width, height] of [
    [1280, 800],
    [1440, 900],
  ] as const) {
    test(`keeps the toolbar on one row with "Saved" in view at ${width}×${height}, with the side panels open or closed`, async ({
      page,
    }) => {
      await page.setViewportSize({ width, height });
      await editor.expectSaved();
      const toolbar = page.getByRole('toolbar', { name: 'Editing' });
      const oneRow = async (panels: string): Promise<void> => {
        const bar = (await toolbar.boundingBox())!;
        const button = (await editor.button('undo').boundingBox())!;
        // One row: the bar is its padding plus one button high, and every button starts on it.
        expect(bar.height, panels).toBeLessThan(button.height * 2);
        const tops = await toolbar
          .locator('button:visible')
          .evaluateAll((buttons) => buttons.map((b) => Math.round(b.getBoundingClientRect().top)));
        expect(new Set(tops).size, `${panels}: button tops ${tops.join(', ')}`).toBe(1);
        await expect(editor.saveIndicator).toBeInViewport({ ratio: 1 });
        await expect(editor.saveIndicator).toHaveText('Saved');
      };

      await oneRow('no panel');
      await page.getByRole('button', { name: 'Register', exact: true }).click();
      await expect(page.getByRole('complementary', { name: 'Register and notes' })).toBeVisible();
      await oneRow('register');
      await page.getByRole('button', { name: 'Variants' }).click();
      await expect(page.getByRole('tab', { name: 'Witnesses' })).toBeVisible();
      await oneRow('register and variants');
      await page.getByRole('button', { name: 'Register', exact: true }).click();
      await oneRow('variants');
    });
  }
});
