import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { EditorPage } from './editor-page.ts';

const DESPATCH = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../shared/corpus/frus/frus1938v03-d486-grew-3534.xml',
);

/** Clicks into the middle of the first run of `words` in the text. */
async function clickInto(editor: EditorPage, words: string): Promise<void> {
  const target = editor.text.getByText(words, { exact: false }).first();
  await target.click();
}

function element(page: Page, name: string): Locator {
  return page.locator('.attributes-panel section', { has: page.locator('h3', { hasText: `<${name}>` }) });
}

test('a FRUS persName, gloss and dateline show their attributes, which are edited, checked, undone and saved', async ({
  page,
  served,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const editor = new EditorPage(page);
  await editor.open(served.url);
  await editor.importFile(DESPATCH);
  await editor.documentRows.filter({ hasText: 'Grew' }).first().click();
  await expect(editor.text).toContainText('Secretary of State');

  // Open the panel from the toolbar; the caret in "Grew" shows persName, its hi and the head.
  await page.getByRole('button', { name: 'Attributes', exact: true }).click();
  const panel = page.getByRole('complementary', { name: 'Attributes' });
  await expect(panel).toBeVisible();
  await editor.text.locator('.tei-mark[data-tei="persName"]').first().click();
  await expect(panel.locator('h3')).toHaveText([/<persName>/, /<hi>/, /<head>/]);
  const persName = element(page, 'persName');
  await expect(persName.getByRole('textbox', { name: 'type of <persName>' })).toHaveValue('from');
  await expect(element(page, 'hi').getByRole('textbox', { name: 'rend of <hi>' })).toHaveJSProperty('readOnly', true);

  // A pointer that is not a URI is refused with a sentence; a good one goes in.
  await persName.getByLabel('Name of a new attribute of <persName>').fill('corresp');
  await persName.getByLabel('Value of a new attribute of <persName>').fill('<grew>');
  await persName.getByRole('button', { name: 'Add' }).click();
  await expect(persName.getByRole('alert')).toContainText('is not a URI');
  await expect(persName.getByRole('textbox', { name: 'corresp of <persName>' })).toHaveCount(0);
  await persName.getByLabel('Value of a new attribute of <persName>').fill('#p_GJC1');
  await page.keyboard.press('Enter');
  await expect(persName.getByRole('textbox', { name: 'corresp of <persName>' })).toHaveValue('#p_GJC1');
  await editor.expectSaved();

  // Edited from the keyboard: the type changes, and undo in the text takes it back.
  await persName.getByRole('textbox', { name: 'type of <persName>' }).fill('to');
  await page.keyboard.press('Enter');
  await expect(persName.getByRole('textbox', { name: 'type of <persName>' })).toHaveValue('to');
  await editor.text.locator('.tei-mark[data-tei="persName"]').first().click();
  await page.keyboard.press('Control+z');
  await expect(persName.getByRole('textbox', { name: 'type of <persName>' })).toHaveValue('from');
  await expect(persName.getByRole('textbox', { name: 'corresp of <persName>' })).toHaveValue('#p_GJC1');

  // The gloss: a mark over several words, changed as a whole.
  await editor.text.locator('.tei-mark[data-tei="gloss"]').first().click();
  const gloss = element(page, 'gloss');
  await expect(gloss.getByRole('textbox', { name: 'type of <gloss>' })).toHaveValue('to');
  await gloss.getByRole('textbox', { name: 'type of <gloss>' }).fill('addressee');
  await gloss.getByRole('textbox', { name: 'type of <gloss>' }).blur();
  await expect(editor.text.locator('.tei-mark[data-tei="gloss"]')).toHaveText('Secretary of State');

  // A date's value is checked as a W3C date; the dateline's rendition and an xml:id that must be unique.
  await clickInto(editor, 'December 22');
  const date = element(page, 'date');
  await date.getByRole('textbox', { name: 'when of <date>' }).fill('1938-12-32');
  await page.keyboard.press('Enter');
  await expect(date.getByRole('alert')).toContainText('W3C date');
  await date.getByRole('textbox', { name: 'when of <date>' }).fill('1938-12-21');
  await page.keyboard.press('Enter');
  await expect(date.getByRole('alert')).toHaveCount(0);
  const dateline = element(page, 'dateline');
  await expect(dateline.getByRole('textbox', { name: 'rendition of <dateline>' })).toHaveValue('#right');
  await dateline.getByLabel('Name of a new attribute of <dateline>').fill('xml:id');
  await dateline.getByLabel('Value of a new attribute of <dateline>').fill('dl1');
  await dateline.getByRole('button', { name: 'Add' }).click();
  await expect(dateline.getByRole('textbox', { name: 'xml:id of <dateline>' })).toHaveValue('dl1');
  const opener = element(page, 'opener');
  await opener.getByLabel('Name of a new attribute of <opener>').fill('xml:id');
  await opener.getByLabel('Value of a new attribute of <opener>').fill('dl1');
  await opener.getByRole('button', { name: 'Add' }).click();
  await expect(opener.getByRole('alert')).toContainText('already used');
  // Removing an attribute.
  await dateline.getByRole('button', { name: 'Remove rendition of <dateline>' }).click();
  await expect(dateline.getByRole('textbox', { name: 'rendition of <dateline>' })).toHaveCount(0);
  await editor.expectSaved();

  // Saved: after a reload the attributes are as edited.
  await page.reload();
  await page.keyboard.press('Control+Shift+5');
  await expect(page.getByRole('complementary', { name: 'Attributes' })).toBeVisible();
  await editor.text.locator('.tei-mark[data-tei="gloss"]').first().click();
  await expect(element(page, 'gloss').getByRole('textbox', { name: 'type of <gloss>' })).toHaveValue('addressee');
  await editor.text.locator('.tei-mark[data-tei="persName"]').first().click();
  await expect(element(page, 'persName').getByRole('textbox', { name: 'corresp of <persName>' })).toHaveValue(
    '#p_GJC1',
  );
  await clickInto(editor, 'December 22');
  await expect(element(page, 'date').getByRole('textbox', { name: 'when of <date>' })).toHaveValue('1938-12-21');
  await expect(element(page, 'dateline').getByRole('textbox', { name: 'xml:id of <dateline>' })).toHaveValue('dl1');
  await expect(element(page, 'dateline').getByRole('textbox', { name: 'rendition of <dateline>' })).toHaveCount(0);
});
