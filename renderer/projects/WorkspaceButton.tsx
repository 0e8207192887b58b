/** The sidebar's "Project" button: opens the dialog of projects, history, trash and backups. */
import { createSignal, Show } from 'solid-js';
import WorkspaceDialog, { type WorkspaceTab } from './WorkspaceDialog.tsx';

export default function WorkspaceButton() {
  const [tab, setTab] = createSignal<WorkspaceTab | null>(null);
  return (
    <div class="workspace-buttons">
      <button type="button" class="button" onClick={() => setTab('project')}>
        Project…
      </button>
      <button type="button" class="button" onClick={() => setTab('history')}>
        History…
      </button>
      <Show when={tab()}>{(t) => <WorkspaceDialog tab={t()} onClose={() => setTab(null)} />}</Show>
    </div>
  );
}
