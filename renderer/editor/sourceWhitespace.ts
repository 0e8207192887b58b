/**
 * Shows the line breaks and indentation that an XML source keeps inside running
 * text (a FRUS paragraph wrapped at 80 columns) as single spaces, as a reader of
 * the TEI would see them, while the document keeps them exactly (export gives the
 * same XML back).
 *
 * The editor itself stays `white-space: pre-wrap`, as ProseMirror needs for typing;
 * only these runs are wrapped in an inline decoration whose CSS collapses them.
 * Decorations are found once when the document opens, then only in the text
 * blocks a transaction touched.
 */
import type { Node } from 'prosemirror-model';
import { Plugin, PluginKey } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';

const RUN = /[ \t]*[\r\n][\s]*/g;

/** Decorations for the source whitespace in the text block `block` starting at `pos`. */
function scanBlock(block: Node, pos: number, out: Decoration[]): void {
  block.forEach((child, offset) => {
    if (!child.isText) {
      if (child.isTextblock || child.childCount > 0) scanBlock(child, pos + 1 + offset, out);
      return;
    }
    const text = child.text ?? '';
    if (!text.includes('\n') && !text.includes('\r')) return;
    const start = pos + 1 + offset;
    for (const match of text.matchAll(RUN)) {
      const from = start + (match.index ?? 0);
      out.push(Decoration.inline(from, from + match[0].length, { class: 'source-ws' }));
    }
  });
}

function scanRange(doc: Node, from: number, to: number, out: Decoration[]): void {
  doc.nodesBetween(from, to, (node, pos) => {
    if (node.isTextblock) {
      scanBlock(node, pos, out);
      return false;
    }
    return true;
  });
}

export const sourceWhitespaceKey = new PluginKey<DecorationSet>('sourceWhitespace');

export function sourceWhitespace(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: sourceWhitespaceKey,
    state: {
      init: (_config, state) => {
        const found: Decoration[] = [];
        scanRange(state.doc, 0, state.doc.content.size, found);
        return DecorationSet.create(state.doc, found);
      },
      apply: (tr, set) => {
        if (!tr.docChanged) return set;
        let next = set.map(tr.mapping, tr.doc);
        // The text blocks around each changed range, in the new document.
        const ranges: Array<[number, number]> = [];
        tr.mapping.maps.forEach((map, i) => {
          map.forEach((_oldStart, _oldEnd, newStart, newEnd) => {
            const rest = tr.mapping.slice(i + 1);
            ranges.push([rest.map(newStart, -1), rest.map(newEnd, 1)]);
          });
        });
        for (const [from, to] of ranges) {
          const $from = tr.doc.resolve(Math.min(from, tr.doc.content.size));
          const $to = tr.doc.resolve(Math.min(to, tr.doc.content.size));
          const start = $from.depth > 0 ? $from.start(1) - 1 : 0;
          const end = $to.depth > 0 ? $to.end(1) + 1 : tr.doc.content.size;
          next = next.remove(next.find(start, end));
          const found: Decoration[] = [];
          scanRange(tr.doc, start, end, found);
          next = next.add(tr.doc, found);
        }
        return next;
      },
    },
    props: {
      decorations: (state) => sourceWhitespaceKey.getState(state),
    },
  });
}
