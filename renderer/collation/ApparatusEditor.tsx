/**
 * The document's apparatus, entry by entry: change the lemma (the base text there),
 * add, change or remove readings, set a type, attach a note, drop the entry. Every
 * change is an edition/apparatus command run in one editor transaction, so it is
 * saved like typing and Undo takes it back. The line above each entry shows it as it
 * prints, in a positive apparatus (the lemma's witnesses named) or a negative one.
 */
import { createEffect, createSignal, For, Index, Show } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import type { Transaction } from 'prosemirror-state';
import {
  addReading,
  dropEntry,
  findEntries,
  removeReading,
  renderEntry,
  setEntryNote,
  setEntryType,
  setLemmaWitnesses,
  updateReading,
  type AppEntry,
  type ApparatusMode,
} from '../../edition/apparatus/index.ts';
import { TextSelection } from 'prosemirror-state';
import { undo } from 'prosemirror-history';
import EmendLemma from './EmendLemma.tsx';
import { useStores } from '../stores/context.ts';
import { VARIANT_KINDS } from './workbench.ts';

const MODE_KEY = 'siglum:apparatus-mode';
const sigla = (text: string) => text.split(/[\s,]+/u).filter((s) => s !== '');

export default function ApparatusEditor() {
  const { editor, notices } = useStores();
  const [editorState, editorActions] = editor;
  const [mode, setMode] = createSignal<ApparatusMode>(
    localStorage.getItem(MODE_KEY) === 'positive' ? 'positive' : 'negative',
  );
  // Merged by id, so a pause in typing redraws only the entries that changed, not every card.
  const [list, setList] = createStore<{ entries: AppEntry[] }>({ entries: [] });
  createEffect(() => {
    void editorState.tick;
    const view = editorActions.view();
    setList('entries', reconcile(view ? findEntries(view.state.doc) : [], { key: 'id' }));
  });
  const entries = () => list.entries;

  /** Runs an apparatus command in one editor transaction (one undo step). */
  const run = (what: string, command: (tr: Transaction) => unknown) => {
    const view = editorActions.view();
    if (!view) return;
    try {
      const tr = view.state.tr;
      command(tr);
      if (tr.docChanged) view.dispatch(tr);
      // The entries now, not after the pause: an Undo right away must find this change shown.
      editorActions.refresh();
    } catch (error) {
      notices[1].show(error, `Could not ${what}`);
    }
  };
  const show = (entry: AppEntry) => {
    const view = editorActions.view();
    if (!view) return;
    view.dispatch(
      view.state.tr.setSelection(TextSelection.create(view.state.doc, entry.from, entry.to)).scrollIntoView(),
    );
  };
  const chooseMode = (m: ApparatusMode) => {
    setMode(m);
    localStorage.setItem(MODE_KEY, m);
  };

  return (
    <div class="apparatus">
      <div class="apparatus-head">
        <div class="segmented" role="radiogroup" aria-label="Apparatus">
          <label>
            <input
              type="radio"
              name="app-mode"
              checked={mode() === 'negative'}
              onChange={() => chooseMode('negative')}
            />{' '}
            Negative
          </label>
          <label>
            <input
              type="radio"
              name="app-mode"
              checked={mode() === 'positive'}
              onChange={() => chooseMode('positive')}
            />{' '}
            Positive
          </label>
        </div>
        <span class="hint">
          {entries().length} {entries().length === 1 ? 'entry' : 'entries'} · Undo in the text takes changes back
        </span>
        <button
          type="button"
          class="button small"
          title="Undo the last change, in the apparatus or the text (Ctrl+Z in the text)"
          onClick={() => {
            const view = editorActions.view();
            if (view) undo(view.state, view.dispatch);
            editorActions.refresh();
          }}
        >
          Undo
        </button>
      </div>
      <Show
        when={entries().length > 0}
        fallback={<p class="hint">No apparatus entries yet. Make one from the Variants tab.</p>}
      >
        <ol class="apparatus-entries">
          <For each={entries()}>
            {(entry) => (
              <li class="app-entry" data-app-id={entry.id}>
                <p class="app-line" onClick={() => show(entry)} title="Show the lemma in the text">
                  {renderEntry(entry, mode())}
                </p>
                <div class="app-fields">
                  <EmendLemma entry={entry} run={run} />
                  <label class="field narrow">
                    <span class="field-label">Witnesses</span>
                    <input
                      name="lemma-wit"
                      value={entry.wit.join(' ')}
                      onChange={(e) =>
                        run('set the witnesses', (tr) => setLemmaWitnesses(tr, entry.id, sigla(e.currentTarget.value)))
                      }
                    />
                  </label>
                  <label class="field narrow">
                    <span class="field-label">Type</span>
                    <select
                      name="type"
                      value={entry.type ?? ''}
                      onChange={(e) =>
                        run('set the type', (tr) => setEntryType(tr, entry.id, e.currentTarget.value || null))
                      }
                    >
                      <option value="">none</option>
                      <For each={VARIANT_KINDS}>{(k) => <option value={k}>{k}</option>}</For>
                    </select>
                  </label>
                </div>
                <p class="field-label">Readings: text (empty for om.) and witnesses</p>
                <Index each={entry.readings}>
                  {(reading, i) => (
                    <div class="app-reading">
                      <input
                        aria-label="Reading"
                        value={reading().text}
                        placeholder="om."
                        onChange={(e) =>
                          run('change the reading', (tr) =>
                            updateReading(tr, entry.id, i, {
                              ...reading(),
                              text: e.currentTarget.value,
                            }),
                          )
                        }
                      />
                      <input
                        aria-label="Witnesses of the reading"
                        class="reading-wit"
                        value={reading().wit.join(' ')}
                        onChange={(e) =>
                          run('change the reading', (tr) =>
                            updateReading(tr, entry.id, i, {
                              ...reading(),
                              wit: sigla(e.currentTarget.value),
                            }),
                          )
                        }
                      />
                      <button
                        type="button"
                        class="link-button danger"
                        onClick={() => run('remove the reading', (tr) => removeReading(tr, entry.id, i))}
                      >
                        Remove
                      </button>
                    </div>
                  )}
                </Index>
                <div class="app-actions">
                  <button
                    type="button"
                    class="link-button"
                    onClick={() =>
                      run('add a reading', (tr) =>
                        addReading(tr, entry.id, {
                          wit: [],
                          text: '',
                          type: null,
                        }),
                      )
                    }
                  >
                    + Reading
                  </button>
                  <input
                    class="app-note"
                    aria-label="Note"
                    placeholder="Note on this entry"
                    value={entry.note ?? ''}
                    onChange={(e) => run('attach the note', (tr) => setEntryNote(tr, entry.id, e.currentTarget.value))}
                  />
                  <button
                    type="button"
                    class="link-button danger"
                    onClick={() => run('drop the entry', (tr) => dropEntry(tr, entry.id))}
                  >
                    Drop entry
                  </button>
                </div>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </div>
  );
}
