/**
 * One register entry: its form, its mentions, the suggestions queue, and the
 * two operations on the register itself: merging a duplicate into it (the
 * duplicate's mentions follow) and deleting it (at once when unused; after a
 * confirmation that unmarks its mentions otherwise).
 */
import { For, Show, createEffect, createSignal, onCleanup } from 'solid-js';
import type { EntityInfo, TypeaheadHit } from '../../edition/api.ts';
import { useStores } from '../stores/context.ts';
import { useEntities } from './context.ts';
import EntityForm from './EntityForm.tsx';
import EntityMentions from './EntityMentions.tsx';
import { kindOf } from './kinds.ts';
import SuggestionQueue from './SuggestionQueue.tsx';

export default function EntityDetail(props: { entity: EntityInfo }) {
  const { client, notices } = useStores();
  const [, entities] = useEntities();
  const [mergeQuery, setMergeQuery] = createSignal('');
  const [mergeHits, setMergeHits] = createSignal<TypeaheadHit[]>([]);
  const [duplicate, setDuplicate] = createSignal<TypeaheadHit | null>(null);
  const [confirmDelete, setConfirmDelete] = createSignal(false);
  const [outcome, setOutcome] = createSignal<string | null>(null);

  createEffect(() => {
    const q = mergeQuery().trim();
    if (q === '') return setMergeHits([]);
    const self = props.entity.id;
    let stale = false;
    void client
      .searchEntities({ query: q, limit: 6, types: [props.entity.type] })
      .then((hits) => !stale && setMergeHits(hits.filter((h) => h.id !== self)))
      .catch(() => undefined);
    onCleanup(() => (stale = true));
  });

  const merge = async () => {
    const dup = duplicate();
    if (!dup) return;
    try {
      const result = await client.mergeEntities({
        keptId: props.entity.id,
        duplicateId: dup.id,
      });
      setDuplicate(null);
      setMergeQuery('');
      const kept = result.conflicts.map((c) => `${c.field}: kept “${c.kept}”, dropped “${c.dropped}”`);
      setOutcome(
        `Merged “${dup.name}” into “${result.entity.name}”; mentions moved in ${result.relinked} document${result.relinked === 1 ? '' : 's'}.` +
          (kept.length > 0 ? ` ${kept.join('; ')}.` : ''),
      );
    } catch (error) {
      notices[1].show(error, 'Could not merge the entries');
    }
  };

  const remove = async (force: boolean) => {
    try {
      await client.deleteEntity({ id: props.entity.id, force });
      entities.select(null);
    } catch (error) {
      notices[1].show(error, 'Could not delete the entry');
    }
  };

  return (
    <div class="entity-detail" data-kind={props.entity.type}>
      <div class="entity-detail-head">
        <button type="button" class="link-button back" onClick={() => entities.select(null)}>
          ← All entries
        </button>
        <h2 class="entity-title">
          <span class="kind-dot" data-kind={props.entity.type} />
          {props.entity.name}
        </h2>
        <div class="entity-subtitle">
          {kindOf(props.entity.type).label}
          <Show when={props.entity.xmlId}>{(x) => <span> · xml:id {x()}</span>}</Show>
        </div>
      </div>
      <Show when={outcome()}>
        <p class="entity-outcome">{outcome()}</p>
      </Show>
      <EntityMentions entity={props.entity} />
      <section class="entity-section" aria-label="Entry">
        <h3 class="section-title">Entry</h3>
        <Show when={props.entity.id} keyed>
          <EntityForm entity={props.entity} />
        </Show>
      </section>
      <SuggestionQueue entity={props.entity} />

      <section class="entity-section" aria-label="Merge">
        <h3 class="section-title">Merge a duplicate into this entry</h3>
        <input
          class="panel-search"
          placeholder={`Find another ${kindOf(props.entity.type).label.toLowerCase()}…`}
          aria-label="Duplicate to merge"
          value={mergeQuery()}
          onInput={(e) => {
            setMergeQuery(e.currentTarget.value);
            setDuplicate(null);
          }}
        />
        <Show when={duplicate() === null}>
          <ul class="merge-hits">
            <For each={mergeHits()}>
              {(hit) => (
                <li>
                  <button type="button" class="merge-hit" onClick={() => setDuplicate(hit)}>
                    {hit.name}
                    <Show when={hit.matched !== hit.name}>
                      <span class="hit-matched"> {hit.matched}</span>
                    </Show>
                  </button>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <Show when={duplicate()}>
          {(dup) => (
            <div class="confirm-box">
              <p>
                “{dup().name}” will become an alternative name of “{props.entity.name}”; its mentions will point here
                and it leaves the register.
              </p>
              <div class="dialog-buttons">
                <button type="button" class="button" onClick={() => setDuplicate(null)}>
                  Cancel
                </button>
                <button type="button" class="button primary" onClick={() => void merge()}>
                  Merge
                </button>
              </div>
            </div>
          )}
        </Show>
      </section>

      <section class="entity-section" aria-label="Delete">
        <Show
          when={confirmDelete()}
          fallback={
            <button
              type="button"
              class="button danger"
              onClick={() => (props.entity.mentions === 0 ? void remove(false) : setConfirmDelete(true))}
            >
              Delete entry
            </button>
          }
        >
          <div class="confirm-box">
            <p>
              “{props.entity.name}” is mentioned {props.entity.mentions} time
              {props.entity.mentions === 1 ? '' : 's'}. Deleting it unmarks those mentions; their text stays.
            </p>
            <div class="dialog-buttons">
              <button type="button" class="button" onClick={() => setConfirmDelete(false)}>
                Keep it
              </button>
              <button type="button" class="button danger" onClick={() => void remove(true)}>
                Delete and unmark
              </button>
            </div>
          </div>
        </Show>
      </section>
    </div>
  );
}
