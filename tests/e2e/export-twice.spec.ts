import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from './fixtures.ts';
import { EditorPage } from './editor-page.ts';

test('exporting twice to the same name keeps the first file and says where the second went', async ({
  page,
  served,
}) => {
  const editor = new EditorPage(page);
  await editor.open(served.url);
  await editor.importSeed();
  await page.getByRole('button', { name: 'Export edition…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edition' });
  await dialog.getByRole('radio', { name: 'LaTeX' }).check();
  const outPath = dialog.getByRole('textbox', { name: /File to write/ });
  await expect(outPath).toHaveValue(/-d\d+\.tex$/);
  const path = await outPath.inputValue();
  const report = dialog.getByRole('region', { name: 'Export report' });

  await dialog.getByRole('button', { name: 'Export' }).click();
  await expect(report).toContainText('Exported', { timeout: 60_000 });
  await expect(report).toContainText(path);
  await expect(report.getByRole('status')).toHaveCount(0);
  expect(readFileSync(path, 'utf8')).toContain('\\documentclass');
  // Marked on disk, so that a replacement would show.
  writeFileSync(path, 'the earlier export');

  await dialog.getByRole('button', { name: 'Export' }).click();
  const second = path.replace(/\.tex$/, '-2.tex');
  await expect(report).toContainText(second, { timeout: 60_000 });
  await expect(report.getByRole('status')).toContainText(`An earlier export at ${path} is kept`);
  expect(readFileSync(path, 'utf8')).toBe('the earlier export');
  expect(readFileSync(second, 'utf8')).toContain('\\documentclass');

  // Asked to, it replaces the earlier file.
  await dialog.getByLabel(/Replace an earlier export/).check();
  await dialog.getByRole('button', { name: 'Export' }).click();
  await expect(report).toContainText(path, { timeout: 60_000 });
  await expect(report.getByRole('status')).toHaveCount(0);
  expect(readFileSync(path, 'utf8')).toContain('\\documentclass');
});
