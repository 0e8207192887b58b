/**
 * The suggestions queue for one entry: where its names occur unmarked across the
 * project. Accept or reject each, or accept all in a document. Rejections are
 * remembered by the Node side; accepting marks the text through the collab
 * authority, so an open editor receives it.
 */
import { For, Show, createMemo, createSignal } from 'solid-js';
import type { EntityInfo, SuggestionInfo } from '../../edition/api.ts';
import { useStores } from '../stores/context.ts';
import { useEntities } from './context.ts';
import { groupByDocument } from './groupByDocument.ts';
import MentionContext from './MentionContext.tsx';

export default function SuggestionQueue(props: { entity: EntityInfo }) {
  const { client, notices } = useStores();
  const [, entities] = useEntities();
  const [list, setList] = createSignal<SuggestionInfo[] | null>(null);
  const [busy, setBusy] = createSignal(false);

  const find = async () => {
    setBusy(true);
    try {
      setList(await client.entitySuggestions({ id: props.entity.id }));
    } catch (error) {
      notices[1].show(error, 'Could not look for unmarked occurrences');
    } finally {
      setBusy(false);
    }
  };

  const byDocument = createMemo(() => groupByDocument(list() ?? []));

  const run = async (work: () => Promise<unknown>, context: string) => {
    setBusy(true);
    try {
      await work();
      await find();
    } catch (error) {
      notices[1].show(error, context);
    } finally {
      setBusy(false);
    }
  };
  const accept = (documentId: string, contextHashes?: string[]) => {
    const entityId = props.entity.id;
    return run(
      () =>
        client.acceptSuggestions({
          entityId,
          documentId,
          ...(contextHashes ? { contextHashes } : {}),
        }),
      'Could not mark the occurrence',
    );
  };
  const reject = (s: SuggestionInfo) => {
    const entityId = props.entity.id;
    return run(
      () =>
        client.rejectSuggestion({
          entityId,
          documentId: s.documentId,
          text: s.text,
          contextHash: s.contextHash,
        }),
      'Could not remember the rejection',
    );
  };

  return (
    <section class="entity-section" aria-label="Suggestions">
      <h3 class="section-title">
        Unmarked occurrences
        <button type="button" class="link-button" disabled={busy()} onClick={() => void find()}>
          {list() === null ? 'Find' : 'Look again'}
        </button>
      </h3>
      <Show when={list() !== null}>
        <Show
          when={byDocument().length > 0}
          fallback={<p class="panel-empty">No unmarked occurrences of its names.</p>}
        >
          <For each={byDocument()}>
            {(group) => (
              <div class="suggestion-group">
                <div class="suggestion-doc">
                  <span>{group[0]!.document}</span>
                  <button
                    type="button"
                    class="link-button"
                    disabled={busy()}
                    onClick={() => void accept(group[0]!.documentId)}
                  >
                    Accept all {group.length}
                  </button>
                </div>
                <ul class="mention-list">
                  <For each={group}>
                    {(s) => (
                      <li class="suggestion-row">
                        <button
                          type="button"
                          class="mention-context plain"
                          onClick={() => entities.reveal(s.documentId, s.from, s.to)}
                          title="Show it in the document"
                        >
                          <MentionContext before={s.before} text={s.text} after={s.after} />
                        </button>
                        <span class="suggestion-buttons">
                          <button
                            type="button"
                            class="button small"
                            disabled={busy()}
                            onClick={() => void accept(s.documentId, [s.contextHash])}
                          >
                            Accept
                          </button>
                          <button type="button" class="button small" disabled={busy()} onClick={() => void reject(s)}>
                            Reject
                          </button>
                        </span>
                      </li>
                    )}
                  </For>
                </ul>
              </div>
            )}
          </For>
        </Show>
      </Show>
    </section>
  );
}
