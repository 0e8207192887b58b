/**
 * The apparatus every export prints (PDF, HTML, LaTeX) is read off the document's
 * `app` marks by one function, `printApparatus`: entries in text order, in the series
 * their type says, with the sigla they name, and those inside notes kept so that the
 * builders can report them.
 */
import { describe, expect, it } from 'vitest';
import { appMark, printApparatus, withoutApparatusMarks } from '../../../edition/apparatus/index.ts';
import { schema } from '../../../edition/schema.ts';

const reading = (text: string, ...wit: string[]) => ({ text, wit, type: null });
const mark = (id: string, type: string | null, wit: string[], readings: ReturnType<typeof reading>[]) =>
  appMark({ id, type, wit, readings, note: null });

/** "The quick brown fox" with entries on "quick" (substantive) and "fox" (orthographic, split by emphasis), and one in a note. */
function edition() {
  const quick = mark('q', 'substantive', ['A'], [reading('swift', 'B'), reading('', 'C')]);
  const fox = mark('f', 'orthographic', [], [reading('foxe', 'D')]);
  const inNote = mark('n', null, [], [reading('remark', 'E')]);
  const note = schema.node('note', null, [schema.node('paragraph', null, [schema.text('a note', [inNote])])]);
  return schema.node('doc', null, [
    schema.node('paragraph', null, [
      schema.text('The '),
      schema.text('quick', [quick]),
      schema.text(' brown '),
      schema.text('f', [fox]),
      schema.text('ox', [fox, schema.marks.italic.create()]),
      note,
    ]),
  ]);
}

describe('printApparatus', () => {
  it('gives each entry once, in text order, its lemma whole across other marks, and in the series its type says', () => {
    const doc = edition();
    const { entries, sigla } = printApparatus(doc, ['orthographic']);
    const text = (e: { from: number; to: number }) => doc.textBetween(e.from, e.to, ' ').trim();
    expect(entries.map((e) => [e.series, e.lemma.trim(), text(e)])).toEqual([
      ['A', 'quick', 'quick'],
      ['B', 'fox', 'fox'],
      ['A', 'a note', 'a note'],
    ]);
    expect(entries[0]!.readings).toEqual([
      { text: 'swift', sigla: ['B'] },
      { text: '', sigla: ['C'] },
    ]);
    expect([...sigla].sort()).toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  it('puts every entry in series A when no type is for series B', () => {
    expect(printApparatus(edition(), []).entries.map((e) => e.series)).toEqual(['A', 'A', 'A']);
  });

  it('leaves the text without its marks, at the same positions', () => {
    const doc = edition();
    const bare = withoutApparatusMarks(doc);
    expect(bare.textContent).toBe(doc.textContent);
    expect(bare.content.size).toBe(doc.content.size);
    expect(printApparatus(bare, []).entries).toEqual([]);
  });
});
