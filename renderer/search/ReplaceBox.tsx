/**
 * Replace across documents: the search box's text (as typed, diacritics and case
 * folded unless "Match case"; or the regular expression, with `$1` in the
 * replacement) is previewed occurrence by occurrence, each with a check box; the
 * chosen ones are replaced, each document's as one group of steps that open editors
 * receive; "Undo replace" puts the old text back.
 */
import { createSignal, For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import type { AppliedReplace, ReplacePreview } from '../../edition/search/api.ts';
import { useStores } from '../stores/context.ts';

export default function ReplaceBox(props: { find: string; regex: boolean; onDone: () => void }) {
  const { client, notices } = useStores();
  const [replacement, setReplacement] = createSignal('');
  const [caseSensitive, setCaseSensitive] = createSignal(false);
  const [preview, setPreview] = createSignal<ReplacePreview | null>(null);
  /** Per document id, the indices of the occurrences left unchecked. */
  const [unchecked, setUnchecked] = createStore<Record<string, Record<number, boolean>>>({});
  const [applied, setApplied] = createSignal<AppliedReplace[] | null>(null);
  const [message, setMessage] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  /** What replace looks for: the search box's text, a quoted phrase without its quotes. */
  const findText = () => (props.regex ? props.find : props.find.trim().replace(/^"(.+?)"?\*?$/, '$1'));
  const spec = () => ({
    find: findText(),
    replace: replacement(),
    regex: props.regex,
    caseSensitive: caseSensitive(),
  });

  const chosen = () => {
    const p = preview();
    if (p === null) return 0;
    let n = 0;
    for (const d of p.documents) {
      for (const item of d.items) if (item.replaceable && !unchecked[d.documentId]?.[item.index]) n++;
    }
    return n;
  };

  async function makePreview(): Promise<void> {
    setApplied(null);
    setMessage(null);
    if (findText() === '') {
      setMessage('Type what to find in the search box first.');
      return;
    }
    setBusy(true);
    try {
      setUnchecked({});
      setPreview(await client.previewReplace(spec()));
    } catch (e) {
      setPreview(null);
      notices[1].show(e, 'Could not preview the replacement');
    } finally {
      setBusy(false);
    }
  }

  async function apply(): Promise<void> {
    const p = preview();
    if (p === null) return;
    setBusy(true);
    try {
      const documents = p.documents
        .map((d) => ({
          documentId: d.documentId,
          version: d.version,
          indices: d.items.filter((i) => i.replaceable && !unchecked[d.documentId]?.[i.index]).map((i) => i.index),
        }))
        .filter((d) => d.indices.length > 0);
      const result = await client.applyReplace({ ...spec(), documents });
      const count = result.applied.reduce((n, a) => n + a.changes.length, 0);
      setApplied(result.applied);
      setPreview(null);
      setMessage(
        `Replaced ${count} occurrence${count === 1 ? '' : 's'} in ${result.applied.length} document${result.applied.length === 1 ? '' : 's'}.` +
          (result.refused.length > 0
            ? ` ${result.refused.length} document${result.refused.length === 1 ? ' was' : 's were'} left alone: ${result.refused[0]!.reason}`
            : ''),
      );
      props.onDone();
    } catch (e) {
      notices[1].show(e, 'Could not replace');
    } finally {
      setBusy(false);
    }
  }

  async function undo(): Promise<void> {
    const done = applied();
    if (done === null) return;
    setBusy(true);
    try {
      let restored = 0;
      let kept = 0;
      for (const a of done) {
        const r = await client.undoReplace(a);
        restored += r.restored;
        kept += r.kept;
      }
      setApplied(null);
      setMessage(
        `Undone: ${restored} occurrence${restored === 1 ? '' : 's'} restored.` +
          (kept > 0 ? ` ${kept} edited since were left as they are.` : ''),
      );
      props.onDone();
    } catch (e) {
      notices[1].show(e, 'Could not undo the replacement');
    } finally {
      setBusy(false);
    }
  }

  return (
    <details class="replace-box">
      <summary>Replace</summary>
      <p class="replace-find">
        Replaces <q>{findText()}</q>
        {props.regex ? ' (regular expression)' : ', as typed'}
      </p>
      <div class="replace-form">
        <input
          type="text"
          aria-label="Replace with"
          placeholder={props.regex ? 'Replace with ($1, $& for the match)' : 'Replace with'}
          value={replacement()}
          onInput={(e) => setReplacement(e.currentTarget.value)}
        />
        <label>
          <input
            type="checkbox"
            checked={caseSensitive()}
            onChange={(e) => setCaseSensitive(e.currentTarget.checked)}
          />
          Match case
        </label>
        <button type="button" disabled={busy()} onClick={() => void makePreview()}>
          Preview
        </button>
      </div>
      <Show when={message()}>{(m) => <p class="replace-message">{m()}</p>}</Show>
      <Show when={applied()}>
        <button type="button" class="replace-undo" disabled={busy()} onClick={() => void undo()}>
          Undo replace
        </button>
      </Show>
      <Show when={preview()}>
        {(p) => (
          <div class="replace-preview" aria-label="Replacement preview">
            <p>
              {p().total === 0
                ? 'Nothing to replace.'
                : `${p().total} occurrence${p().total === 1 ? '' : 's'} in ${p().documents.length} document${p().documents.length === 1 ? '' : 's'}`}
            </p>
            <For each={p().documents}>
              {(d) => (
                <section class="search-group">
                  <h3 class="search-doc">{d.title}</h3>
                  <ul>
                    <For each={d.items}>
                      {(item) => (
                        <li>
                          <label class="replace-item" classList={{ disabled: !item.replaceable }}>
                            <input
                              type="checkbox"
                              disabled={!item.replaceable}
                              checked={item.replaceable && !unchecked[d.documentId]?.[item.index]}
                              onChange={(e) =>
                                setUnchecked(d.documentId, (old) => ({
                                  ...old,
                                  [item.index]: !e.currentTarget.checked,
                                }))
                              }
                            />
                            <span>
                              {item.before}
                              <del>{item.text}</del>
                              <ins>{item.replacement}</ins>
                              {item.after}
                            </span>
                          </label>
                        </li>
                      )}
                    </For>
                  </ul>
                </section>
              )}
            </For>
            <Show when={p().total > 0}>
              <button
                type="button"
                class="replace-apply"
                disabled={busy() || chosen() === 0}
                onClick={() => void apply()}
              >
                Replace {chosen()} selected
              </button>
            </Show>
          </div>
        )}
      </Show>
    </details>
  );
}
