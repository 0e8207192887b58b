/**
 * The editor window as the end-to-end specs drive it: open the app, import a
 * file through the file input, find the text, wait for the save indicator.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The seed despatch, read in place from the shared corpus. */
export const SEED = resolve(root, '../shared/corpus/seed/frus1933v03-d63-grew-256.txt');
export const SEED_TITLE = 'The Ambassador in Japan (Grew) to the Secretary of State';

export class EditorPage {
  readonly text: Locator;
  readonly saveIndicator: Locator;
  readonly documentRows: Locator;
  readonly banner: Locator;

  constructor(readonly page: Page) {
    this.text = page.locator('.editor-host > .ProseMirror');
    this.saveIndicator = page.locator('.save-indicator');
    this.documentRows = page.locator('.doc-row');
    this.banner = page.getByRole('alert');
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.locator('.sidebar')).toBeVisible();
  }

  async importFile(path: string): Promise<void> {
    await this.page.getByTestId('import-input').setInputFiles(path);
  }

  /** Imports the seed despatch and waits until it is open in the editor. */
  async importSeed(): Promise<void> {
    await this.importFile(SEED);
    await expect(this.documentRows.filter({ hasText: SEED_TITLE })).toHaveCount(1);
    await expect(this.text).toContainText('During the month of December, 1932');
  }

  /** Puts the cursor at the end of the first paragraph that contains `words`. */
  async placeCursorAfter(words: string): Promise<void> {
    const paragraph = this.text.locator('p', { hasText: words }).first();
    await paragraph.click();
    // The End key goes to the end of the visual line; put the selection at the paragraph's end.
    await paragraph.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      range.collapse(false);
      const selection = getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
    });
  }

  async expectSaved(): Promise<void> {
    await expect(this.saveIndicator).toHaveText('Saved');
  }

  button(actionId: string): Locator {
    return this.page.locator(`.toolbar button.tool[data-action="${actionId}"]`);
  }
}

/**
 * Runs `select`, which changes the page's selection, and waits until the browser has
 * announced the change (selectionchange): ProseMirror reads the selection then, so a
 * shortcut pressed after this acts on it. A condition, not a pause.
 */
export async function selecting(page: Page, select: () => Promise<unknown>): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { siglumSelectionSeen?: Promise<void> };
    w.siglumSelectionSeen = new Promise((resolve) =>
      // ProseMirror's own listener, added when its view was made, has run by the time this one does.
      document.addEventListener('selectionchange', () => resolve(), { once: true }),
    );
  });
  await select();
  await page.evaluate(() => (window as unknown as { siglumSelectionSeen?: Promise<void> }).siglumSelectionSeen);
}
