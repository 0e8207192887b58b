/**
 * Opening a search hit: the document is opened (or already is) and the hit's text
 * selected and scrolled into view. A hit names its place as a run of text and
 * offsets in it (edition/search `locateInDoc`), read against the document as the
 * editor holds it.
 */
import { TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { locateInDoc } from '../../edition/search/find.ts';

export interface HitPlace {
  documentId: string;
  run: number;
  start: number;
  end: number;
}

let pending: HitPlace | null = null;

/** Selects the place in `view`; false when the document no longer has it. */
export function selectPlace(view: EditorView, place: HitPlace): boolean {
  const range = locateInDoc(view.state.doc, place.run, place.start, place.end);
  if (range === null) return false;
  view.dispatch(
    view.state.tr.setSelection(TextSelection.create(view.state.doc, range.from, range.to)).scrollIntoView(),
  );
  view.focus();
  return true;
}

/** Remembers a place to select once its document's editor opens. */
export function revealWhenOpen(place: HitPlace): void {
  pending = place;
}

/** Called when a document's editor has opened: selects the place waiting for it, if any. */
export function revealPending(documentId: string, view: EditorView): void {
  if (pending === null || pending.documentId !== documentId) return;
  const place = pending;
  pending = null;
  selectPlace(view, place);
}
