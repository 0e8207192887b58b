/**
 * The open document's notes in reading order, numbered as they will print
 * (edition/entities `numberNotes`), with their type, which can be changed here.
 * A click goes to the note and opens it. Recomputed when the toolbar refreshes
 * (a pause in typing), never per keystroke.
 */
import { For, Show, createMemo } from 'solid-js';
import { numberNotes } from '../../edition/entities/index.ts';
import { noteNumberingStart } from '../../edition/notes/numbering.ts';
import { noteSpanAt } from '../../edition/notes/spans.ts';
import { scrollToPos } from '../entities/scroll.ts';
import { useStores } from '../stores/context.ts';
import './notes.css';
import { NOTE_TYPES, goToNoteOrSpan, noteTypeLabel, renumberNotes, setNoteType, sourceNotes } from './noteCommands.ts';

/** A long lemma as its first and last words ("Association … Problem"), as apparatus lemmata are cited. */
function shortLemma(text: string): string {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  return words.length <= 6 ? words.join(' ') : `${words.slice(0, 2).join(' ')} … ${words.slice(-2).join(' ')}`;
}

export default function NotesPanel() {
  const [editor, editorActions] = useStores().editor;
  const notes = createMemo(() => {
    void editor.tick;
    const view = editor.open ? editorActions.view() : null;
    if (view === null) return [];
    const doc = view.state.doc;
    // A note on a span shows the span's words as its lemma ("words] note").
    return numberNotes(doc, { start: noteNumberingStart(doc) }).map((n) => ({
      ...n,
      lemma: noteSpanAt(doc, n.pos)?.text ?? null,
    }));
  });
  const sources = createMemo(() => {
    void editor.tick;
    const view = editor.open ? editorActions.view() : null;
    return view === null ? [] : sourceNotes(view.state.doc);
  });
  // A note with no number of its own (most TEI outside FRUS) is shown its place in
  // reading order: only a number it carries can be out of order.
  const outOfOrder = () => notes().some((n) => n.current !== null && n.n !== n.current);
  const goTo = (pos: number) =>
    run((v) => {
      if (!goToNoteOrSpan(pos)(v.state, v.dispatch)) return;
      v.focus();
      scrollToPos(v, pos);
    });

  const run = (command: (view: NonNullable<ReturnType<typeof editorActions.view>>) => void) => {
    const view = editorActions.view();
    if (view) command(view);
  };

  return (
    <div class="notes-panel">
      <Show when={editor.open} fallback={<p class="panel-empty">Open a document to see its notes.</p>}>
        <Show when={sources().length > 0}>
          <ul class="note-list source-note-list" aria-label="Source notes">
            <For each={sources()}>
              {(source) => (
                <li class="note-row" data-type="source">
                  <button type="button" class="note-go" title="Go to the source note" onClick={() => goTo(source.pos)}>
                    <span class="note-number">Source</span>
                    <span class="note-preview">{source.preview || '(empty)'}</span>
                  </button>
                </li>
              )}
            </For>
          </ul>
        </Show>
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
                onClick={() => run((v) => renumberNotes(noteNumberingStart(v.state.doc))(v.state, v.dispatch))}
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
                    title={note.lemma === null ? 'Go to this note' : 'Go to the words this note is on'}
                    onClick={() => goTo(note.pos)}
                  >
                    <span class="note-number">{note.current ?? note.n ?? '–'}</span>
                    <span class="note-preview">
                      <Show when={note.lemma}>
                        {(lemma) => <span class="note-lemma">{`${shortLemma(lemma())}] `}</span>}
                      </Show>
                      {note.preview || '(empty)'}
                    </span>
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
