/** The dismissable banner with the last error, as one sentence. */
import { Show } from 'solid-js';
import { useStores } from '../stores/context.ts';

export default function Banner() {
  const [notice, actions] = useStores().notices;
  return (
    <Show when={notice.message}>
      {(message) => (
        <div class="banner" role="alert">
          <span class="banner-text">{message()}</span>
          <button
            type="button"
            class="banner-dismiss"
            aria-label="Dismiss"
            title="Dismiss"
            onClick={() => actions.dismiss()}
          >
            ×
          </button>
        </div>
      )}
    </Show>
  );
}
