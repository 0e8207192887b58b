/**
 * Every editing action the window offers, declared once: its label, its
 * keyboard shortcuts and its command. The toolbar, the Structure menu, the
 * tooltips and the keymap are all derived from this table, so a shortcut shown
 * in a tooltip is always the one that works.
 */
import { toggleMark } from 'prosemirror-commands';
import { redo, undo } from 'prosemirror-history';
import type { MarkType } from 'prosemirror-model';
import type { Command, EditorState } from 'prosemirror-state';
import { schema, type NodeName } from '../../edition/schema.ts';
import { noteOnSelection } from '../../edition/notes/command.ts';
import { entityActions } from '../entities/actions.ts';
import type { ActionGroup, EditorAction } from './action.ts';
import { canInsertPageBreak, insertLineBreak, insertNote, insertPageBreak, proposedPageBreak } from './inline.ts';
import { focusNoteEditor } from './noteView.ts';
import { isBlockActive, setLetterPart, setListEntry, setPlainBlock, type LetterPart } from './structure.ts';

export type { ActionGroup, ActionHost, EditorAction } from './action.ts';

function commandAction(
  id: string,
  label: string,
  group: ActionGroup,
  keys: readonly string[],
  command: Command,
  active?: (state: EditorState) => boolean,
): EditorAction {
  return {
    id,
    label,
    group,
    keys,
    enabled: (state) => command(state),
    ...(active ? { active } : {}),
    run: (view) => command(view.state, view.dispatch, view),
  };
}

function markActive(type: MarkType): (state: EditorState) => boolean {
  return (state) => {
    const { from, to, empty, $from } = state.selection;
    if (empty) return type.isInSet(state.storedMarks ?? $from.marks()) !== undefined;
    return state.doc.rangeHasMark(from, to, type);
  };
}

function blockActive(name: NodeName): (state: EditorState) => boolean {
  return (state) => isBlockActive(state, schema.nodes[name]);
}

const letterParts = new Set<string>(['dateline', 'salute', 'signed']);

/** Moves the block into an opener or closer, keeping its part kind if it has one. */
function intoLetterContainer(container: 'opener' | 'closer'): Command {
  return (state, dispatch) => {
    const current = state.selection.$from.parent.type.name;
    const part = (letterParts.has(current) ? current : container === 'opener' ? 'dateline' : 'salute') as LetterPart;
    return setLetterPart(part, container)(state, dispatch);
  };
}

function containerActive(name: 'opener' | 'closer' | 'list'): (state: EditorState) => boolean {
  return (state) => {
    const { $from } = state.selection;
    return $from.depth > 1 && $from.node($from.depth - 1).type === schema.nodes[name];
  };
}

const pageBreak: EditorAction = {
  id: 'pageBreak',
  label: 'Page break…',
  group: 'inline',
  keys: ['Mod-Alt-p'],
  enabled: (state) => canInsertPageBreak(state),
  run(view, host) {
    if (!canInsertPageBreak(view.state)) return false;
    const proposal = proposedPageBreak(view.state.doc, view.state.selection.from);
    void host.askPageBreak(undefined, proposal).then((attrs) => {
      if (attrs && !view.isDestroyed) insertPageBreak(attrs)(view.state, view.dispatch);
      if (!view.isDestroyed) view.focus();
    });
    return true;
  },
};

/** Inserts a note and puts the caret inside it, so that what is typed next is the note's text. */
function noteAction(id: string, label: string, keys: readonly string[], command: Command): EditorAction {
  return {
    ...commandAction(id, label, 'inline', keys, command),
    run(view) {
      if (!command(view.state, view.dispatch, view)) return false;
      if (!focusNoteEditor(view, view.state.selection.from)) view.focus();
      return true;
    },
  };
}

