/**
 * The Kant METS through the window, end to end, with the mouse and the keyboard: the
 * METS, its two TIFFs and its PAGE files chosen at once in the Import picker (which
 * hands over bare names); the text's lines and the line zones as the PAGE files give
 * them; a zone drawn on the image and linked to words chosen with the mouse; two lines
 * typed again in line mode; a TEI export that jing validates and that, imported with
 * its images into another project, has every zone and every `@facs` pointer.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type { Surface, Zone } from '../../edition/facsimile/api.ts';
import { pageTruth, type TruthRegion } from '../unit/facsimile/ocr.ts';
import { EditorPage, selecting } from './editor-page.ts';
import {
  api,
  downloadDocumentTei,
  drawRectangle,
  expectImageShown,
  KANT,
  KANT_IMAGES,
  expectValidTei,
  linkSelectedWords,
  surfaceShape,
} from './facsimile-support.ts';
import { expect, startServe, test } from './fixtures.ts';

const PAGE_FILES = ['OCR-D-GT-PAGE/PAGE_0017_PAGE.xml', 'OCR-D-GT-PAGE/PAGE_0020_PAGE.xml'].map((f) =>
  resolve(KANT, f),
);
/** The regions of each page in reading order, read from the PAGE files with the project's XML parser. */
const TRUTH = PAGE_FILES.map((f) => pageTruth(readFileSync(f, 'utf8')).regions);
const linesOf = (regions: TruthRegion[]) => regions.flatMap((r) => r.lines);
/** Every line of both pages, known by page and id (the two files use the same line ids). */
const ALL_LINES = TRUTH.flatMap((regions, p) => linesOf(regions).map((l) => ({ ...l, key: lineKey(p, l.id) })));
function lineKey(page: number, id: string): string {
  return `${page}:${id}`;
}

/** The files of one choice in the Import picker: the METS, its images and its PAGE files. */
async function chooseInPicker(page: Page, files: string[]): Promise<void> {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Import…' }).click(),
  ]);
  await chooser.setFiles(files);
}

/** Each line of the text as the editor shows it: the zone its line break points at, and its text up to the next one. */
function textLines(editor: EditorPage): Promise<Array<{ facs: string; text: string }>> {
  return editor.text.evaluate((root) => {
    const breaks = [...root.querySelectorAll('br[data-facs]')];
    return breaks.map((br, i) => {
      const range = document.createRange();
      range.setStartAfter(br);
      const next = breaks[i + 1];
      if (next) range.setEndBefore(next);
      else range.setEnd(root, root.childNodes.length);
      // A page break's label and other widgets are not the line's text.
      const part = range.cloneContents();
      for (const w of part.querySelectorAll('.tei-pb, [contenteditable="false"]')) w.remove();
      return { facs: br.getAttribute('data-facs') ?? '', text: part.textContent ?? '' };
    });
  });
}

/** A zone's outline as a sorted list of `x,y` (a rectangle may list its corners in any order). */
const sorted = (points: ReadonlyArray<readonly [number, number]>) => points.map((p) => p.join(',')).sort();
const outline = (z: Zone) =>
  sorted(
    z.points ?? [
      [z.ulx, z.uly],
      [z.lrx, z.uly],
      [z.lrx, z.lry],
      [z.ulx, z.lry],
    ],
  );

/**
 * The text lines agree with the PAGE files: the same text in reading order, each line's
 * break pointing at a line zone with its TextLine's outline. Answers each PAGE line's zone id.
 */
async function expectPageLines(page: Page, editor: EditorPage, documentId: string): Promise<Map<string, string>> {
  await expect
    .poll(async () => (await textLines(editor)).map((l) => l.text), { timeout: 20_000 })
    .toEqual(ALL_LINES.map((l) => l.text));
  const lines = await textLines(editor);
  const surfaces = await api<Surface[]>(page, 'listSurfaces', { documentId });
  const zones = new Map(surfaces.flatMap((s) => s.zones).map((z) => [`#${z.id}`, z]));
  const zoneIds = new Map<string, string>();
  ALL_LINES.forEach((line, i) => {
    const zone = zones.get(lines[i]!.facs);
    expect(zone?.kind, `the zone of line ${line.id}`).toBe('line');
    expect(outline(zone!), `the outline of line ${line.id}`).toEqual(sorted(line.points));
    zoneIds.set(line.key, zone!.id);
  });
  return zoneIds;
}

