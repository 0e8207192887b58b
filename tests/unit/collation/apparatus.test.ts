import { describe, expect, test } from 'vitest';
import { apparatusEntries, collate, parallelSegmentation } from '../../../edition/collation/index.ts';
import { inputs, readJson, type PlainWitness } from './corpus.ts';

/** Entries as "lemma ] reading (sigla, kind); ..." with the lemma's text cut from the base by offsets. */
function render(texts: string[], base = 0): string[] {
  const collation = collate(texts.map((text, i) => ({ siglum: String.fromCharCode(65 + i), text })));
  const sigla = (ws: readonly number[]) => ws.map((w) => collation.witnesses[w]!.siglum).join('');
  return apparatusEntries(collation, parallelSegmentation(collation), {
    base,
  }).map((e) => {
    expect(texts[base]!.slice(e.from, e.to)).toBe(e.lemma.text);
    const readings = e.readings.map((r) => `${r.text || 'om.'} ${sigla(r.witnesses)} (${r.kind})`).join('; ');
    return `${e.lemma.text || '^'} ${sigla(e.lemma.witnesses)} ] ${readings}`;
  });
}

describe('apparatusEntries', () => {
  test("gives one entry per place of variation, the base's reading as lemma, other readings grouped", () => {
    // "The" / "the" is no variant: the default normalisation compares in lower case.
    expect(render(['The quick brown fox.', 'The brown fox!', 'The quick brown dog.', 'the quick brown fox.'])).toEqual([
      'quick ACD ] om. B (omission)',
      'fox ABD ] dog C (substantive)',
      '. ACD ] ! B (punctuation)',
    ]);
  });

  test('anchors an addition at the point in the base text where it belongs', () => {
    const base = 'a black cat';
    const collation = collate([
      { siglum: 'A', text: base },
      { siglum: 'B', text: 'a black and white cat' },
    ]);
    const [entry] = apparatusEntries(collation, parallelSegmentation(collation));
    expect(entry).toMatchObject({
      from: 8,
      to: 8,
      lemma: { text: '', witnesses: [0] },
    });
    expect(entry!.readings).toEqual([{ text: 'and white', witnesses: [1], kind: 'addition' }]);
  });

  test('works on any base: the Wife of Bath on Hengwrt', () => {
    const witnesses = readJson<{ witnesses: PlainWitness[] }>(
      '07-tei-parallel-segmentation/wife-of-bath-4mss/witnesses.json',
    ).witnesses;
    const collation = collate(inputs(witnesses));
    const entries = apparatusEntries(collation, parallelSegmentation(collation), { base: 1 });
    const hg = witnesses[1]!.content;
    for (const e of entries) expect(hg.slice(e.from, e.to)).toBe(e.lemma.text);
    expect(entries.map((e) => e.lemma.text)).toEqual([
      'Experience',
      'thogh',
      'noon Auctoritee',
      '',
      'is',
      'ynogh',
      'for',
    ]);
  });
});
