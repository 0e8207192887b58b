/**
 * The document list as a table to sort and narrow: by position, date, title or last
 * edit; to a volume, a date range, or the documents that mention a register entry.
 * Each row shows the document's number, date and whole title (wrapped, not cut), so
 * that FRUS's many "The Ambassador in ... to the Secretary of State" read apart.
 */
import { createEffect, createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import type { SiglumEvent, TypeaheadHit } from '../../edition/api.ts';
import type { DocumentListEntry, DocumentSort } from '../../edition/search/api.ts';
import { useStores } from '../stores/context.ts';
import EntityPicker from './EntityPicker.tsx';

const SORTS: Array<{ value: DocumentSort; label: string }> = [
  { value: 'position', label: 'Position' },
  { value: 'date', label: 'Date' },
  { value: 'title', label: 'Title' },
  { value: 'edited', label: 'Last edit' },
];
const DATE = /^\d{4}(-\d\d){0,2}$/;

export default function DocumentList() {
  const { client, project, notices } = useStores();
  const [projectState, projectActions] = project;
  const [sort, setSort] = createSignal<DocumentSort>('position');
  const [descending, setDescending] = createSignal(false);
  const [collectionId, setCollectionId] = createSignal('');
  const [dateFrom, setDateFrom] = createSignal('');
  const [dateTo, setDateTo] = createSignal('');
  const [entity, setEntity] = createSignal<TypeaheadHit | null>(null);
  // Merged by id on each reload (reconcile), so that a row that did not change keeps its
  // element, and with it the keyboard focus, when another change reloads the list.
  const [list, setList] = createStore<{ rows: DocumentListEntry[] }>({ rows: [] });
  const rows = (): DocumentListEntry[] => list.rows;
  let asked = 0;

  async function load(): Promise<void> {
    const ask = ++asked;
    try {
      const sorted = await client.listDocumentsSorted({
        sort: sort(),
        descending: descending(),
        ...(collectionId() !== '' ? { collectionId: collectionId() } : {}),
        ...(DATE.test(dateFrom()) ? { dateFrom: dateFrom() } : {}),
        ...(DATE.test(dateTo()) ? { dateTo: dateTo() } : {}),
        ...(entity() !== null ? { entityId: entity()!.id } : {}),
      });
      if (ask === asked) setList('rows', reconcile(sorted, { key: 'id' }));
    } catch (e) {
      notices[1].show(e, 'Could not list the documents');
    }
  }
  function onEvent(event: SiglumEvent): void {
    if (event.type === 'documents-changed' || (event.type === 'steps' && sort() === 'edited')) void load();
  }
  onMount(() => void load());
  createEffect(() => {
    const unsubscribe = client.subscribe(onEvent);
    onCleanup(unsubscribe);
  });

  return (
    <div class="document-list">
      <div class="list-controls">
        <label>
          Sort by
          <select
            aria-label="Sort documents by"
            value={sort()}
            onChange={(e) => {
              setSort(e.currentTarget.value as DocumentSort);
              setDescending(e.currentTarget.value === 'edited');
              void load();
            }}
          >
            <For each={SORTS}>{(s) => <option value={s.value}>{s.label}</option>}</For>
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            checked={descending()}
            onChange={(e) => {
              setDescending(e.currentTarget.checked);
              void load();
            }}
          />
          Reverse
        </label>
        <label>
          Volume
          <select
            aria-label="Volume"
            value={collectionId()}
            onChange={(e) => {
              setCollectionId(e.currentTarget.value);
              void load();
            }}
          >
            <option value="">All</option>
            <For each={projectState.collections}>{(c) => <option value={c.id}>{c.title}</option>}</For>
          </select>
        </label>
        <label>
          From
          <input
            type="text"
            aria-label="Documents dated from"
            placeholder="YYYY-MM-DD"
            value={dateFrom()}
            onInput={(e) => {
              setDateFrom(e.currentTarget.value.trim());
              if (dateFrom() === '' || DATE.test(dateFrom())) void load();
            }}
          />
        </label>
        <label>
          To
          <input
            type="text"
            aria-label="Documents dated to"
            placeholder="YYYY-MM-DD"
            value={dateTo()}
            onInput={(e) => {
              setDateTo(e.currentTarget.value.trim());
              if (dateTo() === '' || DATE.test(dateTo())) void load();
            }}
          />
        </label>
        <label>
          Mentions
          <EntityPicker
            label="Documents mentioning"
            onPick={(picked) => {
              setEntity(picked);
              void load();
            }}
          />
        </label>
      </div>
      <p class="list-count">
        {rows().length} document{rows().length === 1 ? '' : 's'}
        <Show when={entity()}>{(e) => ` mentioning ${e().name}`}</Show>
      </p>
      <ul class="sorted-docs" aria-label="Sorted documents">
        <For each={rows()}>
          {(d) => (
            <li>
              <a
                class="sorted-doc"
                classList={{ current: projectState.currentId === d.id }}
                href={`#/doc/${encodeURIComponent(d.id)}`}
                onClick={(e) => {
                  e.preventDefault();
                  projectActions.open(d.id);
                }}
              >
                <span class="sorted-doc-n">{d.n ?? ''}</span>
                <span class="sorted-doc-date">{d.date ?? 'undated'}</span>
                <span class="sorted-doc-title">{d.title || 'Untitled'}</span>
              </a>
            </li>
          )}
        </For>
      </ul>
    </div>
  );
}
