import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { EditorPage, SEED } from './editor-page.ts';

const TEI_ALL = resolve(import.meta.dirname, '../../../shared/schema/tei_all.rng');
const seedText = readFileSync(SEED, 'utf8');

/** The seed despatch with a few words changed, as a second version of it would read. */
function derived(changes: Array<[string, string]>): string {
  let text = seedText;
  for (const [from, to] of changes) {
    if (!text.includes(from)) throw new Error(`the seed does not contain "${from}"`);
    text = text.replace(from, to);
  }
  return text;
}

const WITNESS_A = derived([
  ['several events occurred', 'several incidents occurred'],
  ['increasingly cordial', 'increasingly friendly'],
]);
const WITNESS_B = derived([
  ['several events occurred', 'several incidents occurred'],
  ['were being gradually overcome', 'were being overcome'],
]);

test('collates two witnesses of the seed despatch, makes a variant an apparatus entry, edits its lemma and exports valid TEI', async ({
  page,
  served,
}) => {
  test.setTimeout(120_000);
  // What the window's content policy refuses, as the console reports it.
  const refused: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && m.text().includes('Content Security Policy')) refused.push(m.text());
  });
  const editor = new EditorPage(page);
  await editor.open(served.url);
  await editor.importSeed();

  await page.getByRole('button', { name: 'Variants' }).click();
  const panel = page.getByRole('complementary', { name: 'Variants' });
  await expect(panel).toBeVisible();

  // Witness A pasted, witness B imported from a file.
  const add = panel.getByRole('form', { name: 'Add a witness' });
  await add.getByLabel('Siglum').fill('A');
  await add.getByLabel('Description').fill('Draft');
  await add.getByLabel(/Text \(paste/).fill(WITNESS_A);
  await add.getByRole('button', { name: 'Add witness' }).click();
  await expect(panel.getByRole('region', { name: 'Witness A' })).toBeVisible();

  await add.getByLabel('Siglum').fill('B');
  await add.getByLabel('Description').fill('Copy as sent');
  await add.getByTestId('witness-file').setInputFiles({
    name: 'grew-256-sent.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(WITNESS_B),
  });
  await add.getByRole('button', { name: 'Add witness' }).click();
  await expect(panel.getByRole('region', { name: 'Witness B' })).toBeVisible();
  await expect(panel.locator('.variants-status')).toContainText('3 texts');

  await page.screenshot({
    path: test.info().outputPath('variants-witnesses.png'),
  });

  // Editing a witness re-collates at once: a new difference appears without saving first.
  const before = await panel.locator('.variants-status').textContent();
  await panel.getByLabel('Text of A').fill(WITNESS_A.replace('month of December', 'month of November'));
  await expect(panel.locator('.variants-status')).not.toHaveText(before!);
  await panel.getByRole('tab', { name: 'Variants' }).click();
  await expect(panel.locator('.variant-row', { hasText: 'November' })).toContainText(
    'December Base B] November A substantive',
  );

  // The alignment table: the changed words stand in highlighted columns.
  await panel.getByRole('tab', { name: 'Table' }).click();
  const table = panel.getByRole('table', { name: 'Alignment table' });
  await expect(table.locator('.alignment-cell.differs', { hasText: 'incidents' }).first()).toBeVisible();
  await expect(table.locator('.alignment-cell.variant', { hasText: /^events$/ }).first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('variants-table.png') });

  // Side by side: the base against A; pointing at one side lights up the other.
  await panel.getByRole('tab', { name: 'Side by side' }).click();
  await panel.getByLabel('Right witness').selectOption({ label: 'A' });
  await expect(panel.locator('.pair-count')).toContainText('between Base and A');
  const left = panel.locator('.pair-side').nth(0);
  const right = panel.locator('.pair-side').nth(1);
  await right.locator('.pair-diff', { hasText: 'friendly' }).hover();
  await expect(left.locator('.pair-diff.linked')).toHaveText('cordial');
  await page.screenshot({
    path: test.info().outputPath('variants-side-by-side.png'),
  });

  // Heat map: "events", where both witnesses differ, is shaded.
  await panel.getByRole('tab', { name: 'Heat map' }).click();
  await expect(panel.locator('.heat-span', { hasText: 'events' }).first()).toBeVisible();
  // The legend's swatches are coloured, by styles the content policy allows.
  expect(refused.filter((m) => m.includes('style'))).toEqual([]);
  const swatches = await panel
    .locator('.heat-swatch')
    .evaluateAll((els) => els.map((e) => getComputedStyle(e).backgroundColor));
  expect(swatches).toHaveLength(2);
  for (const colour of swatches) expect(colour).not.toBe('rgba(0, 0, 0, 0)');
  expect(swatches[0]).not.toBe(swatches[1]);
  await page.screenshot({ path: test.info().outputPath('variants-heat.png') });

  // The classification, filtered: hiding substantive variants hides "events".
  await panel.getByRole('tab', { name: 'Variants' }).click();
  const row = panel.locator('.variant-row', { hasText: 'incidents' });
  await expect(row.locator('.kind-tag')).toHaveText('substantive');
  await panel.locator('.kind-chip', { hasText: 'substantive' }).getByRole('checkbox').uncheck();
  await expect(row).toHaveCount(0);
  await panel.locator('.kind-chip', { hasText: 'substantive' }).getByRole('checkbox').check();
  // A place clicked in the list is selected in the text.
  await panel.locator('.variant-row', { hasText: 'friendly' }).click();
  expect(await page.evaluate(() => getSelection()?.toString())).toBe('cordial');
  await row.getByRole('button', { name: 'Make entry' }).click();
  await expect(row.getByRole('button', { name: 'In apparatus' })).toBeDisabled();
  await expect(editor.text.locator('.app-lemma')).toHaveText('events');
  await page.screenshot({ path: test.info().outputPath('variants-list.png') });

  // The apparatus: the entry, then its lemma changed; undo and redo cover it.
  await panel.getByRole('tab', { name: 'Apparatus' }).click();
  const entry = panel.locator('.app-entry');
  await expect(entry).toHaveCount(1);
  await expect(entry.locator('.app-line')).toHaveText('events] incidents A B');
  // Changing the lemma is an emendation of the base text, and is labelled so.
  await entry.getByRole('button', { name: 'Emend…' }).click();
  const emend = entry.getByRole('form', { name: 'Emend the base text' });
  await expect(emend).toContainText('An emendation: the text here becomes your reading');
  await emend.getByLabel('Emended text').fill('occurrences');
  await emend.getByLabel('Emended text').press('Enter');
  await expect(editor.text.locator('.app-lemma')).toHaveText('occurrences');
  await expect(editor.text).toContainText('several occurrences occurred');
  await expect(entry.locator('.app-line')).toContainText('occurrences] events');
  await expect(entry.locator('.app-line')).toContainText('incidents A B');
  await editor.text.click();
  await page.keyboard.press('Control+z');
  await expect(editor.text.locator('.app-lemma')).toHaveText('events');
  await page.keyboard.press('Control+y');
  await expect(editor.text.locator('.app-lemma')).toHaveText('occurrences');
  await editor.expectSaved();
  await page.screenshot({
    path: test.info().outputPath('variants-apparatus.png'),
  });

  // TEI of the document: the entry as app/lem/rdg, valid against tei_all.
  await page.getByRole('button', { name: /Export TEI/ }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'This document' }).click(),
  ]);
  const file = await download.path();
  const xml = readFileSync(file, 'utf8');
  expect(xml).toMatch(
    /<app\b[^>]*>\s*<lem\b[^>]*>occurrences<\/lem>\s*<rdg\b[^>]*>events<\/rdg>\s*<rdg wit="#A #B"[^>]*>incidents<\/rdg>/,
  );
  expect(xml).toMatch(/<listWit>[\s\S]*xml:id="A"[\s\S]*xml:id="B"[\s\S]*<\/listWit>/);
  expect(() => execFileSync('jing', [TEI_ALL, file], { encoding: 'utf8' })).not.toThrow();

  // The PDF of the document sets the entry at the foot of its lemma's page.
  await page.getByRole('button', { name: 'Export edition…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edition' });
  await dialog.getByRole('button', { name: 'Export' }).click();
  const report = dialog.getByRole('region', { name: 'Export report' });
  await expect(report).toContainText('and 1 apparatus entry placed', {
    timeout: 60_000,
  });
  await expect(report).not.toContainText('not on their page');
});

