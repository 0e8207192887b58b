/**
 * The project's collections and documents. Each collection is collapsed until
 * opened (a FRUS volume holds hundreds of documents); documents in no collection
 * are listed below the collections.
 */
import { For, Show } from 'solid-js';
import { useStores } from '../stores/context.ts';
import CollectionGroup from './CollectionGroup.tsx';
import DocumentRow from './DocumentRow.tsx';
import EditionButton from '../export/EditionButton.tsx';
import ExportMenu from './ExportMenu.tsx';
import ImportButton from './ImportButton.tsx';
import SidebarFilter from './SidebarFilter.tsx';
import WorkspaceButton from '../projects/WorkspaceButton.tsx';

export default function Sidebar() {
  const [project, actions] = useStores().project;
  const loose = () => actions.documentsIn(null);

  return (
    <nav class="sidebar" aria-label="Project">
      <header class="sidebar-head">
        <div class="brand">Siglum</div>
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
      <Show when={project.documents.length > 0}>
        <SidebarFilter />
      </Show>
      <div class="sidebar-list">
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
      </div>
    </nav>
  );
}