/** The screen point at a fraction across and down the box of characters `from`..`to` of the text after a line break. */
async function pointInLine(editor: EditorPage, zoneId: string, from: number, to: number, fx: number) {
  return editor.text.evaluate(
    (root, [id, a, b, f]) => {
      // The line's text nodes run from its break to the next one (through the marks of its tags).
      const breaks = [...root.querySelectorAll('br')];
      const br = root.querySelector(`br[data-facs="#${id}"]`)!;
      const next = breaks[breaks.indexOf(br as HTMLBRElement) + 1];
      const texts: Text[] = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
        const after = br.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_FOLLOWING;
        const before = next === undefined || next.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_PRECEDING;
        if (after && before) texts.push(n as Text);
      }
      const at = (k: number): [Text, number] => {
        for (const t of texts) {
          if (k <= t.length) return [t, k];
          k -= t.length;
        }
        throw new Error(`the line has no character ${k}`);
      };
      const range = document.createRange();
      range.setStart(...at(a));
      range.setEnd(...at(b));
      const r = range.getBoundingClientRect();
      return { x: r.left + r.width * f, y: r.top + r.height / 2 };
    },
    [zoneId, from, to, fx] as const,
  );
}

/** A zone's outline on the screen's layer, as `sorted` gives it. */
async function shownOutline(panel: Locator, zoneId: string): Promise<string[]> {
  const value = await panel.locator(`.zone[data-zone-id="${zoneId}"]`).getAttribute('points');
  return (value ?? '').split(' ').sort();
}

