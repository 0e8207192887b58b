/**
 * Keeps a popup anchored in the text (a note's editor) inside the visible part of
 * its scrolling column: shifted left when it would pass the column's right edge,
 * narrowed when the column is narrower than the popup. Otherwise a panel beside the
 * text clips it, and typing in it scrolls the column sideways to follow the caret.
 */
const GAP = 8;

export function fitPopup(popup: HTMLElement): void {
  const column = popup.closest('.scroller') ?? popup.closest('.ProseMirror');
  if (!column) return;
  popup.style.removeProperty('translate');
  popup.style.removeProperty('max-width');
  const bounds = column.getBoundingClientRect();
  const room = bounds.width - 2 * GAP;
  if (popup.getBoundingClientRect().width > room) popup.style.maxWidth = `${Math.max(room, 160)}px`;
  const rect = popup.getBoundingClientRect();
  let shift = 0;
  if (rect.right > bounds.right - GAP) shift = bounds.right - GAP - rect.right;
  if (rect.left + shift < bounds.left + GAP) shift = bounds.left + GAP - rect.left;
  if (shift !== 0) popup.style.translate = `${Math.round(shift)}px 0`;
}
