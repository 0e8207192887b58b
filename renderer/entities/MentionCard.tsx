/**
 * The entity behind a mention, shown when the pointer rests on it or it is
 * clicked: for each mention at that place (nested ones too, outermost first) its
 * kind, the register entry's name and description, or a date's value; and the
 * ways to change it: open the entry, re-link, correct a date, unmark.
 */
import { For, Show, createSignal, onMount } from 'solid-js';
import { useEntities } from './context.ts';
import { dateOfMark, describeDate } from './dateValue.ts';
import { kindOf } from './kinds.ts';
import { unmarkMention, type MentionRange } from './marking.ts';
import { placeBeside } from './scroll.ts';
import type { MentionCard as Card } from './store.ts';

export default function MentionCard(props: { card: Card }) {
  const [, entities] = useEntities();
  let box!: HTMLDivElement;
  const [size, setSize] = createSignal({ width: 320, height: 120 });
  onMount(() => setSize({ width: box.offsetWidth, height: box.offsetHeight }));
  const place = () => placeBeside(props.card.anchor, size().width, size().height);

  const unmark = (range: MentionRange) => {
    const view = props.card.view;
    entities.closeCard();
    if (!view.isDestroyed) unmarkMention(range)(view.state, view.dispatch);
    view.focus();
  };
  const relink = (range: MentionRange) => {
    entities.askMention({
      view: props.card.view,
      kind: String(range.mark.attrs['kind']),
      from: range.from,
      to: range.to,
      existing: range,
    });
  };

  return (
    <div
      class="mention-card"
      classList={{ pinned: props.card.pinned }}
      role="dialog"
      aria-label="Mention"
      ref={box}
      style={{ top: `${place().top}px`, left: `${place().left}px` }}
      onPointerEnter={() => entities.keepCard()}
      onPointerLeave={() => entities.leaveMention()}
      onKeyDown={(e) => e.key === 'Escape' && entities.closeCard()}
    >
      <For each={props.card.ranges}>
        {(range) => {
          const kind = String(range.mark.attrs['kind']);
          const ref = (range.mark.attrs['ref'] as string | null) ?? null;
          const entity = () => entities.byId(ref);
          return (
            <section class="mention-card-entry" data-kind={kind}>
              <div class="mention-card-kind">
                <span class="kind-dot" data-kind={kind} />
                {kindOf(kind).label}
              </div>
              <Show
                when={kind !== 'date'}
                fallback={<div class="mention-card-name">{describeDate(dateOfMark(range.mark.attrs))}</div>}
              >
                <div class="mention-card-name">
                  {entity()?.name ?? (ref === null ? 'Not linked to the register' : 'Entry not found')}
                </div>
                <Show when={entity()?.altNames.length}>
                  <div class="mention-card-alt">Also: {entity()?.altNames.join('; ')}</div>
                </Show>
                <Show when={entity()?.description}>
                  <p class="mention-card-desc">{entity()?.description}</p>
                </Show>
              </Show>
              <div class="mention-card-actions">
                <Show when={entity()}>
                  {(e) => (
                    <button type="button" class="link-button" onClick={() => entities.select(e().id)}>
                      Open in register
                    </button>
                  )}
                </Show>
                <button type="button" class="link-button" onClick={() => relink(range)}>
                  {kind === 'date' ? 'Change date…' : 'Re-link…'}
                </button>
                <button type="button" class="link-button" onClick={() => unmark(range)}>
                  Unmark
                </button>
              </div>
            </section>
          );
        }}
      </For>
    </div>
  );
}