/** The seed despatch imported and the variants panel open on it, with its "Add a witness" form. */
async function seedWithVariants(page: Page, url: string) {
  const editor = new EditorPage(page);
  await editor.open(url);
  await editor.importSeed();
  await page.getByRole('button', { name: 'Variants' }).click();
  const panel = page.getByRole('complementary', { name: 'Variants' });
  return { editor, panel, add: panel.getByRole('form', { name: 'Add a witness' }) };
}

/** Adds a witness by pasting its text, and waits for its card. */
async function pasteWitness(add: Locator, panel: Locator, siglum: string, text: string): Promise<void> {
  await add.getByLabel('Siglum').fill(siglum);
  await add.getByLabel(/Text \(paste/).fill(text);
  await add.getByRole('button', { name: 'Add witness' }).click();
  await expect(panel.getByRole('region', { name: `Witness ${siglum}` })).toBeVisible();
}

/** The seed with witness A, and an apparatus entry made of A's reading "incidents" for "events". */
async function seededWithEntry(page: Page, url: string) {
  const seeded = await seedWithVariants(page, url);
  const { panel, add } = seeded;
  await pasteWitness(add, panel, 'A', WITNESS_A);
  await panel.getByRole('tab', { name: 'Variants' }).click();
  const row = panel.locator('.variant-row', { hasText: 'incidents' });
  await row.getByRole('button', { name: 'Make entry' }).click();
  await expect(row.getByRole('button', { name: 'In apparatus' })).toBeDisabled();
  return seeded;
}

test('a regularisation saved in the comparison settings makes a variant disappear, and comes back after a reload', async ({
  page,
  served,
}) => {
  const { panel, add } = await seedWithVariants(page, served.url);
  await pasteWitness(add, panel, 'T', seedText.replace('Japanese and Soviet troops', 'Japanese & Soviet troops'));
  await panel.getByRole('tab', { name: 'Variants' }).click();
  await expect(panel.locator('.variant-row', { hasText: '&' })).toHaveCount(1);

  await panel.getByRole('tab', { name: 'Witnesses' }).click();
  await panel.getByText('Comparison').click();
  const row = panel.getByRole('form', { name: 'Add a regularisation' });
  await row.getByLabel('Read').fill('&');
  await row.getByLabel('as').fill('and');
  await row.getByRole('button', { name: 'Add' }).click();
  await expect(panel.getByRole('table', { name: 'Regularisations' })).toContainText('&and');
  await page.screenshot({
    path: test.info().outputPath('variants-comparison.png'),
  });
  await panel.getByRole('tab', { name: 'Variants' }).click();
  await expect(panel.locator('.variant-row', { hasText: '&' })).toHaveCount(0);

  await page.reload();
  await page.getByRole('button', { name: 'Variants' }).click();
  await panel.getByText('Comparison').click();
  await expect(panel.getByRole('table', { name: 'Regularisations' })).toContainText('&and');
});

test('draws only the blocks of a long alignment table that are on screen', async ({ page, served }) => {
  test.setTimeout(120_000);
  const darwin = resolve(
    import.meta.dirname,
    '../../../shared/corpus/collation/12-darwin-full-chapter1-6ed-perf/witnesses',
  );
  const editor = new EditorPage(page);
  await editor.open(served.url);
  await editor.importFile(resolve(darwin, '1859.txt'));
  await expect(editor.text).toContainText('WHEN we look to the individuals');
  await page.getByRole('button', { name: 'Variants' }).click();
  const panel = page.getByRole('complementary', { name: 'Variants' });
  const add = panel.getByRole('form', { name: 'Add a witness' });
  await add.getByLabel('Siglum').fill('1860');
  await add.getByTestId('witness-file').setInputFiles(resolve(darwin, '1860.txt'));
  await add.getByRole('button', { name: 'Add witness' }).click();
  await expect(panel.locator('.variants-status')).toContainText('2 texts', {
    timeout: 30_000,
  });

  await panel.getByRole('tab', { name: 'Table' }).click();
  const table = panel.getByRole('table', { name: 'Alignment table' });
  await expect(table.locator('.alignment-block').first()).toBeVisible();
  const height = await table.evaluate((el) => el.getBoundingClientRect().height);
  const drawn = await table.locator('.alignment-block').count();
  // The sheet is as tall as every block, but only a screenful (and a few more) is drawn.
  expect(height).toBeGreaterThan(20 * 92);
  expect(drawn).toBeLessThan(20);
  await panel.locator('.alignment').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(table.locator('.alignment-cell', { hasText: /Power/ }).first()).toBeVisible();
  await page.screenshot({
    path: test.info().outputPath('variants-long-table.png'),
  });
});

test("a siglum the store refuses goes back to the witness's own in its field, not left showing as if taken", async ({
  page,
  served,
}) => {
  const { editor, panel, add } = await seedWithVariants(page, served.url);
  for (const siglum of ['B', 'C']) await pasteWitness(add, panel, siglum, WITNESS_A);

  const b = panel.getByRole('region', { name: 'Witness B' }).getByLabel('Siglum');
  await b.fill('C');
  await b.press('Tab');
  await expect(editor.banner).toContainText('already has a witness "C"');
  await expect(b).toHaveValue('B');

  await panel.getByText('Comparison').click();
  const own = panel.getByLabel("Siglum of the document's text");
  await own.fill('C');
  await own.press('Tab');
  await expect(editor.banner).toContainText('A witness is already called "C"');
  await expect(own).toHaveValue('Base');
});

test("leaving the page while a witness's typed text waits to be saved asks first, and the text is kept", async ({
  page,
  served,
}) => {
  const { panel, add } = await seedWithVariants(page, served.url);
  await pasteWitness(add, panel, 'B', WITNESS_A);
  const text = panel.getByLabel('Text of B');
  await text.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Postscript.');

  // Asked, the page saves the text at once rather than after the pause.
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/updateWitness') && r.ok());
  const asked = page.waitForEvent('dialog');
  void page.close({ runBeforeUnload: true });
  const dialog = await asked;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.dismiss();
  await saved;

  await page.reload();
  await page.getByRole('button', { name: 'Variants' }).click();
  await expect(panel.getByLabel('Text of B')).toHaveValue(/Postscript\.$/u);
});

test('makes two entries one right after the other, without waiting for the collation to run again', async ({
  page,
  served,
}) => {
  const { editor, panel, add } = await seedWithVariants(page, served.url);
  await pasteWitness(add, panel, 'A', WITNESS_A);
  await panel.getByRole('tab', { name: 'Variants' }).click();
  const first = panel.locator('.variant-row', { hasText: 'incidents' });
  const second = panel.locator('.variant-row', { hasText: 'friendly' });
  await expect(second.getByRole('button', { name: 'Make entry' })).toBeEnabled();
  // The second click comes at once, before the collation could run again: making an entry
  // adds a mark and leaves the text, and so every other place, where the collation found it.
  const buttons = panel.locator('.variant-row').getByRole('button', { name: 'Make entry' });
  await expect(buttons).toHaveCount(2);
  await buttons.evaluateAll((all) => {
    for (const b of all) (b as HTMLButtonElement).click();
  });
  await expect(first.getByRole('button', { name: 'In apparatus' })).toBeDisabled();
  await expect(second.getByRole('button', { name: 'In apparatus' })).toBeDisabled();
  await expect(editor.text.locator('.app-lemma')).toHaveText(['events', 'cordial']);
});

test('removing a witness asks first, saying how many entries cite it, and a No keeps it; a Yes takes its readings out', async ({
  page,
  served,
}) => {
  const { editor, panel } = await seededWithEntry(page, served.url);
  await panel.getByRole('tab', { name: 'Witnesses' }).click();
  const card = panel.getByRole('region', { name: 'Witness A' });
  const asked: string[] = [];
  // No, then yes.
  page.once('dialog', (d) => {
    asked.push(d.message());
    void d.dismiss();
  });
  await card.getByRole('button', { name: 'Remove' }).click();
  await expect.poll(() => asked.length).toBe(1);
  expect(asked[0]).toContain('Remove witness A and its text? This cannot be undone.');
  expect(asked[0]).toContain('One apparatus entry cites it: its readings leave them');
  await expect(card).toBeVisible();
  await expect(editor.text.locator('.app-lemma')).toHaveText(['events']);
  page.once('dialog', (d) => void d.accept());
  await card.getByRole('button', { name: 'Remove' }).click();
  await expect(card).toHaveCount(0);
  // The entry had A's reading only: it goes, and its lemma is plain text again.
  await expect(editor.text.locator('.app-lemma')).toHaveCount(0);
  await expect(editor.text).toContainText('events');
});

test('a witness added after an entry was made offers to add its reading to that entry, and then says it is in', async ({
  page,
  served,
}) => {
  const { editor, panel, add } = await seededWithEntry(page, served.url);

  // C reads the place otherwise: the entry on "events" does not have C's reading yet.
  await panel.getByRole('tab', { name: 'Witnesses' }).click();
  await pasteWitness(add, panel, 'C', derived([['several events occurred', 'several happenings occurred']]));
  await panel.getByRole('tab', { name: 'Variants' }).click();
  const place = panel.locator('.variant-row', { hasText: 'happenings' });
  await expect(place).toContainText('incidents A');
  await place.getByRole('button', { name: 'Add to entry' }).click();
  await expect(place.getByRole('button', { name: 'In apparatus' })).toBeDisabled();

  // One entry on "events", with both readings.
  await expect(editor.text.locator('.app-lemma')).toHaveText(['events']);
  await panel.getByRole('tab', { name: 'Apparatus' }).click();
  await expect(panel.locator('.app-entry .app-line')).toHaveCount(1);
  await expect(panel.locator('.app-entry .app-line')).toContainText('incidents');
  await expect(panel.locator('.app-entry .app-line')).toContainText('happenings');
});
