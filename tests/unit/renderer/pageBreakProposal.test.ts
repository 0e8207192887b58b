import type { Node as PMNode } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import { proposedPageBreak } from '../../../renderer/editor/inline.ts';
import { doc, p, pb } from './build.ts';

const at = (d: PMNode, tag: string): number => (d as PMNode & { tag: Record<string, number> }).tag[tag]!;

describe('the page number the page-break dialog proposes', () => {
  it('is the page after the nearest break before the cursor, not one before a later break', () => {
    const d = doc(p('a', pb({ n: '69' }), 'b'), p('c', pb({ n: '70' }), 'd<a>'), p('e', pb({ n: '71' })));
    expect(proposedPageBreak(d, at(d, 'a'))).toEqual({ n: '71', facs: null });
  });

  it('moves the facsimile’s number on with the page, keeping its width', () => {
    const d = doc(p(pb({ n: '69', facs: 'images/page-069.png' }), 'text<a>'));
    expect(proposedPageBreak(d, at(d, 'a'))).toEqual({ n: '70', facs: 'images/page-070.png' });
  });

  it('before the first break, proposes the page before it; with no numbered break, nothing', () => {
    const d = doc(p('a<a>b', pb({ n: '69' })));
    expect(proposedPageBreak(d, at(d, 'a'))).toEqual({ n: '68', facs: null });
    const none = doc(p('a<a>b'));
    expect(proposedPageBreak(none, at(none, 'a'))).toEqual({ n: null, facs: null });
    const roman = doc(p(pb({ n: 'xii' }), 'a<a>'));
    expect(proposedPageBreak(roman, at(roman, 'a'))).toEqual({ n: null, facs: null });
  });
});
