/**
 * The open document's history: its versions by editing session (newest first) with the
 * project's named versions, a word-level comparison of the chosen version with the
 * current text, and Restore, which adds steps that make the text read as then.
 */
import { createResource, createSignal, For, Show } from 'solid-js';
import { useStores } from '../stores/context.ts';
import { sentenceOf } from '../stores/notices.ts';
import { formatTime } from './time.ts';
import GitCommits from './GitCommits.tsx';

export default function HistoryTab() {
  const { client, project } = useStores();
  const documentId = () => project[0].currentId;
  const [history, { refetch }] = createResource(documentId, (id) => client.documentHistory({ documentId: id }));
  const [chosen, setChosen] = createSignal<number | null>(null);
  const [diff] = createResource(
    () => {
      const id = documentId();
      const v = chosen();
      return id !== null && v !== null ? { id, v } : null;
    },
    ({ id, v }) => client.diffVersions({ documentId: id, from: v }),
  );
  const [message, setMessage] = createSignal<string | null>(null);
  let name!: HTMLInputElement;
  // A resource that failed throws when read: read it only once it is ready.
  const ready = () => (diff.state === 'ready' ? diff() : undefined);
  const versions = () => (history.state === 'ready' ? [...history().versions].reverse() : []);
  const named = () => (history.state === 'ready' ? history().named : []);

  const restore = async (version: number) => {
    const id = documentId();
    if (id === null) return;
    try {
      const r = await client.restoreVersion({ documentId: id, version });
      setMessage(`Restored version ${version} as version ${r.version}; the versions after it are kept.`);
      setChosen(null);
      await refetch();
    } catch (e) {
      setMessage(sentenceOf(e));
    }
  };

  return (
    <div class="history-tab">
      <Show when={documentId() !== null} fallback={<p>Open a document to see its history.</p>}>
        <Show when={message()}>
          <p class="workspace-message" role="status">
            {message()}
          </p>
        </Show>
        <Show when={history.error}>
          <p class="workspace-message" role="alert">
            {sentenceOf(history.error)}
          </p>
        </Show>
        <ol class="history-list" aria-label="Versions">
          <For each={versions()}>
            {(v) => (
              <li class="workspace-row history-version" classList={{ chosen: chosen() === v.version }}>
                <button type="button" class="history-pick" onClick={() => setChosen(v.version)}>
                  <span class="history-time">{formatTime(v.at)}</span>
                  <span class="workspace-dim">
                    {v.version === 0
                      ? 'created'
                      : v.version === (history.state === 'ready' ? history().version : -1)
                        ? `current, ${v.steps} step${v.steps === 1 ? '' : 's'}`
                        : `version ${v.version}, ${v.steps} step${v.steps === 1 ? '' : 's'}`}
                  </span>
                </button>
              </li>
            )}
          </For>
        </ol>
        <Show when={named().length > 0}>
          <h3 class="workspace-heading">Named versions</h3>
          <ul class="workspace-list">
            <For each={named()}>
              {(n) => (
                <li class="workspace-row">
                  <span class="workspace-row-main">
                    {n.name} <span class="workspace-dim">{formatTime(n.at)}</span>
                  </span>
                  <Show when={n.version !== null && n.version !== undefined}>
                    <button type="button" class="button" onClick={() => setChosen(n.version!)}>
                      Compare
                    </button>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <GitCommits />
        <Show when={chosen() !== null}>
          <div class="history-diff" aria-label="Changes since this version">
            <div class="history-diff-head">
              <span>
                Version {chosen()} compared with the current text
                <Show when={ready()}>
                  {(d) => (
                    <span class="workspace-dim">
                      {' '}
                      (+{d().added} / −{d().removed} words)
                    </span>
                  )}
                </Show>
              </span>
              <button type="button" class="button primary" onClick={() => void restore(chosen()!)}>
                Restore this version
              </button>
            </div>
            <Show when={diff.error}>
              <p class="workspace-message" role="alert">
                {sentenceOf(diff.error)}
              </p>
            </Show>
            <Show when={ready()}>
              {(d) => (
                <>
                  <ul class="history-changes">
                    <For each={d().changes.slice(0, 200)}>
                      {(c) => <li class={`change-${c.kind}`}>{c.description}</li>}
                    </For>
                  </ul>
                  <p class="history-text">
                    <For each={d().segments}>
                      {(s) =>
                        s.op === 'equal' ? (
                          <span classList={{ 'in-note': s.inNote }}>{s.text} </span>
                        ) : s.op === 'insert' ? (
                          <ins classList={{ 'in-note': s.inNote }}>{s.text} </ins>
                        ) : (
                          <del classList={{ 'in-note': s.inNote }}>{s.text} </del>
                        )
                      }
                    </For>
                  </p>
                </>
              )}
            </Show>
          </div>
        </Show>
      </Show>
      <form
        class="workspace-form"
        onSubmit={(e) => {
          e.preventDefault();
          const text = name.value.trim();
          if (text === '') return;
          client.nameVersion({ name: text }).then(
            (n) => {
              setMessage(`Named this version of the project "${n.name}".`);
              name.value = '';
              void refetch();
            },
            (err: unknown) => setMessage(sentenceOf(err)),
          );
        }}
      >
        <input ref={name} aria-label="Name for this version of the project" placeholder="sent to the press" />
        <button type="submit" class="button">
          Name this version
        </button>
      </form>
    </div>
  );
}