test('the Kant METS imported from the picker: PAGE lines and zones, a zone linked, two lines in line mode, TEI out and in again', async ({
  page,
  served,
}, testInfo) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const editor = new EditorPage(page);
  await editor.open(served.url);

  // One choice in the picker: the METS, its TIFFs and its PAGE files, all by bare names.
  await chooseInPicker(page, [resolve(KANT, 'mets.xml'), ...KANT_IMAGES, ...PAGE_FILES]);
  await expect(editor.text).toContainText(ALL_LINES[0]!.text, { timeout: 60_000 });
  const documentId = decodeURIComponent(/#\/doc\/(.+)$/.exec(page.url())![1]!);
  const lineZones = await expectPageLines(page, editor, documentId);
  /** The zone of a line of the first page (or of `page`). */
  const zoneOf = (lineId: string, page = 0): string => lineZones.get(lineKey(page, lineId))!;

  // The page images beside the text, each page's line zones with the PAGE file's outlines.
  await page.getByRole('button', { name: 'Page images' }).click();
  const panel = page.getByRole('region', { name: 'Page image' });
  const pages = panel.getByRole('combobox', { name: 'Page' });
  await expect(pages.locator('option')).toHaveCount(2);
  await expectImageShown(page);
  await page.screenshot({ path: testInfo.outputPath('mets-import-1440x900.png') });
  for (const [index, regions] of TRUTH.entries()) {
    await pages.selectOption({ index });
    const lines = linesOf(regions);
    await expect(panel.locator('.zone-line')).toHaveCount(lines.length);
    for (const line of [lines[0]!, lines[Math.floor(lines.length / 2)]!, lines[lines.length - 1]!])
      expect(await shownOutline(panel, zoneOf(line.id, index))).toEqual(sorted(line.points));
  }
  await pages.selectOption({ index: 0 });
  await expectImageShown(page);

  // A rectangle drawn with the mouse, linked to two words chosen with the mouse (Ctrl+Alt+Z).
  const paragraph = TRUTH[0]!.find((r) => r.type === 'paragraph' && r.lines.length >= 5)!;
  const [first, second, third, , fifth] = paragraph.lines;
  const drawnId = await drawRectangle(page, panel, [0.3, 0.6], [0.5, 0.65]);
  await panel.getByRole('button', { name: 'Move' }).click();
  const words = fifth!.text.split(' ').slice(0, 2).join(' ');
  const start = await pointInLine(editor, zoneOf(fifth!.id), 0, 1, 0.1);
  const end = await pointInLine(editor, zoneOf(fifth!.id), words.length - 1, words.length, 0.9);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(end.x, end.y, { steps: 5 });
  await page.mouse.up();
  await linkSelectedWords(editor, panel, words, drawnId);

  // Two lines typed again in line mode: their OCR text removed with the mouse and a key,
  // then Enter at the line's end starts each on the next line zone.
  const endOf = (line: { id: string; text: string }, fx: number) =>
    pointInLine(editor, zoneOf(line.id), line.text.length - 1, line.text.length, fx);
  const from = await endOf(first!, 0.9);
  await selecting(page, () => page.mouse.click(from.x, from.y));
  const to = await endOf(third!, 0.9);
  // Backspace only once the editor has read the selection the Shift-click made (under
  // load the key could otherwise act on the caret the first click left).
  await selecting(page, async () => {
    await page.keyboard.down('Shift');
    await page.mouse.click(to.x, to.y);
    await page.keyboard.up('Shift');
  });
  await page.keyboard.press('Backspace');
  await expect(editor.text.locator(`br[data-facs="#${zoneOf(second!.id)}"]`)).toHaveCount(0);
  await expect(editor.text.locator(`br[data-facs="#${zoneOf(third!.id)}"]`)).toHaveCount(0);
  await page.keyboard.press('ControlOrMeta+Alt+l');
  await expect(panel.getByRole('button', { name: 'Line mode' })).toHaveAttribute('aria-pressed', 'true');
  await expect(panel.locator('.zone.highlighted')).toHaveAttribute('data-zone-id', zoneOf(first!.id));
  for (const line of [second!, third!]) {
    await page.keyboard.press('Enter');
    await expect(panel.locator('.zone.highlighted')).toHaveAttribute('data-zone-id', zoneOf(line.id));
    await page.keyboard.type(line.text);
  }
  expect(await expectPageLines(page, editor, documentId)).toEqual(lineZones);
  await editor.expectSaved();

  // TEI out, from the export menu: valid against tei_all, with every line's pointer and the linked words.
  const exported = await downloadDocumentTei(page, (name) => testInfo.outputPath(name));
  expectValidTei(exported);
  const xml = readFileSync(exported, 'utf8');
  for (const zoneId of lineZones.values()) expect(xml).toContain(`<lb facs="#${zoneId}"/>`);
  expect(xml).toContain(`<seg facs="#${drawnId}">${words}</seg>`);
  const before = await api<Surface[]>(page, 'listSurfaces', { documentId });
  expect([...xml.matchAll(/<zone\b/g)]).toHaveLength(before.flatMap((s) => s.zones).length);

  // ... and in again with its images, chosen in the picker, into a project of its own.
  const other = await startServe(testInfo.outputPath('again.siglum'));
  try {
    const again = await page.context().newPage();
    const editor2 = new EditorPage(again);
    await editor2.open(other.url);
    await chooseInPicker(again, [exported, ...KANT_IMAGES]);
    await expect(editor2.text).toContainText(fifth!.text, { timeout: 60_000 });
    const againId = decodeURIComponent(/#\/doc\/(.+)$/.exec(again.url())![1]!);
    expect(await expectPageLines(again, editor2, againId)).toEqual(lineZones);
    const after = await api<Surface[]>(again, 'listSurfaces', { documentId: againId });
    expect(surfaceShape(after)).toEqual(surfaceShape(before));
    const images = (surfaces: Surface[]) => surfaces.map((s) => [s.image?.name, s.image?.width, s.image?.height]);
    expect(images(after)).toEqual(images(before));
    expect(after.every((s) => s.image !== null)).toBe(true);
    await again.getByRole('button', { name: 'Page images' }).click();
    await expectImageShown(again);
    const panel2 = again.getByRole('region', { name: 'Page image' });
    await editor2.text.locator('.tei-mark[data-tei="seg"]').click();
    await expect(panel2.locator('.zone.highlighted')).toHaveAttribute('data-zone-id', drawnId);

    // Exported from there: the same title (the METS's, not the text's first heading), facsimile,
    // text and pointers, and the same sourceDesc; the images' folder is named after the file.
    const exported2 = await downloadDocumentTei(again, (name) => testInfo.outputPath(`again-${name}`));
    const xml2 = readFileSync(exported2, 'utf8');
    const title = (tei: string) => /<title>([^<]*)<\/title>/.exec(tei)?.[1];
    expect(title(xml)).toBe('mets');
    expect(title(xml2)).toBe('mets');
    const part = (tei: string, from: string) => tei.slice(tei.indexOf(from)).replace(/url="[^"/]+-images\//g, 'url="');
    expect(part(xml2, '<facsimile>')).toBe(part(xml, '<facsimile>'));
    const sourceDesc = (tei: string) => /<sourceDesc>[\s\S]*<\/sourceDesc>/.exec(tei)?.[0];
    expect(sourceDesc(xml2)).toBe(sourceDesc(xml));
  } finally {
    await other.stop();
  }
});

test('a METS chosen without its images imports its text, and the window says which page images were not found', async ({
  page,
  served,
}) => {
  const editor = new EditorPage(page);
  await editor.open(served.url);
  await chooseInPicker(page, [resolve(KANT, 'mets.xml'), ...PAGE_FILES]);
  await expect(editor.text).toContainText(ALL_LINES[0]!.text, { timeout: 60_000 });
  await expect(editor.banner).toContainText(
    'The image of page 1 (OCR-D-IMG/INPUT_0017.tif) was not found, so the page has no image',
  );
  await expect(editor.banner).toContainText('(1 more warning.)');
});
