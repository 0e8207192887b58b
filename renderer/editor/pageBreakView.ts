/**
 * How a page break appears in the editor: a thin rule in the running text and
 * "[Page 69]" in the left margin (CSS places the label), with the facsimile in
 * the tooltip.
 */
import type { Node } from 'prosemirror-model';
import type { NodeView } from 'prosemirror-view';

/** A page break: a thin rule in the text and "[Page 69]" in the margin. */
export class PageBreakView implements NodeView {
  readonly dom: HTMLElement;
  private readonly label: HTMLElement;

  constructor(private node: Node) {
    this.dom = document.createElement('span');
    this.dom.className = 'tei-pb';
    this.dom.contentEditable = 'false';
    this.label = document.createElement('span');
    this.label.className = 'tei-pb-label';
    this.dom.appendChild(this.label);
    this.render();
  }

  private render(): void {
    const n = this.node.attrs['n'] as string | null;
    const facs = this.node.attrs['facs'] as string | null;
    this.label.textContent = n === null ? '[Page]' : `[Page ${n}]`;
    this.dom.setAttribute('data-n', n ?? '');
    this.dom.title = facs ? `Page ${n ?? '(unnumbered)'}; facsimile ${facs}` : `Page ${n ?? '(unnumbered)'}`;
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
