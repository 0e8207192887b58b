/** The toolbar button that opens and closes the attribute panel. */
import { attributesOpen, setAttributesOpen } from '../layout/layoutState.ts';
import { formatKey } from '../editor/actions.ts';
import { windowActions } from '../layout/windowActions.ts';

export default function AttributesToggle() {
  const key = windowActions.find((a) => a.id === 'attributesPanel')?.keys[0];
  return (
    <button
      type="button"
      class="tool tool-text attributes-toggle"
      classList={{ active: attributesOpen() }}
      aria-pressed={attributesOpen()}
      title={`The attributes of the elements at the caret${key ? ` (${formatKey(key)})` : ''}`}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => setAttributesOpen(!attributesOpen())}
    >
      Attributes
    </button>
  );
}
