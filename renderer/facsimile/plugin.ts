/**
 * The text's side of the page image: after every update the window hears where the
 * caret is (so the page and the highlighted zone follow it within the frame, from the
 * surfaces it keeps in memory, with no call to the Node side), and the keys of
 * `textKeys`. Bound before the editor's own keymaps, so Enter in line mode starts a
 * linked line; everywhere else those keys fall through.
 */
import { keymap } from 'prosemirror-keymap';
import { Plugin, type Command } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { textKeys, type FacsimileHost } from './keys.ts';

export function facsimilePlugins(host: FacsimileHost): Plugin[] {
  const bindings: Record<string, Command> = {};
  for (const key of textKeys) {
    for (const name of key.keys) {
      const before = bindings[name];
      bindings[name] = (state, dispatch, view?: EditorView) =>
        (before?.(state, dispatch, view) ?? false) || (view !== undefined && key.run(view, host));
    }
  }
  return [
    new Plugin({
      view(view) {
        host.caretMoved(view.state);
        return {
          update(view, previous) {
            if (view.state.doc !== previous.doc || !view.state.selection.eq(previous.selection)) {
              host.caretMoved(view.state);
            }
          },
        };
      },
    }),
    keymap(bindings),
  ];
}
