/**
 * The window's layout, one per window, so module signals (as collation/panel.ts):
 * whether the sidebar is collapsed and which of its tabs is shown, the width of the side panels (dragged or set
 * from the keyboard on their handles), which stacked panels are folded to their
 * title, and whether the attribute panel is open.
 * Widths are kept in localStorage, so the layout survives a reload.
 */
import { createSignal } from 'solid-js';

/** The side panels whose width the editor sets: variants, register/notes, attributes, the page image. */
export type ResizablePanel = 'variants' | 'side' | 'attributes' | 'facsimile';

const DEFAULT_WIDTH: Record<ResizablePanel, number> = { variants: 420, side: 340, attributes: 300, facsimile: 520 };
/** No panel narrower than this: its forms would not fit. */
export const MIN_PANEL_WIDTH = 240;
const STORAGE_KEY = 'siglum:layout';

interface Saved {
  widths: Partial<Record<ResizablePanel, number>>;
  sidebarCollapsed: boolean;
}

function load(): Saved {
  try {
    const raw = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as unknown;
    if (typeof raw === 'object' && raw !== null) {
      const o = raw as Record<string, unknown>;
      const widths: Partial<Record<ResizablePanel, number>> = {};
      const w = (typeof o['widths'] === 'object' && o['widths'] !== null ? o['widths'] : {}) as Record<string, unknown>;
      for (const panel of Object.keys(DEFAULT_WIDTH) as ResizablePanel[]) {
        const v = w[panel];
        if (typeof v === 'number' && Number.isFinite(v)) widths[panel] = v;
      }
      return { widths, sidebarCollapsed: o['sidebarCollapsed'] === true };
    }
  } catch {
    // no storage, or not ours: the defaults
  }
  return { widths: {}, sidebarCollapsed: false };
}

const saved = typeof localStorage === 'undefined' ? { widths: {}, sidebarCollapsed: false } : load();

const [widths, setWidths] = createSignal<Record<ResizablePanel, number>>({ ...DEFAULT_WIDTH, ...saved.widths });
const [sidebarCollapsed, setSidebarCollapsedSignal] = createSignal(saved.sidebarCollapsed);
const [attributesOpen, setAttributesOpen] = createSignal(false);
/** Panels folded to their title in a stacked column. */
const [collapsedPanels, setCollapsedPanels] = createSignal<ReadonlySet<ResizablePanel>>(new Set());

/** Whether a panel is folded to its title (only in a column of several). */
export function isCollapsed(panel: ResizablePanel): boolean {
  return collapsedPanels().has(panel);
}

export function setCollapsed(panel: ResizablePanel, collapsed: boolean): void {
  const next = new Set(collapsedPanels());
  if (collapsed) next.add(panel);
  else next.delete(panel);
  setCollapsedPanels(next);
}

function persist(): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ widths: widths(), sidebarCollapsed: sidebarCollapsed() }));
  } catch {
    // storage refused: the layout just is not remembered
  }
}

/** The width of a panel, in CSS pixels. */
export function panelWidth(panel: ResizablePanel): number {
  return widths()[panel];
}

/** Sets a panel's width, never below MIN_PANEL_WIDTH nor above `max`. */
export function setPanelWidth(panel: ResizablePanel, width: number, max = Infinity): void {
  const clamped = Math.round(Math.max(MIN_PANEL_WIDTH, Math.min(width, Math.max(MIN_PANEL_WIDTH, max))));
  if (clamped === widths()[panel]) return;
  setWidths({ ...widths(), [panel]: clamped });
  persist();
}

function setSidebarCollapsed(collapsed: boolean): void {
  setSidebarCollapsedSignal(collapsed);
  persist();
}

/** The sidebar's tabs. */
export type SidebarTab = 'documents' | 'list' | 'search';
/** The sidebar's tab, kept while the sidebar is hidden. */
const [sidebarTab, setSidebarTab] = createSignal<SidebarTab>('documents');
/** Whether the cursor is wanted in the search box: the sidebar puts it there, shown or once mounted, and clears this. */
const [searchAsked, setSearchAsked] = createSignal(false);

/** Shows the sidebar on its Search tab and asks for the cursor in the search box. */
export function askForSearch(): void {
  setSidebarCollapsed(false);
  setSidebarTab('search');
  setSearchAsked(true);
}

export {
  attributesOpen,
  setAttributesOpen,
  sidebarCollapsed,
  setSidebarCollapsed,
  sidebarTab,
  setSidebarTab,
  searchAsked,
  setSearchAsked,
};
