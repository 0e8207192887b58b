/**
 * Brings a document position to the middle of the window. ProseMirror's
 * `scrollIntoView` only makes it just visible, and blocks laid out lazily
 * (`content-visibility: auto`) can leave it short; the element itself knows better.
 */
import type { EditorView } from 'prosemirror-view';

export function scrollToPos(view: EditorView, pos: number): void {
  const node = view.nodeDOM(pos) ?? view.domAtPos(pos).node;
  const element = node instanceof Element ? node : node.parentElement;
  element?.scrollIntoView({ block: 'center' });
}

/**
 * Where a floating box of `width` × `height` goes next to `anchor` (a mention, a
 * selection): below it when it fits, else above, always inside the window.
 */
export function placeBeside(
  anchor: { top: number; bottom: number; left: number },
  width: number,
  height: number,
): { top: number; left: number } {
  const gap = 6;
  const below = anchor.bottom + gap;
  const wanted = below + height <= window.innerHeight - 8 ? below : anchor.top - gap - height;
  const top = Math.max(8, Math.min(wanted, window.innerHeight - height - 8));
  return { top, left: Math.max(8, Math.min(anchor.left, window.innerWidth - width - 8)) };
}
