/**
 * The index view, as a back-of-book index needs it: each mentioned entry with
 * the documents and printed pages (from the page break before each mention)
 * where it occurs. Refetched whenever the register reloads.
 */
import { For, Show, createResource, createSignal } from 'solid-js';
import { useStores } from '../stores/context.ts';
import { useEntities } from './context.ts';
import { BUILT_IN_KINDS } from './kinds.ts';

export default function IndexView() {
  const { client, notices, project } = useStores();
  const [state, entities] = useEntities();
  const [type, setType] = createSignal('person');
  const [index] = createResource(
    () => [type(), state.entities] as const,
    ([t]) =>
      client.entityIndex(t === '' ? {} : { type: t }).catch((error: unknown) => {
        notices[1].show(error, 'Could not build the index');
        return [];
      }),
  );
  const pages = (list: Array<string | null>) => {
    const known = list.filter((p): p is string => p !== null);
    return known.length === 0 ? '' : `${known.length === 1 ? 'p.' : 'pp.'} ${known.join(', ')}`;
  };

  return (
    <div class="index-view">
      <div class="type-chips" role="radiogroup" aria-label="Index of">
        <For each={[...BUILT_IN_KINDS.filter((k) => k.linked), { id: '', label: 'All' }]}>
          {(k) => (
            <button
              type="button"
              class="chip"
              role="radio"
              aria-checked={type() === k.id}
              onClick={() => setType(k.id)}
            >
              {k.label}
            </button>
          )}
        </For>
      </div>
      <Show
        when={(index()?.length ?? 0) > 0}
        fallback={<p class="panel-empty">Nothing of this type is mentioned yet.</p>}
      >
        <ol class="index-list">
          <For each={index()}>
            {(entry) => (
              <li class="index-entry">
                <button type="button" class="index-name" onClick={() => entities.select(entry.entityId)}>
                  {entry.name}
                </button>
                <For each={entry.locations}>
                  {(loc) => (
                    <button type="button" class="index-location" onClick={() => project[1].open(loc.documentId)}>
                      {loc.document}
                      <Show when={pages(loc.pages)}>{(p) => <span class="index-pages">, {p()}</span>}</Show>
                    </button>
                  )}
                </For>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </div>
  );
}
