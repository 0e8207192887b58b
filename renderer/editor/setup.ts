/**
 * The editor's state and plugins for one opened document: the schema's nodes,
 * undo history, collab (so every step goes to the store), the display of XML
 * source whitespace, and the keymap derived from the action table.
 */
import { baseKeymap } from 'prosemirror-commands';
import { collab } from 'prosemirror-collab';
import { history } from 'prosemirror-history';
import { keymap } from 'prosemirror-keymap';
import { Node } from 'prosemirror-model';
import { EditorState, type Command, type Plugin } from 'prosemirror-state';
import type { EditorView, NodeViewConstructor } from 'prosemirror-view';
import type { DocJSON } from '../../edition/api.ts';
import { schema } from '../../edition/schema.ts';
import { mentionPlugin } from '../entities/plugin.ts';
import { facsimilePlugins } from '../facsimile/plugin.ts';
import { noteNumbering, shownNoteNumbers } from '../notes/numbering.ts';
import { editorActions, type ActionHost, type EditorAction } from './actions.ts';
import { findPlugin } from './find.ts';
import { blockKeymap } from './blockKeys.ts';
import { NoteView, selectedNoteGuard } from './noteView.ts';
import { PageBreakView } from './pageBreakView.ts';
import { sourceWhitespace } from './sourceWhitespace.ts';
import { layoutRuns } from './layoutRuns.ts';

/**
 * Reads a document received from the store. `Node.fromJSON` accepts invalid
 * nesting, so the result is checked: a document that does not fit the schema is
 * a bug on the Node side and throws.
 */
export function docFromJSON(json: DocJSON): Node {
  const doc = Node.fromJSON(schema, json);
  doc.check();
  return doc;
}

/** The keymap of every action (or those `only` keeps), with the host that answers their questions. */
export function actionKeymap(
  host: ActionHost,
  only: (action: EditorAction) => boolean = () => true,
): Record<string, Command> {
  const bindings: Record<string, Command> = {};
  for (const action of editorActions) {
    if (!only(action)) continue;
    for (const key of action.keys) {
      bindings[key] = (_state, _dispatch, view?: EditorView) => (view ? action.run(view, host) : false);
    }
  }
  return bindings;
}

export function createEditorState(doc: Node, version: number, clientID: string, host: ActionHost): EditorState {
  return EditorState.create({
    doc,
    plugins: [
      history(),
      collab({ version, clientID }),
      sourceWhitespace(),
      layoutRuns(),
      findPlugin(),
      noteNumbering(),
      shownNoteNumbers(),
      selectedNoteGuard(),
      ...(host.mentions ? [mentionPlugin(host.mentions)] : []),
      ...(host.facsimile ? facsimilePlugins(host.facsimile) : []),
      keymap(actionKeymap(host)),
      keymap(blockKeymap()),
      keymap(baseKeymap),
    ],
  });
}

/**
 * What a note's nested editor adds to its own history and Escape keys: the marks'
 * and the entities' shortcuts from the action table, and the mention plugin (cards,
 * the context menu), all acting on the nested view, whose steps reach the document.
 */
export function noteEditorPlugins(host: ActionHost): Plugin[] {
  return [
    ...(host.mentions ? [mentionPlugin(host.mentions)] : []),
    keymap(actionKeymap(host, (action) => action.group === 'mark' || action.group === 'entity')),
  ];
}

/** Node views for the nodes whose display needs more than toDOM. */
export function nodeViews(host: ActionHost): Record<string, NodeViewConstructor> {
  return {
    note: (node, view, getPos, decorations) => new NoteView(node, view, getPos, noteEditorPlugins(host), decorations),
    pageBreak: (node, view, getPos) => new PageBreakView(node, view, getPos, host),
  };
}
