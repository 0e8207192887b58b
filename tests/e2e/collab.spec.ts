import { expect, test } from './fixtures.ts';
import { EditorPage } from './editor-page.ts';

test('two tabs on one document see each other’s typing and end with the same text', async ({
  context,
  page,
  served,
}) => {
  const first = new EditorPage(page);
  await first.open(served.url);
  await first.importSeed();

  const second = new EditorPage(await context.newPage());
  await second.page.goto(page.url());
  await expect(second.text).toContainText('During the month of December, 1932');

  await first.placeCursorAfter('due to the following causes.');
  await first.page.keyboard.type(' From the first tab.');
  await second.placeCursorAfter('relations between Japan and the Soviets may be seriously strained.');
  await second.page.keyboard.type(' From the second tab.');

  await expect(second.text).toContainText('causes. From the first tab.');
  await expect(first.text).toContainText('strained. From the second tab.');
  await first.expectSaved();
  await second.expectSaved();
  expect(await first.text.innerHTML()).toBe(await second.text.innerHTML());
});
