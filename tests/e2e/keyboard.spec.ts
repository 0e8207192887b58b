import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { EditorPage } from './editor-page.ts';

const VOLUME = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus/frus/frus1934v05.xml');

/** A description of the focused element, to tell stops apart and report them. */
function focusedStop(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    const path: string[] = [];
    for (let node: Element | null = el; node && node !== document.body; node = node.parentElement) {
      const index = node.parentElement ? [...node.parentElement.children].indexOf(node) : 0;
      path.unshift(`${node.tagName.toLowerCase()}:${index}`);
    }
    return path.join('/');
  });
}

/** Tabs on to the end of the page (the focus leaves for the browser), so that the next Tab reaches the first stop. */
async function tabToTheEnd(page: Page): Promise<void> {
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press('Tab');
    if ((await focusedStop(page)) === 'body') return;
  }
  throw new Error('Tab never left the page');
}

test('with a 642-document volume open, every tab stop of the window is visible and named, and the list is one stop', async ({
  page,
  served,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const editor = new EditorPage(page);
  await editor.open(served.url);
  await editor.importFile(VOLUME);
  await expect(editor.documentRows.first()).toBeVisible({ timeout: 90_000 });
  await expect(page.locator('.collection-row .count')).toHaveText('642');
  await editor.documentRows.nth(3).click();
  await expect(editor.text).toBeVisible();
  // Every panel open, so their stops are walked too.
  await page.keyboard.press('Control+Shift+1');
  await page.keyboard.press('Control+Shift+4');
  await expect(page.locator('.side-panel')).toBeVisible();
  await expect(page.locator('.variants-panel')).toBeVisible();

  // From the top of the page, Tab through everything until the focus leaves the page.
  await tabToTheEnd(page);
  const seen: string[] = [];
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press('Tab');
    const stop = await focusedStop(page);
    if (stop === 'body') break;
    expect(seen, `the focus came back to ${stop} before the end of the round`).not.toContain(stop);
    seen.push(stop);
    const focused = page.locator(':focus');
    if (seen.length === 1) await expect(focused).toHaveText('Skip to text');
    await expect(focused, `tab stop ${seen.length} (${stop}) is visible`).toBeVisible();
    await expect(focused, `tab stop ${seen.length} (${stop}) is on screen`).toBeInViewport();
    await expect(focused, `tab stop ${seen.length} (${stop}) has an accessible name`).toHaveAccessibleName(/\S/);
    const ring = await focused.evaluate((el) => {
      const style = getComputedStyle(el);
      return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
    });
    expect(ring, `tab stop ${seen.length} (${stop}) shows a focus ring`).toBe(true);
  }
  // The 642 documents are one stop: the whole round is a few dozen stops.
  expect(seen.length).toBeGreaterThan(20);
  expect(seen.length).toBeLessThan(120);
  expect(seen.filter((stop) => stop.includes('nav')).length).toBeLessThan(12);
  const rowStops = await page.locator('.sidebar-list [data-row-key][tabindex="0"]').count();
  expect(rowStops).toBe(1);
  await expect(page.getByTestId('import-input')).toHaveAttribute('tabindex', '-1');
});

test('the skip link, the document list by arrow keys, and the window shortcuts work from the keyboard', async ({
  page,
  served,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const editor = new EditorPage(page);
  await editor.open(served.url);
  await editor.importFile(VOLUME);
  await expect(editor.documentRows.first()).toBeVisible({ timeout: 90_000 });

  // Skip link: first stop, takes the focus to the text.
  await editor.documentRows.nth(1).click();
  await expect(editor.text).toBeVisible();
  await tabToTheEnd(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('button', { name: 'Skip to text' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(editor.text).toBeFocused();

  // The list: one stop, the open document's row; arrows, Home, End, Enter.
  await page.keyboard.press('Alt+Shift+L');
  const current = page.locator('.doc-row.current');
  await expect(current).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(editor.documentRows.nth(2)).toBeFocused();
  await page.keyboard.press('End');
  await expect(editor.documentRows.last()).toBeFocused();
  await page.keyboard.press('Home');
  await expect(page.locator('.collection-row')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(editor.documentRows.nth(2)).toBeFocused();
  const third = await editor.documentRows.nth(2).getAttribute('href');
  await page.keyboard.press('Enter');
  await expect(editor.documentRows.nth(2)).toHaveAttribute('aria-current', 'page');
  expect(await page.evaluate(() => location.hash)).toBe(third);
  // The opened document takes the focus once it is loaded: wait for that before going
  // back to the list, or the focus moves under the keys below.
  await expect(editor.text).toBeFocused();
  // Tab leaves the list in one press, Shift+Tab comes back to the same row.
  await editor.documentRows.nth(2).focus();
  await page.keyboard.press('Tab');
  await expect(page.locator('.sidebar-list :focus')).toHaveCount(0);
  await page.keyboard.press('Shift+Tab');
  await expect(editor.documentRows.nth(2)).toBeFocused();
  // Left goes up to the collection, Left again closes it, Right opens it.
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator('.collection-row')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator('.collection-row')).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.collection-row')).toHaveAttribute('aria-expanded', 'true');

  // Next and previous document.
  await page.keyboard.press('Alt+Shift+T');
  await expect(editor.text).toBeFocused();
  await page.keyboard.press('Alt+Shift+ArrowDown');
  await expect(editor.documentRows.nth(3)).toHaveAttribute('aria-current', 'page');
  await page.keyboard.press('Alt+Shift+ArrowUp');
  await page.keyboard.press('Alt+Shift+ArrowUp');
  await expect(editor.documentRows.nth(1)).toHaveAttribute('aria-current', 'page');

  // Panels.
  await page.keyboard.press('Control+Shift+3');
  await expect(page.getByRole('tab', { name: 'Notes' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Control+Shift+2');
  await expect(page.getByRole('tab', { name: 'Index' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Control+Shift+2');
  await expect(page.locator('.side-panel')).toHaveCount(0);
  await page.keyboard.press('Control+Shift+4');
  await expect(page.locator('.variants-panel')).toBeVisible();
  await page.keyboard.press('Control+Shift+4');
  await expect(page.locator('.variants-panel')).toHaveCount(0);

  // Export: the TEI menu and the edition dialog.
  await page.keyboard.press('Control+Shift+E');
  await expect(page.getByRole('menu', { name: 'Export TEI' })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Shift+P');
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // Import opens the file picker.
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Control+O');
  expect((await chooser).isMultiple()).toBe(true);

  // The sidebar hides and comes back.
  await page.keyboard.press('Control+\\');
  await expect(page.locator('.sidebar')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Show the sidebar' })).toBeVisible();
  await page.keyboard.press('Control+\\');
  await expect(page.locator('.sidebar')).toBeVisible();

  // The sheet lists every shortcut, from the same tables.
  await editor.text.click();
  await page.keyboard.press('Control+/');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  for (const [label, keys] of [
    ['Next document', 'Alt+Shift+↓'],
    ['Notes panel', 'Ctrl+Shift+3'],
    ['Import files…', 'Ctrl+O'],
    ['Italic', 'Ctrl+I'],
    ['Dateline', 'Ctrl+Alt+5'],
    ['Note on selection', 'Ctrl+Alt+Shift+N'],
  ] as const) {
    await expect(sheet.getByRole('row', { name: label, exact: false }).first()).toContainText(keys);
  }
  await page.keyboard.press('Escape');
  await expect(sheet).toHaveCount(0);
});
