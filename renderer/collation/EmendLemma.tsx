/**
 * An entry's lemma, which is the base text there. Changing it is an emendation and
 * says so: "Emend…" opens a labelled form that names what happens (the text here
 * becomes the editor's reading; the words it replaces stay in the apparatus as the
 * reading of the lemma's witnesses), and the change is one undo step
 * (edition/apparatus `emendLemma`). The lemma is never rewritten by typing alone.
 */
import type { Transaction } from 'prosemirror-state';
import { createSignal, Show } from 'solid-js';
import { emendLemma, type AppEntry } from '../../edition/apparatus/index.ts';

export default function EmendLemma(props: {
  entry: AppEntry;
  run: (what: string, command: (tr: Transaction) => unknown) => void;
}) {
  const [open, setOpen] = createSignal(false);
  const [text, setText] = createSignal('');
  const start = () => {
    setText(props.entry.lemma);
    setOpen(true);
  };
  const apply = (e: SubmitEvent) => {
    e.preventDefault();
    const value = text().trim();
    if (value === '' || value === props.entry.lemma) return;
    const id = props.entry.id;
    props.run('emend the base text', (tr) => emendLemma(tr, id, value));
    setOpen(false);
  };
  const witnesses = () => (props.entry.wit.length > 0 ? props.entry.wit.join(' ') : 'the base text');

  return (
    <div class="field emend">
      <span class="field-label">Lemma (the base text)</span>
      <Show
        when={open()}
        fallback={
          <span class="emend-lemma">
            <span class="lemma-text">{props.entry.lemma}</span>{' '}
            <button type="button" class="link-button" onClick={start}>
              Emend…
            </button>
          </span>
        }
      >
        <form class="emend-form" aria-label="Emend the base text" onSubmit={apply}>
          <input
            aria-label="Emended text"
            value={text()}
            onInput={(e) => setText(e.currentTarget.value)}
            ref={(el) => queueMicrotask(() => el.select())}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setOpen(false);
            }}
          />
          <p class="hint">
            An emendation: the text here becomes your reading, and “{props.entry.lemma}” stays in the apparatus as the
            reading of {witnesses()}. Undo takes it back.
          </p>
          <button
            type="submit"
            class="button small primary"
            disabled={text().trim() === '' || text().trim() === props.entry.lemma}
          >
            Emend
          </button>{' '}
          <button type="button" class="button small" onClick={() => setOpen(false)}>
            Cancel
          </button>
        </form>
      </Show>
    </div>
  );
}
