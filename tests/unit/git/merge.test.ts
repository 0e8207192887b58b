import { describe, expect, it } from 'vitest';
import type { DocJSON } from '../../../edition/api.ts';
import { mergeDocuments, mergeKeyed, resolveMerge, type NodeJSON } from '../../../edition/git/merge.ts';

const p = (...texts: Array<string | NodeJSON>): NodeJSON => ({
  type: 'paragraph',
  content: texts.map((t) => (typeof t === 'string' ? { type: 'text', text: t } : t)),
});
const doc = (...blocks: NodeJSON[]): DocJSON => ({ type: 'doc', content: blocks });
const text = (d: DocJSON): string[] =>
  (d.content as NodeJSON[]).map((b) => (b.content ?? []).map((n) => n.text ?? `[${n.type}]`).join(''));

describe('the three-way merge of a document', () => {
  const base = doc(p('One two three.'), p('Four five six.'), p('Seven eight nine.'));

  it('takes both sides where they change different paragraphs', () => {
    const ours = doc(p('One two three.'), p('Four FIVE six.'), p('Seven eight nine.'));
    const theirs = doc(p('One two three.'), p('Four five six.'), p('Seven eight NINE.'), p('Ten.'));
    const m = mergeDocuments(base, ours, theirs);
    expect(m.conflicts).toBe(0);
    expect(text(resolveMerge(m, []))).toEqual(['One two three.', 'Four FIVE six.', 'Seven eight NINE.', 'Ten.']);
  });

  it('takes both sides where they change different words of one paragraph, keeping marks', () => {
    const em = [{ type: 'highlight', attrs: { rend: 'italic' } }];
    const ours = doc(p('One TWO three.'), p('Four five six.'), p('Seven eight nine.'));
    const theirs = doc(
      p('One two ', { type: 'text', text: 'three', marks: em }, '.'),
      p('Four five six.'),
      p('Seven eight nine.'),
    );
    const m = mergeDocuments(base, ours, theirs);
    expect(m.conflicts).toBe(0);
    const merged = resolveMerge(m, []);
    expect(text(merged)[0]).toBe('One TWO three.');
    expect((merged.content as NodeJSON[])[0]!.content![1]).toEqual({ type: 'text', text: 'three', marks: em });
  });

  it('reports the same words changed on both sides as a conflict, settled by a choice or by new text', () => {
    const ours = doc(p('One two three.'), p('Four 5 six.'), p('Seven eight nine.'));
    const theirs = doc(p('One two three.'), p('Four V six.'), p('Seven eight nine!'));
    const m = mergeDocuments(base, ours, theirs);
    expect(m.conflicts).toBe(1);
    const conflict = m.chunks.find((c) => c.kind === 'conflict')!;
    expect(conflict.kind === 'conflict' && [text(doc(...conflict.ours)), text(doc(...conflict.theirs))]).toEqual([
      ['Four 5 six.'],
      ['Four V six.'],
    ]);
    expect(text(resolveMerge(m, ['theirs']))).toEqual(['One two three.', 'Four V six.', 'Seven eight nine!']);
    expect(text(resolveMerge(m, ['both']))).toEqual([
      'One two three.',
      'Four 5 six.',
      'Four V six.',
      'Seven eight nine!',
    ]);
    expect(text(resolveMerge(m, [{ text: 'Four (5) six.\n\nAnd more.' }]))).toEqual([
      'One two three.',
      'Four (5) six.',
      'And more.',
      'Seven eight nine!',
    ]);
    expect(() => resolveMerge(m, [])).toThrow(RangeError);
  });

  it('keeps a note changed on one side inside a paragraph whose words changed on the other', () => {
    const note = (t: string): NodeJSON => ({ type: 'note', attrs: { type: 'review' }, content: [p(t)] });
    const b = doc(p('A word', note('check'), ' here.'));
    const ours = doc(p('A word', note('check the date'), ' here.'));
    const theirs = doc(p('A changed word', note('check'), ' here.'));
    const m = mergeDocuments(b, ours, theirs);
    expect(m.conflicts).toBe(0);
    expect(JSON.stringify(resolveMerge(m, []))).toContain('check the date');
    expect(text(resolveMerge(m, []))).toEqual(['A changed word[note] here.']);
  });
});

describe('the three-way merge of keyed records (the register)', () => {
  it('takes additions, changes and removals from either side and keeps ours where both changed', () => {
    const base = new Map([
      ['p1', { name: 'Grew' }],
      ['p2', { name: 'Su' }],
      ['p3', { name: 'Hirota' }],
    ]);
    const ours = new Map([
      ['p1', { name: 'Grew, Joseph C.' }],
      ['p2', { name: 'Su Ping-wen' }],
      ['p3', { name: 'Hirota' }],
      ['p4', { name: 'Tokyo' }],
    ]);
    const theirs = new Map([
      ['p1', { name: 'Grew' }],
      ['p2', { name: 'Su Bingwen' }],
      ['p5', { name: 'Manchuli' }],
    ]);
    const { merged, conflicts } = mergeKeyed(base, ours, theirs);
    expect(Object.fromEntries(merged)).toEqual({
      p1: { name: 'Grew, Joseph C.' },
      p2: { name: 'Su Ping-wen' },
      p4: { name: 'Tokyo' },
      p5: { name: 'Manchuli' },
    });
    expect(conflicts).toEqual(['p2']);
  });
});
