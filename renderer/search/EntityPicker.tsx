/**
 * A register entry picked by typing its name (type-ahead through `searchEntities`,
 * offered in a datalist). `onPick` gets the entry, or null when the field no longer
 * names one.
 */
import { createSignal, For } from 'solid-js';
import type { TypeaheadHit } from '../../edition/api.ts';
import { useStores } from '../stores/context.ts';

let lists = 0;

export default function EntityPicker(props: { label: string; onPick: (entity: TypeaheadHit | null) => void }) {
  const { client, notices } = useStores();
  const [suggestions, setSuggestions] = createSignal<TypeaheadHit[]>([]);
  const listId = `entity-picker-${++lists}`;
  let picked: TypeaheadHit | null = null;

  async function typed(text: string): Promise<void> {
    const match = suggestions().find((s) => s.name === text) ?? null;
    if (match !== picked) {
      picked = match;
      props.onPick(match);
    }
    if (match !== null) return;
    if (text.trim().length < 2) {
      setSuggestions([]);
      return;
    }
    try {
      const found = await client.searchEntities({ query: text, limit: 20 });
      setSuggestions(found);
      // The name typed in full is a pick too, not only one chosen from the list.
      const exact = found.find((s) => s.name === text.trim());
      if (exact !== undefined && exact !== picked) {
        picked = exact;
        props.onPick(exact);
      }
    } catch (e) {
      notices[1].show(e, 'Could not look up the register');
    }
  }

  return (
    <>
      <input
        type="search"
        aria-label={props.label}
        placeholder="a register entry"
        list={listId}
        onInput={(e) => void typed(e.currentTarget.value)}
      />
      <datalist id={listId}>
        <For each={suggestions()}>{(s) => <option value={s.name} />}</For>
      </datalist>
    </>
  );
}
