/**
 * Builders for the renderer's unit tests (prosemirror-test-builder over the
 * edition schema): `doc(p('one<a>'))` marks the cursor with <a>, and `stateAt`
 * turns such a document into an editor state with the cursor there.
 */
import type { Node as PMNode } from 'prosemirror-model';
import { EditorState, TextSelection } from 'prosemirror-state';
import { builders, type NodeBuilder } from 'prosemirror-test-builder';
import { schema } from '../../../edition/schema.ts';

const all = builders(schema, {
  p: { nodeType: 'paragraph' },
  pb: { nodeType: 'pageBreak' },
  br: { nodeType: 'lineBreak' },
});

function builder(name: string): NodeBuilder {
  const f = all[name];
  if (typeof f !== 'function') throw new Error(`no builder for ${name}`);
  return f as NodeBuilder;
}

export const doc = builder('doc');
export const p = builder('p');
export const heading = builder('heading');
export const sourceNote = builder('sourceNote');
export const list = builder('list');
export const label = builder('label');
export const item = builder('item');
export const opener = builder('opener');
export const closer = builder('closer');
export const dateline = builder('dateline');
export const salute = builder('salute');
export const signed = builder('signed');
export const pb = builder('pb');

type Tagged = PMNode & { tag: Record<string, number> };

/** An editor state on `d` with the cursor at its `<a>` tag. */
export function stateAt(d: PMNode): EditorState {
  const at = (d as Tagged).tag['a'];
  if (at === undefined) throw new Error('document has no <a> tag');
  return EditorState.create({ doc: d, selection: TextSelection.create(d, at) });
}

/** Runs a command and returns the resulting document (throws when it does not apply). */
export function apply(
  state: EditorState,
  command: (s: EditorState, d?: (tr: import('prosemirror-state').Transaction) => void) => boolean,
): EditorState {
  let next: EditorState | null = null;
  const ok = command(state, (tr) => {
    next = state.apply(tr);
  });
  if (!ok || next === null) throw new Error('command did not apply');
  return next;
}

/** The same state with the cursor at `pos`. */
export function cursorAt(state: EditorState, pos: number): EditorState {
  return state.apply(state.tr.setSelection(TextSelection.create(state.doc, pos)));
}
