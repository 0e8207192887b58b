/** Every mention of one entry across the project, with its context; a click opens the document at it. */
import { For, Show, createResource } from 'solid-js';
import type { EntityInfo } from '../../edition/api.ts';
import { useStores } from '../stores/context.ts';
import { useEntities } from './context.ts';
import { groupByDocument } from './groupByDocument.ts';
import MentionContext from './MentionContext.tsx';

export default function EntityMentions(props: { entity: EntityInfo }) {
  const { client, notices } = useStores();
  const [, entities] = useEntities();
  // Refetched when the entry or its count of mentions changes.
  const [mentions] = createResource(
    () => [props.entity.id, props.entity.mentions, props.entity.name] as const,
    ([id]) =>
      client.entityMentions({ id }).catch((error: unknown) => {
        notices[1].show(error, 'Could not list the mentions');
        return [];
      }),
  );

  return (
    <section class="entity-section" aria-label="Mentions">
      <h3 class="section-title">
        Mentions <span class="count">{props.entity.mentions}</span>
      </h3>
      <Show
        when={(mentions()?.length ?? 0) > 0}
        fallback={<p class="panel-empty">Not mentioned in any document yet.</p>}
      >
        <For each={groupByDocument(mentions() ?? [])}>
          {(group) => (
            <div class="mention-group">
              <div class="mention-where">{group[0]!.document}</div>
              <ul class="mention-list">
                <For each={group}>
                  {(m) => (
                    <li>
                      <button
                        type="button"
                        class="mention-row"
                        onClick={() => entities.reveal(m.documentId, m.from, m.to)}
                        title="Open the document at this mention"
                      >
                        <span class="mention-context">
                          <MentionContext before={m.before} text={m.text} after={m.after} />
                        </span>
                        <Show when={m.page !== null || m.inNote}>
                          <span class="mention-page">
                            {[m.page === null ? '' : `p. ${m.page}`, m.inNote ? 'in a note' : '']
                              .filter(Boolean)
                              .join(' · ')}
                          </span>
                        </Show>
                      </button>
                    </li>
                  )}
                </For>
              </ul>
            </div>
          )}
        </For>
      </Show>
    </section>
  );
}
