/**
 * Arrow keys in a menu: Up and Down move between the enabled items, Home and End
 * go to the first and last. (Escape and clicks elsewhere close the popover by
 * themselves.)
 */
export function onMenuKeyDown(event: KeyboardEvent & { currentTarget: HTMLElement }): void {
  const items = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('.menu-item:not(:disabled)')];
  if (items.length === 0) return;
  const at = items.indexOf(document.activeElement as HTMLButtonElement);
  let next: number;
  if (event.key === 'ArrowDown') next = at < 0 ? 0 : (at + 1) % items.length;
  else if (event.key === 'ArrowUp') next = at <= 0 ? items.length - 1 : at - 1;
  else if (event.key === 'Home') next = 0;
  else if (event.key === 'End') next = items.length - 1;
  else return;
  event.preventDefault();
  items[next]!.focus();
}

/**
 * When a menu opens, its first enabled item takes the focus (so the arrow keys
 * work at once); when it closes without a choice, `onClose` may give it back.
 */
export function focusOnToggle(menu: HTMLElement, event: Event, onClose?: () => void): void {
  if ((event as ToggleEvent).newState === 'open') {
    menu.querySelector<HTMLButtonElement>('.menu-item:not(:disabled)')?.focus();
  } else if (onClose && (menu.contains(document.activeElement) || document.activeElement === document.body)) {
    onClose();
  }
}
