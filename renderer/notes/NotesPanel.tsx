/**
 * The open document's notes in reading order, numbered as they will print
 * (edition/entities `numberNotes`), with their type, which can be changed here.
 * A click goes to the note and opens it. Recomputed when the toolbar refreshes
 * (a pause in typing), never per keystroke.
 */
import type { Node as PMNode } from 'prosemirror-model';
import { For, Show, createMemo } from 'solid-js';
import { numberNotes } from '../../edition/entities/index.ts';
import { scrollToPos } from '../entities/scroll.ts';
import { useStores } from '../stores/context.ts';
import { NOTE_TYPES, goToNote, noteTypeLabel, renumberNotes, setNoteType } from './noteCommands.ts';

/** Where numbering starts: a volume's notes run on (the seed's first is 89), so the first note's own number. */
function firstNumber(doc: PMNode): number {
  const first = numberNotes(doc)[0]?.current;
  const n = first == null ? NaN : Number.parseInt(first, 10);
  return Number.isFinite(n) && n > 0 ? n : 1;
}

export default function NotesPanel() {
  const [editor, editorActions] = useStores().editor;
  const notes = createMemo(() => {
    void editor.tick;
    const view = editor.open ? editorActions.view() : null;
    return view === null ? [] : numberNotes(view.state.doc, { start: firstNumber(view.state.doc) });
  });
  const outOfOrder = () => notes().some((n) => n.n !== n.current);

  const run = (command: (view: NonNullable<ReturnType<typeof editorActions.view>>) => void) => {
    const view = editorActions.view();
    if (view) command(view);
  };

  return (
    <div class="notes-panel">
      <Show when={editor.open} fallback={<p class="panel-empty">Open a document to see its notes.</p>}>
        <Show
          when={notes().length > 0}
          fallback={<p class="panel-empty">This document has no notes. Add one from the toolbar (Note).</p>}
        >
          <Show when={outOfOrder()}>
            <p class="panel-hint">
              Some notes carry a number other than their place in reading order.
              <button
                type="button"
                class="link-button"
                onClick={() => run((v) => renumberNotes(firstNumber(v.state.doc))(v.state, v.dispatch))}
              >
                Renumber
              </button>
            </p>
          </Show>
          <ol class="note-list" aria-label="Notes">
            <For each={notes()}>
              {(note) => (
                <li class="note-row" data-type={note.type ?? ''}>
                  <button
                    type="button"
                    class="note-go"
                    title="Go to this note"
                    onClick={() =>
                      run((v) => {
                        if (!goToNote(note.pos)(v.state, v.dispatch)) return;
                        v.focus();
                        scrollToPos(v, note.pos);
                      })
                    }
                  >
                    <span class="note-number">{note.current ?? note.n ?? '–'}</span>
                    <span class="note-preview">{note.preview || '(empty)'}</span>
                  </button>
                  <select
                    class="note-type"
                    aria-label={`Type of note ${note.current ?? note.n ?? ''}`}
                    value={note.type ?? ''}
                    onChange={(e) => {
                      const type = e.currentTarget.value === '' ? null : e.currentTarget.value;
                      run((v) => setNoteType(note.pos, type)(v.state, v.dispatch));
                      editorActions.refresh();
                    }}
                  >
                    <option value="">Footnote</option>
                    <For each={NOTE_TYPES}>{([t, label]) => <option value={t}>{label}</option>}</For>
                    <Show when={note.type !== null && !NOTE_TYPES.some(([t]) => t === note.type)}>
                      <option value={note.type ?? ''}>{noteTypeLabel(note.type)}</option>
                    </Show>
                  </select>
                </li>
              )}
            </For>
          </ol>
        </Show>
      </Show>
    </div>
  );
}
