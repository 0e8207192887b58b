/**
 * "Paste the new address": takes this tab, with the edits it could not save, to
 * the address a restarted `siglum serve` printed. The edits are kept for the new
 * address in its fragment (renderer/editor/unsent.ts `carryUnsent`), which sends
 * them when the document opens there.
 */
import { createSignal, Show } from 'solid-js';
import { carryUnsent, serveAddress } from '../editor/unsent.ts';
import { useStores } from '../stores/context.ts';

export default function HandOverForm(props: { label: string }) {
  const [, editor] = useStores().editor;
  const [address, setAddress] = createSignal('');
  const [problem, setProblem] = createSignal<string | null>(null);
  return (
    <form
      class="reconnect-form"
      onSubmit={(e) => {
        e.preventDefault();
        const url = serveAddress(address());
        if (!url) {
          setProblem(
            'That is not the address siglum serve prints: paste the whole line that starts with http://127.0.0.1 and holds ?token=.',
          );
          return;
        }
        if (!editor.handOver()) {
          setProblem('This browser would not keep your edits (its storage is full or switched off): copy them first.');
          return;
        }
        location.assign(carryUnsent(url, location.hash));
      }}
    >
      <label for="reconnect-address">{props.label}</label>
      <input
        id="reconnect-address"
        type="url"
        placeholder="http://127.0.0.1:…/?token=…"
        value={address()}
        onInput={(e) => {
          setAddress(e.currentTarget.value);
          setProblem(null);
        }}
      />
      <button type="submit" class="button">
        Continue there
      </button>
      <Show when={problem()}>
        <p class="reconnect-problem">{problem()}</p>
      </Show>
    </form>
  );
}
