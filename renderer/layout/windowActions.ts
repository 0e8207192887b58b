/**
 * The window's own shortcuts (panels, import, export, moving between documents,
 * the shortcut sheet), declared once as the editor's actions are
 * (renderer/editor/actions.ts): the keydown handler and the shortcut sheet both
 * read this table, so the sheet cannot list a shortcut that does not work.
 * No Solid here: the window supplies a `WindowHost` that does the work.
 */
import { keydownHandler } from 'prosemirror-keymap';
import type { Command } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';

/** What the window's shortcuts ask of it. */
export interface WindowHost {
  togglePanel(panel: 'register' | 'index' | 'notes' | 'variants' | 'attributes' | 'facsimile'): void;
  toggleSidebar(): void;
  pickImport(): void;
  openExportTei(): void;
  openExportEdition(): void;
  /** Opens the next (+1) or previous (-1) document of the list. */
  openSibling(delta: 1 | -1): void;
  focusDocumentList(): void;
  /** Shows the sidebar's Search tab with the cursor in its search box. */
  searchProject(): void;
  focusText(): void;
  showShortcuts(): void;
}

export interface WindowAction {
  readonly id: string;
  readonly label: string;
  /** ProseMirror key names, as in the editor's table; the first is the one shown. */
  readonly keys: readonly string[];
  run(host: WindowHost): void;
}

/** Every window shortcut, in the order the sheet lists them. */
export const windowActions: readonly WindowAction[] = [
  { id: 'shortcuts', label: 'Keyboard shortcuts', keys: ['Mod-/'], run: (h) => h.showShortcuts() },
  { id: 'focusText', label: 'Go to the text', keys: ['Alt-Shift-t'], run: (h) => h.focusText() },
  {
    id: 'focusList',
    label: 'Go to the document list',
    keys: ['Alt-Shift-l'],
    run: (h) => h.focusDocumentList(),
  },
  { id: 'searchProject', label: 'Search the project', keys: ['Mod-Shift-f'], run: (h) => h.searchProject() },
  { id: 'nextDocument', label: 'Next document', keys: ['Alt-Shift-ArrowDown'], run: (h) => h.openSibling(1) },
  {
    id: 'previousDocument',
    label: 'Previous document',
    keys: ['Alt-Shift-ArrowUp'],
    run: (h) => h.openSibling(-1),
  },
  { id: 'import', label: 'Import files…', keys: ['Mod-o'], run: (h) => h.pickImport() },
  { id: 'exportTei', label: 'Export TEI…', keys: ['Mod-Shift-e'], run: (h) => h.openExportTei() },
  { id: 'exportEdition', label: 'Export edition…', keys: ['Mod-Shift-p'], run: (h) => h.openExportEdition() },
  { id: 'sidebar', label: 'Show or hide the sidebar', keys: ['Mod-\\'], run: (h) => h.toggleSidebar() },
  { id: 'registerPanel', label: 'Register panel', keys: ['Mod-Shift-1'], run: (h) => h.togglePanel('register') },
  { id: 'indexPanel', label: 'Index panel', keys: ['Mod-Shift-2'], run: (h) => h.togglePanel('index') },
  { id: 'notesPanel', label: 'Notes panel', keys: ['Mod-Shift-3'], run: (h) => h.togglePanel('notes') },
  { id: 'variantsPanel', label: 'Variants panel', keys: ['Mod-Shift-4'], run: (h) => h.togglePanel('variants') },
  {
    id: 'attributesPanel',
    label: 'Attributes panel',
    keys: ['Mod-Shift-5'],
    run: (h) => h.togglePanel('attributes'),
  },
  {
    id: 'facsimilePanel',
    label: 'Page image panel',
    keys: ['Mod-Shift-6'],
    run: (h) => h.togglePanel('facsimile'),
  },
];

/**
 * A keydown listener for the window that runs the table's actions. It uses
 * prosemirror-keymap's matcher, the editor keymap's own, so a key name means the
 * same thing in both tables (Shift with digits, Mod on each platform). Keys the
 * editor already handled (defaultPrevented) are left alone.
 */
export function windowKeydown(host: WindowHost): (event: KeyboardEvent) => void {
  const bindings: Record<string, Command> = {};
  for (const action of windowActions) {
    for (const key of action.keys) {
      bindings[key] = () => {
        action.run(host);
        return true;
      };
    }
  }
  const handle = keydownHandler(bindings);
  // The matcher passes its view to the commands; these ignore it.
  const noView = {} as EditorView;
  return (event) => {
    if (event.defaultPrevented) return;
    if (handle(noView, event)) event.preventDefault();
  };
}
