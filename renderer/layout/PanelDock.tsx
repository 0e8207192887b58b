/**
 * The side panels beside the text (page image; variants; register, index and notes; attributes),
 * laid out by `arrangeDock` from the room the pane has: side by side while the text
 * keeps about 45 characters, stacked in fewer columns when not, over the text when
 * even one column does not fit. Each panel is rendered once, in a slot placed by
 * style, so rearranging never rebuilds a panel (nor loses what is typed in it).
 * Each column has a handle that resizes it by mouse or keyboard.
 */
import { createMemo, createSignal, For, Index, onCleanup, onMount, Show, type JSX } from 'solid-js';
import AttributesPanel from '../attributes/AttributesPanel.tsx';
import VariantsPanel from '../collation/VariantsPanel.tsx';
import { variantsOpen } from '../collation/panel.ts';
import { useEntities } from '../entities/context.ts';
import { facsimileOpen } from '../facsimile/panel.ts';
import FacsimilePanel from '../facsimile/FacsimilePanel.tsx';
import SidePanel from '../entities/SidePanel.tsx';
import { useStores } from '../stores/context.ts';
import { arrangeDock, HANDLE_WIDTH, maxColumnWidth } from './dock.ts';
import ResizeHandle from './ResizeHandle.tsx';
import {
  attributesOpen,
  isCollapsed,
  MIN_PANEL_WIDTH,
  setCollapsed,
  panelWidth,
  setPanelWidth,
  type ResizablePanel,
} from './layoutState.ts';

/**
 * What the text column needs besides its 45 characters in the narrow layout:
 * the sheet's paddings and border and the scroller's padding (layout.css, the
 * `@container` rule for a narrow scroller).
 */
const NARROW_PAGE_CHROME = 64 + 16 + 2 + 2 * 8;

/** The title bar of a panel in a stacked column (layout.css `.dock-bar`). */
const BAR_HEIGHT = 26;

interface DockPanel {
  id: ResizablePanel;
  label: string;
  /** The title on its bar when stacked. */
  title: string;
  open: () => boolean;
  render: () => JSX.Element;
}

