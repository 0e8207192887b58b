/**
 * The sidebar's list of collections and documents as ONE tab stop (a roving
 * tabindex): Tab reaches one row, the last one focused, else the open document,
 * else the first; the arrow keys move between rows, Home and End go to the first
 * and last, Right and Left open and close a collection, Enter opens a document
 * (the row is a link). A 642-document volume is then one stop, not 642.
 */
import { createContext, useContext } from 'solid-js';

/** How the rows learn whether they are the list's tab stop. */
export interface DocListFocus {
  /** Whether the row with this key is the one Tab reaches. */
  isStop(key: string): boolean;
}

export const DocListContext = createContext<DocListFocus>();

export function useDocListFocus(): DocListFocus {
  const focus = useContext(DocListContext);
  if (!focus) throw new Error('useDocListFocus() outside <DocListContext.Provider>');
  return focus;
}

/** The key a row carries in `data-row-key`. */
export function rowKey(kind: 'collection' | 'document', id: string): string {
  return `${kind === 'collection' ? 'c' : 'd'}:${id}`;
}

/** The list's keys, for the shortcut sheet; `onListKeyDown` below answers them. */
export const LIST_KEYS: ReadonlyArray<{ readonly keys: readonly string[]; readonly label: string }> = [
  { keys: ['ArrowDown', 'ArrowUp'], label: 'Next or previous row of the document list' },
  { keys: ['Home', 'End'], label: 'First or last row of the document list' },
  { keys: ['ArrowRight', 'ArrowLeft'], label: 'Open or close a collection (Left from a document: its collection)' },
  { keys: ['Enter'], label: 'Open the document (or the collection) at the focused row' },
];

function rows(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>('[data-row-key]')];
}

/** Arrow keys, Home and End in the list (the container's keydown). */
export function onListKeyDown(event: KeyboardEvent, container: HTMLElement): void {
  if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
  const items = rows(container);
  const at = items.indexOf(document.activeElement as HTMLElement);
  if (at < 0) return; // typing in the rename field
  const row = items[at]!;
  const isCollection = row.dataset['rowKey']!.startsWith('c:');
  let next = -1;
  switch (event.key) {
    case 'ArrowDown':
      next = Math.min(at + 1, items.length - 1);
      break;
    case 'ArrowUp':
      next = Math.max(at - 1, 0);
      break;
    case 'Home':
      next = 0;
      break;
    case 'End':
      next = items.length - 1;
      break;
    case 'ArrowRight':
      if (isCollection && row.getAttribute('aria-expanded') === 'false') row.click();
      else if (isCollection) next = Math.min(at + 1, items.length - 1);
      else return;
      break;
    case 'ArrowLeft':
      if (isCollection && row.getAttribute('aria-expanded') === 'true') row.click();
      else if (!isCollection) {
        const head = row.closest('.collection')?.querySelector<HTMLElement>('[data-row-key^="c:"]');
        if (!head) return;
        next = items.indexOf(head);
      } else return;
      break;
    default:
      return;
  }
  event.preventDefault();
  if (next >= 0) items[next]!.focus();
}
