/**
 * The project register: entries by type, narrowed by what is typed (names and
 * alternative names, as the marking popup matches them); a click shows one in
 * detail.
 */
import { For, Show, createEffect, createMemo, createSignal, onCleanup } from 'solid-js';
import type { EntityInfo } from '../../edition/api.ts';
import { useStores } from '../stores/context.ts';
import { useEntities } from './context.ts';
import EntityDetail from './EntityDetail.tsx';
import { BUILT_IN_KINDS, customKinds } from './kinds.ts';

/** Rows drawn at most: a register of thousands is narrowed by typing, not scrolled. */
const LIST_LIMIT = 300;

export default function RegisterPanel() {
  const { client } = useStores();
  const [state, entities] = useEntities();
  const [matchIds, setMatchIds] = createSignal<string[] | null>(null);

  const types = createMemo(() => [
    ...BUILT_IN_KINDS.filter((k) => k.linked),
    ...customKinds(state.entities.map((e) => e.type)),
  ]);

  // A query goes to the type-ahead (names and alternative names); the order is its ranking.
  createEffect(() => {
    const q = state.query.trim();
    void state.entities.length;
    if (q === '') return setMatchIds(null);
    let stale = false;
    void client
      .searchEntities({ query: q, limit: 200 })
      .then((hits) => !stale && setMatchIds(hits.map((h) => h.id)))
      .catch(() => undefined);
    onCleanup(() => (stale = true));
  });

  const shown = createMemo(() => {
    const type = state.typeFilter;
    const ids = matchIds();
    let list: EntityInfo[];
    if (ids === null) list = state.entities;
    else {
      const byId = new Map(state.entities.map((e) => [e.id, e]));
      list = ids.map((id) => byId.get(id)).filter((e): e is EntityInfo => e !== undefined);
    }
    return type === '' ? list : list.filter((e) => e.type === type);
  });

  const selected = () => entities.byId(state.selectedId);

  return (
    <Show
      when={selected()}
      fallback={
        <div class="register">
          <input
            class="panel-search"
            type="search"
            placeholder="Find a name…"
            aria-label="Find in the register"
            value={state.query}
            onInput={(e) => entities.setQuery(e.currentTarget.value)}
          />
          <div class="type-chips" role="radiogroup" aria-label="Type">
            <button
              type="button"
              class="chip"
              role="radio"
              aria-checked={state.typeFilter === ''}
              onClick={() => entities.setTypeFilter('')}
            >
              All
            </button>
            <For each={types()}>
              {(k) => (
                <button
                  type="button"
                  class="chip"
                  role="radio"
                  data-kind={k.id}
                  aria-checked={state.typeFilter === k.id}
                  onClick={() => entities.setTypeFilter(k.id)}
                >
                  <span class="kind-dot" data-kind={k.id} />
                  {k.label}
                </button>
              )}
            </For>
          </div>
          <Show
            when={shown().length > 0}
            fallback={
              <p class="panel-empty">
                {state.entities.length === 0
                  ? 'The register is empty. Select a name in the text and mark it from the Entity menu.'
                  : 'No entry matches.'}
              </p>
            }
          >
            <ul class="entity-list" aria-label="Register entries">
              <For each={shown().slice(0, LIST_LIMIT)}>
                {(e) => (
                  <li>
                    <button type="button" class="entity-row" data-kind={e.type} onClick={() => entities.select(e.id)}>
                      <span class="kind-dot" data-kind={e.type} />
                      <span class="entity-name">{e.name}</span>
                      <span class="count" title="Mentions">
                        {e.mentions}
                      </span>
                    </button>
                  </li>
                )}
              </For>
            </ul>
            <Show when={shown().length > LIST_LIMIT}>
              <p class="panel-hint">{shown().length - LIST_LIMIT} more entries: type a name to narrow the list.</p>
            </Show>
          </Show>
        </div>
      }
    >
      {(entity) => <EntityDetail entity={entity()} />}
    </Show>
  );
}
