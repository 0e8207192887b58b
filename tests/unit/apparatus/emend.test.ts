import { history, redo, undo } from 'prosemirror-history';
import { EditorState, type Transaction } from 'prosemirror-state';
import { Step } from 'prosemirror-transform';
import { describe, expect, it } from 'vitest';
import { emendLemma, findEntry, makeEntry, renderApparatus, setEntryType } from '../../../edition/apparatus/index.ts';
import { flattenMarkSets } from '../../../edition/steps.ts';
import { schema } from '../../../edition/schema.ts';

function withEntry(): EditorState {
  const doc = schema.node('doc', null, [schema.node('paragraph', null, [schema.text('The quick brown fox.')])]);
  const state = EditorState.create({ doc, plugins: [history()] });
  const tr = state.tr;
  makeEntry(tr, 5, 10, { id: 'q', wit: ['A'], readings: [{ wit: ['B'], text: 'swift', type: 'substantive' }] });
  return state.apply(tr);
}

/** Applies `command` and checks that every step, and the undo's and redo's, travel as JSON (the collab wire). */
function run(state: EditorState, command: (tr: Transaction) => unknown): EditorState {
  const tr = state.tr;
  command(tr);
  for (const step of tr.steps) Step.fromJSON(schema, step.toJSON());
  return state.apply(tr);
}

function wire(state: EditorState, command: typeof undo): EditorState {
  let next = state;
  command(state, (tr) => {
    for (const step of tr.steps) Step.fromJSON(schema, step.toJSON());
    next = state.apply(tr);
  });
  return next;
}

describe('emending the lemma', () => {
  it('makes the text the editor’s reading and keeps the replaced words as the lemma witnesses’ reading', () => {
    const s = run(withEntry(), (tr) => emendLemma(tr, 'q', 'nimble'));
    expect(s.doc.textContent).toBe('The nimble brown fox.');
    expect(findEntry(s.doc, 'q')).toMatchObject({
      lemma: 'nimble',
      wit: [],
      readings: [
        { wit: ['A'], text: 'quick' },
        { wit: ['B'], text: 'swift' },
      ],
    });
    expect(renderApparatus(s.doc)[0]).toContain('quick A');
  });

  it('promotes a witness’s reading instead of calling it an emendation', () => {
    const s = run(withEntry(), (tr) => emendLemma(tr, 'q', 'swift'));
    expect(findEntry(s.doc, 'q')).toMatchObject({
      lemma: 'swift',
      wit: ['B'],
      readings: [{ wit: ['A'], text: 'quick' }],
    });
  });

  it('is undone and redone in one step, every step of them sendable as JSON', () => {
    const before = withEntry();
    const s = run(before, (tr) => emendLemma(tr, 'q', 'nimble'));
    const undone = wire(s, undo);
    expect(undone.doc.eq(before.doc)).toBe(true);
    const redone = wire(undone, redo);
    expect(findEntry(redone.doc, 'q')?.lemma).toBe('nimble');
  });
});

describe('an apparatus change undone and redone, as the store reads its steps', () => {
  it('parses the nested mark-set step of a redo once flattened, to the same document', () => {
    const doc = schema.node('doc', null, [schema.node('paragraph', null, [schema.text('The quick brown fox.')])]);
    let state = EditorState.create({ doc, plugins: [history()] });
    const tr = state.tr;
    makeEntry(tr, 5, 10, { id: 'q', wit: ['A'], readings: [{ wit: ['B'], text: 'swift', type: 'substantive' }] });
    state = state.apply(tr);
    state = state.apply(setEntryType(state.tr, 'q', 'orthographic') as Transaction);
    state = wireLocal(state, undo);
    let parsed = 0;
    redo(state, (t) => {
      let replayed = state.doc;
      for (const step of t.steps) {
        const json = step.toJSON();
        const again = Step.fromJSON(schema, flattenMarkSets(json));
        replayed = again.apply(replayed).doc!;
        parsed++;
      }
      expect(replayed.eq(t.doc)).toBe(true);
    });
    expect(parsed).toBeGreaterThan(0);
  });
});

function wireLocal(state: EditorState, command: typeof undo): EditorState {
  let next = state;
  command(state, (tr) => (next = state.apply(tr)));
  return next;
}
