/**
 * "Skip to text", the first tab stop: shown when focused, it takes the keyboard past
 * the sidebar and the toolbar to the document. A button, not a link, because the
 * address's fragment holds the open document (#/doc/ID).
 */
import { useStores } from '../stores/context.ts';

export default function SkipLink() {
  const [, editor] = useStores().editor;
  return (
    <button
      type="button"
      class="skip-link"
      onClick={() => {
        if (editor.view()) editor.focus();
        else document.querySelector<HTMLElement>('.workspace')?.focus();
      }}
    >
      Skip to text
    </button>
  );
}
