/**
 * Every place where a witness differs from the base, with the kind of each reading
 * (substantive, orthographic, punctuation, transposition, omission, addition),
 * filtered by kind. A place can become an apparatus entry on the base text: the entry
 * is a mark added by an editor transaction, so it is saved, shared and undone like
 * typing.
 */
import { createMemo, For, Show } from 'solid-js';
import { entryHolds, findEntries, makeEntry, mergeIntoEntry, type AppEntry } from '../../edition/apparatus/index.ts';
import type { Node as PMNode } from 'prosemirror-model';
import { TextSelection } from 'prosemirror-state';
import { schema } from '../../edition/schema.ts';
import { useStores } from '../stores/context.ts';
import { kindCounts, placementOf, VARIANT_KINDS } from './workbench.ts';
import type { VariantsStore } from './store.ts';

export default function VariantList(props: { store: VariantsStore }) {
  const { editor, notices } = useStores();
  const [editorState, editorActions] = editor;
  const state = () => props.store[0];
  const actions = () => props.store[1];
  const bench = () => actions().bench();
  const counts = createMemo(() => {
    const b = bench();
    return b ? kindCounts(b) : null;
  });
  const entries = createMemo(() => {
    const b = bench();
    if (!b) return [];
    const shown = actions().shownSet();
    return b.view.apparatus.filter((e) => e.readings.some((r) => r.kind !== null && shown.has(r.kind)));
  });
  /**
   * The document as the last entry made here left it, and the collated document it was
   * made on: an entry only adds a mark, so the text, and every place's position, is still
   * the collated one, and the next entry can be made at once rather than after the
   * collation has been run again.
   */
  let marked: { from: PMNode; to: PMNode } | null = null;
  /** Whether the editor's document has the text the collation `b` was made on. */
  const sameText = (b: { doc: PMNode }, doc: PMNode) => doc === b.doc || (marked?.from === b.doc && marked.to === doc);
  /** The document's apparatus entries, read once for each version of the document (every row asks). */
  let read: { doc: PMNode; entries: AppEntry[] } | null = null;
  const entriesIn = (doc: PMNode): AppEntry[] => {
    if (read?.doc !== doc) read = { doc, entries: findEntries(doc) };
    return read.entries;
  };
  /**
   * Whether the place can become an entry, or add its readings to the entry already on
   * the same words (`into`): it says 'In apparatus' only where that entry already has
   * every witness reading there as the collation found, and 'Overlaps an entry' where an
   * entry on other words covers part of it (change that one in the Apparatus tab).
   */
  const placement = (column: number) => {
    void editorState.tick;
    const b = bench();
    const view = editorActions.view();
    if (!b || !view || !sameText(b, view.state.doc)) return { ok: false as const, why: 'Collating…' };
    const p = placementOf(b, column);
    if (p === null)
      return {
        ok: false as const,
        why: b.own === null ? 'Base is a witness' : 'No text to attach to',
      };
    if (view.state.doc.rangeHasMark(p.from, p.to, schema.marks.app)) {
      const over = entriesIn(view.state.doc).filter((e) => e.from < p.to && e.to > p.from);
      const same = over.length === 1 && over[0]!.from === p.from && over[0]!.to === p.to ? over[0]! : null;
      if (same === null) return { ok: false as const, why: 'Overlaps an entry' };
      if (entryHolds(same, p.entry)) return { ok: false as const, why: 'In apparatus' };
      return { ok: true as const, placement: p, into: same.id };
    }
    return { ok: true as const, placement: p, into: null };
  };
  /** Points at the place in every view and selects its text in the document. */
  const show = (column: number) => {
    actions().point(column);
    const b = bench();
    const view = editorActions.view();
    const p = b ? placementOf(b, column) : null;
    if (!view || !p || !b || !sameText(b, view.state.doc)) return;
    view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, p.from, p.to)).scrollIntoView());
    view.focus();
  };
  const make = (column: number) => {
    const view = editorActions.view();
    const p = placement(column);
    if (!view || !p.ok) return;
    const b = bench();
    try {
      const tr = view.state.tr;
      if (p.into === null) makeEntry(tr, p.placement.from, p.placement.to, p.placement.entry);
      else mergeIntoEntry(tr, p.into, p.placement.entry);
      if (b) marked = { from: b.doc, to: tr.doc };
      view.dispatch(tr);
    } catch (error) {
      notices[1].show(error, 'Could not make the apparatus entry');
    }
  };

  type Can = ReturnType<typeof placement>;
  const label = (c: Can) => (c.ok ? (c.into === null ? 'Make entry' : 'Add to entry') : c.why);
  const title = (c: Can) => {
    if (c.ok)
      return c.into === null
        ? 'Make this place an apparatus entry on the base text'
        : 'Add the readings found here to the apparatus entry already on these words';
    if (c.why === 'In apparatus') return 'The apparatus entry on these words already has these readings';
    if (c.why === 'Overlaps an entry')
      return 'An apparatus entry on other words covers part of this place: change it in the Apparatus tab';
    return c.why;
  };

  return (
    <div class="variant-list">
      <fieldset class="kind-filters">
        <legend class="visually-hidden">Show variants of these kinds</legend>
        <For each={VARIANT_KINDS}>
          {(kind) => (
            <label class="kind-chip" data-kind={kind}>
              <input type="checkbox" checked={state().shown[kind]} onChange={() => actions().toggleKind(kind)} />
              <span class="kind-name">{kind}</span>
              <span class="count">{counts()?.[kind] ?? 0}</span>
            </label>
          )}
        </For>
      </fieldset>
      <Show when={entries().length > 0} fallback={<p class="hint">No variants of the kinds shown.</p>}>
        <ol class="variant-rows">
          <For each={entries()}>
            {(e) => {
              const can = () => placement(e.column);
              return (
                <li
                  class="variant-row"
                  classList={{ pointed: state().column === e.column }}
                  data-col={e.column}
                  onClick={() => show(e.column)}
                >
                  <div class="variant-reading">
                    <span class="lemma" title={e.lemma.text.trim() === '' ? 'Nothing in the base here' : undefined}>
                      {e.lemma.text.trim() || '‸'}
                    </span>{' '}
                    <span class="sigla">{e.lemma.wit.join(' ')}</span>
                    <span class="bracket">]</span>{' '}
                    <For each={e.readings}>
                      {(r, i) => (
                        <span class="reading">
                          {i() > 0 ? '; ' : ''}
                          {r.text.trim() || 'om.'} <span class="sigla">{r.wit.join(' ')}</span>{' '}
                          <Show when={r.kind}>
                            {(k) => (
                              <span class="kind-tag" data-kind={k()}>
                                {k()}
                              </span>
                            )}
                          </Show>
                        </span>
                      )}
                    </For>
                  </div>
                  <button
                    type="button"
                    class="button small"
                    disabled={!can().ok}
                    title={title(can())}
                    onClick={(ev) => {
                      ev.stopPropagation();
                      make(e.column);
                    }}
                  >
                    {label(can())}
                  </button>
                </li>
              );
            }}
          </For>
        </ol>
      </Show>
    </div>
  );
}
