/**
 * The window: the sidebar of collections and documents beside the editor. Creates
 * the stores, keeps the open document in the address (#/doc/ID, so a reload
 * reopens it), listens to the Node side's events, and warns before the window
 * closes with steps the store has not committed yet.
 */
import { onCleanup, onMount, Show, untrack } from 'solid-js';
import type { SiglumClient } from '../../edition/api.ts';
import { EntitiesContext } from '../entities/context.ts';
import { FacsimileContext } from '../facsimile/context.ts';
import { createFacsimileStore } from '../facsimile/store.ts';
import EntityLayer from '../entities/EntityLayer.tsx';
import { createEntityStore } from '../entities/store.ts';
import { StoresContext, type Stores } from '../stores/context.ts';
import { createEditorStore } from '../stores/editor.ts';
import { createNoticeStore } from '../stores/notices.ts';
import { createProjectStore } from '../stores/project.ts';
import Banner from './Banner.tsx';
import DropZone from './DropZone.tsx';
import EditorPane from './EditorPane.tsx';
import ReimportDialog from './ReimportDialog.tsx';
import Sidebar from './Sidebar.tsx';
import { sidebarCollapsed } from '../layout/layoutState.ts';
import SidebarRail from '../layout/SidebarRail.tsx';
import SkipLink from '../layout/SkipLink.tsx';
import WindowKeys from '../layout/WindowKeys.tsx';

function documentIdFromHash(): string | null {
  const match = /^#\/doc\/(.+)$/.exec(location.hash);
  return match ? decodeURIComponent(match[1]!) : null;
}

export default function App(props: { client: SiglumClient }) {
  // The client is fixed for the window's life.
  const client = untrack(() => props.client);
  const notices = createNoticeStore();
  const project = createProjectStore(client, notices[1]);
  const editor = createEditorStore();
  const entities = createEntityStore(client, notices[1], project[1]);
  // The editor asks the entity store for the marking popup, the entity card and the context menu.
  editor[1].mentions = entities[1];
  // The page image follows the caret and answers the line-mode keys.
  const facsimile = createFacsimileStore(client, editor[1], notices[1], () => project[0].currentId);
  editor[1].facsimile = facsimile[1];
  const stores: Stores = { client, project, editor, notices };
  const [projectState, projectActions] = project;

  onMount(() => {
    const fromHash = documentIdFromHash();
    if (fromHash) projectActions.open(fromHash);
    void projectActions.load();
    void entities[1].load();

    const unsubscribe = client.subscribe((event) => {
      if (event.type === 'documents-changed') void projectActions.load();
    });
    const onHash = () => {
      const id = documentIdFromHash();
      if (id !== projectState.currentId) projectActions.open(id);
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (editor[1].hasUnsaved()) event.preventDefault();
    };
    window.addEventListener('hashchange', onHash);
    window.addEventListener('beforeunload', onBeforeUnload);
    onCleanup(() => {
      unsubscribe();
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('beforeunload', onBeforeUnload);
    });
  });

  return (
    <StoresContext.Provider value={stores}>
      <EntitiesContext.Provider value={entities}>
        <DropZone>
          <SkipLink />
          <div class="app" classList={{ 'sidebar-collapsed': sidebarCollapsed() }}>
            <Show when={!sidebarCollapsed()} fallback={<SidebarRail />}>
              <Sidebar />
            </Show>
            <main class="workspace" tabIndex={-1}>
              <Banner />
              <FacsimileContext.Provider value={facsimile}>
                <EditorPane />
              </FacsimileContext.Provider>
            </main>
          </div>
          <EntityLayer />
          <ReimportDialog />
          <WindowKeys />
        </DropZone>
      </EntitiesContext.Provider>
    </StoresContext.Provider>
  );
}
