import { expect, test } from './fixtures.ts';
import { EditorPage } from './editor-page.ts';

test.describe('the Problems panel, with the seed despatch imported', () => {
  let editor: EditorPage;

  test.beforeEach(async ({ page, served }) => {
    editor = new EditorPage(page);
    await editor.open(served.url);
    await editor.importSeed();
  });

  test('says the despatch is valid, lists a misplaced heading as it is typed, and a click goes to it', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await page.getByRole('button', { name: 'Problems', exact: true }).click();
    const panel = page.locator('.problems-panel');
    await expect(panel.getByRole('status')).toHaveText('Valid against TEI (tei_all).', { timeout: 30_000 });

    // A paragraph made a heading in the middle of the letter: invalid TEI there.
    await editor.placeCursorAfter('may be seriously strained.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('A heading in the wrong place');
    await page.keyboard.press('ControlOrMeta+Alt+1');
    await expect(editor.text.locator('h2', { hasText: 'A heading in the wrong place' })).toHaveCount(1);
    const problems = page.getByRole('list', { name: 'Problems' }).locator('.problem-row');
    await expect(problems.first()).toContainText('head', { timeout: 30_000 });
    await expect(panel.getByRole('status')).toContainText(/\d+ problems? against TEI \(tei_all\)/);
    await expect(problems.first().locator('.problem-where')).toHaveText('A heading in the wrong place');

    // The caret goes to the heading: typing lands there.
    await editor.placeCursorAfter('due to the following causes.');
    await problems.first().locator('.problem-go').click();
    await page.keyboard.type('X');
    await expect(editor.text.locator('h2', { hasText: 'A heading in the wrong place' })).toContainText('X');

    // Made a paragraph again: valid once more.
    await page.keyboard.press('ControlOrMeta+Alt+0');
    await expect(panel.getByRole('status')).toHaveText('Valid against TEI (tei_all).', { timeout: 30_000 });
    await expect(problems).toHaveCount(0);
  });

  test('export names the problems and asks before writing invalid TEI', async ({ page }) => {
    test.setTimeout(90_000);
    await editor.placeCursorAfter('may be seriously strained.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Misplaced');
    await page.keyboard.press('ControlOrMeta+Alt+1');
    await editor.expectSaved();

    let asked = '';
    page.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.dismiss();
    });
    let downloaded = false;
    page.on('download', () => (downloaded = true));
    await page.getByRole('button', { name: /Export TEI/ }).click();
    await page.getByRole('menuitem', { name: 'This document' }).click();
    await expect.poll(() => asked, { timeout: 30_000 }).toMatch(/does not validate against TEI \(tei_all\)/);
    expect(asked).toMatch(/line \d+: .*head/);
    expect(asked).toContain('Export it anyway?');
    expect(downloaded).toBe(false);

    // Accepted, it is written.
    page.once('dialog', (dialog) => void dialog.accept());
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      (async () => {
        await page.getByRole('button', { name: /Export TEI/ }).click();
        await page.getByRole('menuitem', { name: 'This document' }).click();
      })(),
    ]);
    expect(download.suggestedFilename()).toMatch(/-d\d+\.xml$/);
  });
});
