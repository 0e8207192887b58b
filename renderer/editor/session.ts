/**
 * One opened document in the editor: the ProseMirror view, its collab sync, and
 * the state they share. Closing a session (the user opens another document)
 * removes the view at once but lets unsaved steps finish going to the store, so
 * switching documents never drops an edit.
 */
import { getVersion } from 'prosemirror-collab';
import type { EditorState, Transaction } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import type { OpenedDocument, SiglumApi } from '../../edition/api.ts';
import type { ActionHost } from './actions.ts';
import { CollabSync, type SaveStatus } from './collab.ts';
import { typeIntoSelectedNote } from './noteView.ts';
import { createEditorState, docFromJSON, nodeViews } from './setup.ts';
import { findUnsent, rebaseUnsent, removeUnsent, storeUnsent, unsentKey, type UnsentStorage } from './unsent.ts';

export interface SessionHost extends ActionHost {
  onStatus(status: SaveStatus, error?: unknown): void;
  /** Every transaction, after the view has it (for toolbars). */
  onTransaction(tr: Transaction): void;
  /** Steps kept from a refused tab were applied here (`dropped` of them no longer had a place). */
  onRestored?(restored: number, dropped: number): void;
}

/** Where a session keeps the steps it cannot send: the project they belong to and the storage. */
export interface UnsentPlace {
  /** The project's path (ProjectInfo.path), which names it across server restarts. */
  project: string;
  /** Default: the window's localStorage. */
  storage?: UnsentStorage;
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
  private readonly clientID = crypto.randomUUID();
  /** Entries restored here, removed from storage once their steps are committed. */
  private restoredKeys: string[] = [];

  constructor(
    place: HTMLElement,
    private readonly api: Pick<SiglumApi, 'pushSteps' | 'stepsSince'>,
    private readonly opened: OpenedDocument,
    private readonly host: SessionHost,
    private readonly unsent: UnsentPlace | null = null,
  ) {
    this.state = createEditorState(docFromJSON(opened.doc), opened.version, this.clientID, host);
    this.sync = new CollabSync(api, opened.info.id, {
      getState: () => this.state,
      apply: (tr) => this.apply(tr),
      onStatus: (status, error) => {
        if (status === 'saved' && this.restoredKeys.length > 0) {
          for (const key of this.restoredKeys) removeUnsent(key, this.unsent?.storage);
          this.restoredKeys = [];
        }
        if (!this.closed) host.onStatus(status, error);
      },
      keepUnsent: (kept) => {
        if (!this.unsent) return false;
        const { project, storage } = this.unsent;
        if (kept === null) {
          removeUnsent(unsentKey(project, opened.info.id, this.clientID), storage);
          return true;
        }
        return storeUnsent(
          project,
          opened.info.id,
          this.clientID,
          { version: kept.version, steps: kept.steps, savedAt: new Date().toISOString() },
          storage,
        );
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

  /**
   * Applies the steps a refused tab kept for this document (renderer/editor/unsent.ts),
   * rebased over what the store committed since, as this window's own edits, so they
   * are saved like typing. Their entries are removed once the store has them.
   */
  async restoreUnsent(): Promise<void> {
    if (!this.unsent) return;
    const entries = findUnsent(this.unsent.project, this.opened.info.id, this.unsent.storage);
    for (const entry of entries) {
      const current = getVersion(this.state);
      if (entry.version > current) continue; // made on a store this one never saw
      const since =
        entry.version === current
          ? []
          : (await this.api.stepsSince({ documentId: this.opened.info.id, version: entry.version })).steps;
      if (this.closed || getVersion(this.state) !== current || since.length < current - entry.version) return;
      const { transform, dropped } = rebaseUnsent(this.state.doc, entry.steps, since.slice(0, current - entry.version));
      const tr = this.state.tr;
      for (const step of transform.steps) tr.step(step);
      if (tr.docChanged) {
        this.restoredKeys.push(entry.key);
        this.view.dispatch(tr);
      } else {
        removeUnsent(entry.key, this.unsent.storage);
      }
      this.host.onRestored?.(transform.steps.length, dropped);
    }
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
