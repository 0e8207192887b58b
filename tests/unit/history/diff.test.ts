import { describe, expect, it } from 'vitest';
import type { Node } from 'prosemirror-model';
import { diffDocuments } from '../../../edition/history/diff.ts';
import { sessionVersions } from '../../../edition/history/sessions.ts';
import { schema } from '../../../edition/schema.ts';

const { paragraph, doc, note } = schema.nodes;
const text = (t: string, marks: Parameters<typeof schema.text>[1] = []) => schema.text(t, marks);
const p = (...content: Node[]) => paragraph.create(null, content);
const place = schema.marks.mention.create({ kind: 'place', ref: '12' });
const app = schema.marks.app.create({ readings: [{ wit: ['B'], text: 'Tokio', type: null }] });

describe('diffDocuments', () => {
  it('names replaced words with the words before them', () => {
    const d = diffDocuments(
      doc.create(null, [p(text('Tokyo, July 12, 1933. The Ambassador called.'))]),
      doc.create(null, [p(text('Tokyo, June 12, 1933. The Ambassador called.'))]),
    );
    expect(d.changes).toEqual([
      {
        kind: 'text',
        description: 'Replaced "July" with "June"',
        before: 'July',
        after: 'June',
        context: 'Tokyo,',
        inNote: false,
      },
    ]);
    expect(d).toMatchObject({ added: 1, removed: 1 });
    expect(d.segments.map((s) => [s.op, s.text])).toEqual([
      ['equal', 'Tokyo,'],
      ['delete', 'July'],
      ['insert', 'June'],
      ['equal', '12, 1933. The Ambassador called.'],
    ]);
  });

  it('names a mention marked on words that did not change', () => {
    const d = diffDocuments(
      doc.create(null, [p(text('At Montevideo today.'))]),
      doc.create(null, [p(text('At '), text('Montevideo', [place]), text(' today.'))]),
    );
    expect(d.changes.map((c) => [c.kind, c.description])).toEqual([
      ['mark', 'Added place mention (12) on "Montevideo"'],
    ]);
    expect(d).toMatchObject({ added: 1, removed: 1 });
  });

  it('names an apparatus entry taken off its lemma', () => {
    const d = diffDocuments(
      doc.create(null, [p(text('In '), text('Tokyo', [app]), text(' now.'))]),
      doc.create(null, [p(text('In Tokyo now.'))]),
    );
    expect(d.changes.map((c) => [c.kind, c.description])).toEqual([
      ['apparatus', 'Removed apparatus entry (1 reading) from "Tokyo"'],
    ]);
  });

  it('names a note added, and words changed inside a note', () => {
    const before = doc.create(null, [p(text('Text'), note.create({ n: '1' }, [p(text('Old note.'))]), text(' on.'))]);
    const after = doc.create(null, [
      p(
        text('Text'),
        note.create({ n: '1' }, [p(text('New note.'))]),
        text(' on'),
        note.create({ n: '2' }, [p(text('Second.'))]),
        text('.'),
      ),
    ]);
    const descriptions = diffDocuments(before, after).changes.map((c) => c.description);
    expect(descriptions).toContain('Replaced "Old" with "New" in note 1');
    expect(descriptions).toContain('Added note 2');
  });

  it('gives back both versions word for word, for random edits across paragraphs', () => {
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    const vocabulary = ['the', 'Ambassador', 'Tokyo', 'July', 'called', 'Soviet', 'pact', 'press', '1933.'];
    for (let round = 0; round < 40; round++) {
      const paragraphs = Array.from({ length: 1 + random(6) }, () =>
        Array.from({ length: 1 + random(12) }, () => vocabulary[random(vocabulary.length)]!),
      );
      const edited = paragraphs.map((words) => [...words]);
      for (let k = random(8); k > 0; k--) {
        const at = random(edited.length);
        const words = edited[at]!;
        const op = random(5);
        if (op === 0) edited.splice(at, 1);
        else if (op === 1) edited.splice(at, 0, ['inserted', 'paragraph']);
        else if (op === 2) words.splice(random(words.length + 1), 0, 'new');
        else if (op === 3 && words.length > 1) words.splice(random(words.length), 1);
        else words[random(words.length)] = 'changed';
      }
      if (edited.length === 0) edited.push(['last']);
      const docOf = (ps: string[][]) =>
        doc.create(
          null,
          ps.map((words) => p(text(words.join(' ')))),
        );
      const d = diffDocuments(docOf(paragraphs), docOf(edited));
      const side = (op: 'delete' | 'insert') =>
        d.segments
          .filter((s) => s.op === 'equal' || s.op === op)
          .flatMap((s) => s.text.split(/\s+/))
          .filter((w) => w !== '');
      expect(side('delete')).toEqual(paragraphs.flat());
      expect(side('insert')).toEqual(edited.flat());
      expect(d.added - d.removed).toBe(edited.flat().length - paragraphs.flat().length);
    }
  });

  it('finds nothing between equal documents', () => {
    const a = doc.create(null, [p(text('Same words.'))]);
    expect(diffDocuments(a, a)).toMatchObject({ changes: [], added: 0, removed: 0 });
  });
});

describe('sessionVersions', () => {
  it('starts a session after a pause of more than five minutes', () => {
    const at = (min: number) => new Date(Date.UTC(2026, 0, 1, 10, min)).toISOString();
    const steps = [0, 1, 2, 10, 11].map((min, version) => ({ version, at: at(min), clientID: 'a' }));
    expect(sessionVersions(steps, at(0)).map((v) => [v.version, v.steps, v.at])).toEqual([
      [0, 0, at(0)],
      [3, 3, at(2)],
      [5, 2, at(11)],
    ]);
  });
});
