/**
 * The toolbar's Entity menu: mark the selection as a person, place,
 * organisation, date, term or a type of the editor's own (each with its
 * shortcut), unmark the mention at the cursor, and open the register.
 */
import { For } from 'solid-js';
import MenuItem from '../components/MenuItem.tsx';
import { focusOnToggle, onMenuKeyDown } from '../components/menuNavigation.ts';
import { useStores } from '../stores/context.ts';
import { markActionId } from './actions.ts';
import { useEntities } from './context.ts';
import { BUILT_IN_KINDS } from './kinds.ts';
import { markableRange } from './marking.ts';
import { askToMark, markingEntries } from './markingMenu.ts';

const builtIn = new Set(BUILT_IN_KINDS.map((k) => k.id));

export default function EntityMenu() {
  const [editor, editorActions] = useStores().editor;
  const [state, entities] = useEntities();
  let menu!: HTMLDivElement;

  const canMark = () => {
    void editor.tick;
    const view = editorActions.view();
    return editor.open && view !== null && markableRange(view.state) !== null;
  };

  const mark = (kind: string) => {
    menu.hidePopover();
    const view = editorActions.view();
    if (view) askToMark(view, entities, kind);
  };

  return (
    <>
      <button
        type="button"
        class="tool menu-button entity-button"
        popoverTarget="entity-menu"
        disabled={!editor.open}
        title="Mark the selected text as a person, place, organisation, date or term"
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => editorActions.refresh()}
      >
        <span class="menu-button-label">Entity</span>
        <span aria-hidden="true">▾</span>
      </button>
      <div
        id="entity-menu"
        class="menu entity-menu"
        popover="auto"
        ref={menu}
        onKeyDown={onMenuKeyDown}
        onToggle={(e) => focusOnToggle(menu, e, () => editorActions.focus())}
        role="menu"
        aria-label="Entity"
      >
        <div class="menu-section" role="group" aria-label="Mark as">
          <div class="menu-section-title">Mark as</div>
          <For each={markingEntries(state.entities.map((e) => e.type))}>
            {(entry) =>
              builtIn.has(entry.kind) ? (
                <MenuItem
                  label={entry.label}
                  shortcut={entry.shortcut}
                  actionId={markActionId(entry.kind)}
                  onSelect={() => mark(entry.kind)}
                />
              ) : (
                <button
                  type="button"
                  class="menu-item"
                  role="menuitem"
                  disabled={!canMark()}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => mark(entry.kind)}
                >
                  <span class="menu-item-label">{entry.label}</span>
                  <span class="menu-item-shortcut" />
                </button>
              )
            }
          </For>
        </div>
        <div class="menu-section" role="group" aria-label="Mention">
          <MenuItem
            label="Unmark"
            actionId="unmarkMention"
            onSelect={() => {
              menu.hidePopover();
              editorActions.run('unmarkMention');
              editorActions.focus();
            }}
          />
          <MenuItem
            label="Register…"
            onSelect={() => {
              menu.hidePopover();
              entities.setPanel('register');
            }}
          />
        </div>
      </div>
    </>
  );
}
