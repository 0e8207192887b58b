/**
 * The alignment table: witnesses as rows, places of variation highlighted. The table
 * wraps into blocks as wide as the panel (all of one height), and only the blocks on
 * screen are drawn, so a chapter's table costs what a screenful does.
 */
import { createMemo, createSignal, For, Index, onCleanup, onMount, Show } from 'solid-js';
import { cellLabel, kindsByColumn, tableBlocks } from './workbench.ts';
import type { VariantsStore } from './store.ts';

const ROW_PX = 26;
const BLOCK_GAP_PX = 14;
/** Blocks drawn beyond the screen's edges, so scrolling shows no blank. */
const OVERSCAN = 3;

export default function AlignmentTable(props: { store: VariantsStore }) {
  const state = () => props.store[0];
  const actions = () => props.store[1];
  let scroller!: HTMLDivElement;
  let probe!: HTMLSpanElement;
  const [widthChars, setWidthChars] = createSignal(60);
  const [scrollTop, setScrollTop] = createSignal(0);
  const [viewHeight, setViewHeight] = createSignal(600);

  onMount(() => {
    const measure = () => {
      const ch = probe.getBoundingClientRect().width / 10 || 8;
      // The sigla column takes about 7 characters.
      setWidthChars(Math.max(20, Math.floor(scroller.clientWidth / ch) - 9));
      setViewHeight(scroller.clientHeight);
    };
    const observer = new ResizeObserver(measure);
    observer.observe(scroller);
    measure();
    onCleanup(() => observer.disconnect());
  });

  const bench = () => actions().bench();
  const blocks = createMemo(() => {
    const b = bench();
    return b ? tableBlocks(b, widthChars()) : [];
  });
  const kinds = createMemo(() => {
    const b = bench();
    return b ? kindsByColumn(b, actions().shownSet()) : new Map();
  });
  const rows = () => bench()?.sigla.length ?? 0;
  const blockHeight = () => rows() * ROW_PX + BLOCK_GAP_PX;
  const visible = createMemo(() => {
    const h = Math.max(1, blockHeight());
    const first = Math.max(0, Math.floor(scrollTop() / h) - OVERSCAN);
    const last = Math.min(blocks().length, Math.ceil((scrollTop() + viewHeight()) / h) + OVERSCAN);
    return Array.from({ length: Math.max(0, last - first) }, (_, i) => first + i);
  });

  return (
    <div class="alignment" ref={scroller} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
      <span class="alignment-probe" ref={probe} aria-hidden="true">
        0000000000
      </span>
      <Show when={rows() >= 2} fallback={<p class="hint">Add a witness to see the alignment table.</p>}>
        <div
          class="alignment-sheet"
          style={{ height: `${blocks().length * blockHeight()}px` }}
          role="table"
          aria-label="Alignment table"
        >
          <For each={visible()}>
            {(index) => {
              const block = () => blocks()[index]!;
              return (
                <div class="alignment-block" role="rowgroup" style={{ top: `${index * blockHeight()}px` }}>
                  <Index each={bench()!.sigla}>
                    {(siglum, w) => (
                      <div class="alignment-row" role="row" classList={{ base: w === 0 }}>
                        <span class="alignment-siglum" role="rowheader">
                          {siglum()}
                        </span>
                        <For each={block().columns}>
                          {(k, i) => {
                            const cell = () => bench()!.view.segmentation.columns[k]!.cells[w] ?? null;
                            const baseCell = () => bench()!.view.segmentation.columns[k]!.cells[0] ?? null;
                            const shown = () => kinds().has(k);
                            return (
                              <span
                                role="cell"
                                class="alignment-cell"
                                classList={{
                                  variant: shown(),
                                  differs: shown() && w > 0 && cellLabel(cell()) !== cellLabel(baseCell()),
                                  gap: cell() === null || cellLabel(cell()) === '',
                                  pointed: state().column === k,
                                }}
                                style={{ width: `${block().widths[i()]}ch` }}
                                title={cellLabel(cell()) || '(nothing)'}
                                data-col={k}
                                onClick={() => actions().point(k)}
                              >
                                {cellLabel(cell()) || (shown() ? '–' : (cell()?.text ?? '').includes('\n') ? '¶' : '')}
                              </span>
                            );
                          }}
                        </For>
                      </div>
                    )}
                  </Index>
                </div>
              );
            }}
          </For>
        </div>
      </Show>
    </div>
  );
}
