/**
 * Finding in a document (what Mod-F highlights and what replace works on) and
 * replacing: diacritics and case folded unless asked, regular expressions with
 * groups, whole words, matches across marks; a replacement keeps the marks of the
 * text it replaces and never swallows a page break or a note.
 */
import type { Node as PMNode } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import { schema } from '../../../edition/schema.ts';
import { findInDoc, locateInDoc } from '../../../edition/search/find.ts';
import { replaceMatches, replacementFor } from '../../../edition/search/replace.ts';
import { documentSegments } from '../../../edition/search/segments.ts';
import { mention, seedDoc } from '../entities/helpers.ts';

const p = (...content: PMNode[]) => schema.node('paragraph', null, content);
const t = (text: string, marks: ReturnType<typeof mention>[] = []) => schema.text(text, marks);
const doc = (...blocks: PMNode[]) => schema.node('doc', null, blocks);

describe('findInDoc', () => {
  const d = doc(p(t('The communiqué of Mr. Grew: the Communique was sent.')), p(t('Communiqués followed.')));

  it('folds diacritics and case, and gives each match its document range', () => {
    const found = findInDoc(d, 'communique');
    expect(found.map((m) => m.text)).toEqual(['communiqué', 'Communique', 'Communiqué']);
    for (const m of found) expect(d.textBetween(m.from, m.to)).toBe(m.text);
  });

  it('matches case and diacritics exactly when asked', () => {
    expect(findInDoc(d, 'Communique', { caseSensitive: true }).map((m) => m.text)).toEqual(['Communique']);
  });

  it('keeps to whole words when asked', () => {
    expect(findInDoc(d, 'communique', { wholeWord: true }).map((m) => m.text)).toEqual(['communiqué', 'Communique']);
  });

  it('runs a regular expression with groups over each run of text', () => {
    const found = findInDoc(d, '(Mr)\\. (\\w+)', { regex: true });
    expect(found.map((m) => [m.text, m.groups])).toEqual([['Mr. Grew', ['Mr', 'Grew']]]);
    expect(replacementFor(found[0]!, '$2, $1 ($&) $$', true)).toBe('Grew, Mr (Mr. Grew) $');
  });

  it('refuses a bad regular expression with a sentence', () => {
    expect(() => findInDoc(d, '(unclosed', { regex: true })).toThrow(/not a valid regular expression.*Correct it/);
  });

  it('finds across marks, and reads a page break as nothing', () => {
    const pb = schema.node('pageBreak', { n: '12' });
    const e = doc(p(t('Lake '), t('Kha', [mention('place', '7')]), pb, t('san is far')));
    const [m] = findInDoc(e, 'Lake Khasan');
    expect(m?.text).toBe('Lake Khasan');
    expect(e.textBetween(m!.from, m!.to)).toBe('Lake Khasan');
  });

  it('locates a hit given as run and offsets, or says the document moved on', () => {
    const [m] = findInDoc(d, 'sent');
    expect(locateInDoc(d, m!.run, m!.start, m!.end)).toEqual({ from: m!.from, to: m!.to });
    expect(locateInDoc(d, 9, 0, 1)).toBeNull();
  });
});

describe('replaceMatches', () => {
  it('replaces every match in one transform, keeping the marks of the replaced text', () => {
    const grew = mention('person', '3');
    const d = doc(p(t('Ambassador '), t('Grew', [grew]), t(' wrote; Grew signed.')));
    const found = findInDoc(d, 'Grew');
    const { transform, replaced, skipped } = replaceMatches(d, found, ['Joseph Grew', 'Joseph Grew']);
    expect(skipped).toEqual([]);
    expect(transform.doc.textContent).toBe('Ambassador Joseph Grew wrote; Joseph Grew signed.');
    expect(transform.doc.rangeHasMark(replaced[0]!.from, replaced[0]!.to, schema.marks.mention)).toBe(true);
    // The ranges returned are where the replacements now stand.
    for (const r of replaced) expect(transform.doc.textBetween(r.from, r.to)).toBe(r.replacement);
    expect(replaced.map((r) => r.original)).toEqual(['Grew', 'Grew']);
  });

  it('leaves a match alone when its range holds a page break', () => {
    const pb = schema.node('pageBreak', { n: '12' });
    const d = doc(p(t('Lake Kha'), pb, t('san and Lake Khasan')));
    const found = findInDoc(d, 'Lake Khasan');
    const { transform, skipped } = replaceMatches(d, found, ['X', 'X']);
    expect(skipped).toHaveLength(1);
    expect(transform.doc.textContent).toBe('Lake Khasan and X');
    expect(transform.doc.firstChild?.childCount).toBe(3);
  });

  it('replaces in a real despatch, notes included, and deletes with an empty replacement', () => {
    const d = seedDoc();
    const found = findInDoc(d, 'the');
    expect(found.length).toBeGreaterThan(20);
    const { transform } = replaceMatches(
      d,
      found,
      found.map(() => ''),
    );
    expect(findInDoc(transform.doc, 'the')).toEqual([]);
    transform.doc.check();
  });
});

describe('documentSegments', () => {
  it('reads runs of text and notes, mentions as elements, and apparatus readings', () => {
    const app = schema.marks.app.create({ readings: [{ wit: ['B'], text: 'Hassan', type: null }] });
    const note = schema.node('note', null, [p(t('Not printed.'))]);
    const d = doc(p(t('Ambassador '), t('Grew', [mention('person', '3')]), t(' at Lake '), t('Khasan', [app]), note));
    const { segments, entities } = documentSegments(d);
    expect(segments.map((s) => [s.field, s.tag, s.text])).toEqual([
      ['text', '', 'Ambassador Grew at Lake Khasan '],
      ['element', 'persName person', 'Grew'],
      ['notes', '', 'Not printed.'],
      ['apparatus', '', 'Hassan'],
    ]);
    expect(entities).toEqual(['3']);
    const lemma = segments.find((s) => s.field === 'apparatus')!;
    expect(locateInDoc(d, lemma.run, lemma.start, lemma.start + 6)).toEqual(
      findInDoc(d, 'Khasan').map(({ from, to }) => ({ from, to }))[0],
    );
  });
});
