/** A toolbar button for one editor action, with its shortcut in the tooltip. */
import { actionById, tooltipOf } from '../editor/actions.ts';
import { useStores } from '../stores/context.ts';

export default function ToolbarButton(props: { actionId: string; text: string; class?: string }) {
  const [editor, actions] = useStores().editor;
  const action = () => actionById(props.actionId);
  const enabled = () => {
    void editor.tick;
    return editor.open && actions.enabled(props.actionId);
  };
  const active = () => {
    void editor.tick;
    return editor.open && actions.active(props.actionId);
  };

  return (
    <button
      type="button"
      class={`tool ${props.class ?? ''}`}
      classList={{ active: active() }}
      disabled={!enabled()}
      aria-pressed={action().active ? active() : undefined}
      title={tooltipOf(action())}
      aria-label={action().label.replace('…', '')}
      data-action={props.actionId}
      // Keep the editor's selection: a click must not move focus out of it.
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => actions.run(props.actionId)}
    >
      {props.text}
    </button>
  );
}
