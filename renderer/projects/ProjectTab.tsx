/**
 * The open project (title and path), the recent ones, and Open, New and Save a copy by
 * path (the desktop app has native dialogs for these in its File menu).
 */
import { createResource, createSignal, For, Show } from 'solid-js';
import { useStores } from '../stores/context.ts';
import { sentenceOf } from '../stores/notices.ts';
import { formatTime } from './time.ts';

export default function ProjectTab() {
  const { client } = useStores();
  const [list] = createResource(() => client.listProjects({}));
  const [message, setMessage] = createSignal<string | null>(null);
  let openPath!: HTMLInputElement;
  let newPath!: HTMLInputElement;
  let copyPath!: HTMLInputElement;

  const attempt = async (run: () => Promise<string | null>) => {
    setMessage(null);
    try {
      setMessage(await run());
    } catch (e) {
      setMessage(sentenceOf(e));
    }
  };

  return (
    <div class="project-tab">
      <Show when={list()?.current}>
        {(current) => (
          <dl class="project-facts">
            <dt>Title</dt>
            <dd class="project-facts-title">{current().title}</dd>
            <dt>File</dt>
            <dd class="project-facts-path">{current().path}</dd>
          </dl>
        )}
      </Show>
      <Show when={message()}>
        <p class="workspace-message" role="status">
          {message()}
        </p>
      </Show>
      <Show when={list()?.canSwitch}>
        <h3 class="workspace-heading">Open recent</h3>
        <ul class="workspace-list" aria-label="Recent projects">
          <For each={list()!.recent.filter((r) => r.path !== list()!.current?.path)}>
            {(p) => (
              <li class="workspace-row">
                <span class="workspace-row-main">
                  {p.title} <span class="workspace-dim">{p.path}</span>
                </span>
                <button
                  type="button"
                  class="button"
                  disabled={!p.exists}
                  onClick={() => void attempt(() => client.openProject({ path: p.path }).then(() => null))}
                >
                  Open
                </button>
              </li>
            )}
          </For>
        </ul>
        <form
          class="workspace-form"
          onSubmit={(e) => {
            e.preventDefault();
            void attempt(() => client.openProject({ path: openPath.value.trim() }).then(() => null));
          }}
        >
          <input ref={openPath} aria-label="Project file to open" placeholder="/path/to/edition.siglum" />
          <button type="submit" class="button">
            Open
          </button>
        </form>
        <form
          class="workspace-form"
          onSubmit={(e) => {
            e.preventDefault();
            void attempt(() => client.openProject({ path: newPath.value.trim(), create: true }).then(() => null));
          }}
        >
          <input ref={newPath} aria-label="New project file" placeholder="/path/to/new.siglum" />
          <button type="submit" class="button">
            New project
          </button>
        </form>
      </Show>
      <form
        class="workspace-form"
        onSubmit={(e) => {
          e.preventDefault();
          void attempt(async () => {
            const r = await client.saveProjectCopy({ path: copyPath.value.trim() });
            return `Saved a copy to ${r.path} at ${formatTime(new Date().toISOString())}.`;
          });
        }}
      >
        <input ref={copyPath} aria-label="Copy to file" placeholder="/path/to/copy.siglum" />
        <button type="submit" class="button">
          Save a copy
        </button>
      </form>
    </div>
  );
}
