import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { EditorPage, selecting } from './editor-page.ts';

const TEI_ALL = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/schema/tei_all.rng');

/** Selects the `nth` occurrence of `words` in the document text, as a drag would. */
async function selectText(page: Page, words: string, nth = 0): Promise<void> {
  await selecting(page, () => selectNth(page, words, nth));
}

function selectNth(page: Page, words: string, nth: number): Promise<void> {
  return page.locator('.editor-host > .ProseMirror').evaluate(
    (root, [target, index]) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        let at = text.indexOf(target as string);
        while (at >= 0) {
          if (seen++ === index) {
            (root as HTMLElement).focus();
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + (target as string).length);
            getSelection()?.removeAllRanges();
            getSelection()?.addRange(range);
            return;
          }
          at = text.indexOf(target as string, at + 1);
        }
      }
      throw new Error(`"${target as string}" is not in the text`);
    },
    [words, nth] as const,
  );
}

function mention(editor: EditorPage, kind: string, text: string) {
  return editor.text.locator(`.mention[data-kind="${kind}"]`, { hasText: text });
}

/** Marks the selection with the mouse: Entity menu, kind, then the popup's line `choice`. */
async function markWithMenu(page: Page, kind: string, choice: RegExp): Promise<void> {
  await page.locator('.entity-button').click();
  await page
    .getByRole('menu', { name: 'Entity' })
    .getByRole('menuitem', { name: new RegExp(`^${kind}`) })
    .click();
  await page
    .getByRole('dialog', { name: new RegExp(`Mark as ${kind}`, 'i') })
    .getByRole('option', { name: choice })
    .click();
}

