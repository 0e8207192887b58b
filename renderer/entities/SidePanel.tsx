/** The right-hand panel: the register, the index view and the open document's notes, as tabs. */
import { For, Match, Show, Switch } from 'solid-js';
import NotesPanel from '../notes/NotesPanel.tsx';
import ProblemsPanel from '../problems/ProblemsPanel.tsx';
import { useEntities } from './context.ts';
import IndexView from './IndexView.tsx';
import RegisterPanel from './RegisterPanel.tsx';
import type { PanelTab } from './store.ts';

const TABS: ReadonlyArray<readonly [PanelTab, string]> = [
  ['register', 'Register'],
  ['index', 'Index'],
  ['notes', 'Notes'],
  ['problems', 'Problems'],
];

export default function SidePanel() {
  const [state, entities] = useEntities();
  return (
    <Show when={state.panel}>
      {(tab) => (
        <aside class="side-panel" aria-label="Register and notes">
          <div class="panel-tabs" role="tablist">
            <For each={TABS}>
              {([id, label]) => (
                <button
                  type="button"
                  role="tab"
                  class="panel-tab"
                  aria-selected={tab() === id}
                  onClick={() => entities.setPanel(id)}
                >
                  {label}
                </button>
              )}
            </For>
            <span class="toolbar-spacer" />
            <button
              type="button"
              class="panel-close"
              aria-label="Close the panel"
              onClick={() => entities.setPanel(null)}
            >
              ×
            </button>
          </div>
          <div class="panel-body" role="tabpanel">
            <Switch>
              <Match when={tab() === 'register'}>
                <RegisterPanel />
              </Match>
              <Match when={tab() === 'index'}>
                <IndexView />
              </Match>
              <Match when={tab() === 'notes'}>
                <NotesPanel />
              </Match>
              <Match when={tab() === 'problems'}>
                <ProblemsPanel />
              </Match>
            </Switch>
          </div>
        </aside>
      )}
    </Show>
  );
}
