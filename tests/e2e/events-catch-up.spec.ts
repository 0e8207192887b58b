/**
 * A tab hears of every change, even one made while its event stream was still
 * connecting: the page reads the project first and subscribes next, so a change
 * between the two must come to it all the same.
 */
import type { Route } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { EditorPage } from './editor-page.ts';

test('a document another client creates while the page’s event stream is still connecting shows in the list', async ({
  page,
  served,
}) => {
  // The page's event stream is held back until the change has been made.
  let heldStream!: (route: Route) => void;
  const streamAsked = new Promise<Route>((resolve) => (heldStream = resolve));
  await page.route('**/events', (route) => heldStream(route));
  const listed = page.waitForResponse((r) => r.url().endsWith('/api/listDocuments'));

  const editor = new EditorPage(page);
  await editor.open(served.url);
  await listed;
  await expect(editor.documentRows).toHaveCount(0);
  const stream = await streamAsked;

  // Another client (with this session's cookie, outside the page) creates a document.
  const made = await page.request.post(`${served.origin}/api/createDocument`, {
    data: { title: 'Made while the page was connecting' },
  });
  expect(await made.json()).toMatchObject({ ok: true });

  await stream.continue();
  await expect(editor.documentRows.filter({ hasText: 'Made while the page was connecting' })).toHaveCount(1);
});
