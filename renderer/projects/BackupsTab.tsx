/**
 * The project's backups with their dates, Back up now, and restore in two clicks:
 * Restore, then Replace the project (its current state is backed up first).
 */
import { createResource, createSignal, For, Show } from 'solid-js';
import { useStores } from '../stores/context.ts';
import { sentenceOf } from '../stores/notices.ts';
import { formatBytes, formatTime } from './time.ts';

const REASONS: Readonly<Record<string, string>> = {
  scheduled: 'while editing',
  manual: 'backed up by hand',
  'before-import': 'before an import',
  'before-migration': 'before an upgrade',
  'before-restore': 'before a restore',
};

export default function BackupsTab() {
  const { client } = useStores();
  const [backups, { refetch }] = createResource(() => client.listBackups({}));
  const [confirming, setConfirming] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [message, setMessage] = createSignal<string | null>(null);

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setMessage(null);
    try {
      setMessage(await work());
      await refetch();
    } catch (e) {
      setMessage(sentenceOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="backups-tab">
      <div class="workspace-actions">
        <button
          type="button"
          class="button"
          disabled={busy()}
          onClick={() =>
            void run(async () => {
              const b = await client.backupNow({});
              return `Backed up ${b.documents} documents at ${formatTime(b.at)}, verified.`;
            })
          }
        >
          Back up now
        </button>
      </div>
      <Show when={message()}>
        <p class="workspace-message" role="status">
          {message()}
        </p>
      </Show>
      <Show when={backups()?.length === 0}>
        <p>No backups yet. Siglum backs up every 10 minutes of editing and before imports.</p>
      </Show>
      <ul class="workspace-list" aria-label="Backups">
        <For each={backups()}>
          {(b) => (
            <li class="workspace-row backup-row">
              <span class="workspace-row-main">
                {formatTime(b.at)}{' '}
                <span class="workspace-dim">
                  {REASONS[b.reason] ?? b.reason}, {b.documents} documents, {formatBytes(b.bytes)}
                </span>
              </span>
              <Show
                when={confirming() === b.path}
                fallback={
                  <button type="button" class="button" disabled={busy()} onClick={() => setConfirming(b.path)}>
                    Restore…
                  </button>
                }
              >
                <button
                  type="button"
                  class="button primary"
                  disabled={busy()}
                  onClick={() =>
                    // The window reloads on the project-changed event the restore sends.
                    void run(async () => {
                      await client.restoreBackup({ path: b.path });
                      return 'Restored.';
                    })
                  }
                >
                  Replace the project
                </button>
                <button type="button" class="button" onClick={() => setConfirming(null)}>
                  Cancel
                </button>
              </Show>
            </li>
          )}
        </For>
      </ul>
    </div>
  );
}
