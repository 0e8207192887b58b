/**
 * The page image's keys, declared once: those the text binds (line mode, linking) and
 * those the viewer binds when it has the focus. The keymaps and the shortcut sheet both
 * read these tables, so the sheet cannot list a key that does nothing.
 */
import type { EditorState } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';

/** What the text's page-image keys ask of the window (renderer/facsimile/store.ts). */
export interface FacsimileHost {
  /** The caret or the document changed: the page and the highlighted zone follow. Called on every update. */
  caretMoved(state: EditorState): void;
  lineMode(): boolean;
  toggleLineMode(): void;
  /** Enter at a line's end in line mode: starts the next line linked to the page's next line zone. */
  nextLine(view: EditorView): boolean;
  /** Moves the caret one line down (+1) or up (-1) in line mode. */
  stepLine(view: EditorView, direction: 1 | -1): boolean;
  /** Links the selected text to the selected zone. */
  linkSelection(): boolean;
}

export interface FacsimileKey {
  readonly id: string;
  readonly label: string;
  /** ProseMirror key names; the first is the one shown. */
  readonly keys: readonly string[];
}

export interface TextKey extends FacsimileKey {
  run(view: EditorView, host: FacsimileHost): boolean;
}

/** Keys in the text. Enter and Alt+arrows act only in line mode, and otherwise do what they always do. */
export const textKeys: readonly TextKey[] = [
  {
    id: 'lineMode',
    label: 'Line-by-line transcription on or off',
    keys: ['Mod-Alt-l'],
    run: (_view, host) => {
      host.toggleLineMode();
      return true;
    },
  },
  {
    id: 'nextLine',
    label: 'Line mode: at a line’s end, start the next line on the next line zone',
    keys: ['Enter'],
    run: (view, host) => host.lineMode() && host.nextLine(view),
  },
  {
    id: 'lineDown',
    label: 'Line mode: next line',
    keys: ['Alt-ArrowDown'],
    run: (view, host) => host.lineMode() && host.stepLine(view, 1),
  },
  {
    id: 'lineUp',
    label: 'Line mode: previous line',
    keys: ['Alt-ArrowUp'],
    run: (view, host) => host.lineMode() && host.stepLine(view, -1),
  },
  {
    id: 'linkSelection',
    label: 'Link the selected text to the selected zone',
    keys: ['Mod-Alt-z'],
    run: (_view, host) => host.linkSelection(),
  },
];

/** What each viewer key does (renderer/facsimile/FacsimilePanel.tsx binds them on the viewer). */
export type ViewerCommand =
  | 'zoomIn'
  | 'zoomOut'
  | 'fitWidth'
  | 'home'
  | 'rotateRight'
  | 'rotateLeft'
  | 'invert'
  | 'panLeft'
  | 'panRight'
  | 'panUp'
  | 'panDown'
  | 'previousPage'
  | 'nextPage'
  | 'nextZone'
  | 'previousZone'
  | 'deleteZone'
  | 'finishPolygon'
  | 'cancel';

export interface ViewerKey extends FacsimileKey {
  readonly id: ViewerCommand;
}

/** Keys while the page image has the focus. */
export const viewerKeys: readonly ViewerKey[] = [
  { id: 'zoomIn', label: 'Zoom in', keys: ['+', '='] },
  { id: 'zoomOut', label: 'Zoom out', keys: ['-'] },
  { id: 'fitWidth', label: 'Fit the page’s width', keys: ['w'] },
  { id: 'home', label: 'The whole page', keys: ['0'] },
  { id: 'rotateRight', label: 'Rotate right', keys: ['r'] },
  { id: 'rotateLeft', label: 'Rotate left', keys: ['Shift-r', 'R'] },
  { id: 'invert', label: 'Invert the image', keys: ['i'] },
  { id: 'panLeft', label: 'Pan left', keys: ['ArrowLeft'] },
  { id: 'panRight', label: 'Pan right', keys: ['ArrowRight'] },
  { id: 'panUp', label: 'Pan up', keys: ['ArrowUp'] },
  { id: 'panDown', label: 'Pan down', keys: ['ArrowDown'] },
  { id: 'previousPage', label: 'Previous page', keys: ['PageUp'] },
  { id: 'nextPage', label: 'Next page', keys: ['PageDown'] },
  { id: 'nextZone', label: 'Select the next zone', keys: [']'] },
  { id: 'previousZone', label: 'Select the previous zone', keys: ['['] },
  { id: 'deleteZone', label: 'Delete the selected zone', keys: ['Delete'] },
  { id: 'finishPolygon', label: 'Close the polygon being drawn', keys: ['Enter'] },
  { id: 'cancel', label: 'Stop drawing', keys: ['Escape'] },
];
