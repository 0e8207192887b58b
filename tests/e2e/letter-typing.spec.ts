/**
 * A letter whose div begins with its page break (`<pb n="1"/>`, then the opener): text
 * typed before the break goes into a paragraph of its own, not bare into the div.
 */
import { resolve } from 'node:path';
import { expect, test } from './fixtures.ts';
import { EditorPage, selecting } from './editor-page.ts';

const LETTER = resolve(import.meta.dirname, '../fixtures/tei/letter.xml');

test('text typed before a letter’s first page break becomes a paragraph of its own, and stays one', async ({
  page,
  served,
}) => {
  const editor = new EditorPage(page);
  await editor.open(served.url);
  await editor.importFile(LETTER);
  await expect(editor.text).toContainText('Wartburg-Partie.');
  // The body's div is a block of its own; its first child, the run holding the page break.
  const div = editor.text.locator('> .tei-block').first();
  const first = div.locator('> *').first();
  await expect(first).toHaveClass(/tei-run/);

  await editor.text.click();
  await selecting(page, () =>
    first.evaluate((el) => {
      const range = document.createRange();
      range.setStart(el, 0);
      range.collapse(true);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
    }),
  );
  await page.keyboard.type('Vorbemerkung.');
  const blocks = () => div.locator('> *').evaluateAll((els) => els.slice(0, 2).map((e) => [e.tagName, e.textContent]));
  await expect.poll(blocks).toEqual([
    ['P', 'Vorbemerkung.'],
    ['DIV', expect.stringContaining('')],
  ]);
  await expect(div.locator('> *').nth(1)).toHaveClass(/tei-run/);
  await editor.expectSaved();

  await page.reload();
  await expect(div.locator('> *').first()).toHaveText('Vorbemerkung.');
  await expect(div.locator('> *').nth(1)).toHaveClass(/tei-run/);
});
