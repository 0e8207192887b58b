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
import { EditorState, NodeSelection, Plugin, TextSelection, type Command, type Transaction } from 'prosemirror-state';
import { StepMap } from 'prosemirror-transform';
import { EditorView, type Decoration, type NodeView } from 'prosemirror-view';
import { fitPopup } from '../layout/fitPopup.ts';
import { shownNumberOf } from '../notes/numbering.ts';
import { blockKeymap } from './blockKeys.ts';
import { sourceWhitespace } from './sourceWhitespace.ts';

/** Runs a command of the main editor from inside a note (undo must cover both). */
function outer(view: EditorView, command: Command): Command {
  return () => command(view.state, view.dispatch, view);
}

/** The note views by their DOM, so that a command can put the caret into a note it just inserted. */
const noteViews = new WeakMap<globalThis.Node, NoteView>();

/**
 * Puts the caret into the editor of the note at `pos` (selected, so open):
 * typing then goes into the note, never over it. False when no note editor is there.
 */
export function focusNoteEditor(view: EditorView, pos: number): boolean {
  const dom = view.nodeDOM(pos);
  const note = dom ? noteViews.get(dom) : undefined;
  return note ? note.focusInner() : false;
}

/**
 * Text typed while a note itself is selected (its number clicked) goes into the note,
 * at the end of its text, rather than replacing the note. False when no note is selected.
 */
export function typeIntoSelectedNote(view: EditorView, text: string): boolean {
  const sel = view.state.selection;
  if (!(sel instanceof NodeSelection) || sel.node.type.name !== 'note') return false;
  const dom = view.nodeDOM(sel.from);
  const note = dom ? noteViews.get(dom) : undefined;
  return note ? note.typeInto(text) : false;
}

/** ProseMirror's own path for text typed over a node selection (keypress) goes the same way. */
export function selectedNoteGuard(): Plugin {
  return new Plugin({
    props: { handleTextInput: (view, _from, _to, text) => typeIntoSelectedNote(view, text) },
  });
}

export class NoteView implements NodeView {
  readonly dom: HTMLElement;
  private readonly callout: HTMLElement;
  private node: Node;
  /** For a note with no number of its own: its place in reading order (notes/numbering.ts `shownNoteNumbers`). */
  private shown: string | null;
  private inner: EditorView | null = null;

  constructor(
    node: Node,
    private readonly outerView: EditorView,
    private readonly getPos: () => number | undefined,
    /** The marks' and entities' keys and the mention plugin (setup.ts `noteEditorPlugins`). */
    private readonly plugins: readonly Plugin[] = [],
    decorations: readonly Decoration[] = [],
  ) {
    this.node = node;
    this.shown = shownNumberOf(decorations);
    this.dom = document.createElement('span');
    this.dom.className = 'note';
    this.callout = document.createElement('sup');
    this.callout.className = 'note-callout';
    this.dom.appendChild(this.callout);
    noteViews.set(this.dom, this);
    this.render();
  }

  /** Focuses the note's editor, its caret at the end of the note's text. */
  focusInner(): boolean {
    if (!this.inner) return false;
    const inner = this.inner;
    inner.dispatch(inner.state.tr.setSelection(TextSelection.atEnd(inner.state.doc)).setMeta('addToHistory', false));
    inner.focus();
    return true;
  }

  /** Focuses the note's editor and types `text` at the end of the note. */
  typeInto(text: string): boolean {
    if (!this.focusInner() || !this.inner) return false;
    this.inner.dispatch(this.inner.state.tr.insertText(text).scrollIntoView());
    return true;
  }

  /** Escape: closes the note's editor and puts the caret in the text just after the note. */
  private leave(): void {
    const pos = this.getPos();
    const outer = this.outerView;
    if (pos !== undefined) {
      const after = pos + this.node.nodeSize;
      outer.dispatch(outer.state.tr.setSelection(TextSelection.create(outer.state.doc, after)));
    }
    outer.focus();
  }

  private render(): void {
    const n = (this.node.attrs['n'] as string | null) || this.shown;
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
              this.leave();
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
    fitPopup(popup);
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

  update(node: Node, decorations: readonly Decoration[]): boolean {
    // A new number or type is drawn here; the open note editor stays open.
    if (node.type !== this.node.type) return false;
    this.node = node;
    this.shown = shownNumberOf(decorations);
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
