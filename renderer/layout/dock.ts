/**
 * Where the side panels go, as a pure function of the room there is. Panels sit in
 * columns to the right of the text, one column each while the text keeps its
 * minimum measure (about 45 characters); with less room the rightmost columns
 * merge, their panels stacked one above the other; when even one column of the
 * narrowest panel width leaves the text too little, the panels overlay the text
 * (the editor closes them to read on).
 */
import { MIN_PANEL_WIDTH } from './layoutState.ts';

/** The resize handle at the left of each column, in CSS pixels. */
export const HANDLE_WIDTH = 6;

export interface DockColumn {
  /** The panels of the column, top to bottom. */
  panels: string[];
  width: number;
}

export interface DockLayout {
  mode: 'beside' | 'overlay';
  columns: DockColumn[];
  /** Width of the dock: its columns and their handles. */
  width: number;
}

/**
 * Arranges `panels` (in order, left to right, each with the width the editor
 * gave it) in a pane `paneWidth` wide whose text needs at least `minText`.
 */
export function arrangeDock(
  panels: ReadonlyArray<{ id: string; width: number }>,
  paneWidth: number,
  minText: number,
): DockLayout {
  let columns: DockColumn[] = panels.map((p) => ({ panels: [p.id], width: p.width }));
  const room = paneWidth - minText;
  const total = (cols: DockColumn[]) => cols.reduce((sum, c) => sum + c.width + HANDLE_WIDTH, 0);
  while (columns.length > 1 && total(columns) > room) {
    const last = columns[columns.length - 1]!;
    const before = columns[columns.length - 2]!;
    columns = [
      ...columns.slice(0, -2),
      { panels: [...before.panels, ...last.panels], width: Math.max(before.width, last.width) },
    ];
  }
  let mode: DockLayout['mode'] = 'beside';
  const only = columns.length === 1 ? columns[0]! : null;
  if (only && only.width + HANDLE_WIDTH > room) {
    if (room - HANDLE_WIDTH >= MIN_PANEL_WIDTH) {
      only.width = room - HANDLE_WIDTH;
    } else {
      mode = 'overlay';
      only.width = Math.max(MIN_PANEL_WIDTH, Math.min(only.width, paneWidth - 48));
    }
  }
  return { mode, columns, width: total(columns) };
}

/** The widest a column may be made: what leaves the text its measure beside the other columns. */
export function maxColumnWidth(layout: DockLayout, column: number, paneWidth: number, minText: number): number {
  if (layout.mode === 'overlay') return paneWidth - 48;
  const others = layout.columns.reduce((sum, c, i) => (i === column ? sum : sum + c.width + HANDLE_WIDTH), 0);
  return paneWidth - minText - others - HANDLE_WIDTH;
}
