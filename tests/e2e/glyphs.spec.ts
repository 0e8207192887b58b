/**
 * Early printed German in the editor: the Kant ground truth's long s and the e above
 * a vowel (U+0364, "aͤ") are drawn by the shipped Gentium Book Plus, not as boxes. What
 * Gentium lacks of early and medieval Latin-script characters (the Tironian et) comes
 * from the shipped Noto Serif. Chromium says which fonts drew a node's text
 * (CSS.getPlatformFontsForNode), and a combining letter drawn by a font that has it
 * takes no width of its own, where a box would.
 */
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { EditorPage } from './editor-page.ts';
import { fontsDrawing } from './fonts.ts';
import { KANT } from './facsimile-support.ts';
import { expect, test } from './fixtures.ts';

const PAGE_FILE = resolve(KANT, 'OCR-D-GT-PAGE/PAGE_0017_PAGE.xml');

/** The widths of each sample in the editor's text font, once its faces for the samples are loaded. */
function widthsInTextFont(page: Page, samples: string[]): Promise<number[]> {
  return page
    .locator('.editor-host > .ProseMirror p')
    .first()
    .evaluate(async (p, texts) => {
      const style = getComputedStyle(p);
      const font = `${style.fontStyle} ${style.fontWeight} 40px ${style.fontFamily}`;
      await document.fonts.load(font, texts.join(''));
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.font = font;
      return texts.map((t) => ctx.measureText(t).width);
    }, samples);
}

test('the Kant text is drawn in the shipped fonts, the e above a vowel as a mark', async ({ page, served }) => {
  const editor = new EditorPage(page);
  await editor.open(served.url);
  await editor.importFile(PAGE_FILE);
  const line = 'Unmuͤndigkeit iſt das Unvermoͤgen';
  await expect(editor.text).toContainText(line);

  // The paragraph is found by its index: the editor owns its DOM, so the test marks nothing in it.
  const paragraphs = '.editor-host > .ProseMirror p';
  const index = await page.evaluate(
    ([selector, words]) => [...document.querySelectorAll(selector)].findIndex((p) => p.textContent?.includes(words)),
    [paragraphs, line] as const,
  );
  expect(index).toBeGreaterThanOrEqual(0);
  const fonts = await fontsDrawing(page, paragraphs, index);
  expect(fonts.map((f) => [f.familyName, f.isCustomFont])).toEqual([['Gentium Book Plus', true]]);

  // A mark the font has is drawn over its letter and adds no width; a box would.
  const [u, uMark, longS, box] = await widthsInTextFont(page, ['u', 'u\u0364', 'ſ', '\u{10fffd}']);
  expect(uMark).toBeCloseTo(u!, 1);
  expect(longS).toBeGreaterThan(0);
  expect(longS).not.toBeCloseTo(box!, 1);

  const paragraph = editor.text.locator('p', { hasText: line });
  await paragraph.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('kant-editor.png') });
  await paragraph.screenshot({ path: test.info().outputPath('kant-paragraph.png') });
});

test('what Gentium lacks of medieval Latin comes from the shipped Noto Serif', async ({ page, served }) => {
  await new EditorPage(page).open(served.url);
  // A probe in the text font: Tironian et, r rotunda, combining letters, a superscript letter.
  await page.evaluate(() => {
    const probe = document.createElement('p');
    probe.id = 'glyph-probe';
    probe.style.fontFamily = 'var(--text-font)';
    probe.textContent = '⁊ ꝛ aͣ oͦ ᵉ';
    document.body.append(probe);
  });
  await expect
    .poll(async () => (await fontsDrawing(page, '#glyph-probe')).map((f) => [f.familyName, f.isCustomFont]).sort())
    .toEqual([
      ['Gentium Book Plus', true],
      ['Noto Serif', true],
    ]);
  const fonts = await fontsDrawing(page, '#glyph-probe');
  // Only the Tironian et is Noto's.
  expect(fonts.find((f) => f.familyName === 'Noto Serif')?.glyphCount).toBe(1);
});
