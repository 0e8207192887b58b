/**
 * How the witnesses are compared: the siglum of the document's own text, what
 * normalisation ignores (case, diacritics, punctuation), near matching, and the regularisation table
 * (`&` = `and`; `v` = `u` inside words). Each change is saved at once and re-collates.
 */
import { createSignal, For, Show } from 'solid-js';
import type { SavedNormalise } from '../../edition/apparatus/index.ts';
import type { VariantsStore } from './store.ts';

const SWITCHES: ReadonlyArray<{ key: keyof SavedNormalise; label: string }> = [
  { key: 'caseFold', label: 'Ignore case' },
  { key: 'diacritics', label: 'Ignore diacritics' },
  { key: 'punctuation', label: 'Ignore punctuation' },
  { key: 'nearMatch', label: 'Near matching (an unmatched word beside its most similar reading)' },
];

export default function CollationSettingsForm(props: { store: VariantsStore }) {
  const settings = () => props.store[0].settings;
  const actions = () => props.store[1];
  const [from, setFrom] = createSignal('');
  const [to, setTo] = createSignal('');
  const [scope, setScope] = createSignal<'token' | 'character'>('token');

  const addRow = (e: SubmitEvent) => {
    e.preventDefault();
    const s = settings();
    if (!s || from() === '') return;
    void actions().updateSettings({
      regularisations: [...s.regularisations, { from: from(), to: to(), scope: scope() }],
    });
    setFrom('');
    setTo('');
  };

  return (
    <Show when={settings()}>
      {(s) => (
        <details class="collation-settings">
          <summary class="section-title">Comparison</summary>
          <div class="collation-switches">
            <label class="field inline">
              <span class="field-label">Siglum of the document's text</span>
              <input
                class="witness-siglum"
                value={s().documentSiglum}
                onChange={(e) => {
                  const input = e.currentTarget;
                  void actions()
                    .updateSettings({ documentSiglum: input.value })
                    .then((ok) => {
                      if (!ok) input.value = s().documentSiglum;
                    });
                }}
              />
            </label>
            <For each={SWITCHES}>
              {(sw) => (
                <label class="check">
                  <input
                    type="checkbox"
                    checked={s().normalise[sw.key] === true}
                    onChange={(e) =>
                      void actions().updateSettings({
                        normalise: {
                          ...s().normalise,
                          [sw.key]: e.currentTarget.checked,
                        },
                      })
                    }
                  />{' '}
                  {sw.label}
                </label>
              )}
            </For>
          </div>
          <table class="regularisations" aria-label="Regularisations">
            <thead>
              <tr>
                <th>Read</th>
                <th>as</th>
                <th>where</th>
                <th />
              </tr>
            </thead>
            <tbody>
              <For each={s().regularisations}>
                {(row, i) => (
                  <tr>
                    <td>{row.from}</td>
                    <td>{row.to === '' ? '(nothing)' : row.to}</td>
                    <td>{row.scope === 'token' ? 'whole word' : 'inside words'}</td>
                    <td>
                      <button
                        type="button"
                        class="link-button danger"
                        onClick={() =>
                          void actions().updateSettings({
                            regularisations: s().regularisations.filter((_, k) => k !== i()),
                          })
                        }
                      >
                        Remove
                      </button>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
          <form class="regularisation-add" onSubmit={addRow} aria-label="Add a regularisation">
            <input aria-label="Read" placeholder="&" value={from()} onInput={(e) => setFrom(e.currentTarget.value)} />
            <input aria-label="as" placeholder="and" value={to()} onInput={(e) => setTo(e.currentTarget.value)} />
            <select
              aria-label="where"
              value={scope()}
              onChange={(e) => setScope(e.currentTarget.value as 'token' | 'character')}
            >
              <option value="token">whole word</option>
              <option value="character">inside words</option>
            </select>
            <button type="submit" class="button small" disabled={from() === ''}>
              Add
            </button>
          </form>
        </details>
      )}
    </Show>
  );
}