/** All actions, in the order the menu lists them. */
export const editorActions: readonly EditorAction[] = [
  commandAction('undo', 'Undo', 'history', ['Mod-z'], undo),
  commandAction('redo', 'Redo', 'history', ['Mod-Shift-z', 'Mod-y'], redo),

  commandAction(
    'italic',
    'Italic',
    'mark',
    ['Mod-i'],
    toggleMark(schema.marks.italic),
    markActive(schema.marks.italic),
  ),
  commandAction('bold', 'Bold', 'mark', ['Mod-b'], toggleMark(schema.marks.bold), markActive(schema.marks.bold)),
  commandAction(
    'smallcaps',
    'Small caps',
    'mark',
    ['Mod-Shift-k'],
    toggleMark(schema.marks.smallcaps),
    markActive(schema.marks.smallcaps),
  ),
  commandAction(
    'superscript',
    'Superscript',
    'mark',
    ['Mod-.'],
    toggleMark(schema.marks.superscript),
    markActive(schema.marks.superscript),
  ),

  commandAction('paragraph', 'Paragraph', 'block', ['Mod-Alt-0'], setPlainBlock('paragraph'), blockActive('paragraph')),
  commandAction('heading', 'Heading', 'block', ['Mod-Alt-1'], setPlainBlock('heading'), blockActive('heading')),
  commandAction(
    'sourceNote',
    'Source note',
    'block',
    ['Mod-Alt-2'],
    setPlainBlock('sourceNote'),
    blockActive('sourceNote'),
  ),
  commandAction(
    'listEntry',
    'Numbered entry (label + item)',
    'block',
    ['Mod-Alt-3'],
    setListEntry(),
    containerActive('list'),
  ),

  commandAction('opener', 'Opener', 'letter', ['Mod-Alt-4'], intoLetterContainer('opener'), containerActive('opener')),
  commandAction('dateline', 'Dateline', 'letter', ['Mod-Alt-5'], setLetterPart('dateline'), blockActive('dateline')),
  commandAction('salute', 'Salute', 'letter', ['Mod-Alt-6'], setLetterPart('salute'), blockActive('salute')),
  commandAction('signed', 'Signed', 'letter', ['Mod-Alt-7'], setLetterPart('signed'), blockActive('signed')),
  commandAction('closer', 'Closer', 'letter', ['Mod-Alt-8'], intoLetterContainer('closer'), containerActive('closer')),

  pageBreak,
  commandAction('lineBreak', 'Line break', 'inline', ['Shift-Enter'], insertLineBreak),
  noteAction('note', 'Note', ['Mod-Alt-n'], insertNote),
  noteAction('noteOnSelection', 'Note on selection', ['Mod-Alt-Shift-n'], noteOnSelection),

  ...entityActions,
];

/** The action with this id (the table is fixed, so a missing id is a bug). */
export function actionById(id: string): EditorAction {
  const found = editorActions.find((a) => a.id === id);
  if (!found) throw new RangeError(`No editor action "${id}"`);
  return found;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iP(hone|ad)/.test(navigator.platform);

/** A ProseMirror key name as the user's platform writes it: `Mod-Alt-p` → `Ctrl+Alt+P` or `⌘⌥P`. */
export function formatKey(key: string): string {
  const parts = key.split('-').map((p) => (p === '' ? '-' : p));
  const names = parts.map((p, i) => {
    const last = i === parts.length - 1;
    if (last) return p.length === 1 ? p.toUpperCase() : p;
    if (p === 'Mod') return isMac ? '⌘' : 'Ctrl';
    if (p === 'Alt') return isMac ? '⌥' : 'Alt';
    if (p === 'Shift') return isMac ? '⇧' : 'Shift';
    if (p === 'Ctrl') return isMac ? '⌃' : 'Ctrl';
    return p;
  });
  return names.join(isMac ? '' : '+');
}

/** A tooltip: the label and its shortcuts. */
export function tooltipOf(action: EditorAction): string {
  const keys = action.keys.map(formatKey).join(' or ');
  return keys ? `${action.label.replace('…', '')} (${keys})` : action.label;
}
