/**
 * A TEI export with page images, downloaded from the window: one ZIP holding the TEI and
 * the images in a folder beside it (the command line's layout), each image the bytes that
 * were added, the TEI valid against tei_all where it was unpacked, and a notice saying
 * how many images came with it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { exportDocumentTei, expectValidTei, KANT_IMAGES, setUpKant, unzipDownload } from './facsimile-support.ts';
import { expect, test } from './fixtures.ts';

test('exporting TEI with two page images downloads one ZIP: the TEI, and the images byte for byte in a folder beside it', async ({
  page,
  served,
}, testInfo) => {
  test.setTimeout(180_000);
  const { editor, documentId } = await setUpKant(page, served.url, testInfo);

  const download = await exportDocumentTei(page);
  const zipName = download.suggestedFilename();
  expect(zipName).toMatch(new RegExp(`-d${documentId}\\.zip$`));
  const files = await unzipDownload(download);
  const xmlName = zipName.replace(/\.zip$/, '.xml');
  const xml = new TextDecoder().decode(files[xmlName]);
  expect(xml).toContain('<facsimile>');

  // The graphics name the ZIP's other files, in the folder beside the TEI, in page order.
  const urls = [...xml.matchAll(/<graphic\b[^>]*\burl="([^"]+)"/g)].map((m) => m[1]!);
  expect(urls).toHaveLength(2);
  expect(Object.keys(files).sort()).toEqual([xmlName, ...urls].sort());
  const folder = xmlName.replace(/\.xml$/, '-images');
  for (const [i, url] of urls.entries()) {
    expect(dirname(url)).toBe(folder);
    expect(Buffer.from(files[url]!).equals(readFileSync(KANT_IMAGES[i]!))).toBe(true);
  }

  // Unpacked, the TEI validates.
  const out = testInfo.outputPath('unzipped');
  for (const [name, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(out, name)), { recursive: true });
    writeFileSync(join(out, name), bytes);
  }
  expectValidTei(join(out, xmlName));

  await expect(editor.banner).toContainText(
    `${zipName} was downloaded: the TEI file with its 2 page images in a folder beside it.`,
  );
  await page.screenshot({ path: testInfo.outputPath('tei-zip-notice.png') });
});
