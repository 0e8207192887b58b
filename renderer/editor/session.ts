/**
 * One opened document in the editor: the ProseMirror view, its collab sync, and
 * the state they share. Closing a session (the user opens another document)
 * removes the view at once but lets unsaved steps finish going to the store, so
 * switching documents never drops an edit.
 */
import type { EditorState, Transaction } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import type { OpenedDocument, SiglumApi } from '../../edition/api.ts';
import type { ActionHost } from './actions.ts';
import { CollabSync, type SaveStatus } from './collab.ts';
import { typeIntoSelectedNote } from './noteView.ts';
import { createEditorState, docFromJSON, nodeViews } from './setup.ts';

export interface SessionHost extends ActionHost {
  onStatus(status: SaveStatus, error?: unknown): void;
  /** Every transaction, after the view has it (for toolbars). */
  onTransaction(tr: Transaction): void;
}

/**
 * Plain typed characters go straight into a transaction instead of through the
 * browser's editing command, which lays out the page before inserting and costs
 * several milliseconds per key in a long document. Composition (IME), dictation
 * and everything else still take the browser's path, which ProseMirror reads back.
 */
function typeDirectly(view: EditorView, event: Event): boolean {
  const input = event as InputEvent;
  if (input.inputType !== 'insertText' || input.isComposing || view.composing || !input.data) return false;
  input.preventDefault();
  // A selected note is never replaced by typing: the text goes into it.
  if (typeIntoSelectedNote(view, input.data)) return true;
  view.dispatch(view.state.tr.insertText(input.data).scrollIntoView());
  return true;
}

export class EditorSession {
  readonly view: EditorView;
  readonly sync: CollabSync;
  private state: EditorState;
  private closed = false;

  constructor(
    place: HTMLElement,
    api: Pick<SiglumApi, 'pushSteps' | 'stepsSince'>,
    opened: OpenedDocument,
    private readonly host: SessionHost,
  ) {
    this.state = createEditorState(docFromJSON(opened.doc), opened.version, crypto.randomUUID(), host);
    this.sync = new CollabSync(api, opened.info.id, {
      getState: () => this.state,
      apply: (tr) => this.apply(tr),
      onStatus: (status, error) => {
        if (!this.closed) host.onStatus(status, error);
      },
    });
    this.view = new EditorView(place, {
      state: this.state,
      nodeViews: nodeViews(host),
      attributes: {
        spellcheck: 'false',
        'aria-label': 'Document text',
        class: 'document-text',
      },
      dispatchTransaction: (tr) => this.apply(tr),
      handleDOMEvents: { beforeinput: typeDirectly },
    });
  }

  private apply(tr: Transaction): void {
    this.state = this.state.apply(tr);
    if (!this.closed) {
      this.view.updateState(this.state);
      this.host.onTransaction(tr);
    }
    if (tr.docChanged) this.sync.localChange();
  }

  /** Whether steps typed here are not yet committed. */
  hasUnsaved(): boolean {
    return this.sync.hasUnsaved();
  }

  /** Removes the view; unsaved steps keep going to the store. */
  close(): void {
    this.closed = true;
    this.view.destroy();
    if (!this.sync.hasUnsaved()) this.sync.dispose();
  }
}
