/**
 * The editor's side of the window: the open session, its save status, and the
 * page-break dialog. The toolbar reads `tick` to know when to recompute which
 * actions apply; it is bumped once the user pauses (not on every transaction), so
 * typing never waits for the toolbar.
 */
import { createStore } from 'solid-js/store';
import type { Transaction } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { actionById, type ActionHost } from '../editor/actions.ts';
import type { SaveStatus } from '../editor/collab.ts';
import type { PageBreakAttrs } from '../editor/inline.ts';
import type { EditorSession, SessionHost } from '../editor/session.ts';
import { sentenceOf } from './notices.ts';

export interface EditorState {
  status: SaveStatus;
  /** Why the last save failed, as a sentence. */
  statusDetail: string | null;
  /** Bumped when the selection or document changed, for toolbar states. */
  tick: number;
  /** Whether the page-break dialog is open. */
  askingPageBreak: boolean;
  /** The values the dialog starts from (a page break being changed), or null for a new one. */
  pageBreakCurrent: PageBreakAttrs | null;
  /** What the dialog proposes for a new page break (the page after the one before). */
  pageBreakProposal: PageBreakAttrs | null;
  /** Whether a document is open in the editor. */
  open: boolean;
  /** Edits kept by a tab the server refused, restored into the open document (0: none). */
  restored: number;
  /** Of those, how many no longer had a place in the document. */
  restoredDropped: number;
}

export interface EditorActions extends SessionHost, ActionHost {
  attach(session: EditorSession): void;
  detach(session: EditorSession): void;
  run(actionId: string): void;
  enabled(actionId: string): boolean;
  active(actionId: string): boolean;
  answerPageBreak(attrs: PageBreakAttrs | null): void;
  retry(): void;
  /** Keeps every unsaved step for a session at another address; true when all were kept. */
  handOver(): boolean;
  hasUnsaved(): boolean;
  focus(): void;
  /** Recomputes toolbar and menu states now (a menu is opening). */
  refresh(): void;
  /** The open document's view (panels that edit through its transactions), or null. */
  view(): EditorView | null;
}

export type EditorStore = [EditorState, EditorActions];

const TOOLBAR_DELAY_MS = 120;

export function createEditorStore(): EditorStore {
  const [state, setState] = createStore<EditorState>({
    status: 'saved',
    statusDetail: null,
    tick: 0,
    askingPageBreak: false,
    pageBreakCurrent: null,
    pageBreakProposal: null,
    open: false,
    restored: 0,
    restoredDropped: 0,
  });
  let session: EditorSession | null = null;
  /** Sessions closed while their steps were still on the way. */
  const closing = new Set<EditorSession>();
  let pendingTick: ReturnType<typeof setTimeout> | null = null;
  let answer: ((attrs: PageBreakAttrs | null) => void) | null = null;

  // Debounced: while the user types, the toolbar waits until they pause.
  const bump = () => {
    if (pendingTick !== null) clearTimeout(pendingTick);
    pendingTick = setTimeout(() => {
      pendingTick = null;
      setState('tick', (t) => t + 1);
    }, TOOLBAR_DELAY_MS);
  };

  const actions: EditorActions = {
    attach(s) {
      session = s;
      setState({ open: true, status: 'saved', statusDetail: null, restored: 0, restoredDropped: 0 });
      bump();
    },
    detach(s) {
      if (session !== s) return;
      session = null;
      if (s.hasUnsaved()) closing.add(s);
      setState('open', false);
    },
    onStatus(status, error) {
      for (const s of closing) if (!s.hasUnsaved()) closing.delete(s);
      setState({
        status,
        statusDetail: error === undefined ? null : sentenceOf(error),
      });
    },
    onRestored(restored, dropped) {
      setState({ restored: state.restored + restored, restoredDropped: state.restoredDropped + dropped });
    },
    onTransaction(tr: Transaction) {
      if (tr.docChanged || tr.selectionSet || tr.storedMarksSet) bump();
    },
    run(actionId) {
      if (session) actionById(actionId).run(session.view, actions);
    },
    enabled(actionId) {
      return session !== null && actionById(actionId).enabled(session.view.state);
    },
    active(actionId) {
      const action = actionById(actionId);
      return session !== null && action.active !== undefined && action.active(session.view.state);
    },
    askPageBreak(current, proposal) {
      answer?.(null);
      setState({ askingPageBreak: true, pageBreakCurrent: current ?? null, pageBreakProposal: proposal ?? null });
      return new Promise((resolve) => {
        answer = resolve;
      });
    },
    answerPageBreak(attrs) {
      setState('askingPageBreak', false);
      const resolve = answer;
      answer = null;
      resolve?.(attrs);
    },
    retry() {
      session?.sync.retry();
      for (const s of closing) s.sync.retry();
    },
    handOver() {
      let all = session?.sync.abandon() ?? true;
      for (const s of closing) all = s.sync.abandon() && all;
      return all;
    },
    hasUnsaved() {
      return (session?.hasUnsaved() ?? false) || [...closing].some((s) => s.hasUnsaved());
    },
    focus() {
      session?.view.focus();
    },
    refresh() {
      if (pendingTick !== null) clearTimeout(pendingTick);
      pendingTick = null;
      setState('tick', (t) => t + 1);
    },
    view() {
      return session?.view ?? null;
    },
  };
  return [state, actions];
}
