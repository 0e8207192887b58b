/**
 * A teiCorpus reads as one volume per TEI (what exportProjectTei writes comes
 * back as the volumes it was made of), and an empty project cannot be written as one.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SiglumError } from '../../../edition/errors.ts';
import { exportCollectionTei, exportProjectTei, importTei, importTeiVolumes } from '../../../edition/tei/index.ts';
import { checkPointers, xmlIdsIn } from '../../../edition/tei/pointers.ts';
import { parseXml } from '../../../edition/xml/index.ts';
import type { XmlElement } from '../../../edition/xml/tree.ts';
import { canonicalDifference } from './canonical.ts';

const TEI = 'http://www.tei-c.org/ns/1.0';
const header = (title: string): string =>
  `<teiHeader><fileDesc><titleStmt><title>${title}</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>`;
const volume = (title: string, body: string, attrs = ''): string =>
  `<TEI${attrs}>${header(title)}<text><body>${body}</body></text></TEI>`;

const files = ['../../../../shared/corpus/frus/frus1938v03-d486-grew-3534.xml', '../../fixtures/tei/drama.xml'].map(
  (f) => readFileSync(resolve(import.meta.dirname, f), 'utf8'),
);

describe('importTeiVolumes', () => {
  it('reads what exportProjectTei wrote as the volumes it was made of, each exporting as before', () => {
    const sources = files.map((text, i) => importTei(text, `v${i}.xml`));
    const corpus = exportProjectTei(
      sources.map((s) => ({ frame: s.collection.frame, docs: new Map(s.documents.map((d) => [d.key, d.doc])) })),
      'Two volumes',
    );
    const volumes = importTeiVolumes(corpus, 'all.xml');
    expect(volumes.map((v) => v.collection.title)).toEqual(sources.map((s) => s.collection.title));
    for (const [i, v] of volumes.entries()) {
      expect(v.documents.map((d) => d.doc)).toEqual(sources[i]!.documents.map((d) => d.doc));
      const again = exportCollectionTei(v.collection.frame, new Map(v.documents.map((d) => [d.key, d.doc])));
      expect(canonicalDifference(files[i]!, again)).toBeNull();
    }
  });

  it('gives each volume the namespaces it inherits and the processing instructions right before it', () => {
    const corpus = `<teiCorpus xmlns="${TEI}" xmlns:frus="http://history.state.gov/frus/ns/1.0">${header('C')}<?xml-model href="a.rng"?>${volume('A', '<div type="document" frus:doc-dateTime-min="1938-12-22T00:00:00Z"><p>a</p></div>')}<teiCorpus>${header('inner')}${volume('B', '<p>b</p>')}</teiCorpus></teiCorpus>`;
    const volumes = importTeiVolumes(corpus, 'c.xml');
    expect(volumes.map((v) => v.collection.title)).toEqual(['A', 'B']);
    const frame = volumes[0]!.collection.frame;
    expect(frame).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<\?xml-model href="a.rng"\?>\n<TEI xmlns="http:\/\/www.tei-c.org\/ns\/1.0" xmlns:frus=/,
    );
    expect(importTei(frame.replace(/<\?siglum-document [^?]*\?>/, ''), 'a.xml').collection.title).toBe('A');
    expect(volumes[1]!.documents[0]!.doc).toEqual(
      importTei(`<TEI xmlns="${TEI}">${header('B')}<text><body><p>b</p></body></text></TEI>`, 'b.xml').documents[0]!
        .doc,
    );
  });

  it("lends the corpus's standOff register to every volume, whose mentions then point into it", () => {
    const standOff =
      '<standOff><listPerson><person xml:id="p_grew"><persName>Joseph C. Grew</persName></person></listPerson></standOff>';
    const corpus = `<teiCorpus xmlns="${TEI}">${header('C')}${standOff}${volume('A', '<p><persName ref="#p_grew">Grew</persName></p>')}${volume('B', '<p>To <persName ref="#p_grew">Mr. Grew</persName></p>')}</teiCorpus>`;
    const volumes = importTeiVolumes(corpus, 'c.xml', { register: true });
    for (const v of volumes) {
      expect(v.register?.map((e) => [e.entity.id, e.definedInFrame])).toEqual([['p_grew', false]]);
      expect(JSON.stringify(v.documents[0]!.doc)).toContain('"ref":"p_grew"');
    }
  });

  it('reads a TEI file as one volume, and refuses a corpus without a TEI in one sentence', () => {
    expect(importTeiVolumes(files[0]!, 'one.xml')).toHaveLength(1);
    expect(() => importTeiVolumes(`<teiCorpus xmlns="${TEI}">${header('C')}</teiCorpus>`, 'empty.xml')).toThrow(
      new SiglumError('invalid-tei', 'empty.xml: the teiCorpus holds no <TEI>, so there is nothing to import.'),
    );
  });
});

describe('exportProjectTei', () => {
  it('refuses no volumes rather than write a teiCorpus that is not valid', () => {
    expect(() => exportProjectTei([])).toThrow(RangeError);
  });

  it('makes xml:ids unique across volumes that share them, its pointers following, the first volume as it was', () => {
    const text = readFileSync(
      resolve(import.meta.dirname, '../../../../shared/corpus/frus/frus1938v03-d480-d486.xml'),
      'utf8',
    );
    const source = importTei(text, 'd480.xml');
    const one = { frame: source.collection.frame, docs: new Map(source.documents.map((d) => [d.key, d.doc])) };
    const single = parseXml(exportCollectionTei(one.frame, one.docs)).root;
    const corpus = parseXml(exportProjectTei([one, one, one], 'Three copies')).root;
    const ids: string[] = [];
    const collect = (e: XmlElement): void => {
      for (const a of e.attrs) if (a.name === 'xml:id') ids.push(a.value);
      for (const c of e.children) if (c.type === 'element') collect(c);
    };
    collect(corpus);
    const own = [...xmlIdsIn(single)];
    expect(own.length).toBeGreaterThan(10);
    expect(ids).toHaveLength(3 * own.length);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(0, own.length)).toEqual(own);
    expect(ids).toContain(`v2-${own[0]}`);
    expect(ids).toContain(`v3-${own[0]}`);
    // Every pointer still resolves, within its own volume, as often as in the volume alone.
    const report = checkPointers(corpus);
    const alone = checkPointers(single);
    expect(report.checked).toBe(3 * alone.checked);
    expect(report.dangling).toHaveLength(3 * alone.dangling.length);
    const [, second] = corpus.children.filter((c): c is XmlElement => c.type === 'element' && c.name === 'TEI');
    const pointers = JSON.stringify(second).match(/"#[^"\s]+/g) ?? [];
    expect(pointers.length).toBeGreaterThan(0);
    for (const p of pointers) expect(own.includes(p.slice(2)) && !p.startsWith('"#v2-')).toBe(false);
  });
});
