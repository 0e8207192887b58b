/**
 * The static HTML edition written to disk and opened from there (file://) in
 * Chromium: every link resolves to a file and an element, no page logs an error
 * (a script blocked by the Content-Security-Policy would), note and apparatus
 * popups open, the witness switcher shows a witness's text, and search finds the
 * expected document.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocJSON } from '../../../edition/api.ts';
import { editionFromTei, type PublishEdition } from '../../../edition/publish/model.ts';
import type { ApparatusEntry } from '../../../edition/print/model.ts';
import { schema } from '../../../edition/schema.ts';
import { importTei } from '../../../edition/tei/index.ts';
import { launchPrintBrowser } from '../../../electron/pdf/render.ts';
import { htmlEditionFiles, writeEditionFolder } from '../../../electron/publish/index.ts';
import { SEED_VARIANTS, seedEdition } from '../print/seed-edition.ts';

const FRUS_PATH = fileURLToPath(new URL('../../../../shared/corpus/frus/frus1938v03-d480-d486.xml', import.meta.url));
/** Where the test leaves its screenshots, for a person to look at. */
export const SCREENSHOT_DIR = join(tmpdir(), 'siglum-publish-screenshots');

let browser: Browser;
let dir: string;
const sites: Record<'seed' | 'frus' | 'nested', { folder: string; files: string[] }> = {
  seed: { folder: '', files: [] },
  frus: { folder: '', files: [] },
  nested: { folder: '', files: [] },
};

/** "the very quick brown fox": one lemma inside another, and an omission, read by three witnesses. */
function nestedEdition(): PublishEdition {
  const text = 'the very quick brown fox jumps';
  const at = (words: string): number => 1 + text.indexOf(words);
  const entry = (series: 'A' | 'B', lemma: string, readings: Array<[string, string[]]>): ApparatusEntry => ({
    series,
    from: at(lemma),
    to: at(lemma) + lemma.length,
    lemma,
    readings: readings.map(([t, sigla]) => ({ text: t, sigla })),
  });
  const doc = schema.node('doc', null, [schema.node('paragraph', null, [schema.text(text)])]);
  return {
    title: 'Nested',
    witnesses: [
      { siglum: 'B', description: 'reads the whole phrase otherwise' },
      { siglum: 'C', description: 'reads the inner word otherwise' },
      { siglum: 'D', description: 'leaves a word out' },
    ],
    documents: [
      {
        title: 'Fox',
        doc: doc.toJSON() as DocJSON,
        apparatus: [
          entry('A', 'very quick brown', [['slow', ['B']]]),
          entry('B', 'quick', [['fast', ['B', 'C']]]),
          entry('A', 'jumps', [['', ['D']]]),
        ],
      },
    ],
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'siglum-publish-'));
  // Built as the app builds it, with the fonts the pages' stylesheet imports.
  const seed = await htmlEditionFiles(seedEdition());
  const frus = await htmlEditionFiles(
    editionFromTei(importTei(readFileSync(FRUS_PATH, 'utf8'), 'frus1938v03-d480-d486.xml')),
  );
  expect(seed.rejected).toEqual([]);
  for (const [name, built] of [
    ['seed', seed],
    ['frus', frus],
    ['nested', await htmlEditionFiles(nestedEdition())],
  ] as const) {
    const folder = join(dir, name);
    await writeEditionFolder(folder, built.files);
    sites[name] = { folder, files: [...built.files.keys()] };
  }
  browser = await launchPrintBrowser();
});
afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function url(site: keyof typeof sites, path: string): string {
  return pathToFileURL(join(sites[site].folder, path)).href;
}

/** A page that collects console errors, failed requests and uncaught exceptions. */
async function openPage(): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({
    viewport: { width: 1100, height: 900 },
  });
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  return { page, problems };
}