export default function PanelDock() {
  const [project] = useStores().project;
  const [entityState] = useEntities();
  let dock!: HTMLDivElement;
  let measure!: HTMLSpanElement;
  const [paneWidth, setPaneWidth] = createSignal(0);
  const [textMeasure, setTextMeasure] = createSignal(0);

  const panels: DockPanel[] = [
    // The page image first: the column nearest the text.
    {
      id: 'facsimile',
      label: 'page image',
      title: 'Page image',
      open: () => facsimileOpen(),
      render: () => (
        <Show when={facsimileOpen()}>
          <FacsimilePanel />
        </Show>
      ),
    },
    {
      id: 'variants',
      label: 'variants',
      title: 'Variants',
      open: () => variantsOpen() && project.currentId !== null,
      render: () => (
        <Show when={variantsOpen() && project.currentId} keyed>
          {(id) => <VariantsPanel documentId={id} />}
        </Show>
      ),
    },
    {
      id: 'side',
      label: 'register and notes',
      title: 'Register and notes',
      open: () => entityState.panel !== null,
      render: () => <SidePanel />,
    },
    {
      id: 'attributes',
      label: 'attributes',
      title: 'Attributes',
      open: () => attributesOpen(),
      render: () => (
        <Show when={attributesOpen()}>
          <AttributesPanel />
        </Show>
      ),
    },
  ];

  const minText = () => textMeasure() + NARROW_PAGE_CHROME;
  const layout = createMemo(() =>
    arrangeDock(
      panels.filter((p) => p.open()).map((p) => ({ id: p.id, width: panelWidth(p.id) })),
      paneWidth(),
      minText(),
    ),
  );

  /** A column's left edge inside the dock. */
  const columnLeft = (index: number) =>
    layout()
      .columns.slice(0, index)
      .reduce((sum, c) => sum + c.width + HANDLE_WIDTH, 0);

  /** The column of a panel, if it is open. */
  const columnOf = (id: string) => layout().columns.find((col) => col.panels.includes(id)) ?? null;
  /** Whether a panel shares its column with others (then it has a title bar and can fold). */
  const stacked = (id: string) => (columnOf(id)?.panels.length ?? 0) > 1;
  const folded = (id: ResizablePanel) => stacked(id) && isCollapsed(id);

  const slotStyle = (id: ResizablePanel): JSX.CSSProperties => {
    const columns = layout().columns;
    const c = columns.findIndex((col) => col.panels.includes(id));
    if (c < 0) return { display: 'none' };
    const column = columns[c]!;
    // Folded panels take their bar's height; the others share the rest equally.
    const isFolded = column.panels.map((p) => folded(p as ResizablePanel));
    const foldedCount = isFolded.filter(Boolean).length;
    const open = column.panels.length - foldedCount;
    const share = (n: number) => (open === 0 ? '0px' : `(100% - ${foldedCount * BAR_HEIGHT}px) * ${n} / ${open}`);
    const row = column.panels.indexOf(id);
    const before = isFolded.slice(0, row);
    const foldedBefore = before.filter(Boolean).length;
    return {
      left: `${columnLeft(c) + HANDLE_WIDTH}px`,
      width: `${column.width}px`,
      top: `calc(${share(before.length - foldedBefore)} + ${foldedBefore * BAR_HEIGHT}px)`,
      height: isFolded[row] ? `${BAR_HEIGHT}px` : `calc(${share(1)})`,
    };
  };

  const resizeColumn = (index: number, width: number) => {
    const column = layout().columns[index];
    if (!column) return;
    const max = maxColumnWidth(layout(), index, paneWidth(), minText());
    for (const id of column.panels) setPanelWidth(id as ResizablePanel, width, max);
  };

  onMount(() => {
    const pane = dock.parentElement!;
    const observe = () => {
      setPaneWidth(pane.clientWidth);
      setTextMeasure(measure.offsetWidth);
    };
    const observer = new ResizeObserver(observe);
    observer.observe(pane);
    observer.observe(measure); // the text font arriving changes the measure
    observe();
    onCleanup(() => observer.disconnect());
  });

  return (
    <div
      class="panel-dock"
      ref={dock}
      classList={{ overlay: layout().mode === 'overlay', empty: layout().columns.length === 0 }}
      style={{ width: `${layout().width}px` }}
      data-columns={layout().columns.length}
    >
      <span class="text-measure" aria-hidden="true" ref={measure} />
      <Index each={layout().columns}>
        {(column, i) => (
          <ResizeHandle
            label={`Resize the ${column()
              .panels.map((id) => panels.find((p) => p.id === id)?.label ?? id)
              .join(' and ')} panel`}
            width={column().width}
            left={columnLeft(i)}
            min={MIN_PANEL_WIDTH}
            max={maxColumnWidth(layout(), i, paneWidth(), minText())}
            onResize={(w) => resizeColumn(i, w)}
          />
        )}
      </Index>
      <For each={panels}>
        {(panel) => (
          <div class="dock-slot" data-panel={panel.id} style={slotStyle(panel.id)}>
            <Show when={stacked(panel.id)}>
              <button
                type="button"
                class="dock-bar"
                aria-expanded={!folded(panel.id)}
                title={folded(panel.id) ? 'Unfold the panel' : 'Fold the panel to its title'}
                onClick={() => setCollapsed(panel.id, !isCollapsed(panel.id))}
              >
                <span aria-hidden="true">{folded(panel.id) ? '▸' : '▾'}</span> {panel.title}
              </button>
            </Show>
            <div class="dock-content" hidden={folded(panel.id)}>
              {panel.render()}
            </div>
          </div>
        )}
      </For>
    </div>
  );
}