test.describe('marking entities in the seed despatch', () => {
  let editor: EditorPage;

  test.beforeEach(async ({ page, served }) => {
    editor = new EditorPage(page);
    await editor.open(served.url);
    await editor.importSeed();
  });

  test('marks a person with the mouse and another with the keyboard, and lists both in the register', async ({
    page,
  }, testInfo) => {
    await selectText(page, 'Su Ping-wen');
    await markWithMenu(page, 'Person', /New person: “Su Ping-wen”/);
    await expect(mention(editor, 'person', 'Su Ping-wen')).toHaveCount(1);

    await selectText(page, 'Joseph Stalin');
    await page.keyboard.press('ControlOrMeta+Alt+Shift+P');
    const popup = page.getByRole('dialog', { name: 'Mark as Person' });
    await expect(popup.getByLabel('Find in the register')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(popup).toHaveCount(0);
    await expect(mention(editor, 'person', 'Joseph Stalin')).toHaveCount(1);

    // The second "Su Ping-wen" is picked from the type-ahead by an alternative spelling's first letters.
    await selectText(page, 'Su Ping-wen', 1);
    await page.keyboard.press('ControlOrMeta+Alt+Shift+P');
    await page.getByLabel('Find in the register').fill('ping');
    await expect(popup.getByRole('option').first()).toHaveText(/^Su Ping-wen/);
    await page.screenshot({ path: testInfo.outputPath('typeahead.png') });
    await page.keyboard.press('Enter');
    await expect(mention(editor, 'person', 'Su Ping-wen')).toHaveCount(2);
    const refs = await mention(editor, 'person', 'Su Ping-wen').evaluateAll((els) => els.map((e) => e.dataset['ref']));
    expect(refs[0]).toBeTruthy();
    expect(refs[1]).toBe(refs[0]);
    await editor.expectSaved();

    await page.getByRole('button', { name: 'Register', exact: true }).click();
    const entries = page.getByRole('list', { name: 'Register entries' });
    await expect(entries.locator('.entity-row')).toHaveText([/Joseph Stalin\s*1/, /Su Ping-wen\s*2/]);

    // The card on a mention shows the entry behind it.
    await mention(editor, 'person', 'Joseph Stalin').click();
    await expect(page.locator('.mention-card')).toContainText('Joseph Stalin');
    await page.screenshot({ path: testInfo.outputPath('marked.png') });
    await page.keyboard.press('Escape');

    // From the register, a mention is a click away.
    await entries.getByRole('button', { name: /Su Ping-wen/ }).click();
    await expect(page.locator('.mention-row')).toHaveCount(2);
    await page.screenshot({ path: testInfo.outputPath('register-entry.png') });
  });

  test('nests a place inside an organisation and unmarks it again, keeping the text', async ({ page }, testInfo) => {
    await selectText(page, 'Association for Settlement of the Russian Problem');
    await page.keyboard.press('ControlOrMeta+Alt+Shift+O');
    await page.keyboard.press('Enter');
    await expect(mention(editor, 'org', 'Association for Settlement')).toHaveCount(1);

    // "posters in Russian and Japanese" comes first; the second "Russian" is in the name.
    await selectText(page, 'Russian', 1);
    await page.keyboard.press('ControlOrMeta+Alt+Shift+L');
    await page.getByLabel('Find in the register').fill('Russia');
    await page.keyboard.press('Enter');
    await expect(mention(editor, 'org', 'Association').locator('.mention[data-kind="place"]')).toHaveText('Russian');
    await expect(page.locator('.entity-row')).toHaveCount(0);

    await mention(editor, 'place', 'Russian').click({ button: 'right' });
    await page.screenshot({ path: testInfo.outputPath('context-menu.png') });
    await page.getByRole('menuitem', { name: 'Unmark place' }).click();
    await expect(editor.text.locator('.mention[data-kind="place"]')).toHaveCount(0);
    await expect(mention(editor, 'org', 'Association')).toHaveText('Association for Settlement of the Russian Problem');
  });

  test('merges two entries of one person; the mentions follow the entry kept', async ({ page }) => {
    const popup = page.getByRole('dialog', { name: 'Mark as Person' });
    await selectText(page, 'Joseph Stalin');
    await page.keyboard.press('ControlOrMeta+Alt+Shift+P');
    await expect(popup.getByLabel('Find in the register')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(popup).toHaveCount(0);
    await selectText(page, 'Stalin', 1);
    await page.keyboard.press('ControlOrMeta+Alt+Shift+P');
    // Not the existing "Joseph Stalin": a new entry, to be merged as a duplicate.
    await expect(popup.getByRole('option').first()).toHaveText(/Joseph Stalin/);
    await page.keyboard.press('ArrowDown');
    await expect(popup.getByRole('option', { selected: true })).toHaveText(/New person/);
    await page.keyboard.press('Enter');
    await expect(editor.text.locator('.mention[data-kind="person"]')).toHaveCount(2);

    await page.getByRole('button', { name: 'Register', exact: true }).click();
    const entries = page.getByRole('list', { name: 'Register entries' });
    await expect(entries.locator('.entity-row')).toHaveCount(2);
    await entries.getByRole('button', { name: /Joseph Stalin/ }).click();
    await page.getByLabel('Duplicate to merge').fill('Stalin');
    await page.locator('.merge-hit', { hasText: /^Stalin/ }).click();
    await page.getByRole('button', { name: 'Merge', exact: true }).click();
    await expect(page.locator('.entity-outcome')).toContainText('Merged “Stalin” into “Joseph Stalin”');

    await page.getByRole('button', { name: '← All entries' }).click();
    await expect(entries.locator('.entity-row')).toHaveText([/Joseph Stalin\s*2/]);
    const refs = await editor.text
      .locator('.mention[data-kind="person"]')
      .evaluateAll((els) => els.map((e) => e.dataset['ref']));
    expect(refs).toHaveLength(2);
    expect(refs[1]).toBe(refs[0]);
  });

  test('gives a date mention its proposed value and exports TEI that validates against tei_all', async ({
    page,
  }, testInfo) => {
    await selectText(page, 'December 21–22, 1932');
    await page.keyboard.press('ControlOrMeta+Alt+Shift+D');
    const popup = page.getByRole('dialog', { name: 'Mark as Date' });
    await expect(popup.getByRole('textbox', { name: 'From' })).toHaveValue('1932-12-21');
    await expect(popup.getByRole('textbox', { name: 'To' })).toHaveValue('1932-12-22');
    await page.screenshot({ path: testInfo.outputPath('date-popup.png') });
    await popup.getByRole('button', { name: 'Mark date' }).click();
    await expect(editor.text.locator('.mention[data-kind="date"]')).toHaveAttribute('data-from', '1932-12-21');

    await selectText(page, 'Joseph Stalin');
    await page.keyboard.press('ControlOrMeta+Alt+Shift+P');
    await page.keyboard.press('Enter');

    // A type of the editor's own, from the context menu; it joins the Entity menu.
    await selectText(page, 'Five Year Plan');
    await editor.text.getByText(/Five Year Plan/).click({ button: 'right', position: { x: 5, y: 5 } });
    await page.getByRole('menuitem', { name: 'Other type…' }).click();
    await page.getByLabel('Entity type').fill('programme');
    await page.getByRole('option', { name: /New programme: “Five Year Plan”/ }).click();
    await expect(mention(editor, 'programme', 'Five Year Plan')).toHaveCount(1);
    await page.locator('.entity-button').click();
    await expect(page.getByRole('menu', { name: 'Entity' }).getByRole('menuitem', { name: 'Programme' })).toBeVisible();
    await page.keyboard.press('Escape');
    await editor.expectSaved();

    await page.getByRole('button', { name: /Export TEI/ }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'This document' }).click(),
    ]);
    const path = await download.path();
    const xml = readFileSync(path, 'utf8');
    expect(xml).toMatch(/<persName ref="#[^"]+">Joseph Stalin<\/persName>/);
    expect(xml).toContain('<date from="1932-12-21" to="1932-12-22">December 21–22, 1932</date>');
    expect(xml).toContain('<listPerson');
    expect(xml).toMatch(/<rs type="programme" ref="#[^"]+">Five Year Plan<\/rs>/);
    // jing exits non-zero and prints the errors when the file is not valid.
    const run = () => execFileSync('jing', [TEI_ALL, path], { encoding: 'utf8', stdio: 'pipe' });
    expect(run).not.toThrow();
  });

  test('edits an entry offline, works through its suggestions, shows it in the index, and deletes it after confirming', async ({
    page,
  }, testInfo) => {
    await selectText(page, 'Su Ping-wen');
    await page.keyboard.press('ControlOrMeta+Alt+Shift+P');
    await page.keyboard.press('Enter');
    // The popup closes once the entry is made; a click while it is still open only closes it.
    await expect(page.getByRole('dialog', { name: 'Mark as Person' })).toBeHidden();
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    await page
      .getByRole('list', { name: 'Register entries' })
      .getByRole('button', { name: /Su Ping-wen/ })
      .click();

    const form = page.getByRole('form', { name: 'Register entry' });
    await form.getByLabel('Alternative names, one per line').fill('Su Bingwen\nSoo Ping-wen');
    await form.getByText('Authority identifiers').click();
    await form.getByLabel('VIAF').fill('not a number');
    await form.getByRole('button', { name: 'Save entry' }).click();
    await expect(form.getByRole('alert')).toContainText('VIAF identifier "not a number" is not well formed');
    await form.getByLabel('VIAF').fill('');
    await form.getByLabel('Wikidata').fill('https://www.wikidata.org/wiki/Q706506');
    await form.getByRole('button', { name: 'Save entry' }).click();
    await expect(form.getByText('Saved', { exact: true })).toBeVisible();
    // Stored as the bare identifier.
    await expect(form.getByLabel('Wikidata')).toHaveValue('Q706506');

    // Two more "Su Ping-wen" are unmarked: reject one, accept the rest of the document.
    const queue = page.getByRole('region', { name: 'Suggestions' });
    await queue.getByRole('button', { name: 'Find' }).click();
    await expect(queue.locator('.suggestion-row')).toHaveCount(2);
    await queue.locator('.suggestion-row').nth(1).getByRole('button', { name: 'Reject' }).click();
    await expect(queue.locator('.suggestion-row')).toHaveCount(1);
    await page.screenshot({ path: testInfo.outputPath('suggestions.png') });
    await queue.getByRole('button', { name: /Accept all/ }).click();
    await expect(queue.getByText('No unmarked occurrences of its names.')).toBeVisible();
    await expect(mention(editor, 'person', 'Su Ping-wen')).toHaveCount(2);
    await expect(page.getByRole('region', { name: 'Mentions' }).locator('.mention-row')).toHaveCount(2);

    await page.getByRole('tab', { name: 'Index' }).click();
    const entry = page.locator('.index-entry', { hasText: 'Su Ping-wen' });
    await expect(entry.locator('.index-location')).toHaveText([/The Ambassador in Japan \(Grew\)/]);
    await page.screenshot({ path: testInfo.outputPath('index.png') });

    await entry.locator('.index-name').click();
    await page.getByRole('button', { name: 'Delete entry' }).click();
    await expect(page.getByText('is mentioned 2 times')).toBeVisible();
    await page.getByRole('button', { name: 'Delete and unmark' }).click();
    await expect(page.locator('.entity-row')).toHaveCount(0);
    await expect(editor.text.locator('.mention')).toHaveCount(0);
    await expect(editor.text).toContainText('against General Su Ping-wen at Manchuli');
  });
});
