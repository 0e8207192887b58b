/**
 * The document's witnesses: add one (siglum, description, text pasted or a file),
 * edit its text (re-collated as you type), change its siglum or description, remove
 * it, and choose the base (a witness or the document's own text).
 */
import { createSignal, For, Show } from 'solid-js';
import { findEntries, type AppEntry } from '../../edition/apparatus/index.ts';
import { useStores } from '../stores/context.ts';
import CollationSettingsForm from './CollationSettingsForm.tsx';
import type { VariantsStore } from './store.ts';

/** Whether an apparatus entry names `siglum` for its lemma or one of its readings. */
function citesSiglum(entry: AppEntry, siglum: string): boolean {
  return entry.wit.includes(siglum) || entry.readings.some((r) => r.wit.includes(siglum));
}

export default function WitnessList(props: { store: VariantsStore }) {
  const [, editor] = useStores().editor;
  const state = () => props.store[0];
  const actions = () => props.store[1];
  const [siglum, setSiglum] = createSignal('');
  const [description, setDescription] = createSignal('');
  const [text, setText] = createSignal('');
  const [file, setFile] = createSignal<File | null>(null);
  const [adding, setAdding] = createSignal(false);
  let fileInput!: HTMLInputElement;

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setAdding(true);
    const ok = await actions().addWitness({
      siglum: siglum(),
      description: description(),
      text: text(),
      file: file() ?? undefined,
    });
    setAdding(false);
    if (ok) {
      setSiglum('');
      setDescription('');
      setText('');
      setFile(null);
      fileInput.value = '';
    }
  };
  const base = () => state().settings?.base ?? null;
  /** Removes a witness once the editor has said yes: its text goes with it, and no undo brings it back. */
  const remove = (w: { id: string; siglum: string }) => {
    const view = editor.view();
    const citing = view === null ? 0 : findEntries(view.state.doc).filter((e) => citesSiglum(e, w.siglum)).length;
    const cited =
      citing === 0
        ? ''
        : ` ${citing === 1 ? 'One apparatus entry cites' : `${citing} apparatus entries cite`} it: its readings leave them, and an entry left with no reading and no note becomes plain text again.`;
    if (!window.confirm(`Remove witness ${w.siglum} and its text? This cannot be undone.${cited}`)) return;
    void actions().removeWitness(w.id);
  };

  return (
    <div class="witness-list">
      <fieldset class="witness-base">
        <legend class="section-title">Base text</legend>
        <label class="witness-base-option">
          <input type="radio" name="base" checked={base() === null} onChange={() => void actions().setBase(null)} />
          <span>
            <strong class="siglum">{state().settings?.documentSiglum ?? 'Base'}</strong> the document's own text
          </span>
        </label>
        <For each={state().witnesses}>
          {(w) => (
            <label class="witness-base-option">
              <input type="radio" name="base" checked={base() === w.id} onChange={() => void actions().setBase(w.id)} />
              <span>
                <strong class="siglum">{w.siglum}</strong> {w.description}
              </span>
            </label>
          )}
        </For>
        <Show when={base() !== null}>
          <p class="hint">Apparatus entries go on the document's own text; make it the base to create them.</p>
        </Show>
      </fieldset>

      <CollationSettingsForm store={props.store} />

      <For each={state().witnesses}>
        {(w) => (
          <section class="witness-card" aria-label={`Witness ${w.siglum}`}>
            <div class="witness-card-head">
              <input
                class="witness-siglum"
                aria-label="Siglum"
                value={w.siglum}
                onChange={(e) => {
                  const input = e.currentTarget;
                  // A refused siglum (one already taken) must not stay in the field as if it were the witness's.
                  void actions()
                    .updateWitness(w.id, { siglum: input.value })
                    .then((ok) => {
                      if (!ok) input.value = w.siglum;
                    });
                }}
              />
              <input
                class="witness-description"
                aria-label="Description"
                placeholder="Description"
                value={w.description}
                onChange={(e) =>
                  void actions().updateWitness(w.id, {
                    description: e.currentTarget.value,
                  })
                }
              />
              <button type="button" class="link-button danger" onClick={() => remove(w)}>
                Remove
              </button>
            </div>
            <textarea
              class="witness-text"
              aria-label={`Text of ${w.siglum}`}
              spellcheck={false}
              rows={5}
              value={w.text}
              onInput={(e) => actions().editText(w.id, e.currentTarget.value)}
            />
            <Show when={w.fileName}>
              <p class="hint">Imported from {w.fileName}</p>
            </Show>
          </section>
        )}
      </For>

      <form class="witness-add" onSubmit={(e) => void submit(e)} aria-label="Add a witness">
        <h3 class="section-title">Add a witness</h3>
        <div class="witness-add-row">
          <label class="field">
            <span class="field-label">Siglum</span>
            <input
              name="siglum"
              value={siglum()}
              onInput={(e) => setSiglum(e.currentTarget.value)}
              placeholder="A"
              autocomplete="off"
            />
          </label>
          <label class="field grow">
            <span class="field-label">Description</span>
            <input
              name="description"
              value={description()}
              onInput={(e) => setDescription(e.currentTarget.value)}
              placeholder="Draft, telegram, printed copy…"
              autocomplete="off"
            />
          </label>
        </div>
        <label class="field">
          <span class="field-label">Text (paste it here, or choose a file)</span>
          <textarea
            name="text"
            rows={4}
            value={text()}
            disabled={file() !== null}
            onInput={(e) => setText(e.currentTarget.value)}
            spellcheck={false}
          />
        </label>
        <div class="witness-add-row">
          <input
            ref={fileInput}
            type="file"
            accept=".txt,.xml,text/plain,application/xml"
            aria-label="Witness file"
            data-testid="witness-file"
            onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
          />
          <button type="submit" class="button primary" disabled={adding() || (text().trim() === '' && file() === null)}>
            Add witness
          </button>
        </div>
      </form>
    </div>
  );
}
