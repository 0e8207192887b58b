/** The sidebar button (under Import) that opens the edition export dialog. */
import { createSignal, Show } from 'solid-js';
import { useStores } from '../stores/context.ts';
import ExportDialog from './ExportDialog.tsx';

export default function EditionButton() {
  const [project] = useStores().project;
  const [open, setOpen] = createSignal(false);
  return (
    <>
      <button
        type="button"
        class="button edition-button"
        disabled={project.documents.length === 0}
        title="Export the edition: PDF, HTML, LaTeX or TEI; print settings"
        onClick={() => setOpen(true)}
      >
        Export edition…
      </button>
      <Show when={open()}>
        <ExportDialog onClose={() => setOpen(false)} />
      </Show>
    </>
  );
}
