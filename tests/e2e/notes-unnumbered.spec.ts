/**
 * Notes that carry no number (most TEI outside FRUS numbers notes when it prints them)
 * are shown their place in reading order in the text, as the notes panel lists them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from './fixtures.ts';
import { EditorPage } from './editor-page.ts';

/** A letter whose three notes carry no number. */
const LETTER = resolve(import.meta.dirname, '../fixtures/tei/letter.xml');

test('notes with no number of their own are numbered in reading order in the text', async ({ page, served }) => {
  const editor = new EditorPage(page);
  await editor.open(served.url);
  await editor.importFile(LETTER);
  await expect(editor.text).toContainText('Wartburg-Partie.');
  // The callout draws its number from data-n (editor.css).
  const shown = () =>
    editor.text.locator('.note-callout').evaluateAll((els) => els.map((e) => e.getAttribute('data-n')));
  await expect.poll(shown).toEqual(['1', '2', '3']);

  // The same numbers as the notes panel lists.
  await page.getByRole('button', { name: 'Notes', exact: true }).click();
  const listed = page.getByRole('list', { name: 'Notes', exact: true }).locator('.note-number');
  await expect(listed).toHaveText(['1', '2', '3']);
  // Nothing to renumber: no note carries a number that could be out of order.
  await expect(page.locator('.notes-panel')).not.toContainText('other than their place in reading order');
  await expect(page.getByRole('button', { name: 'Renumber' })).toHaveCount(0);

  // A note added among them takes no number of its own either: all four show their place.
  await editor.placeCursorAfter('Wartburg-Partie.');
  await editor.button('note').click();
  await editor.text.locator('.note-editor .ProseMirror').click();
  await page.keyboard.type('Added.');
  await expect.poll(shown).toEqual(['1', '2', '3', '4']);
  await expect(listed).toHaveText(['1', '2', '3', '4']);
  await expect(page.getByRole('button', { name: 'Renumber' })).toHaveCount(0);
});

test('notes whose own numbers are out of reading order are offered a renumbering, and it numbers them in order', async ({
  page,
  served,
}) => {
  // The same letter, its notes numbered 3, 1, 2.
  let i = 0;
  const text = readFileSync(LETTER, 'utf8').replace(
    /<note type="ea">/g,
    () => `<note type="ea" n="${[3, 1, 2][i++]}">`,
  );
  const file = test.info().outputPath('letter-misnumbered.xml');
  writeFileSync(file, text);
  const editor = new EditorPage(page);
  await editor.open(served.url);
  await editor.importFile(file);
  await expect(editor.text).toContainText('Wartburg-Partie.');
  await page.getByRole('button', { name: 'Notes', exact: true }).click();
  const listed = page.getByRole('list', { name: 'Notes', exact: true }).locator('.note-number');
  await expect(listed).toHaveText(['3', '1', '2']);
  await expect(page.locator('.notes-panel')).toContainText('other than their place in reading order');
  await page.getByRole('button', { name: 'Renumber' }).click();
  await expect(listed).toHaveText(['1', '2', '3']);
  await expect(page.getByRole('button', { name: 'Renumber' })).toHaveCount(0);
});
