/** The toolbar button that opens the edition export dialog. */
import { createSignal, Show } from "solid-js";
import { useStores } from "../stores/context.ts";
import ExportDialog from "./ExportDialog.tsx";

export default function EditionButton() {
  const [project] = useStores().project;
  const [open, setOpen] = createSignal(false);
  return (
    <>
      <button
        type="button"
        class="tool tool-text edition-button"
        disabled={project.documents.length === 0}
        title="Export the edition: PDF, HTML, LaTeX or TEI; print settings"
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => setOpen(true)}
      >
        Edition…
      </button>
      <Show when={open()}>
        <ExportDialog onClose={() => setOpen(false)} />
      </Show>
    </>
  );
}
