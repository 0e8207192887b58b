/**
 * How a note appears in the editor: a superscript number in the running text
 * that, once selected, opens a small editor on the note's content.
 *
 * The note's content lives in the main document (see edition/schema.ts). The
 * nested editor is ProseMirror's footnote pattern: its transactions are mapped
 * into the main editor's (offset by the note's position), so undo, collab and
 * saving see an edit in a note like any other edit; and changes that reach the
 * main document from elsewhere (undo, another window) are copied back in.
 */
import { baseKeymap } from 'prosemirror-commands';
import { redo, undo } from 'prosemirror-history';
import { keymap } from 'prosemirror-keymap';
import type { Node } from 'prosemirror-model';
import { EditorState, type Command, type Plugin, type Transaction } from 'prosemirror-state';
import { StepMap } from 'prosemirror-transform';
import { EditorView, type NodeView } from 'prosemirror-view';
import { blockKeymap } from './blockKeys.ts';
import { sourceWhitespace } from './sourceWhitespace.ts';

/** Runs a command of the main editor from inside a note (undo must cover both). */
function outer(view: EditorView, command: Command): Command {
  return () => command(view.state, view.dispatch, view);
}

export class NoteView implements NodeView {
  readonly dom: HTMLElement;
  private readonly callout: HTMLElement;
  private node: Node;
  private inner: EditorView | null = null;

  constructor(
    node: Node,
    private readonly outerView: EditorView,
    private readonly getPos: () => number | undefined,
    /** The marks' and entities' keys and the mention plugin (setup.ts `noteEditorPlugins`). */
    private readonly plugins: readonly Plugin[] = [],
  ) {
    this.node = node;
    this.dom = document.createElement('span');
    this.dom.className = 'note';
    this.callout = document.createElement('sup');
    this.callout.className = 'note-callout';
    this.dom.appendChild(this.callout);
    this.render();
  }

  private render(): void {
    const n = this.node.attrs['n'] as string | null;
    if (n) this.callout.setAttribute('data-n', n);
    else this.callout.removeAttribute('data-n');
    const type = this.node.attrs['type'] as string | null;
    this.callout.title = `${type ? `${type} note` : 'Note'}: ${this.node.textContent.slice(0, 200)}`;
  }

  selectNode(): void {
    this.dom.classList.add('ProseMirror-selectednode');
    if (!this.inner) this.open();
  }

  deselectNode(): void {
    this.dom.classList.remove('ProseMirror-selectednode');
    if (this.inner) this.close();
  }

  private open(): void {
    const popup = this.dom.appendChild(document.createElement('span'));
    popup.className = 'note-editor';
    const label = popup.appendChild(document.createElement('span'));
    label.className = 'note-editor-label';
    label.textContent = 'Note';
    this.inner = new EditorView(popup, {
      state: EditorState.create({
        doc: this.node,
        plugins: [
          sourceWhitespace(),
          ...this.plugins,
          keymap({
            'Mod-z': outer(this.outerView, undo),
            'Mod-y': outer(this.outerView, redo),
            'Mod-Shift-z': outer(this.outerView, redo),
            Escape: () => {
              this.outerView.focus();
              return true;
            },
          }),
          keymap(blockKeymap()),
          keymap(baseKeymap),
        ],
      }),
      dispatchTransaction: (tr) => this.dispatchInner(tr),
      handleDOMEvents: {
        mousedown: () => {
          // Clicking inside the popup should move focus into it, not select text outside.
          if (this.inner && this.outerView.hasFocus()) this.inner.focus();
          return false;
        },
      },
    });
  }

  private close(): void {
    this.inner?.destroy();
    this.inner = null;
    this.dom.querySelector('.note-editor')?.remove();
  }

  private dispatchInner(tr: Transaction): void {
    if (!this.inner) return;
    const { state, transactions } = this.inner.state.applyTransaction(tr);
    this.inner.updateState(state);
    if (tr.getMeta('fromOutside')) return;
    const pos = this.getPos();
    if (pos === undefined) return;
    const outerTr = this.outerView.state.tr;
    const offset = StepMap.offset(pos + 1);
    for (const t of transactions)
      for (const step of t.steps) {
        const mapped = step.map(offset);
        if (mapped) outerTr.step(mapped);
      }
    if (outerTr.docChanged) this.outerView.dispatch(outerTr);
  }

  update(node: Node): boolean {
    if (!node.sameMarkup(this.node)) return false;
    this.node = node;
    this.render();
    if (this.inner) {
      const state = this.inner.state;
      const start = node.content.findDiffStart(state.doc.content);
      if (start !== null) {
        const end = node.content.findDiffEnd(state.doc.content);
        if (end) {
          let { a: endA, b: endB } = end;
          const overlap = start - Math.min(endA, endB);
          if (overlap > 0) {
            endA += overlap;
            endB += overlap;
          }
          this.inner.dispatch(state.tr.replace(start, endB, node.slice(start, endA)).setMeta('fromOutside', true));
        }
      }
    }
    return true;
  }

  destroy(): void {
    if (this.inner) this.close();
  }

  stopEvent(event: Event): boolean {
    return this.inner !== null && event.target instanceof globalThis.Node && this.inner.dom.contains(event.target);
  }

  ignoreMutation(): boolean {
    return true;
  }
}
