/**
 * Reading the laid-out text inside the print page: a flow's line boxes, taken from
 * its text's client rects, and where an anchor (note call, lemma marker) stands
 * among them. Runs in the page; the `Document` is passed in.
 */

/** One line of a flow, in px from the flow's top. */
export interface Line {
  top: number;
  bottom: number;
  /** Index of the leaf block the line belongs to. */
  block: number;
  numbered: boolean;
  /** Numbered lines before this one in its flow. */
  ord: number;
  /** `ord` of the first line of this line's document. */
  docOrd: number;
  /** `ord` of the first line of this line's section (its document's, or its `.sec` block's). */
  secOrd: number;
  /** The document the line belongs to (null in front matter and index). */
  doc: number | null;
  keepWithNext: boolean;
}

export interface FlowLines {
  origin: DOMRect;
  blocks: HTMLElement[];
  /** Each block's offset from the flow and width, for placing its clones. */
  boxes: Array<{ top: number; left: number; width: number }>;
  lines: Line[];
  /** Running head of each document in the flow (key null: the flow's own). */
  heads: Map<number | null, string>;
}

/**
 * The lines of a flow. Each leaf block's text nodes give one rect per line fragment
 * (`Range.getClientRects`); note calls are left out so that raised figures do not
 * make lines of their own. Fragments whose centres lie within half the leading of a
 * line's first fragment belong to that line: glyph boxes of neighbouring lines may
 * overlap, since a font's ascent and descent can exceed the leading.
 */
export function readLines(
  doc: Document,
  range: Range,
  section: HTMLElement,
  numberLines: boolean,
  flowHead: string,
  leading: number,
): FlowLines {
  const origin = section.getBoundingClientRect();
  const blocks = Array.from(section.querySelectorAll<HTMLElement>('.blk'));
  const boxes = blocks.map((b) => {
    const r = b.getBoundingClientRect();
    return {
      top: r.top - origin.top,
      left: r.left - origin.left,
      width: r.width,
    };
  });
  const lines: Line[] = [];
  const heads = new Map<number | null, string>();
  let ord = 0;
  let docOrd = 0;
  let secOrd = 0;
  let previousDoc: number | null = null;
  const collect = (rects: Array<{ top: number; bottom: number }>): void => {
    for (const r of Array.from(range.getClientRects())) {
      if (r.width > 0 && r.height > 0) {
        rects.push({ top: r.top - origin.top, bottom: r.bottom - origin.top });
      }
    }
  };
  blocks.forEach((block, bi) => {
    const docEl = block.closest('[data-doc]');
    const docIndex = docEl === null ? null : Number(docEl.getAttribute('data-doc'));
    if (!heads.has(docIndex)) heads.set(docIndex, docEl?.getAttribute('data-head') ?? flowHead);
    if (docIndex !== previousDoc) docOrd = ord;
    if (docIndex !== previousDoc || block.classList.contains('sec')) secOrd = ord;
    previousDoc = docIndex;
    const numbered = numberLines && !block.classList.contains('unnum');
    const keep = block.classList.contains('heading');
    const rects: Array<{ top: number; bottom: number }> = [];
    const walker = doc.createTreeWalker(block, 4 /* NodeFilter.SHOW_TEXT */);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      if (t.parentElement?.closest('.call')) continue;
      range.selectNodeContents(t);
      collect(rects);
    }
    if (rects.length === 0) {
      // A block holding only a note call (FRUS sets some notes alone in a run): the call makes its line.
      range.selectNodeContents(block);
      collect(rects);
    }
    rects.sort((a, b) => a.top + a.bottom - b.top - b.bottom);
    let current: Line | null = null;
    let centre = 0;
    for (const r of rects) {
      if (current && (r.top + r.bottom) / 2 - centre < leading / 2) {
        current.top = Math.min(current.top, r.top);
        current.bottom = Math.max(current.bottom, r.bottom);
        continue;
      }
      centre = (r.top + r.bottom) / 2;
      current = {
        top: r.top,
        bottom: r.bottom,
        block: bi,
        numbered,
        ord,
        docOrd,
        secOrd,
        doc: docIndex,
        keepWithNext: keep,
      };
      if (numbered) ord++;
      lines.push(current);
    }
  });
  return { origin, blocks, boxes, lines, heads };
}

/** The line at height `y` (px from the flow's top); in a gap between lines, the nearer. */
export function lineAt(lines: readonly Line[], y: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid]!.top <= y) lo = mid;
    else hi = mid - 1;
  }
  const next = lines[lo + 1];
  if (next && y > lines[lo]!.bottom && next.top - y < y - lines[lo]!.bottom) return lo + 1;
  return lo;
}

/**
 * Where an anchor stands: the vertical centre, relative to `origin`, of the first
 * visible character after it (a lemma's start) or the last before it (a note call,
 * glued to its word), falling back to the other side and then the element's own box.
 */
export function anchorLocator(
  doc: Document,
  range: Range,
): (el: Element, after: boolean, origin: number) => number | null {
  const charRect = (el: Element, block: Element, after: boolean): DOMRect | null => {
    const walker = doc.createTreeWalker(block, 4 /* NodeFilter.SHOW_TEXT */);
    walker.currentNode = el;
    const step = (): Node | null => (after ? walker.nextNode() : walker.previousNode());
    for (let t = step(); t; t = step()) {
      if (t.parentElement?.closest('.call')) continue;
      const s = (t as Text).data;
      for (let n = 0; n < s.length; n++) {
        const i = after ? n : s.length - 1 - n;
        if (/[\s\u00ad]/.test(s[i] ?? ' ')) continue;
        range.setStart(t, i);
        range.setEnd(t, i + 1);
        const r = range.getClientRects()[0];
        if (r && r.height > 0) return r;
      }
    }
    return null;
  };
  return (el, after, origin) => {
    const block = el.closest('.blk');
    if (!block) return null;
    const r = charRect(el, block, after) ?? charRect(el, block, !after) ?? el.getBoundingClientRect();
    return (r.top + r.bottom) / 2 - origin;
  };
}
