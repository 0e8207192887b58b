import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, startServe, test, type ServeProcess } from './fixtures.ts';
import { EditorPage, SEED_TITLE } from './editor-page.ts';

test('after the server restarts, the tab says what happened, keeps what was typed, and the new address saves it', async ({
  browser,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'siglum-e2e-'));
  const projectPath = join(dir, 'e2e.siglum');
  let server: ServeProcess | null = await startServe(projectPath);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const editor = new EditorPage(page);
    await editor.open(server.url);
    await editor.importSeed();
    await editor.placeCursorAfter('due to the following causes.');
    await page.keyboard.type(' Before the restart.');
    await editor.expectSaved();

    // The server stops: typing goes on, offline.
    const port = server.port;
    await server.stop();
    server = null;
    await page.keyboard.type(' While it was down.');
    await expect(editor.saveIndicator).toContainText('Offline – not saved');

    // It starts again on the same project (same address, new token): this tab is refused for good.
    server = await startServe(projectPath, port);
    await editor.saveIndicator.getByRole('button', { name: 'Retry' }).click();
    await expect(editor.saveIndicator).toContainText('Not saved – server restarted');
    const notice = page.getByRole('alert').filter({ hasText: 'server was restarted' });
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('open the new address that siglum serve printed');
    await editor.placeCursorAfter('While it was down.');
    await page.keyboard.type(' After it came back.');
    await expect(editor.text).toContainText('causes. Before the restart. While it was down. After it came back.');

    // Nothing is lost: a tab at the new address restores the kept edits and saves them.
    const fresh = await context.newPage();
    const freshEditor = new EditorPage(fresh);
    await freshEditor.open(server.url);
    await freshEditor.documentRows.filter({ hasText: SEED_TITLE }).click();
    await expect(freshEditor.text).toContainText('causes. Before the restart. While it was down. After it came back.');
    await expect(fresh.getByRole('status').filter({ hasText: 'typed before the server restarted' })).toContainText(
      'restored into this document',
    );
    await freshEditor.expectSaved();
    await page.close();
    await fresh.reload();
    await freshEditor.documentRows.filter({ hasText: SEED_TITLE }).click();
    await expect(freshEditor.text).toContainText('causes. Before the restart. While it was down. After it came back.');
    // Sent once: the kept entry is gone, so a second tab restores nothing.
    expect(await fresh.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('siglum:unsent:')))).toEqual(
      [],
    );
    await expect(freshEditor.text).not.toContainText('After it came back. While it was down.');
  } finally {
    await context.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('after a restart on another port, the new address pasted in the tab takes its kept edits there and saves them', async ({
  browser,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'siglum-e2e-'));
  const projectPath = join(dir, 'e2e.siglum');
  let server: ServeProcess | null = await startServe(projectPath);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const editor = new EditorPage(page);
    await editor.open(server.url);
    await editor.importSeed();
    await editor.expectSaved();
    const firstOrigin = server.origin;
    await server.stop();
    server = await startServe(projectPath);
    expect(server.origin).not.toBe(firstOrigin);

    await editor.placeCursorAfter('due to the following causes.');
    await page.keyboard.type(' Typed after the restart.');
    // The old address answers no more: the tab is offline, and offers to go to the new address.
    await expect(editor.saveIndicator).toContainText('Offline – not saved');
    const notice = page.locator('.reconnect-notice');
    const address = notice.getByLabel(/paste the new address it printed/);
    await address.fill('http://example.org/');
    await notice.getByRole('button', { name: 'Continue there' }).click();
    await expect(notice).toContainText('That is not the address siglum serve prints');

    await address.fill(server.url);
    await address.press('Enter');
    await expect(page).toHaveURL(new RegExp(`^${server.origin}/#/doc/`));
    await expect(editor.text).toContainText('causes. Typed after the restart.');
    await expect(page.getByRole('status').filter({ hasText: 'typed before the server restarted' })).toBeVisible();
    await editor.expectSaved();
    await page.reload();
    await expect(editor.text).toContainText('causes. Typed after the restart.');
    await expect(editor.text).not.toContainText('Typed after the restart. Typed after the restart.');
  } finally {
    await context.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
