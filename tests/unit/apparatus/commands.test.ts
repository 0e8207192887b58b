/**
 * Apparatus entries live in the base document as `app` marks: made from a collation
 * variant, edited by transforms (lemma, readings, type, note, drop), carried along by
 * edits before, after and inside the lemma, undone by prosemirror-history, and sent as
 * steps that replay on another copy of the document.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { history, undo, redo } from 'prosemirror-history';
import { EditorState, type Transaction } from 'prosemirror-state';
import { Step } from 'prosemirror-transform';
import { describe, expect, it } from 'vitest';
import {
  addReading,
  documentText,
  dropEntry,
  dropSiglum,
  entryHolds,
  mergeIntoEntry,
  entryFromVariant,
  findEntries,
  findEntry,
  makeEntry,
  promoteReading,
  removeReading,
  renderApparatus,
  replaceLemma,
  setEntryNote,
  setEntryType,
  setLemmaRange,
  witnessText,
} from '../../../edition/apparatus/index.ts';
import { alignmentTable, apparatusEntries, collate, parallelSegmentation } from '../../../edition/collation/index.ts';
import { importPlainText } from '../../../edition/plaintext/index.ts';
import { schema } from '../../../edition/schema.ts';

const seedPath = resolve(import.meta.dirname, '../../../../shared/corpus/seed/frus1933v03-d63-grew-256.txt');
const seed = importPlainText(readFileSync(seedPath, 'utf8'), 'frus1933v03-d63-grew-256.txt');

function editor(text = 'The quick brown fox jumps over the lazy dog.') {
  const doc = schema.node('doc', null, [schema.node('paragraph', null, [schema.text(text)])]);
  return EditorState.create({ doc, plugins: [history()] });
}

function run(state: EditorState, command: (tr: Transaction) => unknown): EditorState {
  const tr = state.tr;
  command(tr);
  return state.apply(tr);
}

function at(state: EditorState, word: string): [number, number] {
  const i = state.doc.textContent.indexOf(word);
  if (i < 0) throw new Error(`no "${word}"`);
  return [1 + i, 1 + i + word.length];
}

function withEntry(state = editor()): EditorState {
  const [from, to] = at(state, 'quick');
  return run(state, (tr) =>
    makeEntry(tr, from, to, { id: 'q', wit: ['A'], readings: [{ wit: ['B'], text: 'swift', type: 'substantive' }] }),
  );
}

const undoOnce = (s: EditorState): EditorState => {
  let next = s;
  undo(s, (tr) => (next = s.apply(tr)));
  return next;
};

describe('apparatus entries in the document', () => {
  it('take in what a collated place on the same lemma says of the witnesses it names, and then hold it', () => {
    let s = withEntry();
    const entry = () => findEntry(s.doc, 'q')!;
    // C reads "swift" as B does, D reads "fast", and A, in the lemma, now reads "quick" still.
    const proposed = {
      wit: ['A'],
      readings: [
        { wit: ['B', 'C'], text: 'swift', type: 'substantive' },
        { wit: ['D'], text: 'fast', type: 'substantive' },
      ],
    };
    expect(entryHolds(entry(), proposed)).toBe(false);
    s = run(s, (tr) => mergeIntoEntry(tr, 'q', proposed));
    expect(entry().wit).toEqual(['A']);
    expect(entry().readings.map((r) => [r.wit, r.text])).toEqual([
      [['B', 'C'], 'swift'],
      [['D'], 'fast'],
    ]);
    expect(entryHolds(entry(), proposed)).toBe(true);
    // A witness the place puts elsewhere leaves where the entry had it; a reading left with none goes.
    s = run(s, (tr) => mergeIntoEntry(tr, 'q', { wit: ['D'], readings: [] }));
    expect([entry().wit, entry().readings.map((r) => [r.wit, r.text])]).toEqual([['A', 'D'], [[['B', 'C'], 'swift']]]);
    expect(s.doc.textContent).toBe('The quick brown fox jumps over the lazy dog.');
  });

  it('lose a removed witness: from the lemma and the readings, a reading it alone had, and an entry left with nothing', () => {
    let s = editor();
    const [qf, qt] = at(s, 'quick');
    const [lf, lt] = at(s, 'lazy');
    const [df, dt] = at(s, 'dog');
    s = run(s, (tr) => {
      makeEntry(tr, qf, qt, {
        id: 'q',
        wit: ['A', 'C'],
        readings: [
          { wit: ['B'], text: 'swift', type: null },
          { wit: ['B', 'C'], text: 'fast', type: null },
        ],
      });
      makeEntry(tr, lf, lt, { id: 'l', wit: [], readings: [{ wit: ['B'], text: 'idle', type: null }] });
      makeEntry(tr, df, dt, { id: 'd', wit: [], readings: [{ wit: ['B'], text: 'hound', type: null }] });
      setEntryNote(tr, 'd', 'B alone.');
    });
    s = run(s, (tr) => dropSiglum(tr, 'B'));
    expect(findEntries(s.doc).map((e) => [e.id, e.wit, e.readings.map((r) => [r.wit, r.text]), e.note])).toEqual([
      ['q', ['A', 'C'], [[['C'], 'fast']], null],
      ['d', [], [], 'B alone.'],
    ]);
    expect(s.doc.textContent).toBe('The quick brown fox jumps over the lazy dog.');
    // A witness no entry cites changes nothing.
    const before = s.doc;
    expect(run(s, (tr) => dropSiglum(tr, 'Z')).doc.eq(before)).toBe(true);
  });

  it('makes an entry on its lemma and renders it as a negative and a positive apparatus', () => {
    const s = withEntry();
    expect(findEntries(s.doc)).toMatchObject([
      { id: 'q', lemma: 'quick', wit: ['A'], readings: [{ wit: ['B'], text: 'swift' }] },
    ]);
    expect(renderApparatus(s.doc)).toEqual(['quick] swift B']);
    expect(renderApparatus(s.doc, 'positive')).toEqual(['quick A] swift B']);
  });

  it('keeps the entry on its lemma while text is typed before, after and inside it', () => {
    let s = withEntry();
    s = run(s, (tr) => tr.insertText('Very ', 1));
    s = run(s, (tr) => tr.insertText(' really', at(s, 'brown')[1]));
    expect(findEntry(s.doc, 'q')?.lemma).toBe('quick');
    s = run(s, (tr) => tr.insertText('i', at(s, 'quick')[0] + 3));
    expect(findEntry(s.doc, 'q')?.lemma).toBe('quiick');
    // Typing right after the lemma does not extend it (the mark is not inclusive).
    s = run(s, (tr) => tr.insertText('er', at(s, 'quiick')[1]).setStoredMarks([]));
    expect(findEntry(s.doc, 'q')?.lemma).toBe('quiick');
    expect(s.doc.textContent).toBe('Very The quiicker brown really fox jumps over the lazy dog.');
  });

  it('edits the lemma, and undo restores the lemma and the entry', () => {
    const before = withEntry();
    const edited = run(before, (tr) => replaceLemma(tr, 'q', 'nimble'));
    expect(findEntry(edited.doc, 'q')).toMatchObject({ lemma: 'nimble', readings: [{ text: 'swift' }] });
    const undone = undoOnce(edited);
    expect(undone.doc.eq(before.doc)).toBe(true);
    expect(findEntry(undone.doc, 'q')?.lemma).toBe('quick');
    // Undo of the entry itself removes it.
    expect(findEntries(undoOnce(undone).doc)).toEqual([]);
    let redone = undone;
    redo(undone, (tr) => (redone = undone.apply(tr)));
    expect(findEntry(redone.doc, 'q')?.lemma).toBe('nimble');
  });

  it('moves the lemma, promotes a reading, adds and removes readings, sets type and note, drops the entry', () => {
    let s = withEntry();
    const [from] = at(s, 'quick');
    const [, to] = at(s, 'brown');
    s = run(s, (tr) => setLemmaRange(tr, 'q', from, to));
    expect(findEntry(s.doc, 'q')?.lemma).toBe('quick brown');
    s = run(s, (tr) => replaceLemma(tr, 'q', 'quick'));
    s = run(s, (tr) => promoteReading(tr, 'q', 0));
    expect(findEntry(s.doc, 'q')).toMatchObject({
      lemma: 'swift',
      wit: ['B'],
      readings: [{ wit: ['A'], text: 'quick' }],
    });
    s = run(s, (tr) => addReading(tr, 'q', { wit: ['C'], text: '', type: 'omission' }));
    s = run(s, (tr) => setEntryType(tr, 'q', 'substantive'));
    s = run(s, (tr) => setEntryNote(tr, 'q', 'C skips the adjective.'));
    expect(renderApparatus(s.doc)).toEqual(['swift] quick A; om. C (C skips the adjective.)']);
    s = run(s, (tr) => removeReading(tr, 'q', 0));
    expect(findEntry(s.doc, 'q')).toMatchObject({ type: 'substantive', readings: [{ wit: ['C'], text: '' }] });
    s = run(s, (tr) => dropEntry(tr, 'q'));
    expect(findEntries(s.doc)).toEqual([]);
    expect(s.doc.textContent).toBe('The swift fox jumps over the lazy dog.');
  });

  it('refuses an unknown entry, an overlapping lemma and a lemma without text', () => {
    const s = withEntry();
    const [from, to] = at(s, 'quick brown');
    expect(() => run(s, (tr) => setEntryType(tr, 'nope', 'x'))).toThrow(/no apparatus entry "nope"/);
    expect(() => run(s, (tr) => makeEntry(tr, from, to, { readings: [] }))).toThrow(/overlaps/);
    expect(() => run(s, (tr) => makeEntry(tr, 4, 5, { readings: [] }))).toThrow(/needs text/);
  });

  it('sends its edits as steps that replay on another copy of the document', () => {
    const start = editor();
    const tr = start.tr;
    const [from, to] = at(start, 'lazy');
    makeEntry(tr, from, to, { id: 'l', readings: [{ wit: ['B'], text: 'sleepy', type: null }] });
    setEntryNote(tr, 'l', 'note');
    const json = tr.steps.map((step) => JSON.parse(JSON.stringify(step.toJSON())) as unknown);
    let doc = start.doc;
    for (const step of json) doc = Step.fromJSON(schema, step).apply(doc).doc!;
    expect(doc.eq(tr.doc)).toBe(true);
    expect(findEntry(doc, 'l')?.note).toBe('note');
  });
});

describe('entries from a collation of the seed despatch', () => {
  const base = schema.nodeFromJSON(seed.doc);
  const text = documentText(base);
  // A second witness made by real edits: a spelling, a word replaced, a word left out.
  const other = text.text
    .replace('rumored', 'rumoured')
    .replace('somewhat strained', 'somewhat tense')
    .replace(' gradually ', ' ');

  it('places each variant on its lemma and reads both witnesses back', () => {
    expect(other).not.toBe(text.text);
    const collation = collate([
      { siglum: 'base', text: text.text },
      { siglum: 'B', text: other },
    ]);
    const table = parallelSegmentation(collation);
    const variants = apparatusEntries(collation, table);
    let state = EditorState.create({ doc: base });
    const tr = state.tr;
    for (const v of variants) {
      const placed = entryFromVariant(text, v, table.sigla);
      if (placed) makeEntry(tr, placed.from, placed.to, placed.entry);
    }
    state = state.apply(tr);
    const entries = findEntries(state.doc);
    expect(entries.length).toBe(variants.length);
    expect(entries.map((e) => [e.lemma, e.readings.map((r) => [r.text, r.type])])).toEqual([
      ['gradually', [['', 'omission']]],
      ['strained', [['tense', 'substantive']]],
      ['rumored', [['rumoured', 'substantive']]],
    ]);
    expect(entries.every((e) => e.wit.join() === 'base' && e.readings[0]!.wit.join() === 'B')).toBe(true);
    expect(witnessText(state.doc, 'base')).toBe(text.text);
    expect(witnessText(state.doc, 'B')).toBe(other);
    expect(alignmentTable(collation).columns.some((c) => c.variant)).toBe(true);
  });
});

describe('entry ids', () => {
  it('differ between documents, so that a volume of them exports unique xml:ids', () => {
    const ids = ['The quick brown fox.', 'The slow brown fox.'].map((text) => {
      const s = editor(text);
      const [from, to] = at(s, 'brown');
      return findEntries(run(s, (tr) => makeEntry(tr, from, to, { readings: [] })).doc)[0]!.id;
    });
    expect(ids[0]).toMatch(/^app-[0-9a-z]+-1$/u);
    expect(ids[1]).not.toBe(ids[0]);
  });
});

describe('entry attributes from outside', () => {
  it('are checked when a step is read, so a client cannot store a malformed entry', () => {
    const s = editor();
    const [from, to] = at(s, 'quick');
    const step = {
      stepType: 'addMark',
      from,
      to,
      mark: { type: 'app', attrs: { id: 'x', readings: [{ wit: 'B', text: 'swift' }] } },
    };
    expect(() => Step.fromJSON(schema, step)).toThrow(RangeError);
    const good = {
      ...step,
      mark: { type: 'app', attrs: { id: 'x', wit: ['A'], readings: [{ wit: ['B'], text: 'swift', type: null }] } },
    };
    expect(findEntry(Step.fromJSON(schema, good).apply(s.doc).doc!, 'x')?.readings).toEqual([
      { wit: ['B'], text: 'swift', type: null },
    ]);
  });
});
