import { expect, test } from './fixtures.ts';
import { EditorPage } from './editor-page.ts';

test('says "Offline – not saved" when the store cannot be reached, keeps the text, and saves it on retry', async ({
  page,
  served,
}) => {
  const editor = new EditorPage(page);
  await editor.open(served.url);
  await editor.importSeed();

  await page.route('**/api/pushSteps', (route) => route.abort('connectionrefused'));
  await editor.placeCursorAfter('due to the following causes.');
  await page.keyboard.type(' Typed while offline.');
  await expect(editor.saveIndicator).toContainText('Offline – not saved');
  await expect(editor.text).toContainText('causes. Typed while offline.');

  // Leaving now would lose the text: the window asks first.
  const asked = page.waitForEvent('dialog');
  void page.close({ runBeforeUnload: true });
  const dialog = await asked;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.dismiss();

  await page.unroute('**/api/pushSteps');
  await editor.saveIndicator.getByRole('button', { name: 'Retry' }).click();
  await editor.expectSaved();
  await page.reload();
  await expect(editor.text).toContainText('causes. Typed while offline.');
});
