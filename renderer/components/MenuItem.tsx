/** One entry of a menu: a label and, right-aligned, its shortcut. */
import { useStores } from '../stores/context.ts';

export default function MenuItem(props: { label: string; shortcut?: string; actionId?: string; onSelect: () => void }) {
  const [editor, actions] = useStores().editor;
  const state = () => {
    void editor.tick;
    const id = props.actionId;
    if (id === undefined) return { enabled: true, active: false };
    return {
      enabled: editor.open && actions.enabled(id),
      active: editor.open && actions.active(id),
    };
  };

  return (
    <button
      type="button"
      class="menu-item"
      role="menuitem"
      classList={{ active: state().active }}
      disabled={!state().enabled}
      data-action={props.actionId}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => props.onSelect()}
    >
      <span class="menu-item-label">{props.label}</span>
      <span class="menu-item-shortcut">{props.shortcut ?? ''}</span>
    </button>
  );
}
