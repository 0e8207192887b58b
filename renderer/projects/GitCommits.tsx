/** The project's Git commits, newest first, beside the step history (HistoryTab). */
import { createResource, For, Show } from 'solid-js';
import { useStores } from '../stores/context.ts';
import { formatTime } from './time.ts';

export default function GitCommits() {
  const { client } = useStores();
  const [commits] = createResource(() => client.gitLog({}));
  const list = () => (commits.state === 'ready' ? commits() : []);
  return (
    <Show when={list().length > 0}>
      <h3 class="workspace-heading">Shared commits (Git)</h3>
      <ul class="workspace-list" aria-label="Shared commits">
        <For each={list()}>
          {(c) => (
            <li class="workspace-row">
              <span class="workspace-row-main">
                {c.message}{' '}
                <span class="workspace-dim">
                  {c.author}, {formatTime(c.at)}, {c.oid.slice(0, 8)}
                </span>
              </span>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
