/**
 * Deleted documents, newest first, each put back with its history by Restore or deleted
 * for good (with the page images nothing else shows); and the open document moved there.
 */
import { createResource, createSignal, For, Show } from 'solid-js';
import { useStores } from '../stores/context.ts';
import { sentenceOf } from '../stores/notices.ts';
import { formatTime } from './time.ts';

export default function TrashTab() {
  const { client, project } = useStores();
  const [trash, { refetch }] = createResource(() => client.listTrash({}));
  const [message, setMessage] = createSignal<string | null>(null);
  return (
    <div class="trash-tab">
      <Show when={message()}>
        <p class="workspace-message" role="status">
          {message()}
        </p>
      </Show>
      <Show when={project[1].current()}>
        {(doc) => (
          <div class="workspace-actions">
            <button
              type="button"
              class="button"
              onClick={() =>
                client.deleteDocument({ id: doc().id }).then(
                  () => {
                    setMessage(`Moved "${doc().title}" to the trash.`);
                    project[1].open(null);
                    void refetch();
                  },
                  (e: unknown) => setMessage(sentenceOf(e)),
                )
              }
            >
              Move “{doc().title}” to the trash
            </button>
          </div>
        )}
      </Show>
      <Show when={trash()?.length === 0}>
        <p>The trash is empty. Deleted documents wait here, with their history, until restored.</p>
      </Show>
      <ul class="workspace-list" aria-label="Trash">
        <For each={trash()}>
          {(t) => (
            <li class="workspace-row">
              <span class="workspace-row-main">
                {t.title} <span class="workspace-dim">deleted {formatTime(t.deletedAt)}</span>
              </span>
              <button
                type="button"
                class="button"
                onClick={() =>
                  client.restoreFromTrash({ id: t.id }).then(
                    (doc) => {
                      setMessage(`Restored "${doc.title}".`);
                      project[1].open(doc.id);
                      void refetch();
                    },
                    (e: unknown) => setMessage(sentenceOf(e)),
                  )
                }
              >
                Restore
              </button>
              <button
                type="button"
                class="button"
                onClick={() => {
                  if (!window.confirm(`Delete "${t.title}" for good? It cannot be restored afterwards.`)) return;
                  client.purgeTrash({ id: t.id }).then(
                    (purged) => {
                      const images = purged.images === 1 ? '1 page image' : `${purged.images} page images`;
                      setMessage(
                        `Deleted "${t.title}" for good${purged.images > 0 ? `, with ${images} nothing else shows` : ''}.`,
                      );
                      void refetch();
                    },
                    (e: unknown) => setMessage(sentenceOf(e)),
                  );
                }}
              >
                Delete for good
              </button>
            </li>
          )}
        </For>
      </ul>
    </div>
  );
}
