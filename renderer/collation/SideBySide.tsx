/**
 * Two witnesses side by side, each difference linked across: pointing at one side's
 * reading lights up the other side's, and a click scrolls the other side to it. The
 * highlight is set on the DOM directly (not through Solid), so pointing costs the two
 * spans it touches, not a redraw of the text.
 */
import { createMemo, For, Index, Show } from 'solid-js';
import { pairSegments } from './workbench.ts';
import type { VariantsStore } from './store.ts';

export default function SideBySide(props: { store: VariantsStore }) {
  const state = () => props.store[0];
  const actions = () => props.store[1];
  let root!: HTMLDivElement;
  const bench = () => actions().bench();
  const pair = createMemo(() => {
    const b = bench();
    if (!b || b.sigla.length < 2) return null;
    return pairSegments(b, state().pair[0], state().pair[1]);
  });

  let lit: Element[] = [];
  const light = (column: number | null) => {
    for (const el of lit) el.classList.remove('linked');
    lit = column === null ? [] : [...root.querySelectorAll(`[data-col="${column}"]`)];
    for (const el of lit) el.classList.add('linked');
  };
  const jump = (column: number, from: Element) => {
    actions().point(column);
    for (const el of root.querySelectorAll(`[data-col="${column}"]`)) {
      if (el !== from) el.scrollIntoView({ block: 'center', behavior: 'smooth' });
    }
  };

  const side = (which: 0 | 1) => (
    <div class="pair-side" aria-label={`Text of ${bench()?.sigla[state().pair[which]] ?? ''}`}>
      <select
        class="pair-select"
        aria-label={which === 0 ? 'Left witness' : 'Right witness'}
        value={state().pair[which]}
        onChange={(e) => actions().setPair(which, Number(e.currentTarget.value))}
      >
        <Index each={bench()?.sigla ?? []}>
          {(s, i) => (
            <option value={i} selected={i === state().pair[which]}>
              {s()}
            </option>
          )}
        </Index>
      </select>
      <div class="pair-text">
        <For each={which === 0 ? pair()?.left : pair()?.right}>
          {(seg) =>
            seg.differs ? (
              <>
                <mark
                  class="pair-diff"
                  classList={{ empty: seg.text.trim() === '' }}
                  data-col={seg.column}
                  tabIndex={0}
                  onMouseEnter={() => light(seg.column)}
                  onMouseLeave={() => light(null)}
                  onFocus={() => light(seg.column)}
                  onClick={(e) => jump(seg.column, e.currentTarget)}
                >
                  {seg.text.trim() === '' ? '‸' : seg.text.trimEnd()}
                </mark>
                {seg.text.slice(seg.text.trimEnd().length)}
              </>
            ) : (
              <span>{seg.text}</span>
            )
          }
        </For>
      </div>
    </div>
  );

  return (
    <Show when={pair()} fallback={<p class="hint">Add a witness to compare two texts.</p>}>
      {(p) => (
        <div class="pair" ref={root}>
          <p class="pair-count">
            {p().differences} {p().differences === 1 ? 'difference' : 'differences'} between{' '}
            <strong class="siglum">{bench()!.sigla[state().pair[0]]}</strong> and{' '}
            <strong class="siglum">{bench()!.sigla[state().pair[1]]}</strong>
          </p>
          <div class="pair-columns">
            {side(0)}
            {side(1)}
          </div>
        </div>
      )}
    </Show>
  );
}
