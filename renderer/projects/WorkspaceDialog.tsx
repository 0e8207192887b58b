/** The project's dialog: the project itself, the open document's history, the trash, the backups. */
import { createSignal, For, Match, Switch, untrack } from 'solid-js';
import BackupsTab from './BackupsTab.tsx';
import HistoryTab from './HistoryTab.tsx';
import ProjectTab from './ProjectTab.tsx';
import ShareTab from './ShareTab.tsx';
import TrashTab from './TrashTab.tsx';

export type WorkspaceTab = 'project' | 'history' | 'trash' | 'backups' | 'share';

const TABS: ReadonlyArray<[WorkspaceTab, string]> = [
  ['project', 'Project'],
  ['history', 'History'],
  ['trash', 'Trash'],
  ['backups', 'Backups'],
  ['share', 'Share'],
];

export default function WorkspaceDialog(props: { tab: WorkspaceTab; onClose: () => void }) {
  const [tab, setTab] = createSignal<WorkspaceTab>(untrack(() => props.tab));
  return (
    <div
      class="dialog-backdrop"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) props.onClose();
      }}
    >
      <section
        class="dialog workspace-dialog"
        role="dialog"
        aria-modal="true"
        aria-label="Project"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            props.onClose();
          }
        }}
      >
        <div class="workspace-tabs" role="tablist">
          <For each={TABS}>
            {([id, label]) => (
              <button
                type="button"
                role="tab"
                class="workspace-tab"
                aria-selected={tab() === id}
                onClick={() => setTab(id)}
              >
                {label}
              </button>
            )}
          </For>
          <button type="button" class="button workspace-close" onClick={() => props.onClose()}>
            Close
          </button>
        </div>
        <div class="workspace-body" role="tabpanel">
          <Switch>
            <Match when={tab() === 'project'}>
              <ProjectTab />
            </Match>
            <Match when={tab() === 'history'}>
              <HistoryTab />
            </Match>
            <Match when={tab() === 'trash'}>
              <TrashTab />
            </Match>
            <Match when={tab() === 'backups'}>
              <BackupsTab />
            </Match>
            <Match when={tab() === 'share'}>
              <ShareTab />
            </Match>
          </Switch>
        </div>
      </section>
    </div>
  );
}
