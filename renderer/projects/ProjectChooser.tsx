/**
 * The chooser `siglum serve` opens on without --project: the recent projects, the
 * default project (made with the sample despatch the first time), a project file by
 * its path, or a new project.
 */
import { createSignal, For, Show } from 'solid-js';
import type { SiglumClient } from '../../edition/api.ts';
import type { ProjectList } from '../../edition/history/api.ts';
import { sentenceOf } from '../stores/notices.ts';
import { formatTime } from './time.ts';

export default function ProjectChooser(props: { client: SiglumClient; list: ProjectList }) {
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  let openPath!: HTMLInputElement;
  let newPath!: HTMLInputElement;

  const open = async (path: string, create = false) => {
    setBusy(true);
    setError(null);
    try {
      // The window reloads on the project-changed event that follows.
      await props.client.openProject({ path, create });
    } catch (e) {
      setError(sentenceOf(e));
      setBusy(false);
    }
  };
  const hasDefault = () => props.list.recent.some((r) => r.isDefault);

  return (
    <main class="chooser" aria-labelledby="chooser-title">
      <h1 id="chooser-title" class="chooser-title">
        Siglum: choose a project
      </h1>
      <Show when={error()}>
        <p class="chooser-error" role="alert">
          {error()}
        </p>
      </Show>
      <ul class="chooser-list" aria-label="Recent projects">
        <For each={props.list.recent}>
          {(p) => (
            <li>
              <button
                type="button"
                class="chooser-project"
                disabled={busy() || !p.exists}
                onClick={() => void open(p.path)}
              >
                <span class="chooser-project-title">{p.title}</span>
                <span class="chooser-project-path">{p.path}</span>
                <span class="chooser-project-time">
                  {p.exists ? `opened ${formatTime(p.openedAt)}` : 'missing: moved or deleted'}
                </span>
              </button>
            </li>
          )}
        </For>
        <Show when={!hasDefault()}>
          <li>
            <button
              type="button"
              class="chooser-project"
              disabled={busy()}
              onClick={() => void open(props.list.defaultPath)}
            >
              <span class="chooser-project-title">Default project</span>
              <span class="chooser-project-path">{props.list.defaultPath}</span>
              <span class="chooser-project-time">with a sample despatch the first time</span>
            </button>
          </li>
        </Show>
      </ul>
      <form
        class="chooser-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (openPath.value.trim() !== '') void open(openPath.value.trim());
        }}
      >
        <label class="field">
          <span class="field-label">Open a project file</span>
          <input ref={openPath} name="open-path" placeholder="/home/me/editions/frus.siglum" autocomplete="off" />
        </label>
        <button type="submit" class="button" disabled={busy()}>
          Open
        </button>
      </form>
      <form
        class="chooser-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (newPath.value.trim() !== '') void open(newPath.value.trim(), true);
        }}
      >
        <label class="field">
          <span class="field-label">New project</span>
          <input ref={newPath} name="new-path" placeholder="/home/me/editions/new.siglum" autocomplete="off" />
        </label>
        <button type="submit" class="button primary" disabled={busy()}>
          Create
        </button>
      </form>
    </main>
  );
}
