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

test('a row of the sorted list keeps the keyboard focus when another client’s change reloads the list', async ({
  page,
  served,
}) => {
  // The page is opened first: it exchanges the address's token for the session cookie
  // that the other client's requests (page.request) then carry.
  const editor = new EditorPage(page);
  await editor.open(served.url);
  for (const title of ['First of two', 'Second of two']) {
    const made = await page.request.post(`${served.origin}/api/createDocument`, { data: { title } });
    expect(await made.json()).toMatchObject({ ok: true });
  }
  await page.getByRole('tab', { name: 'Sorted list' }).click();
  const rows = page.getByRole('list', { name: 'Sorted documents' }).locator('.sorted-doc');
  await expect(rows).toHaveCount(2);
  const second = rows.filter({ hasText: 'Second of two' });
  await second.focus();
  await expect(second).toBeFocused();
  // The row's element is marked, so that a redrawn row (a new element) is told from a kept one.
  await second.evaluate((el) => el.setAttribute('data-probe', 'kept'));

  const made = await page.request.post(`${served.origin}/api/createDocument`, {
    data: { title: 'Third, from outside' },
  });
  expect(await made.json()).toMatchObject({ ok: true });

  await expect(rows).toHaveCount(3);
  await expect(second).toBeFocused();
  await expect(second).toHaveAttribute('data-probe', 'kept');
});
