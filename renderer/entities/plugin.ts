/**
 * How the editor hands mentions to the window: a click on a mention (or a
 * pause over one) shows the entity behind it; the context menu offers marking
 * and, on a mention, re-linking and unmarking. The plugin only reports
 * positions; the window (renderer/entities/store.ts) draws the card and menus.
 */
import { Plugin } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { mentionsAt, type MentionRequest } from './marking.ts';

/** What the window does for mentions. */
export interface MentionHost {
  /** Opens the marking popup. */
  askMention(request: MentionRequest): void;
  /** Shows the entities of the mentions at `pos`, beside `anchor`; `pinned` keeps the card until dismissed. */
  showMentions(view: EditorView, pos: number, anchor: DOMRect, pinned: boolean): void;
  /** The pointer left a mention: an unpinned card goes after a moment. */
  leaveMention(): void;
  /** The context menu at a point of the text. */
  openContextMenu(view: EditorView, pos: number, x: number, y: number): void;
}

const HOVER_DELAY_MS = 350;

export function mentionPlugin(host: MentionHost): Plugin {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  const mentionElement = (target: EventTarget | null): HTMLElement | null =>
    target instanceof Element ? target.closest<HTMLElement>('.mention') : null;
  const posOf = (view: EditorView, el: HTMLElement): number | null => {
    try {
      return view.posAtDOM(el, 0);
    } catch {
      return null;
    }
  };

  return new Plugin({
    props: {
      handleDOMEvents: {
        mouseover(view, event) {
          const el = mentionElement(event.target);
          if (!el || !view.dom.contains(el)) return false;
          cancel();
          timer = setTimeout(() => {
            timer = null;
            const pos = posOf(view, el);
            if (pos !== null && !view.isDestroyed) host.showMentions(view, pos, el.getBoundingClientRect(), false);
          }, HOVER_DELAY_MS);
          return false;
        },
        mouseout(_view, event) {
          if (!mentionElement(event.target)) return false;
          cancel();
          host.leaveMention();
          return false;
        },
        contextmenu(view, event) {
          const at = view.posAtCoords({
            left: event.clientX,
            top: event.clientY,
          });
          // Elsewhere the browser's own menu (copy, paste, spelling) stays.
          if (!at || (view.state.selection.empty && mentionsAt(view.state.doc, at.pos).length === 0)) return false;
          event.preventDefault();
          cancel();
          host.openContextMenu(view, at.pos, event.clientX, event.clientY);
          return true;
        },
      },
      handleClick(view, pos, event) {
        const el = mentionElement(event.target);
        if (!el || event.button !== 0 || !view.state.selection.empty) return false;
        cancel();
        host.showMentions(view, pos, el.getBoundingClientRect(), true);
        return false;
      },
    },
  });
}
