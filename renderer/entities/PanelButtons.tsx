/** Toolbar buttons that open the side panel on the register or the notes. */
import { useEntities } from './context.ts';
import type { PanelTab } from './store.ts';

export default function PanelButtons() {
  const [state, entities] = useEntities();
  const toggle = (tab: PanelTab) => entities.setPanel(state.panel === tab ? null : tab);
  return (
    <>
      <button
        type="button"
        class="tool tool-text"
        classList={{
          active: state.panel === 'register' || state.panel === 'index',
        }}
        aria-pressed={state.panel === 'register' || state.panel === 'index'}
        title="The project register: persons, places, organisations, terms"
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => toggle('register')}
      >
        Register
      </button>
      <button
        type="button"
        class="tool tool-text"
        classList={{ active: state.panel === 'notes' }}
        aria-pressed={state.panel === 'notes'}
        title="The document's notes in reading order"
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => toggle('notes')}
      >
        Notes
      </button>
      <button
        type="button"
        class="tool"
        classList={{ active: state.panel === 'problems' }}
        aria-pressed={state.panel === 'problems'}
        aria-label="Problems"
        title="Problems: where the document's TEI would not validate, checked as you type"
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => toggle('problems')}
      >
        ⚠
      </button>
    </>
  );
}
