/**
 * Carries out the window's shortcuts (layout/windowActions.ts) with the stores,
 * and shows the shortcut sheet when asked. Renders nothing else.
 */
import { createSignal, onCleanup, onMount, Show } from 'solid-js';
import { setVariantsOpen, variantsOpen } from '../collation/panel.ts';
import { useEntities } from '../entities/context.ts';
import { facsimileOpen, setFacsimileOpen } from '../facsimile/panel.ts';
import { useStores } from '../stores/context.ts';
import {
  askForSearch,
  attributesOpen,
  setAttributesOpen,
  setSidebarCollapsed,
  sidebarCollapsed,
} from './layoutState.ts';
import ShortcutSheet from './ShortcutSheet.tsx';
import { windowKeydown, type WindowHost } from './windowActions.ts';

/** Runs `then` once the sidebar is shown (it may have been collapsed). */
function withSidebar(then: () => void): void {
  if (!sidebarCollapsed()) return then();
  setSidebarCollapsed(false);
  requestAnimationFrame(then);
}

export default function WindowKeys() {
  const stores = useStores();
  const [project, projectActions] = stores.project;
  const [, editor] = stores.editor;
  const [entityState, entities] = useEntities();
  const [sheetOpen, setSheetOpen] = createSignal(false);

  /** The documents in the order the sidebar lists them. */
  const listed = () => [
    ...project.collections.flatMap((c) => projectActions.documentsIn(c.id)),
    ...projectActions.documentsIn(null),
  ];

  const host: WindowHost = {
    togglePanel(panel) {
      if (panel === 'variants') setVariantsOpen(!variantsOpen());
      else if (panel === 'attributes') setAttributesOpen(!attributesOpen());
      else if (panel === 'facsimile') setFacsimileOpen(!facsimileOpen());
      else entities.setPanel(entityState.panel === panel ? null : panel);
    },
    toggleSidebar: () => setSidebarCollapsed(!sidebarCollapsed()),
    pickImport: () =>
      withSidebar(() => document.querySelector<HTMLInputElement>('[data-testid="import-input"]')?.click()),
    openExportTei: () => withSidebar(() => document.getElementById('export-menu')?.showPopover()),
    openExportEdition: () => withSidebar(() => document.querySelector<HTMLButtonElement>('.edition-button')?.click()),
    openSibling(delta) {
      const docs = listed();
      if (docs.length === 0) return;
      const at = docs.findIndex((d) => d.id === project.currentId);
      const next = at < 0 ? (delta > 0 ? 0 : docs.length - 1) : at + delta;
      const doc = docs[next];
      if (doc) projectActions.open(doc.id);
    },
    focusDocumentList: () =>
      withSidebar(() => document.querySelector<HTMLElement>('.sidebar-list [data-row-key][tabindex="0"]')?.focus()),
    searchProject: askForSearch,
    focusText() {
      if (editor.view()) editor.focus();
      else document.querySelector<HTMLElement>('.workspace')?.focus();
    },
    showShortcuts: () => setSheetOpen(true),
  };

  onMount(() => {
    const onKeyDown = windowKeydown(host);
    document.addEventListener('keydown', onKeyDown);
    onCleanup(() => document.removeEventListener('keydown', onKeyDown));
  });

  return (
    <Show when={sheetOpen()}>
      <ShortcutSheet onClose={() => setSheetOpen(false)} />
    </Show>
  );
}
