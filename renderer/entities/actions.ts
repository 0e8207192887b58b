/**
 * The entity rows of the editor's action table (renderer/editor/actions.ts):
 * "Mark as Person…" and its kin, each with a shortcut, and "Unmark". They ask
 * the window's mention host for the popup, so the toolbar menu, the context
 * menu and the keyboard all do the same thing.
 */
import type { EditorState } from 'prosemirror-state';
import type { EditorAction } from '../editor/action.ts';
import { BUILT_IN_KINDS, KIND_KEYS, type MentionKind } from './kinds.ts';
import { markableRange, mentionsAtSelection, unmarkMention } from './marking.ts';
import { ownValue } from '../../edition/own.ts';

/** The action id of marking as `kind`. */
export function markActionId(kind: string): string {
  return `mark-${kind}`;
}

function markAction(kind: MentionKind): EditorAction {
  const key = ownValue(KIND_KEYS, kind.id);
  return {
    id: markActionId(kind.id),
    label: `${kind.label}…`,
    group: 'entity',
    keys: key === undefined ? [] : [key],
    enabled: (state) => markableRange(state) !== null,
    run(view, host) {
      const range = markableRange(view.state);
      if (range === null || host.mentions === undefined) return false;
      host.mentions.askMention({ view, kind: kind.id, ...range });
      return true;
    },
  };
}

const hasMention = (state: EditorState) => mentionsAtSelection(state).length > 0;

/** Removes the innermost mention at the selection; the text stays. */
const unmark: EditorAction = {
  id: 'unmarkMention',
  label: 'Unmark',
  group: 'entity',
  keys: [],
  enabled: hasMention,
  active: hasMention,
  run(view) {
    const inner = mentionsAtSelection(view.state).at(-1);
    if (!inner) return false;
    return unmarkMention(inner)(view.state, view.dispatch);
  },
};

export const entityActions: readonly EditorAction[] = [...BUILT_IN_KINDS.map(markAction), unmark];
