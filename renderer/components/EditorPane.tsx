/**
 * The right-hand side: the toolbar over the open document (or a hint) and the panels
 * beside it (variants; register and notes), the page-break dialog. The panels sit under
 * the toolbar, so opening one never narrows it.
 */
import { Show } from 'solid-js';
import { useStores } from '../stores/context.ts';
import DocumentHeader from './DocumentHeader.tsx';
import Editor from './Editor.tsx';
import PageBreakDialog from './PageBreakDialog.tsx';
import ReconnectNotice from './ReconnectNotice.tsx';
import Toolbar from './Toolbar.tsx';
import PanelDock from '../layout/PanelDock.tsx';
import FindBar from '../search/FindBar.tsx';

export default function EditorPane() {
  const [project] = useStores().project;
  const [editor] = useStores().editor;

  return (
    <div class="editor-pane">
      <Toolbar />
      <ReconnectNotice />
      <FindBar />
      <div class="pane-body">
        <div class="scroller">
          <Show
            when={project.currentId}
            fallback={
              <div class="placeholder">
                <p>Open a document from the list, or import a plain-text or TEI file.</p>
              </div>
            }
          >
            {(id) => (
              <article class="page">
                <DocumentHeader />
                <Editor documentId={id()} />
              </article>
            )}
          </Show>
        </div>
        <PanelDock />
      </div>
      <Show when={editor.askingPageBreak}>
        <PageBreakDialog />
      </Show>
    </div>
  );
}
