/** Export TEI of the open document, its collection, or the whole project. */
import { Show } from 'solid-js';
import { useStores } from '../stores/context.ts';
import MenuItem from './MenuItem.tsx';
import { focusOnToggle, onMenuKeyDown } from './menuNavigation.ts';

export default function ExportMenu() {
  const [project, actions] = useStores().project;
  let menu!: HTMLDivElement;
  const collectionId = () => actions.current()?.collectionId ?? null;
  const choose = (run: () => Promise<unknown>) => {
    menu.hidePopover();
    void run();
  };

  return (
    <>
      <button
        type="button"
        class="button menu-button export-button"
        popoverTarget="export-menu"
        disabled={project.documents.length === 0}
        title="Export TEI"
        onMouseDown={(e) => e.preventDefault()}
      >
        Export TEI <span aria-hidden="true">▾</span>
      </button>
      <div
        id="export-menu"
        class="menu export-menu"
        popover="auto"
        ref={menu}
        onKeyDown={onMenuKeyDown}
        onToggle={(e) => focusOnToggle(menu, e)}
        role="menu"
        aria-label="Export TEI"
      >
        <Show when={project.currentId}>
          {(id) => (
            <MenuItem label="This document" onSelect={() => choose(() => actions.exportTei({ documentId: id() }))} />
          )}
        </Show>
        <Show when={collectionId()}>
          {(id) => (
            <MenuItem
              label="This collection"
              onSelect={() => choose(() => actions.exportTei({ collectionId: id() }))}
            />
          )}
        </Show>
        <MenuItem label="The whole project" onSelect={() => choose(() => actions.exportTei({ all: true }))} />
      </div>
    </>
  );
}
