/**
 * Notes that carry no number (most TEI outside FRUS numbers notes when it prints them)
 * are shown their place in reading order in the text, as the notes panel lists them.
 */
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
});