describe.each(['seed', 'frus'] as const)('the %s edition opened from disk', (site) => {
  it('has no broken link: every href and src names a file of the edition, and every fragment an element in it', async () => {
    const { page, problems } = await openPage();
    const ids = new Map<string, Set<string>>();
    const links: Array<{ from: string; href: string }> = [];
    const pages = sites[site].files.filter((f) => f.endsWith('.html'));
    for (const file of pages) {
      await page.goto(url(site, file));
      const found = await page.evaluate(() => ({
        ids: [...document.querySelectorAll('[id]')].map((e) => e.id),
        links: [...document.querySelectorAll('[href], [src], [data-href]')].map(
          (e) =>
            (e as HTMLAnchorElement).href ||
            (e as HTMLScriptElement).src ||
            new URL(e.getAttribute('data-href')!, document.baseURI).href,
        ),
      }));
      ids.set(pathToFileURL(join(sites[site].folder, file)).href, new Set(found.ids));
      for (const href of found.links) links.push({ from: file, href });
    }
    expect(links.length).toBeGreaterThan(pages.length * 5);
    const broken: string[] = [];
    for (const { from, href } of links) {
      const target = new URL(href);
      if (target.protocol !== 'file:') {
        broken.push(`${from}: ${href} leaves the edition`);
        continue;
      }
      const path = fileURLToPath(new URL(target.pathname, 'file://'));
      if (!path.startsWith(sites[site].folder) || !existsSync(path)) broken.push(`${from}: ${href} names no file`);
      else if (target.hash !== '') {
        const pageIds = ids.get(pathToFileURL(path).href);
        if (!pageIds?.has(decodeURIComponent(target.hash.slice(1)))) broken.push(`${from}: ${href} names no element`);
      }
    }
    expect(broken).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('runs its own script but refuses an inline one (the Content-Security-Policy holds from disk)', async () => {
    const { page, problems } = await openPage();
    await page.goto(url(site, 'search.html'));
    // The page script ran: it unhid the header's search box.
    expect(await page.locator('form.quick-search').isVisible()).toBe(true);
    const ran = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'document.body.dataset.injected = "yes"';
      document.body.append(s);
      return document.body.dataset['injected'] === 'yes';
    });
    expect(ran).toBe(false);
    expect(problems.join('\n')).toMatch(/Content Security Policy/);
    await page.close();
  });

  it('goes from the contents to a document and on to its neighbour by clicking', async () => {
    const { page, problems } = await openPage();
    await page.goto(url(site, 'index.html'));
    await page.locator('.doc-list a').first().click();
    await expect.poll(() => page.locator('article.doc').count()).toBe(1);
    const first = page.url();
    if (site === 'frus') {
      await page.locator('.doc-nav a.next').click();
      await expect.poll(() => page.url()).not.toBe(first);
      await page.locator('.site-nav a', { hasText: 'Persons' }).click();
      await expect.poll(() => page.url()).toMatch(/persons\.html$/);
      await page.locator('.entity-list .where a').first().click();
      // The occurrence is the target of the address, once the document it is in has loaded
      // (a click waits for the navigation to begin, not for the new page).
      await expect
        .poll(() => page.evaluate(() => document.querySelector(':target')?.classList.contains('ent') ?? false))
        .toBe(true);
    }
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('reading the seed despatch', () => {
  it('opens a note as a popup, with the note’s own words, and closes it with Escape', async () => {
    const { page, problems } = await openPage();
    await page.goto(url('seed', 'doc-1.html'));
    const call = page.locator('a.call').first();
    const noteText = (await page.locator('.note-list .note-body').first().innerText()).trim();
    expect(noteText).not.toBe('');
    await call.click();
    const popup = page.locator('#popup');
    await expect.poll(() => popup.isVisible()).toBe(true);
    expect(await popup.innerText()).toContain(`NOTE ${(await call.innerText()).trim()}`);
    expect(await popup.innerText()).toContain(noteText);
    // The call-out is a link, but the popup keeps the reader where they are.
    expect(page.url()).not.toContain('#');
    await page.screenshot({
      path: join(SCREENSHOT_DIR, 'seed-note-popup.png'),
    });
    await page.keyboard.press('Escape');
    await expect.poll(() => popup.isVisible()).toBe(false);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('opens an apparatus entry from its lemma, and from the keyboard', async () => {
    const { page, problems } = await openPage();
    await page.goto(url('seed', 'doc-1.html'));
    const variant = SEED_VARIANTS[0]!;
    await page.locator('#lem-0').click();
    const popup = page.locator('#popup');
    await expect.poll(() => popup.isVisible()).toBe(true);
    const text = await popup.innerText();
    expect(text).toContain(`${variant.lemma}]`);
    expect(text).toContain(`${variant.readings[0]!.text} ${variant.readings[0]!.sigla.join(' ')}`);
    await page.keyboard.press('Escape');
    await page.locator('#lem-1').focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => (await popup.isVisible()) && (await popup.innerText()).includes(`${SEED_VARIANTS[1]!.lemma}]`))
      .toBe(true);
    expect(await popup.innerText()).toContain('om.');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows witness B’s readings in place of the lemmata and goes back to the edited text', async () => {
    const { page, problems } = await openPage();
    await page.goto(url('seed', 'doc-1.html'));
    const text = page.locator('.text');
    const edited = await text.innerText();
    for (const v of SEED_VARIANTS) expect(edited.replace(/\s+/g, ' ')).toContain(v.lemma);
    await page.selectOption('#witness', 'B');
    const b = (await text.innerText()).replace(/\s+/g, ' ');
    expect(b).toContain('hostile by tradition');
    expect(b).not.toContain('traditionally hostile to each other');
    expect(b).toContain('Manchouli');
    expect(b).toContain('Su Ping-wên');
    // An omission leaves a caret, not the word.
    expect(b).not.toMatch(/being gradually overcome/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'seed-witness-b.png') });
    await page.selectOption('#witness', '');
    expect(await text.innerText()).toBe(edited);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('reading one witness where lemmata nest', () => {
  it('shows the outer reading over the inner one, the inner where only it differs, and an omission as a caret', async () => {
    const { page, problems } = await openPage();
    await page.goto(url('nested', 'doc-1.html'));
    const text = page.locator('.text');
    const read = async (siglum: string): Promise<string> => {
      await page.selectOption('#witness', siglum);
      return (await text.innerText()).trim();
    };
    expect(await read('B')).toBe('the slow fox jumps');
    expect(await read('C')).toBe('the very fast brown fox jumps');
    expect(await read('D')).toBe('the very quick brown fox');
    expect(await page.locator('.rdg-shown.om').count()).toBe(1);
    expect(await read('')).toBe('the very quick brown fox jumps');
    // The reading shown in place opens its apparatus entry.
    await read('C');
    await page.locator('.rdg-shown').click();
    expect(await page.locator('#popup').innerText()).toContain('quick] fast B C');
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('searching the FRUS documents', () => {
  it('finds the document that names the Monitor Polski and marks the words in it', async () => {
    const { page, problems } = await openPage();
    await page.goto(url('frus', 'search.html'));
    await page.locator('#q').fill('monitor polski');
    await expect.poll(() => page.locator('#results li').count()).toBe(1);
    const link = page.locator('#results a').first();
    expect(await link.getAttribute('href')).toBe('d485.html?q=monitor%20polski');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'frus-search.png') });
    await link.click();
    await expect.poll(() => page.locator('.text mark').allInnerTexts()).toEqual(['Monitor', 'Polski']);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('matches without case or accents, and the last word as a prefix, from the header’s search box', async () => {
    const { page, problems } = await openPage();
    await page.goto(url('frus', 'index.html'));
    await page.locator('form.quick-search input').fill('CHARGE SOVI');
    await page.locator('form.quick-search input').press('Enter');
    await expect.poll(() => page.url()).toContain('search.html?q=CHARGE%20SOVI');
    await expect.poll(() => page.locator('#results li').count()).toBeGreaterThan(0);
    const titles = await page.locator('#results a').allInnerTexts();
    expect(titles.some((t) => t.includes('The Chargé in the Soviet Union (Kirk)'))).toBe(true);
    await page.locator('#q').fill('wordthatisnowhere');
    await expect.poll(() => page.locator('#search-status').innerText()).toBe('No document contains these words.');
    expect(problems).toEqual([]);
    await page.close();
  });
});
