/**
 * The Share tab: link the project to a (bare) repository, share changes and push; then
 * another editor pushes a change to the same words, and the pull's conflict is shown
 * side by side and settled, the open editor following.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Node } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import type { Page } from '@playwright/test';
import { schema } from '../../edition/schema.ts';
import { initRepository } from '../../electron/git/repo.ts';
import { openService } from '../../electron/service/index.ts';
import { EditorPage, SEED_TITLE } from './editor-page.ts';
import { expect, test } from './fixtures.ts';

const root = resolve(import.meta.dirname, '../..');

/** The Share tab of the project dialog. */
async function openShare(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Project…' }).click();
  await page.getByRole('tab', { name: 'Share' }).click();
}
const PARAGRAPH_END = 'due to the following causes.';

/** Another editor: clones the repository, adds words at the end of the first paragraph, shares and pushes. */
async function otherEditorPushes(dir: string, bare: string): Promise<void> {
  const other = openService(join(dir, 'other.siglum'), { create: true });
  try {
    await other.gitClone({ url: bare });
    const [d] = await other.listDocuments({});
    const opened = await other.openDocument({ id: d!.id });
    const tr = new Transform(Node.fromJSON(schema, opened.doc));
    let at = -1;
    tr.doc.descendants((node, pos) => {
      if (at < 0 && node.isText && node.text!.includes(PARAGRAPH_END)) at = pos + node.text!.indexOf(PARAGRAPH_END);
      return at < 0;
    });
    tr.insert(at + PARAGRAPH_END.length, schema.text(' Added there.'));
    // And a reviewer's comment after a name in the list that follows.
    let name = -1;
    tr.doc.descendants((node, pos) => {
      if (name < 0 && node.isText && node.text!.includes('Manchuli')) name = pos + node.text!.indexOf('Manchuli') + 8;
      return name < 0;
    });
    const comment = schema.nodes.note.create(
      { type: 'review' },
      schema.nodes.paragraph.create(null, schema.text('Check the spelling of this place.')),
    );
    tr.insert(name, comment);
    const steps = tr.steps.map((s) => s.toJSON());
    expect((await other.pushSteps({ documentId: d!.id, version: opened.version, clientID: 'other', steps })).ok).toBe(
      true,
    );
    await other.gitCommit({ message: 'Their addition', name: 'Ben Reviewer', email: 'ben@example.org' });
    await other.gitPush({});
  } finally {
    other.close();
  }
}

test('shares changes, then settles a pull’s conflict side by side', async ({ page, served }, testInfo) => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'siglum-e2e-git-'));
  try {
    const bare = join(dir, 'remote.git');
    await initRepository(bare, true);
    const editor = new EditorPage(page);
    await editor.open(served.url);
    await editor.importSeed();

    await openShare(page);
    await page.getByLabel('Remote repository').fill(bare);
    await page.getByRole('button', { name: 'Link to a repository' }).click();
    const status = page.locator('.share-tab .workspace-message');
    await expect(status).toContainText('Linked to a new repository');
    await expect(page.getByRole('list', { name: 'Changed since the last commit' })).toContainText(SEED_TITLE);
    await page.getByLabel('Your name').fill('Ann Editor');
    await page.getByLabel('Your e-mail').fill('ann@example.org');
    await page.getByLabel('What changed').fill('The despatch transcribed');
    await page.getByRole('button', { name: 'Share changes' }).click();
    await expect(status).toContainText('Shared your changes as commit');
    await expect(page.getByText('Nothing has changed.')).toBeVisible();
    await page.getByRole('button', { name: 'Push', exact: true }).click();
    await expect(status).toContainText('Pushed commit');

    await otherEditorPushes(dir, bare);

    await page.getByRole('button', { name: 'Close' }).click();
    await editor.placeCursorAfter('During the month of December, 1932');
    await page.keyboard.type(' Written here.');
    await editor.expectSaved();
    await openShare(page);
    await page.getByLabel('What changed').fill('My addition');
    await page.getByRole('button', { name: 'Share changes' }).click();
    await expect(status).toContainText('Shared your changes as commit');
    await page.getByRole('button', { name: 'Pull', exact: true }).click();
    await expect(status).toContainText('1 in conflict');

    const conflict = page.getByRole('region', { name: `Conflicts in ${SEED_TITLE}` });
    await expect(conflict.locator('.conflict-ours')).toContainText('causes. Written here.');
    await expect(conflict.locator('.conflict-theirs')).toContainText('causes. Added there.');
    await conflict.getByRole('button', { name: 'Settle' }).scrollIntoViewIfNeeded();
    await page.screenshot({
      path: process.env['SIGLUM_SCREENSHOTS']
        ? resolve(root, 'resources/screenshots/share-conflict.png')
        : testInfo.outputPath('share-conflict.png'),
    });
    await conflict.getByRole('button', { name: 'Edit…' }).click();
    await conflict
      .getByLabel('Text to keep')
      .fill(
        (await conflict.getByLabel('Text to keep').inputValue()).replace('Written here.', 'Written here. Added there.'),
      );
    await conflict.getByRole('button', { name: 'Settle' }).click();
    await expect(status).toContainText('Settled the conflicts');
    await expect(conflict).toHaveCount(0);
    await page.getByRole('button', { name: 'Push', exact: true }).click();
    await expect(status).toContainText('Pushed commit');
    // The commits beside the step history.
    await page.getByRole('tab', { name: 'History' }).click();
    const commits = page.getByRole('list', { name: 'Shared commits' });
    await expect(commits).toContainText('Their addition');
    await expect(commits).toContainText('The despatch transcribed');
    await page.getByRole('button', { name: 'Close' }).click();
    await expect(editor.text).toContainText('causes. Written here. Added there.');
    // The reviewer's comment came with the pull and shows in the Notes panel.
    await page.getByRole('button', { name: 'Notes', exact: true }).click();
    const review = page.locator('.note-row[data-type="review"]');
    await expect(review).toContainText('Check the spelling of this place.');
    await expect(review.locator('select')).toHaveValue('review');
    await expect(review.locator('select option:checked')).toHaveText('Review comment');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
