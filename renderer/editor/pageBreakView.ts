/**
 * How a page break appears in the editor: a thin rule in the running text and
 * "[Page 69]" in the left margin (CSS places the label), with the facsimile in
 * the tooltip. Double-clicking it asks for a new number and facsimile.
 */
import type { Node } from 'prosemirror-model';
import type { EditorView, NodeView } from 'prosemirror-view';
import type { ActionHost } from './actions.ts';
import { changePageBreak } from './inline.ts';

/** A page break: a thin rule in the text and "[Page 69]" in the margin. */
export class PageBreakView implements NodeView {
  readonly dom: HTMLElement;
  private readonly label: HTMLElement;

  constructor(
    private node: Node,
    private readonly view: EditorView,
    private readonly getPos: () => number | undefined,
    private readonly host: ActionHost,
  ) {
    this.dom = document.createElement('span');
    this.dom.className = 'tei-pb';
    this.dom.contentEditable = 'false';
    this.label = document.createElement('span');
    this.label.className = 'tei-pb-label';
    this.dom.appendChild(this.label);
    this.dom.addEventListener('dblclick', () => this.edit());
    this.render();
  }

  private edit(): void {
    const current = { n: this.node.attrs['n'] as string | null, facs: this.node.attrs['facs'] as string | null };
    void this.host.askPageBreak(current).then((attrs) => {
      const pos = this.getPos();
      if (attrs && pos !== undefined && !this.view.isDestroyed) {
        changePageBreak(pos, attrs)(this.view.state, this.view.dispatch);
      }
      if (!this.view.isDestroyed) this.view.focus();
    });
  }

  private render(): void {
    const n = this.node.attrs['n'] as string | null;
    const facs = this.node.attrs['facs'] as string | null;
    this.label.textContent = n === null ? '[Page]' : `[Page ${n}]`;
    this.dom.setAttribute('data-n', n ?? '');
    const where = facs ? `Page ${n ?? '(unnumbered)'}, facsimile ${facs}` : `Page ${n ?? '(unnumbered)'}`;
    this.dom.title = `${where}. Double-click to change.`;
  }

  update(node: Node): boolean {
    if (node.type !== this.node.type) return false;
    this.node = node;
    this.render();
    return true;
  }

  ignoreMutation(): boolean {
    return true;
  }
}
