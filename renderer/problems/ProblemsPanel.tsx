/**
 * Problems: where the open document's TEI would not validate (tei_all, or the FRUS
 * schema for a FRUS document), checked on the Node side after each pause in editing
 * (checker.ts). A click on a problem puts the caret in its block and scrolls there.
 */
import { TextSelection } from 'prosemirror-state';
import { For, Match, Show, Switch, createEffect, createSignal, onCleanup } from 'solid-js';
import type { TeiProblem } from '../../edition/api.ts';
import { scrollToPos } from '../entities/scroll.ts';
import { sentenceOf } from '../stores/notices.ts';
import { useStores } from '../stores/context.ts';
import { createChecker, type CheckState } from './checker.ts';
import './problems.css';

const SCHEMA_NAMES = { tei_all: 'TEI (tei_all)', frus: 'the FRUS schema' } as const;

export default function ProblemsPanel() {
  const stores = useStores();
  const [editor, editorActions] = stores.editor;
  const [project, projectActions] = stores.project;
  const [check, setCheck] = createSignal<CheckState>({ kind: 'idle' });
  const checker = createChecker(stores.client, setCheck);
  onCleanup(() => checker.dispose());

  createEffect(() => {
    void editor.tick;
    const id = project.currentId;
    const view = editor.open ? editorActions.view() : null;
    if (id !== null && view !== null) checker.changed(id, view.state.doc);
  });

  const result = () => {
    const c = check();
    return c.kind === 'done' ? c.result : c.kind === 'checking' ? c.last : null;
  };
  const verdict = () => {
    const r = result();
    if (r === null) return '';
    const n = r.problems.length;
    return r.valid
      ? `Valid against ${SCHEMA_NAMES[r.schema]}.`
      : `${n} ${n === 1 ? 'problem' : 'problems'} against ${SCHEMA_NAMES[r.schema]}.`;
  };
  /** The first words of the block at `pos` now, to say where a problem is. */
  const blockAt = (pos: number): string => {
    void editor.tick;
    const view = editorActions.view();
    if (!view) return '';
    const $pos = view.state.doc.resolve(Math.min(pos, view.state.doc.content.size));
    const words = $pos.parent.textContent.trim();
    return words === '' ? `(empty ${$pos.parent.type.name})` : words.length > 28 ? `${words.slice(0, 27)}…` : words;
  };
  const goTo = (problem: TeiProblem) => {
    const view = editorActions.view();
    if (!view || problem.pos === null) return;
    const pos = Math.min(problem.pos, view.state.doc.content.size);
    view.dispatch(view.state.tr.setSelection(TextSelection.near(view.state.doc.resolve(pos))).scrollIntoView());
    view.focus();
    scrollToPos(view, pos);
  };

  return (
    <div class="problems-panel">
      <Show
        when={editor.open && projectActions.current()}
        fallback={<p class="panel-empty">Open a document to check it.</p>}
      >
        <p class="problems-status" role="status">
          <Switch>
            <Match when={check().kind === 'idle'}>Checking soon…</Match>
            <Match when={check().kind === 'failed'}>
              Could not check: {sentenceOf((check() as { error: unknown }).error, 'The check failed')}
            </Match>
            <Match when={result()}>{verdict()}</Match>
            <Match when={check().kind === 'checking'}>Checking…</Match>
          </Switch>
          <Show when={check().kind === 'checking' && result() !== null}>
            <span class="problems-busy"> Checking again…</span>
          </Show>
        </p>
        <Show when={result() && !result()!.valid}>
          <ol class="problem-list" aria-label="Problems">
            <For each={result()!.problems}>
              {(problem) => (
                <li class="problem-row">
                  <button
                    type="button"
                    class="problem-go"
                    disabled={problem.pos === null}
                    title={`Line ${problem.line} of the TEI${problem.pos === null ? ', in the header' : ': go to the place'}`}
                    onClick={() => goTo(problem)}
                  >
                    <span class="problem-where">{problem.pos === null ? 'Header' : blockAt(problem.pos)}</span>
                    <span class="problem-message">{problem.message}</span>
                  </button>
                </li>
              )}
            </For>
          </ol>
        </Show>
      </Show>
    </div>
  );
}
