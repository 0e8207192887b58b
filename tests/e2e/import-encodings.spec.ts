import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures.ts';
import { EditorPage } from './editor-page.ts';

const TEI = 'http://www.tei-c.org/ns/1.0';

/** A TEI file in UTF-16LE with its byte-order mark, and one in ISO-8859-1, both with accented words. */
function files(): { wide: string; latin1: string } {
  const dir = mkdtempSync(join(tmpdir(), 'siglum-encodings-'));
  const tei = (encoding: string, title: string, words: string): string =>
    `<?xml version="1.0" encoding="${encoding}"?>\n<TEI xmlns="${TEI}"><teiHeader><fileDesc><titleStmt><title>${title}</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader><text><body><div type="document"><head>${title}</head><p>${words}</p></div></body></text></TEI>\n`;
  const wide = join(dir, 'wide.xml');
  writeFileSync(
    wide,
    Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(tei('UTF-16', 'Lettre de Noël', 'Très «cher» ami'), 'utf16le'),
    ]),
  );
  const latin1 = join(dir, 'latin1.xml');
  writeFileSync(latin1, Buffer.from(tei('ISO-8859-1', 'Café de la Paix', 'Façade naïve'), 'latin1'));
  return { wide, latin1 };
}

test('a UTF-16 file and an ISO-8859-1 file import with their words intact', async ({ page, served }) => {
  const editor = new EditorPage(page);
  await editor.open(served.url);
  const { wide, latin1 } = files();

  await editor.importFile(wide);
  await expect(editor.documentRows.filter({ hasText: 'Lettre de Noël' })).toHaveCount(1, { timeout: 30_000 });
  await editor.documentRows.filter({ hasText: 'Lettre de Noël' }).click();
  await expect(editor.text).toContainText('Très «cher» ami');

  await editor.importFile(latin1);
  await expect(editor.documentRows.filter({ hasText: 'Café de la Paix' })).toHaveCount(1, { timeout: 30_000 });
  await editor.documentRows.filter({ hasText: 'Café de la Paix' }).click();
  await expect(editor.text).toContainText('Façade naïve');
  await expect(editor.banner).toHaveCount(0);
});
