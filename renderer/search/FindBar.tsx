/**
 * Find in the open document: Mod-F opens the bar (with the selected words, if any),
 * every occurrence is highlighted, Enter goes to the next and Shift-Enter to the
 * previous, Escape closes it and returns to the text.
 */
import { createEffect, createSignal, onCleanup, onMount, Show, untrack } from 'solid-js';
import { findState, setFind, showCurrent, stepFind } from '../editor/find.ts';
import { useStores } from '../stores/context.ts';
import './search.css';

export default function FindBar() {
  const [editorState, editor] = useStores().editor;
  const [open, setOpen] = createSignal(false);
  const [query, setQuery] = createSignal('');
  const [regex, setRegex] = createSignal(false);
  const [caseSensitive, setCaseSensitive] = createSignal(false);
  // Bumped after each find action so that the count redraws at once.
  const [version, setVersion] = createSignal(0);
  let input: HTMLInputElement | undefined;

  const status = () => {
    version();
    void editorState.tick; // the document changed: matches were recomputed
    const view = editor.view();
    if (view === null || query() === '') return { text: '', error: false };
    const s = findState(view);
    if (s.error !== null) return { text: s.error, error: true };
    if (s.matches.length === 0) return { text: 'No matches', error: false };
    return { text: `${s.current + 1} of ${s.matches.length}`, error: false };
  };

  const run = () => {
    const view = editor.view();
    if (view === null) return;
    setFind(view, query(), { regex: regex(), caseSensitive: caseSensitive() });
    setVersion((v) => v + 1);
  };

  const step = (direction: 1 | -1) => {
    const view = editor.view();
    if (view === null) return;
    stepFind(view, direction);
    setVersion((v) => v + 1);
  };

  const close = () => {
    setOpen(false);
    const view = editor.view();
    if (view !== null) {
      setFind(view, '');
      view.focus();
    }
  };

  const onKey = (e: KeyboardEvent) => {
    // Ctrl+F; Ctrl+Shift+F is the project's search (layout/windowActions.ts).
    if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'f' && editor.view() !== null) {
      e.preventDefault();
      const view = editor.view()!;
      const { from, to } = view.state.selection;
      const selected = from < to && to - from < 200 ? view.state.doc.textBetween(from, to, ' ') : '';
      if (selected !== '' && !selected.includes('\n')) setQuery(selected);
      setOpen(true);
      run();
      input?.focus();
      input?.select();
    }
  };
  // Another document opened while the bar is open: find the same there.
  createEffect(() => {
    if (!editorState.open || !untrack(open)) return;
    const view = editor.view();
    if (view !== null && findState(view).query !== untrack(query)) untrack(run);
  });
  onMount(() => window.addEventListener('keydown', onKey, true));
  onCleanup(() => window.removeEventListener('keydown', onKey, true));

  return (
    <Show when={open() && editorState.open}>
      <div class="find-bar" role="search" aria-label="Find in document">
        <input
          ref={(el) => (input = el)}
          type="search"
          aria-label="Find in document"
          placeholder="Find in document"
          value={query()}
          onInput={(e) => {
            setQuery(e.currentTarget.value);
            run();
            const view = editor.view();
            if (view !== null) showCurrent(view);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              step(e.shiftKey ? -1 : 1);
            } else if (e.key === 'Escape') {
              e.preventDefault();
              close();
            }
          }}
        />
        <span class="find-count" classList={{ 'find-error': status().error }} aria-live="polite">
          {status().text}
        </span>
        <button type="button" title="Previous match (Shift+Enter)" aria-label="Previous match" onClick={() => step(-1)}>
          ↑
        </button>
        <button type="button" title="Next match (Enter)" aria-label="Next match" onClick={() => step(1)}>
          ↓
        </button>
        <label class="find-option">
          <input
            type="checkbox"
            checked={caseSensitive()}
            onChange={(e) => {
              setCaseSensitive(e.currentTarget.checked);
              run();
            }}
          />
          Match case
        </label>
        <label class="find-option">
          <input
            type="checkbox"
            checked={regex()}
            onChange={(e) => {
              setRegex(e.currentTarget.checked);
              run();
            }}
          />
          Regular expression
        </label>
        <button type="button" class="find-close" aria-label="Close find" title="Close (Escape)" onClick={close}>
          ×
        </button>
      </div>
    </Show>
  );
}
