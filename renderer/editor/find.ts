/**
 * Find in the open document (Mod-F): a plugin that holds the query and highlights
 * every occurrence with inline decorations (the current one apart), recomputed when
 * the document changes. Matching is edition/search's `findInDoc`, the same that
 * replace across documents uses: diacritics and case folded, or a regular expression.
 */
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view';
import { findInDoc, type FindOptions } from '../../edition/search/find.ts';

export interface FindState {
  query: string;
  options: FindOptions;
  matches: Array<{ from: number; to: number }>;
  /** Index of the current match, or -1. */
  current: number;
  /** Why the query found nothing because it could not run (a bad regular expression). */
  error: string | null;
  decorations: DecorationSet;
}

type FindMeta = { query: string; options: FindOptions } | { current: number };

export const findKey = new PluginKey<FindState>('find');

const EMPTY: FindState = {
  query: '',
  options: {},
  matches: [],
  current: -1,
  error: null,
  decorations: DecorationSet.empty,
};

function decorate(state: EditorState, matches: FindState['matches'], current: number): DecorationSet {
  if (matches.length === 0) return DecorationSet.empty;
  return DecorationSet.create(
    state.doc,
    matches.map((m, i) =>
      Decoration.inline(m.from, m.to, { class: i === current ? 'find-hit find-current' : 'find-hit' }),
    ),
  );
}

function search(state: EditorState, query: string, options: FindOptions, near: number): FindState {
  if (query === '') return { ...EMPTY, options };
  let matches: FindState['matches'];
  try {
    matches = findInDoc(state.doc, query, options).map(({ from, to }) => ({ from, to }));
  } catch (e) {
    return { ...EMPTY, query, options, error: e instanceof Error ? e.message : String(e) };
  }
  // The current match: the first at or after where the user is.
  let current = matches.findIndex((m) => m.from >= near);
  if (current === -1) current = matches.length > 0 ? 0 : -1;
  return { query, options, matches, current, error: null, decorations: decorate(state, matches, current) };
}

export function findPlugin(): Plugin<FindState> {
  return new Plugin<FindState>({
    key: findKey,
    state: {
      init: () => EMPTY,
      apply(tr: Transaction, value: FindState, _old: EditorState, state: EditorState): FindState {
        const meta = tr.getMeta(findKey) as FindMeta | undefined;
        if (meta !== undefined && 'query' in meta) return search(state, meta.query, meta.options, state.selection.from);
        if (meta !== undefined) {
          return { ...value, current: meta.current, decorations: decorate(state, value.matches, meta.current) };
        }
        if (tr.docChanged && value.query !== '') {
          const near = value.matches[value.current]?.from ?? 0;
          return search(state, value.query, value.options, tr.mapping.map(near));
        }
        return value;
      },
    },
    props: { decorations: (state) => findKey.getState(state)?.decorations ?? DecorationSet.empty },
  });
}

/** Sets what to find (an empty query clears the highlights). */
export function setFind(view: EditorView, query: string, options: FindOptions = {}): FindState {
  view.dispatch(view.state.tr.setMeta(findKey, { query, options }));
  return findKey.getState(view.state) ?? EMPTY;
}

/**
 * Moves to the next (`step` 1) or previous (-1) match, wrapping around, selects it
 * and scrolls it into view.
 */
export function stepFind(view: EditorView, step: 1 | -1): FindState {
  const state = findKey.getState(view.state) ?? EMPTY;
  if (state.matches.length === 0) return state;
  const current = (state.current + step + state.matches.length) % state.matches.length;
  const m = state.matches[current]!;
  view.dispatch(
    view.state.tr
      .setMeta(findKey, { current })
      .setSelection(TextSelection.create(view.state.doc, m.from, m.to))
      .scrollIntoView(),
  );
  return findKey.getState(view.state) ?? EMPTY;
}

/** Selects the current match (after a new query) and scrolls to it. */
export function showCurrent(view: EditorView): void {
  const state = findKey.getState(view.state);
  const m = state?.matches[state.current];
  if (m === undefined) return;
  view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, m.from, m.to)).scrollIntoView());
}

/** The find state of a view. */
export function findState(view: EditorView): FindState {
  return findKey.getState(view.state) ?? EMPTY;
}
