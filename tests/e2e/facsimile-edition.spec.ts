/**
 * The static HTML edition of a facsimile: the Kant METS imported and exported with the
 * command line, opened from disk in Chromium. Each page's image stands beside the text;
 * clicking a line outlines its zone on the page, and clicking a zone highlights its line.
 * The text is set in the fonts the edition carries, the e above a vowel included.
 */
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fontsDrawing } from './fonts.ts';

const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'electron/bin/siglum.mjs');
const kant = resolve(root, '../shared/corpus/facsimile/kant_aufklaerung_1784');

let dir = '';
let pageUrl = '';

function siglum(args: string[]): string {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`siglum ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'siglum-facs-html-'));
  const project = join(dir, 'kant.siglum');
  const imported = JSON.parse(siglum(['import', join(kant, 'mets.xml'), '--project', project, '--json'])) as {
    documents: Array<{ id: string }>;
  };
  const id = imported.documents[0]!.id;
  siglum(['export', id, '--format', 'html', '--out', join(dir, 'edition'), '--project', project]);
  const file = join(dir, 'edition', `${id}.html`);
  if (!existsSync(file)) throw new Error(`no page ${file}`);
  pageUrl = pathToFileURL(file).href;
});

test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('shows each page image beside the text; a line and its zone point at each other', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(pageUrl);
  const figures = page.getByRole('img', { name: /^Page \d+$/ });
  await expect(figures).toHaveCount(2);
  // The images are the edition's own files, loaded.
  const loaded = await page
    .locator('.facs-svg image')
    .first()
    .evaluate(
      (img) =>
        new Promise<boolean>((done) => {
          const probe = new Image();
          probe.onload = () => done(probe.naturalWidth > 0);
          probe.onerror = () => done(false);
          probe.src = (img as SVGImageElement).href.baseVal;
        }),
    );
  expect(loaded).toBe(true);

  // A click on a word of a line outlines that line's zone.
  const line = page.locator('.text').getByText('Unmuͤndigkeit iſt das Unvermoͤgen', { exact: false });
  await line.click();
  const on = page.locator('.facs-svg .zone.on');
  await expect(on).toHaveCount(1);
  const marker = await page.evaluate(() => document.querySelector('.text .lb.on')?.getAttribute('data-zone'));
  await expect(on).toHaveAttribute('data-zone', marker!);
  expect(marker).toMatch(/_tl_/);

  // A click on another zone highlights its line in the text.
  const other = page.locator('.facs-svg .zone-line').nth(30);
  const otherId = await other.getAttribute('data-zone');
  await other.scrollIntoViewIfNeeded();
  await other.click({ force: true });
  await expect(page.locator('.text .lb.on')).toHaveAttribute('data-zone', otherId!);
  await expect(other).toHaveClass(/\bon\b/);
  const highlighted = await page.evaluate(() => {
    const h = (CSS as unknown as { highlights?: Map<string, Iterable<Range>> }).highlights?.get('facs-line');
    return h ? [...h].map((r) => r.toString()).join('') : null;
  });
  expect(highlighted?.trim().length).toBeGreaterThan(0);
  await page.screenshot({ path: test.info().outputPath('facsimile-edition.png') });
});

test('sets the text in the fonts the edition carries, loaded from its folder', async ({ page }) => {
  await page.goto(pageUrl);
  const blocks = '.text p, .text .p';
  const index = await page.evaluate(
    (selector) => [...document.querySelectorAll(selector)].findIndex((p) => p.textContent?.includes('Unmuͤndigkeit')),
    blocks,
  );
  expect(index).toBeGreaterThanOrEqual(0);
  await expect
    .poll(async () => (await fontsDrawing(page, blocks, index)).map((f) => [f.familyName, f.isCustomFont]))
    .toEqual([['Gentium Book Plus', true]]);
});
