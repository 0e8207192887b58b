/**
 * Search the whole project, in the sidebar: words (diacritics and case folded),
 * "a phrase", prefix*, or a regular expression; limited to a part, an element, a
 * volume or a date range. Hits are grouped by document; a click opens the document
 * with the hit selected. Results are searched again when documents change, so they
 * stay right while the user edits. Replace (below the results) works on the same
 * query.
 */
import { createEffect, createSignal, For, onCleanup, Show } from 'solid-js';
import type { SiglumEvent, TypeaheadHit } from '../../edition/api.ts';
import type { SearchArgs, SearchHit, SearchResult, SearchScope } from '../../edition/search/api.ts';
import { useEntities } from '../entities/context.ts';
import { useStores } from '../stores/context.ts';
import { revealWhenOpen, selectPlace } from './reveal.ts';
import EntityPicker from './EntityPicker.tsx';
import ReplaceBox from './ReplaceBox.tsx';
import './search.css';

const PAGE = 50;
const SEARCH_DELAY_MS = 250;
/** After an edit, how long to wait before searching again. */
const REFRESH_DELAY_MS = 600;
/** How soon a search answered while the index was being built asks again. */
const INDEXING_REFRESH_MS = 1000;

const SCOPES: Array<{ value: '' | SearchScope; label: string }> = [
  { value: '', label: 'Everywhere' },
  { value: 'text', label: 'Text' },
  { value: 'notes', label: 'Notes' },
  { value: 'apparatus', label: 'Apparatus readings' },
  { value: 'names', label: 'Register names' },
  { value: 'titles', label: 'Titles' },
  { value: 'meta', label: 'Metadata' },
];

/** Consecutive hits of one document (or of the register) under one heading. */
function groupHits(hits: readonly SearchHit[]): Array<{ key: string; title: string; hits: SearchHit[] }> {
  const groups: Array<{ key: string; title: string; hits: SearchHit[] }> = [];
  for (const hit of hits) {
    const key = hit.documentId ?? 'register';
    const last = groups[groups.length - 1];
    if (last !== undefined && last.key === key) last.hits.push(hit);
    else groups.push({ key, title: hit.documentId === null ? 'Register' : hit.title, hits: [hit] });
  }
  return groups;
}

const FIELD_LABELS: Record<string, string> = {
  title: 'title',
  meta: 'metadata',
  notes: 'note',
  apparatus: 'reading',
  names: 'name',
  element: 'element',
};

