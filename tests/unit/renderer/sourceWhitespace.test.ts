import { EditorState } from 'prosemirror-state';
import type { DecorationSet } from 'prosemirror-view';
import { describe, expect, it } from 'vitest';
import { sourceWhitespace, sourceWhitespaceKey } from '../../../renderer/editor/sourceWhitespace.ts';
import { doc, p } from './build.ts';

function ranges(state: EditorState): string[] {
  const set = sourceWhitespaceKey.getState(state) as DecorationSet;
  return set.find().map((d) => JSON.stringify(state.doc.textBetween(d.from, d.to)));
}

describe('source whitespace display', () => {
  it('marks each line break with its indentation in running text, and nothing else', () => {
    const state = EditorState.create({
      doc: doc(p('Sir: With reference to the\n                instruction 1509'), p('no  break here')),
      plugins: [sourceWhitespace()],
    });
    expect(ranges(state)).toEqual([JSON.stringify('\n                ')]);
  });

  it('keeps the marks through edits elsewhere and finds new ones in the edited block', () => {
    let state = EditorState.create({
      doc: doc(p('one\n  two'), p('three')),
      plugins: [sourceWhitespace()],
    });
    state = state.apply(state.tr.insertText('Before ', 1));
    expect(ranges(state)).toEqual([JSON.stringify('\n  ')]);
    const end = state.doc.content.size - 1;
    state = state.apply(state.tr.insertText('\n    four', end));
    expect(ranges(state)).toEqual([JSON.stringify('\n  '), JSON.stringify('\n    ')]);
  });
});
