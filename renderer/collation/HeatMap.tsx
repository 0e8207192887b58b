/**
 * The base text shaded by how much the witnesses vary: the darker a stretch, the more
 * witnesses read something else there; a caret marks words other witnesses add. A
 * stretch's tooltip gives the readings; a click points at it in the other views.
 */
import { createMemo, For, Show } from 'solid-js';
import { heatSpans } from './workbench.ts';
import type { VariantsStore } from './store.ts';

export default function HeatMap(props: { store: VariantsStore }) {
  const actions = () => props.store[1];
  const bench = () => actions().bench();
  const spans = createMemo(() => {
    const b = bench();
    return b && b.sigla.length >= 2 ? heatSpans(b, actions().shownSet()) : [];
  });
  const readings = (column: number) => {
    const entry = bench()?.view.apparatus.find((e) => e.column === column);
    if (!entry) return '';
    const lemma = `${entry.lemma.text.trim() || '(nothing)'} ${entry.lemma.wit.join(' ')}`;
    return [lemma, ...entry.readings.map((r) => `${r.text.trim() || 'om.'} ${r.wit.join(' ')}`)].join(' | ');
  };

  return (
    <Show when={spans().length > 0} fallback={<p class="hint">Add a witness to see where the texts vary.</p>}>
      <div class="heat">
        <p class="heat-legend" aria-hidden="true">
          {/* Classes, not constant inline styles: the window's content policy refuses those. */}
          <span class="heat-swatch heat-one" /> one witness differs
          <span class="heat-swatch heat-all" /> all differ
          <span class="heat-add">‸</span> words added
        </p>
        <div class="heat-text" aria-label={`Base text ${bench()?.sigla[0] ?? ''} by variation`}>
          <For each={spans()}>
            {(s) =>
              s.addition ? (
                <span
                  class="heat-add"
                  data-col={s.column}
                  style={{ '--heat': String(s.weight) }}
                  title={readings(s.column)}
                  onClick={() => actions().point(s.column)}
                >
                  ‸
                </span>
              ) : s.weight > 0 ? (
                <span
                  class="heat-span"
                  data-col={s.column}
                  style={{ '--heat': String(s.weight) }}
                  title={readings(s.column)}
                  onClick={() => actions().point(s.column)}
                >
                  {s.text}
                </span>
              ) : (
                <span>{s.text}</span>
              )
            }
          </For>
        </div>
      </div>
    </Show>
  );
}
