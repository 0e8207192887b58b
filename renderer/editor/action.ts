/**
 * The shape of an editing action (actions.ts declares them): apart from the table, so
 * that other folders (renderer/entities) can declare actions of their own for it.
 */
import type { EditorState } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { MentionHost } from '../entities/plugin.ts';
import type { FacsimileHost } from '../facsimile/keys.ts';
import type { PageBreakAttrs } from './inline.ts';

/** What an action may ask of the window (a dialog for a page break's number). */
export interface ActionHost {
  /** Asks for a page break's number and facsimile, starting from `current` when changing one. */
  askPageBreak(current?: PageBreakAttrs, proposal?: PageBreakAttrs): Promise<PageBreakAttrs | null>;
  /** Marking popup, entity card and context menu (renderer/entities); absent in tests without a window. */
  mentions?: MentionHost;
  /** The page image: the caret's zone, line mode, linking (renderer/facsimile); absent in tests without a window. */
  facsimile?: FacsimileHost;
}

export type ActionGroup = 'history' | 'mark' | 'block' | 'letter' | 'inline' | 'entity';

export interface EditorAction {
  readonly id: string;
  readonly label: string;
  readonly group: ActionGroup;
  /** ProseMirror key names (`Mod-Alt-p`); the first is the one shown. */
  readonly keys: readonly string[];
  /** Whether the action applies at the current selection. */
  enabled(state: EditorState): boolean;
  /** Whether the selection already has this mark or block type. */
  active?(state: EditorState): boolean;
  /** Runs the action; returns false when it does not apply. */
  run(view: EditorView, host: ActionHost): boolean;
}
