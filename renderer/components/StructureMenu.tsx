/**
 * The Structure menu: every structure of the schema (blocks, letter parts,
 * inline breaks and notes), each with its shortcut. The button names the
 * structure at the cursor. A native popover, placed under its button by CSS
 * anchor positioning, so it closes on Escape or a click elsewhere by itself.
 */
import { For } from 'solid-js';
import { editorActions, formatKey, type ActionGroup, type EditorAction } from '../editor/actions.ts';
import { useStores } from '../stores/context.ts';
import MenuItem from './MenuItem.tsx';
import { focusOnToggle, onMenuKeyDown } from './menuNavigation.ts';

const sections: ReadonlyArray<{
  title: string;
  groups: readonly ActionGroup[];
}> = [
  { title: 'Blocks', groups: ['block'] },
  { title: 'Letter', groups: ['letter'] },
  { title: 'Inline', groups: ['inline'] },
  { title: 'Highlighting', groups: ['mark'] },
];

export default function StructureMenu() {
  const [editor, actions] = useStores().editor;
  let menu!: HTMLDivElement;

  const current = () => {
    void editor.tick;
    if (!editor.open) return 'Structure';
    const found = editorActions.find((a) => (a.group === 'block' || a.group === 'letter') && actions.active(a.id));
    return found ? found.label.replace(/ \(.*\)$/, '') : 'Structure';
  };

  const run = (action: EditorAction) => {
    menu.hidePopover();
    actions.run(action.id);
    if (action.id !== 'pageBreak') actions.focus();
  };

  return (
    <>
      <button
        type="button"
        class="tool menu-button structure-button"
        popoverTarget="structure-menu"
        disabled={!editor.open}
        title="Structure of the block at the cursor: change it, or insert a break or a note"
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => actions.refresh()}
      >
        <span class="menu-button-label">{current()}</span>
        <span aria-hidden="true">▾</span>
      </button>
      <div
        id="structure-menu"
        class="menu structure-menu"
        popover="auto"
        ref={menu}
        onKeyDown={onMenuKeyDown}
        onToggle={(e) => focusOnToggle(menu, e, () => actions.focus())}
        role="menu"
        aria-label="Structure"
      >
        <For each={sections}>
          {(section) => (
            <div class="menu-section" role="group" aria-label={section.title}>
              <div class="menu-section-title">{section.title}</div>
              <For each={editorActions.filter((a) => section.groups.includes(a.group))}>
                {(action) => (
                  <MenuItem
                    label={action.label}
                    shortcut={action.keys.map(formatKey).join(' · ')}
                    actionId={action.id}
                    onSelect={() => run(action)}
                  />
                )}
              </For>
            </div>
          )}
        </For>
      </div>
    </>
  );
}
