import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures.ts';
import { EditorPage, selecting } from './editor-page.ts';

const TEI_ALL = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/schema/tei_all.rng');
const WORDS = 'Association for Settlement of the Russian Problem';

test('a note on selected words: typed, listed with its words, kept over a reload, exported as valid TEI', async ({
  page,
  served,
}, testInfo) => {
  const editor = new EditorPage(page);
  await editor.open(served.url);
  await editor.importSeed();
  await page.getByRole('button', { name: 'Notes', exact: true }).click();
  const rows = page.getByRole('list', { name: 'Notes', exact: true }).locator('.note-row');
  await expect(rows).toHaveCount(2);

  // Select the words as a drag would (Chromium's find selects the match), then the shortcut.
  await editor.text.focus();
  await selecting(page, async () =>
    expect(await page.evaluate((words) => (window as unknown as { find(s: string): boolean }).find(words), WORDS)).toBe(
      true,
    ),
  );
  await page.keyboard.press('ControlOrMeta+Alt+Shift+N');
  const noteEditor = editor.text.locator('.note-editor .ProseMirror');
  await expect(noteEditor).toBeVisible();
  await noteEditor.click();
  await page.keyboard.type('A society of White Russian émigrés.');
  await expect(editor.text.locator('.note-span')).toHaveText(WORDS);
  await editor.expectSaved();

  const row = rows.filter({ hasText: 'White Russian' });
  await expect(rows).toHaveCount(3);
  await expect(row.locator('.note-lemma')).toHaveText('Association for … Russian Problem] ');
  await expect(row.locator('.note-preview')).toHaveText(
    'Association for … Russian Problem] A society of White Russian émigrés.',
  );
  await page.screenshot({ path: testInfo.outputPath('notes-span.png') });

  // A click on the row selects the note's words in the text.
  await row.locator('.note-go').click();
  await expect.poll(() => page.evaluate(() => getSelection()?.toString())).toBe(WORDS);

  await page.reload();
  await page.getByRole('button', { name: 'Notes', exact: true }).click();
  await expect(rows.filter({ hasText: 'White Russian' }).locator('.note-lemma')).toHaveText(
    'Association for … Russian Problem] ',
  );
  await expect(editor.text.locator('.note-span')).toHaveText(WORDS);

  await page.getByRole('button', { name: /Export TEI/ }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'This document' }).click(),
  ]);
  const path = await download.path();
  const xml = readFileSync(path, 'utf8');
  expect(xml).toMatch(
    /<note n="89" xml:id="([^"]+)" targetEnd="#\1-end">A society of White Russian émigrés\.<\/note>Association for Settlement of the Russian Problem<anchor xml:id="\1-end"\/>/,
  );
  const jing = spawnSync('jing', [TEI_ALL, path], { encoding: 'utf8' });
  expect(jing.stdout).toBe('');
  expect(jing.status).toBe(0);
  // The new note comes before the seed's notes 89 and 90 in reading order: it takes 89, they move on.
  expect([...xml.matchAll(/<note n="(\d+)"/g)].map((m) => m[1])).toEqual(['89', '90', '91']);
});
