/**
 * The variants panel beside the text: witnesses, the views of their collation with
 * the document's text, and the apparatus. One store per open document; the editor's
 * document is read after each pause in editing (the toolbar's tick), so editing the
 * text re-collates as editing a witness does.
 */
import { createEffect, For, Match, onMount, Switch, untrack } from 'solid-js';
import { useStores } from '../stores/context.ts';
import { readImportFile } from '../io/files.ts';
import AlignmentTable from './AlignmentTable.tsx';
import ApparatusEditor from './ApparatusEditor.tsx';
import HeatMap from './HeatMap.tsx';
import SideBySide from './SideBySide.tsx';
import VariantList from './VariantList.tsx';
import WitnessList from './WitnessList.tsx';
import { setVariantsOpen } from './panel.ts';
import { createVariantsStore, type VariantsStore, type VariantsTab } from './store.ts';

const TABS: ReadonlyArray<{ id: VariantsTab; label: string }> = [
  { id: 'witnesses', label: 'Witnesses' },
  { id: 'table', label: 'Table' },
  { id: 'pair', label: 'Side by side' },
  { id: 'heat', label: 'Heat map' },
  { id: 'variants', label: 'Variants' },
  { id: 'apparatus', label: 'Apparatus' },
];

export default function VariantsPanel(props: { documentId: string }) {
  const { client, editor, notices } = useStores();
  const [editorState, editorActions] = editor;
  // The panel is keyed by document (see EditorPane), so the id is fixed for its life.
  const store: VariantsStore = createVariantsStore(
    client,
    untrack(() => props.documentId),
    notices[1],
    readImportFile,
  );
  const [state, actions] = store;

  onMount(() => void actions.reload());
  createEffect(() => {
    void editorState.tick;
    void editorState.open;
    actions.documentChanged(editorActions.view()?.state.doc ?? null);
  });

  // Arrow keys move between tabs, as in any tab list.
  const moveTab = (e: KeyboardEvent) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    const at = TABS.findIndex((t) => t.id === state.tab);
    const next = TABS[(at + step + TABS.length) % TABS.length]!;
    actions.setTab(next.id);
    const tabs = (e.currentTarget as HTMLElement).querySelectorAll<HTMLElement>('[role=tab]');
    tabs[TABS.indexOf(next)]?.focus();
  };
  const count = () => actions.bench()?.view.variants.length ?? 0;

  return (
    <aside class="variants-panel" aria-label="Variants">
      <div class="variants-head">
        <div class="variants-tabs" role="tablist" aria-label="Views" onKeyDown={moveTab}>
          <For each={TABS}>
            {(tab) => (
              <button
                type="button"
                role="tab"
                class="variants-tab"
                aria-selected={state.tab === tab.id}
                tabIndex={state.tab === tab.id ? 0 : -1}
                onClick={() => actions.setTab(tab.id)}
              >
                {tab.label}
              </button>
            )}
          </For>
        </div>
        <button
          type="button"
          class="link-button variants-close"
          aria-label="Close the variants panel"
          onClick={() => setVariantsOpen(false)}
        >
          ×
        </button>
      </div>
      <p class="variants-status" aria-live="polite">
        {state.witnesses.length === 0
          ? 'No witnesses yet.'
          : `${state.witnesses.length + 1} texts · ${count()} readings differ from the base · collated${actions.bench()?.mode === 'paragraphs' ? ' paragraph by paragraph' : ''} in ${Math.max(1, Math.round(state.lastMs))} ms`}
        {state.error === null ? '' : ` · ${state.error}`}
      </p>
      <div class="variants-body" role="tabpanel">
        <Switch>
          <Match when={state.tab === 'witnesses'}>
            <WitnessList store={store} />
          </Match>
          <Match when={state.tab === 'table'}>
            <AlignmentTable store={store} />
          </Match>
          <Match when={state.tab === 'pair'}>
            <SideBySide store={store} />
          </Match>
          <Match when={state.tab === 'heat'}>
            <HeatMap store={store} />
          </Match>
          <Match when={state.tab === 'variants'}>
            <VariantList store={store} />
          </Match>
          <Match when={state.tab === 'apparatus'}>
            <ApparatusEditor />
          </Match>
        </Switch>
      </div>
    </aside>
  );
}
