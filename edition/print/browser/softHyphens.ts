/**
 * Soft hyphens that did not break a line, taken out of the laid-out pages.
 *
 * The text is hyphenated before layout (hyphenate.ts) so that Chromium can break
 * inside words; but every soft hyphen left in the text reaches the PDF's text layer,
 * where a reader's search for "December" misses "De\u00adcem\u00adber" and copied
 * text is full of invisible characters. So once a flow (or a foot) is laid out, only a
 * soft hyphen at the end of a line is kept; the others are removed and the lines are
 * measured after that. Taking one out can move a line break (the word's letters may
 * kern across it now), so the paginator measures only the text as it will print.
 */

const SHY = '\u00ad';

/** The vertical centre of character `i` of `node`, or null when it has no box. */
function centreOf(range: Range, node: Text, i: number): { y: number; h: number } | null {
  range.setStart(node, i);
  range.setEnd(node, i + 1);
  const r = range.getBoundingClientRect();
  if (r.height === 0 && r.width === 0) return null;
  return { y: (r.top + r.bottom) / 2, h: r.bottom - r.top };
}

/** Whether the soft hyphen at `i` in `node` ends a line: the letters either side of it are on different lines. */
function endsLine(range: Range, node: Text, i: number): boolean {
  const text = node.data;
  let before = i - 1;
  while (before >= 0 && text[before] === SHY) before--;
  let after = i + 1;
  while (after < text.length && text[after] === SHY) after++;
  // At the edge of a text node (a word split by markup) it cannot be told here: kept.
  if (before < 0 || after >= text.length) return true;
  const a = centreOf(range, node, before);
  const b = centreOf(range, node, after);
  if (a === null || b === null) return true;
  return Math.abs(b.y - a.y) > Math.max(a.h, b.h) / 2;
}

/**
 * Removes from the text under `root` every soft hyphen that does not end a line as
 * laid out now. All are measured before any is removed, so the layout is read once.
 * Returns how many were kept (line ends) and removed.
 */
export function dropUnusedSoftHyphens(root: Element, range: Range): { kept: number; removed: number } {
  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  const edits: Array<{ node: Text; keep: Set<number> }> = [];
  let kept = 0;
  let removed = 0;
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const node = t as Text;
    if (!node.data.includes(SHY)) continue;
    const keep = new Set<number>();
    for (let i = node.data.indexOf(SHY); i >= 0; i = node.data.indexOf(SHY, i + 1)) {
      if (endsLine(range, node, i)) keep.add(i);
      else removed++;
    }
    kept += keep.size;
    edits.push({ node, keep });
  }
  for (const { node, keep } of edits) {
    let out = '';
    const text = node.data;
    for (let i = 0; i < text.length; i++) if (text[i] !== SHY || keep.has(i)) out += text[i];
    node.data = out;
  }
  return { kept, removed };
}
