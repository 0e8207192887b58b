/**
 * The editor's context menu over selected text or a mention: mark the selection
 * as any kind, and for each mention under the pointer show, re-link or unmark it.
 */
import { For, Show, createSignal, onCleanup, onMount } from 'solid-js';
import { onMenuKeyDown } from '../components/menuNavigation.ts';
import { useEntities } from './context.ts';
import { kindOf } from './kinds.ts';
import { markableRange, mentionsAt, unmarkMention } from './marking.ts';
import { askToMark, markingEntries } from './markingMenu.ts';
import type { ContextMenuAt } from './store.ts';

export default function ContextMenu(props: { at: ContextMenuAt }) {
  const [state, entities] = useEntities();
  let menu!: HTMLDivElement;
  const view = () => props.at.view;
  const canMark = () => markableRange(view().state) !== null;
  const mentions = () => mentionsAt(view().state.doc, props.at.pos);
  const entries = () => markingEntries(state.entities.map((e) => e.type));
  const [height, setHeight] = createSignal(0);
  // Kept inside the window: opened near the bottom, it opens upwards as far as needed.
  const left = () => Math.max(8, Math.min(props.at.x, window.innerWidth - 280));
  const top = () => Math.max(8, Math.min(props.at.y, window.innerHeight - height() - 8));

  const close = () => entities.closeContextMenu();
  onMount(() => {
    setHeight(menu.getBoundingClientRect().height);
    menu.querySelector<HTMLButtonElement>('.menu-item:not(:disabled)')?.focus();
    const onDown = (e: PointerEvent) => {
      if (!menu.contains(e.target as Node)) close();
    };
    // Escape closes the menu wherever the focus is: the editor can take the focus back
    // after a right click, before or after the menu's first item took it.
    const onEscape = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      close();
      view().focus();
    };
    document.addEventListener('pointerdown', onDown, true);
    document.addEventListener('keydown', onEscape, true);
    onCleanup(() => {
      document.removeEventListener('pointerdown', onDown, true);
      document.removeEventListener('keydown', onEscape, true);
    });
  });

  const item = (label: string, shortcut: string, run: () => void, disabled = false) => (
    <button
      type="button"
      class="menu-item"
      role="menuitem"
      disabled={disabled}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => {
        close();
        run();
      }}
    >
      <span class="menu-item-label">{label}</span>
      <span class="menu-item-shortcut">{shortcut}</span>
    </button>
  );

  return (
    <div
      class="menu context-menu"
      role="menu"
      aria-label="Mentions"
      ref={menu}
      style={{ left: `${left()}px`, top: `${top()}px` }}
      onKeyDown={(e) => onMenuKeyDown(e)}
    >
      <Show when={canMark()}>
        <div class="menu-section" role="group" aria-label="Mark as">
          <div class="menu-section-title">Mark as</div>
          <For each={entries()}>
            {(entry) => item(entry.label, entry.shortcut, () => askToMark(view(), entities, entry.kind))}
          </For>
        </div>
      </Show>
      <For each={mentions()}>
        {(range) => {
          const kind = String(range.mark.attrs['kind']);
          const ref = (range.mark.attrs['ref'] as string | null) ?? null;
          const name = entities.byId(ref)?.name ?? view().state.doc.textBetween(range.from, range.to, ' ');
          return (
            <div class="menu-section" role="group" aria-label={`${kindOf(kind).label}: ${name}`}>
              <div class="menu-section-title">
                {kindOf(kind).label}: {name}
              </div>
              <Show when={ref !== null}>{item('Show in register', '', () => entities.select(ref))}</Show>
              {item(kind === 'date' ? 'Change date…' : 'Re-link…', '', () =>
                entities.askMention({
                  view: view(),
                  kind,
                  from: range.from,
                  to: range.to,
                  existing: range,
                }),
              )}
              {item(`Unmark ${kindOf(kind).label.toLowerCase()}`, '', () => {
                unmarkMention(range)(view().state, view().dispatch);
                view().focus();
              })}
            </div>
          );
        }}
      </For>
    </div>
  );
}
