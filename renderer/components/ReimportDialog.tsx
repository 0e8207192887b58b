/**
 * Asks what to do with files whose volumes are already in the project (nothing has
 * been imported yet), then reports what an update or a replacement did, naming each
 * document that changed both in the file and in the project.
 */
import { For, Show } from 'solid-js';
import type { ExistingVolumeChoice } from '../../edition/api.ts';
import { useStores } from '../stores/context.ts';

const CHOICES: ReadonlyArray<{ choice: ExistingVolumeChoice; label: string; hint: string }> = [
  { choice: 'update', label: 'Update', hint: 'keep your edits where the file did not change; take its other changes' },
  { choice: 'replace', label: 'Replace', hint: 'give every document the file’s text, over your edits' },
  {
    choice: 'new',
    label: 'Import as new volume',
    hint: 'a second volume beside the first, with register entries of its own',
  },
];

export default function ReimportDialog() {
  const { project } = useStores();
  const [state, actions] = project;
  const pending = () => state.reimport;
  const cancel = () => {
    if (state.importing) return;
    if (pending()?.updated) actions.closeReimport();
    else void actions.chooseReimport(null);
  };

  return (
    <Show when={pending()}>
      {(p) => (
        <div
          class="dialog-backdrop"
          onMouseDown={(e) => {
            if (e.target === e.currentTarget) cancel();
          }}
        >
          <div
            class="dialog reimport-dialog"
            role="dialog"
            aria-modal="true"
            aria-labelledby="reimport-title"
            onKeyDown={(e) => {
              if (e.key === 'Escape') cancel();
            }}
          >
            <Show
              when={p().updated}
              fallback={
                <>
                  <h2 id="reimport-title" class="dialog-title">
                    Already in the project
                  </h2>
                  <ul class="reimport-volumes">
                    <For each={p().existing}>
                      {(v) => (
                        <li>
                          <strong>{v.file}</strong> is the volume “{v.title}”
                          {v.identical ? ', unchanged since it was imported.' : ', with changes.'}
                        </li>
                      )}
                    </For>
                  </ul>
                  <p class="hint">Nothing has been imported yet. What should happen to these volumes?</p>
                  <ul class="reimport-choices">
                    <For each={CHOICES}>
                      {(c) => (
                        <li>
                          <button
                            type="button"
                            class="button"
                            disabled={state.importing}
                            onClick={() => void actions.chooseReimport(c.choice)}
                          >
                            {c.label}
                          </button>{' '}
                          <span class="hint">{c.hint}</span>
                        </li>
                      )}
                    </For>
                  </ul>
                  <div class="dialog-buttons">
                    <button type="button" class="button" disabled={state.importing} onClick={cancel}>
                      Cancel
                    </button>
                  </div>
                </>
              }
            >
              {(updated) => (
                <>
                  <h2 id="reimport-title" class="dialog-title">
                    Volumes read again
                  </h2>
                  <For each={updated()}>
                    {(u) => (
                      <section class="reimport-report" aria-label={`What happened to ${u.title}`}>
                        <p>
                          <strong>{u.title}</strong> {u.choice === 'update' ? 'updated' : 'replaced'} from {u.file}:{' '}
                          {u.unchanged} unchanged, {u.fromSource} from the file, {u.added} added, {u.removed} removed.
                        </p>
                        <Show when={u.changedOnBothSides.length > 0}>
                          <p>Changed both in the file and here; your text was kept:</p>
                          <ul>
                            <For each={u.changedOnBothSides}>
                              {(d) => (
                                <li>
                                  <a href={`#/doc/${encodeURIComponent(d.documentId)}`}>{d.title}</a>
                                </li>
                              )}
                            </For>
                          </ul>
                        </Show>
                      </section>
                    )}
                  </For>
                  <div class="dialog-buttons">
                    <button type="button" class="button primary" onClick={() => actions.closeReimport()}>
                      Close
                    </button>
                  </div>
                </>
              )}
            </Show>
          </div>
        </div>
      )}
    </Show>
  );
}
