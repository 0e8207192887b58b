/**
 * What the plain-text importer builds must leave Siglum as valid TEI and come back
 * unchanged: the seed despatch and a text of no conventions, exported with edition/tei,
 * validated by jing against tei_all, and read back with the TEI importer.
 */
import { describe, expect, it } from 'vitest';
import { validateTei } from '../../../electron/validate.ts';
import { importPlainText } from '../../../edition/plaintext/index.ts';
import { exportDocumentTei, importTei } from '../../../edition/tei/index.ts';
import { readSeed, SEED_NAME } from './build.ts';
import { withoutLayout } from '../tei/withoutLayout.ts';

const seed = importPlainText(readSeed(), SEED_NAME);
const seedTei = exportDocumentTei(seed.doc, seed.meta, {});

describe('the seed despatch imported from plain text, as TEI', () => {
  it('is valid against tei_all (jing)', async () => {
    const result = await validateTei(seedTei, { schema: 'tei_all', validator: 'jing', fileName: 'seed.xml' });
    expect(result.messages).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('encodes footnotes and page breaks where FRUS puts them', () => {
    expect(seedTei).toContain('is enclosed.<note n="89">Not printed.</note>');
    expect(seedTei).toContain('4 p.m.),<note n="90">Not printed.</note> in which');
    expect(seedTei).toContain('nevertheless, in <pb n="69"/>all official');
    expect(seedTei).toContain('It <pb n="70"/>is believed');
    expect(seedTei).toMatch(/<opener>\s*<seg>No\. 256<\/seg>\s*<\/opener>/);
    expect(seedTei).toMatch(
      /<closer>\s*<salute>Respectfully yours,<\/salute>\s*<signed>Joseph C\. Grew<\/signed>\s*<\/closer>/,
    );
  });

  it('reads back as the same document', () => {
    const back = importTei(seedTei, 'seed.xml');
    expect(back.documents).toHaveLength(1);
    expect(withoutLayout(back.documents[0]?.doc)).toEqual(withoutLayout(seed.doc));
  });
});

describe('a text of no conventions, as TEI', () => {
  const plain = importPlainText('Dear Anna,\n\nThe weather is fine.\nWe walked to the lake.', 'anna.txt');
  const tei = exportDocumentTei(plain.doc, plain.meta, {});

  it('is valid against tei_all (jing), its line ends as <lb/>', async () => {
    expect(tei).toContain('The weather is fine.<lb/>We walked to the lake.');
    const result = await validateTei(tei, { schema: 'tei_all', validator: 'jing', fileName: 'anna.xml' });
    expect(result.messages).toEqual([]);
  });

  it('reads back as the same document', () => {
    expect(withoutLayout(importTei(tei, 'anna.xml').documents[0]?.doc)).toEqual(withoutLayout(plain.doc));
  });
});
