/**
 * The entries a marking menu offers (the toolbar's Entity menu and the context
 * menu): one per kind, built-in first and then the editor's own types, and
 * "Other type…", which asks for a new type's name in the popup.
 */
import type { EditorView } from 'prosemirror-view';
import { formatKey } from '../editor/actions.ts';
import { BUILT_IN_KINDS, KIND_KEYS, customKinds } from './kinds.ts';
import { markableRange } from './marking.ts';
import type { MentionHost } from './plugin.ts';
import { ownValue } from '../../edition/own.ts';

export interface MarkingEntry {
  kind: string;
  label: string;
  shortcut: string;
}

/** Built-in kinds, then the register's own types, then "Other type…" (kind ''). */
export function markingEntries(registerTypes: Iterable<string>): MarkingEntry[] {
  const key = (kind: string) => {
    const keys = ownValue(KIND_KEYS, kind);
    return keys === undefined ? '' : formatKey(keys);
  };
  return [
    ...[...BUILT_IN_KINDS, ...customKinds(registerTypes)].map((k) => ({
      kind: k.id,
      label: k.label,
      shortcut: key(k.id),
    })),
    { kind: '', label: 'Other type…', shortcut: '' },
  ];
}

/** Opens the marking popup for the view's selection; false when there is nothing to mark. */
export function askToMark(view: EditorView, host: MentionHost, kind: string): boolean {
  const range = markableRange(view.state);
  if (range === null) return false;
  host.askMention({ view, kind, ...range });
  return true;
}
