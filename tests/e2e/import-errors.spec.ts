import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures.ts';
import { EditorPage } from './editor-page.ts';

/** A "billion laughs" TEI file: entities that expand to gigabytes if a parser allows them. */
function entityBomb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'siglum-hostile-'));
  const path = join(dir, 'laughs.xml');
  const entities = ['<!ENTITY lol0 "lol">'];
  for (let i = 1; i < 10; i++) entities.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
  writeFileSync(
    path,
    `<?xml version="1.0"?>\n<!DOCTYPE TEI [\n${entities.join('\n')}\n]>\n` +
      `<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body><p>&lol9;</p></body></text></TEI>\n`,
  );
  return path;
}

test('a hostile TEI file gets a one-line error and leaves the document list as it was', async ({ page, served }) => {
  const editor = new EditorPage(page);
  await editor.open(served.url);
  await editor.importSeed();
  const before = await editor.documentRows.allTextContents();

  await editor.importFile(entityBomb());
  await expect(editor.banner).toBeVisible();
  const message = (await editor.banner.locator('.banner-text').textContent()) ?? '';
  expect(message).toContain('laughs.xml');
  expect(message).not.toContain('\n');
  expect(message).not.toMatch(/\bat .+:\d+:\d+\)?/);
  expect(message.length).toBeLessThan(400);

  await expect(page.getByRole('button', { name: 'Import…' })).toBeEnabled();
  expect(await editor.documentRows.allTextContents()).toEqual(before);

  await editor.banner.getByRole('button', { name: 'Dismiss' }).click();
  await expect(editor.banner).toHaveCount(0);
});