export default function SearchPanel() {
  const { client, project, editor, notices } = useStores();
  const entities = useEntities();
  const [projectState, projectActions] = project;
  const [query, setQuery] = createSignal('');
  const [regex, setRegex] = createSignal(false);
  const [scope, setScope] = createSignal<'' | SearchScope>('');
  const [element, setElement] = createSignal('');
  const [collectionId, setCollectionId] = createSignal('');
  const [dateFrom, setDateFrom] = createSignal('');
  const [dateTo, setDateTo] = createSignal('');
  const [entity, setEntity] = createSignal<TypeaheadHit | null>(null);
  const [result, setResult] = createSignal<SearchResult | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;

  const args = (offset: number): SearchArgs => ({
    query: query(),
    regex: regex(),
    ...(scope() !== '' ? { in: [scope() as SearchScope] } : {}),
    ...(element().trim() !== '' ? { element: element().trim() } : {}),
    ...(collectionId() !== '' ? { collectionId: collectionId() } : {}),
    ...(/^\d{4}(-\d\d){0,2}$/.test(dateFrom()) ? { dateFrom: dateFrom() } : {}),
    ...(/^\d{4}(-\d\d){0,2}$/.test(dateTo()) ? { dateTo: dateTo() } : {}),
    ...(entity() !== null ? { entityId: entity()!.id } : {}),
    limit: PAGE,
    offset,
  });

  async function search(): Promise<void> {
    clearTimeout(timer);
    const ask = ++asked;
    if (query().trim() === '') {
      setResult(null);
      setError(null);
      return;
    }
    try {
      const found = await client.searchProject(args(0));
      if (ask !== asked) return; // a later search has been asked for
      setResult(found);
      setError(null);
      // Right after an import the index is still being built: ask again until it is whole.
      if (found.indexing !== undefined) later(INDEXING_REFRESH_MS);
    } catch (e) {
      if (ask !== asked) return;
      setResult(null);
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  async function more(): Promise<void> {
    const current = result();
    if (current === null) return;
    try {
      const next = await client.searchProject(args(current.hits.length));
      setResult({ ...next, hits: [...current.hits, ...next.hits] });
    } catch (e) {
      notices[1].show(e, 'Could not load more hits');
    }
  }

  const later = (delay = SEARCH_DELAY_MS) => {
    clearTimeout(timer);
    timer = setTimeout(() => void search(), delay);
  };

  // Edits anywhere may change the hits: search again once they pause.
  function onEvent(event: SiglumEvent): void {
    const changed = event.type === 'steps' || event.type === 'documents-changed' || event.type === 'entities-changed';
    if (changed && result() !== null) later(REFRESH_DELAY_MS);
  }
  createEffect(() => {
    const unsubscribe = client.subscribe(onEvent);
    onCleanup(() => {
      unsubscribe();
      clearTimeout(timer);
    });
  });

  const open = (hit: SearchHit) => {
    // A register entry's name: the entry, in the register panel.
    if (hit.documentId === null) {
      if (hit.entityId !== null) entities[1].select(hit.entityId);
      return;
    }
    const place =
      hit.run !== null && hit.start !== null && hit.end !== null
        ? { documentId: hit.documentId, run: hit.run, start: hit.start, end: hit.end }
        : null;
    const view = editor[1].view();
    if (projectState.currentId === hit.documentId && view !== null) {
      if (place !== null) selectPlace(view, place);
      return;
    }
    if (place !== null) revealWhenOpen(place);
    projectActions.open(hit.documentId);
  };

  return (
    <div class="search-panel">
      <form
        class="search-form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
      >
        <input
          type="search"
          aria-label="Search the project"
          placeholder="Search the project"
          value={query()}
          onInput={(e) => {
            setQuery(e.currentTarget.value);
            later();
          }}
        />
        <div class="search-options">
          <label>
            <input
              type="checkbox"
              checked={regex()}
              onChange={(e) => {
                setRegex(e.currentTarget.checked);
                later(0);
              }}
            />
            Regular expression
          </label>
          <select
            aria-label="Search in"
            value={scope()}
            onChange={(e) => {
              setScope(e.currentTarget.value as '' | SearchScope);
              later(0);
            }}
          >
            <For each={SCOPES}>{(s) => <option value={s.value}>{s.label}</option>}</For>
          </select>
        </div>
        <details class="search-filters">
          <summary>Filters</summary>
          <label>
            Only in element
            <input
              type="text"
              placeholder="persName, placeName, gloss…"
              value={element()}
              onInput={(e) => {
                setElement(e.currentTarget.value);
                later();
              }}
            />
          </label>
          <label>
            Volume
            <select
              value={collectionId()}
              onChange={(e) => {
                setCollectionId(e.currentTarget.value);
                later(0);
              }}
            >
              <option value="">All</option>
              <For each={projectState.collections}>{(c) => <option value={c.id}>{c.title}</option>}</For>
            </select>
          </label>
          <label>
            Dated from
            <input
              type="text"
              placeholder="YYYY-MM-DD"
              aria-label="Dated from"
              value={dateFrom()}
              onInput={(e) => {
                setDateFrom(e.currentTarget.value.trim());
                later();
              }}
            />
          </label>
          <label>
            to
            <input
              type="text"
              placeholder="YYYY-MM-DD"
              aria-label="Dated to"
              value={dateTo()}
              onInput={(e) => {
                setDateTo(e.currentTarget.value.trim());
                later();
              }}
            />
          </label>
          <label>
            In documents mentioning
            <EntityPicker
              label="In documents mentioning"
              onPick={(picked) => {
                setEntity(picked);
                later(0);
              }}
            />
          </label>
        </details>
      </form>
      <Show when={error()}>{(message) => <p class="search-error">{message()}</p>}</Show>
      <Show when={result()}>
        {(r) => (
          <div class="search-results" aria-label="Search results">
            <p class="search-summary">
              {r().total === 0
                ? 'Nothing found.'
                : `${r().total} passage${r().total === 1 ? '' : 's'} in ${r().documents} document${r().documents === 1 ? '' : 's'}`}
            </p>
            <Show when={r().indexing}>
              {(indexing) => (
                <p class="search-indexing" role="status">
                  Still indexing {indexing().documentsLeft} document{indexing().documentsLeft === 1 ? '' : 's'}: these
                  are the results so far, and they fill in by themselves.
                </p>
              )}
            </Show>
            <For each={groupHits(r().hits)}>
              {(group) => (
                <section class="search-group">
                  <h3 class="search-doc" title={group.title}>
                    {group.title}
                  </h3>
                  <ul>
                    <For each={group.hits}>
                      {(hit) => (
                        <li>
                          <button type="button" class="search-hit" onClick={() => open(hit)}>
                            <Show when={hit.field !== 'text'}>
                              <span class="search-field">{FIELD_LABELS[hit.field] ?? hit.field}</span>
                            </Show>
                            {hit.before}
                            <mark>{hit.match}</mark>
                            {hit.after}
                          </button>
                        </li>
                      )}
                    </For>
                  </ul>
                </section>
              )}
            </For>
            <Show when={r().hits.length < r().total}>
              <button type="button" class="search-more" onClick={() => void more()}>
                Show more ({r().total - r().hits.length} left)
              </button>
            </Show>
          </div>
        )}
      </Show>
      <ReplaceBox find={query()} regex={regex()} onDone={() => later(0)} />
    </div>
  );
}
