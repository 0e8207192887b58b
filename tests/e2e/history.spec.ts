/**
 * Projects, history, trash and backups in the browser: the chooser of `siglum serve`
 * without --project, yesterday's version of a document restored, a backup taken while
 * another window types and restored with every acknowledged edit, a deleted document
 * restored from the trash.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { EditorPage, SEED_TITLE } from './editor-page.ts';
import { expect, stop, test, waitForUrl } from './fixtures.ts';

const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'electron', 'bin', 'siglum.mjs');

/** `siglum serve` without --project, with its own config folder; stopped by `run`'s end. */
async function withChooserServer(config: string, run: (url: string) => Promise<void>): Promise<void> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SIGLUM_PROJECT: '', XDG_CONFIG_HOME: config },
  });
  try {
    await run(await waitForUrl(child));
  } finally {
    await stop(child);
  }
}

async function projectDialog(page: Page, tab: 'Project' | 'History' | 'Trash' | 'Backups'): Promise<void> {
  await page.getByRole('button', { name: 'Project…' }).click();
  await page.getByRole('tab', { name: tab }).click();
}

async function typeAtEnd(editor: EditorPage, words: string): Promise<void> {
  await editor.placeCursorAfter('During the month of December, 1932');
  await editor.page.keyboard.type(words);
  await editor.expectSaved();
}

