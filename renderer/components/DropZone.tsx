/**
 * Lets the user drop plain-text or TEI files anywhere on the window to import
 * them; shows a veil while files are dragged over it.
 */
import { createSignal, Show, type JSX } from 'solid-js';
import { useStores } from '../stores/context.ts';

function hasFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

export default function DropZone(props: { children: JSX.Element }) {
  const [, project] = useStores().project;
  const [dragging, setDragging] = createSignal(false);
  let depth = 0;

  return (
    <div
      class="drop-zone"
      onDragEnter={(e) => {
        if (!hasFiles(e)) return;
        depth++;
        setDragging(true);
      }}
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={(e) => {
        if (!hasFiles(e)) return;
        depth = Math.max(0, depth - 1);
        if (depth === 0) setDragging(false);
      }}
      onDrop={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        depth = 0;
        setDragging(false);
        void project.importFiles([...(e.dataTransfer?.files ?? [])]);
      }}
    >
      {props.children}
      <Show when={dragging()}>
        <div class="drop-veil" aria-hidden="true">
          <div class="drop-veil-text">Drop plain text or TEI files to import them</div>
        </div>
      </Show>
    </div>
  );
}
