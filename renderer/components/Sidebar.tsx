/**
 * The project's collections and documents. Each collection is collapsed until
 * opened (a FRUS volume holds hundreds of documents); documents in no collection
 * are listed below the collections.
 */
import { createEffect, createMemo, createSelector, createSignal, For, Show } from 'solid-js';
import { searchAsked, setSearchAsked, setSidebarTab, sidebarTab, type SidebarTab } from '../layout/layoutState.ts';
import { useStores } from '../stores/context.ts';
import CollectionGroup from './CollectionGroup.tsx';
import { DocListContext, onListKeyDown, rowKey } from './docList.ts';
import DocumentRow from './DocumentRow.tsx';
import EditionButton from '../export/EditionButton.tsx';
import ExportMenu from './ExportMenu.tsx';
import ImportButton from './ImportButton.tsx';
import SidebarFilter from './SidebarFilter.tsx';
import SidebarCollapse from '../layout/SidebarCollapse.tsx';
import DocumentList from '../search/DocumentList.tsx';
import SearchPanel from '../search/SearchPanel.tsx';
import WorkspaceButton from '../projects/WorkspaceButton.tsx';

export default function Sidebar() {
  const [project, actions] = useStores().project;
  const loose = () => actions.documentsIn(null);
  let list!: HTMLDivElement;

  // The list is one tab stop: the row focused last, else the open document, else the first row.
  const [focusedKey, setFocusedKey] = createSignal<string | null>(null);
  const shownKeys = createMemo(() => {
    const keys: string[] = [];
    for (const collection of project.collections) {
      keys.push(rowKey('collection', collection.id));
      if (actions.isOpen(collection.id)) {
        for (const doc of actions.documentsIn(collection.id)) keys.push(rowKey('document', doc.id));
      }
    }
    for (const doc of loose()) keys.push(rowKey('document', doc.id));
    return keys;
  });
  const stop = createMemo(() => {
    const keys = shownKeys();
    const focused = focusedKey();
    if (focused !== null && keys.includes(focused)) return focused;
    const current = project.currentId === null ? null : rowKey('document', project.currentId);
    if (current !== null && keys.includes(current)) return current;
    return keys[0] ?? null;
  });
  const isStop = createSelector(stop);

  type Mode = SidebarTab;
  const mode = sidebarTab;
  const [seen, setSeen] = createSignal<ReadonlySet<Mode>>(new Set(['documents', sidebarTab()]));
  let searchPane: HTMLDivElement | undefined;
  // Search is for typing: the cursor goes to its box, as it does with the find bar, when
  // its tab is chosen and when a shortcut asks for it (also one that showed the sidebar).
  const focusSearch = () => searchPane?.querySelector<HTMLInputElement>('input[type="search"]')?.focus();
  const show = (m: Mode) => {
    setSidebarTab(m);
    setSeen((old) => new Set([...old, m]));
    if (m === 'search') focusSearch();
  };
  createEffect(() => {
    if (!searchAsked()) return;
    setSeen((old) => new Set([...old, 'search']));
    setSearchAsked(false);
    // After the frame that shows it: the sidebar may just have been shown again.
    requestAnimationFrame(focusSearch);
  });

  return (
    <nav class="sidebar" aria-label="Project">
      <header class="sidebar-head">
        <div class="sidebar-brand-row">
          <div class="brand">Siglum</div>
          <SidebarCollapse />
        </div>
        <div class="project-title" title={project.title}>
          {project.title}
        </div>
        <WorkspaceButton />
        <ImportButton />
        <div class="sidebar-exports">
          <EditionButton />
          <ExportMenu />
        </div>
      </header>
      <div class="sidebar-tabs" role="tablist" aria-label="Sidebar">
        <For each={['documents', 'list', 'search'] as const}>
          {(m) => (
            <button
              type="button"
              role="tab"
              data-tab={m}
              aria-selected={mode() === m}
              classList={{ active: mode() === m }}
              onClick={() => show(m)}
            >
              {{ documents: 'Documents', list: 'Sorted list', search: 'Search' }[m]}
            </button>
          )}
        </For>
      </div>
      {/* Mounted when first shown and kept, so a tab keeps its query and sorting. */}
      <Show when={seen().has('search')}>
        <div class="sidebar-pane" hidden={mode() !== 'search'} ref={searchPane}>
          <SearchPanel />
        </div>
      </Show>
      <Show when={seen().has('list')}>
        <div class="sidebar-pane" hidden={mode() !== 'list'}>
          <DocumentList />
        </div>
      </Show>
      <Show when={mode() === 'documents' && project.documents.length > 0}>
        <SidebarFilter />
      </Show>
      <div
        class="sidebar-list"
        hidden={mode() !== 'documents'}
        ref={list}
        onKeyDown={(e) => onListKeyDown(e, list)}
        onFocusIn={(e) => {
          const key = (e.target as HTMLElement).dataset['rowKey'];
          if (key !== undefined) setFocusedKey(key);
        }}
      >
        <DocListContext.Provider value={{ isStop }}>
          <For each={project.collections}>{(collection) => <CollectionGroup collection={collection} />}</For>
          <Show when={loose().length > 0}>
            <div class="loose-heading">Documents</div>
            <ul class="doc-list" aria-label="Documents">
              <For each={loose()}>{(doc) => <DocumentRow document={doc} />}</For>
            </ul>
          </Show>
          <Show when={project.loaded && project.documents.length === 0}>
            <p class="sidebar-empty">No documents yet. Import a plain-text or TEI file, or drop one here.</p>
          </Show>
        </DocListContext.Provider>
      </div>
    </nav>
  );
}