test('opens a second project from the chooser of recent projects', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'siglum-e2e-chooser-'));
  try {
    const first = join(dir, 'first.siglum');
    const second = join(dir, 'second.siglum');
    await withChooserServer(join(dir, 'config'), async (url) => {
      await page.goto(url);
      await expect(page.getByRole('heading', { name: 'Siglum: choose a project' })).toBeVisible();
      await page.getByLabel('New project').fill(first);
      await page.getByRole('button', { name: 'Create' }).click();
      await expect(page.locator('.project-title')).toHaveText('first');
      await projectDialog(page, 'Project');
      await page.getByLabel('New project file').fill(second);
      await page.getByRole('button', { name: 'New project' }).click();
      await expect(page.locator('.project-title')).toHaveText('second');
    });
    // A new server, no --project: the chooser lists both, the latest first.
    await withChooserServer(join(dir, 'config'), async (url) => {
      await page.goto(url);
      const recent = page.getByRole('list', { name: 'Recent projects' }).getByRole('button');
      await expect(recent.filter({ hasText: 'first.siglum' })).toBeVisible();
      await expect(recent.first()).toContainText('second.siglum');
      await recent.filter({ hasText: 'first.siglum' }).click();
      await expect(page.locator('.project-title')).toHaveText('first');
      await projectDialog(page, 'Project');
      await expect(page.locator('.project-facts-path')).toHaveText(first);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('restores yesterday’s version of a document as new steps', async ({ page, served }) => {
  const editor = new EditorPage(page);
  await editor.open(served.url);
  await editor.importSeed();
  await typeAtEnd(editor, ' Written yesterday.');
  // Those steps were typed yesterday, as far as the store knows.
  const db = new Database(served.projectPath);
  db.prepare('UPDATE steps SET created_at = ?').run(new Date(Date.now() - 24 * 3600 * 1000).toISOString());
  db.close();
  await typeAtEnd(editor, ' Written today.');

  await projectDialog(page, 'History');
  const versions = page.getByRole('list', { name: 'Versions' }).locator('.history-version');
  await expect(versions).toHaveCount(3);
  await expect(versions.nth(0)).toContainText('current');
  const stepsToday = Number(/(\d+) steps/.exec((await versions.nth(0).textContent()) ?? '')?.[1]);
  expect(stepsToday).toBeGreaterThan(0);
  await versions.nth(1).getByRole('button').click();
  await expect(page.locator('.history-changes')).toContainText('Added "Written today."');
  await expect(page.locator('.history-text ins')).toHaveText('Written today. ');
  await page.getByRole('button', { name: 'Restore this version' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'the versions after it are kept' })).toBeVisible();
  await page.getByRole('button', { name: 'Close' }).click();

  await expect(editor.text).toContainText('Written yesterday.');
  await expect(editor.text).not.toContainText('Written today.');
  await editor.expectSaved();
  // Nothing rewritten: the restore is one more step of today's session, and yesterday's
  // version now reads exactly as the current text.
  await projectDialog(page, 'History');
  await expect(versions).toHaveCount(3);
  await expect(versions.nth(0)).toContainText(`current, ${stepsToday + 1} steps`);
  await versions.nth(1).getByRole('button').click();
  await expect(page.locator('.history-diff-head')).toContainText('(+0 / −0 words)');
});

test('backs up while another window types, and restores the backup with every acknowledged edit', async ({
  page,
  context,
  served,
}) => {
  const editor = new EditorPage(page);
  await editor.open(served.url);
  await editor.importSeed();
  await typeAtEnd(editor, ' Acknowledged before.');

  const other = await context.newPage();
  await other.goto(served.url);
  await expect(other.locator('.sidebar')).toBeVisible();
  await projectDialog(other, 'Backups');
  // Typing goes on in the first window while the second backs up.
  const typing = editor.page.keyboard.type(' Typed during the backup.', { delay: 15 });
  await other.getByRole('button', { name: 'Back up now' }).click();
  await expect(other.getByRole('status').filter({ hasText: 'verified' })).toBeVisible();
  await typing;
  await editor.expectSaved();
  await expect(editor.text).toContainText('Typed during the backup.');
  await typeAtEnd(editor, ' After the backup.');

  const rows = other.getByRole('list', { name: 'Backups' }).locator('.backup-row');
  await expect(rows.filter({ hasText: 'backed up by hand' })).toHaveCount(1);
  await rows.filter({ hasText: 'backed up by hand' }).getByRole('button', { name: 'Restore…' }).click();
  await other.getByRole('button', { name: 'Replace the project' }).click();

  // Both windows start again on the restored project.
  await expect(page.locator('.doc-row').filter({ hasText: SEED_TITLE })).toHaveCount(1);
  await page.locator('.doc-row').filter({ hasText: SEED_TITLE }).click();
  await expect(editor.text).toContainText('Acknowledged before.');
  await expect(editor.text).not.toContainText('After the backup.');
  // The state before the restore was kept as a backup of its own.
  await projectDialog(page, 'Backups');
  await expect(
    page.getByRole('list', { name: 'Backups' }).locator('.backup-row', { hasText: 'before a restore' }),
  ).toHaveCount(1);
});

test('restores a deleted document from the trash with its history', async ({ page, served }) => {
  const editor = new EditorPage(page);
  await editor.open(served.url);
  await editor.importSeed();
  await typeAtEnd(editor, ' Kept through the trash.');

  await projectDialog(page, 'Trash');
  await page.getByRole('button', { name: /Move “.*” to the trash/ }).click();
  await expect(editor.documentRows).toHaveCount(0);
  const trash = page.getByRole('list', { name: 'Trash' });
  await expect(trash.getByRole('listitem')).toHaveCount(1);
  await trash.getByRole('button', { name: 'Restore' }).click();
  await expect(trash.getByRole('listitem')).toHaveCount(0);
  await page.getByRole('button', { name: 'Close' }).click();

  await expect(editor.documentRows.filter({ hasText: SEED_TITLE })).toHaveCount(1);
  await expect(editor.text).toContainText('Kept through the trash.');
  await projectDialog(page, 'History');
  await expect(page.getByRole('list', { name: 'Versions' }).locator('.history-version')).toHaveCount(2);
});

test('deletes a document in the trash for good, once asked', async ({ page, served }) => {
  const editor = new EditorPage(page);
  await editor.open(served.url);
  await editor.importSeed();
  await projectDialog(page, 'Trash');
  await page.getByRole('button', { name: /Move “.*” to the trash/ }).click();
  const trash = page.getByRole('list', { name: 'Trash' });
  await expect(trash.getByRole('listitem')).toHaveCount(1);

  page.once('dialog', (d) => void d.accept());
  await trash.getByRole('button', { name: 'Delete for good' }).click();
  await expect(trash.getByRole('listitem')).toHaveCount(0);
  await expect(page.locator('.trash-tab [role="status"]')).toHaveText(`Deleted "${SEED_TITLE}" for good.`);
});
