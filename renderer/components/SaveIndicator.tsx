/**
 * Whether what the user typed is in the store: "Saved" only once the store has
 * committed every step; "Saving…" while some wait; "Offline – not saved" with a
 * retry when the store could not be reached.
 */
import { Match, Switch } from 'solid-js';
import { useStores } from '../stores/context.ts';

export default function SaveIndicator() {
  const [editor, actions] = useStores().editor;

  return (
    <div class="save-indicator" data-status={editor.open ? editor.status : 'none'} role="status" aria-live="polite">
      <Switch>
        <Match when={!editor.open}>{''}</Match>
        <Match when={editor.status === 'saved'}>
          <span class="save-dot" aria-hidden="true" />
          Saved
        </Match>
        <Match when={editor.status === 'saving'}>
          <span class="save-dot" aria-hidden="true" />
          Saving…
        </Match>
        <Match when={editor.status === 'offline'}>
          <span class="save-dot" aria-hidden="true" />
          <span title={editor.statusDetail ?? ''}>Offline – not saved</span>
          <button type="button" class="link-button" onClick={() => actions.retry()}>
            Retry
          </button>
        </Match>
        <Match when={editor.status === 'refused'}>
          <span class="save-dot" aria-hidden="true" />
          <span title={editor.statusDetail ?? ''}>Not saved – server restarted</span>
        </Match>
      </Switch>
    </div>
  );
}
