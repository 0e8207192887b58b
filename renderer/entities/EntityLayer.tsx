/**
 * The floating pieces of marking over the editor: the popup, the entity card
 * and the context menu. Also tells the entity store which document the editor
 * has open, so a click on a mention in the register lands on it.
 */
import { Show, createEffect, onCleanup } from 'solid-js';
import { useStores } from '../stores/context.ts';
import ContextMenu from './ContextMenu.tsx';
import { useEntities } from './context.ts';
import MentionCard from './MentionCard.tsx';
import MentionPopup from './MentionPopup.tsx';

export default function EntityLayer() {
  const { editor, project } = useStores();
  const [, entities] = useEntities();

  createEffect(() => {
    const id = project[0].currentId;
    const view = editor[0].open ? editor[1].view() : null;
    if (id !== null && view !== null) entities.editorOpened(view, id);
  });

  // A pinned card closes on a click elsewhere or Escape.
  createEffect(() => {
    if (!entities.card()?.pinned) return;
    const onDown = (e: PointerEvent) => {
      if (!(e.target instanceof Element) || !e.target.closest('.mention-card, .mention')) entities.closeCard();
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && entities.closeCard();
    document.addEventListener('pointerdown', onDown, true);
    document.addEventListener('keydown', onKey);
    onCleanup(() => {
      document.removeEventListener('pointerdown', onDown, true);
      document.removeEventListener('keydown', onKey);
    });
  });

  return (
    <>
      <Show when={entities.request()} keyed>
        {(request) => <MentionPopup request={request} />}
      </Show>
      <Show when={entities.card()} keyed>
        {(card) => <MentionCard card={card} />}
      </Show>
      <Show when={entities.contextMenu()} keyed>
        {(at) => <ContextMenu at={at} />}
      </Show>
    </>
  );
}
