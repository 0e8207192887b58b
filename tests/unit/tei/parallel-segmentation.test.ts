/**
 * TEI parallel segmentation: apparatus entries (`app` marks) written as `<app><lem><rdg>`
 * with `listWit` in the header, valid against tei_all and read back to the same document;
 * each witness's text read out of the apparatus; and the TEI Guidelines' Wife of Bath
 * examples (flat, `lem` without `@wit`, nested `app`) imported, the nested one kept as
 * generic marks that export writes back element for element.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EditorState } from 'prosemirror-state';
import { afterAll, describe, expect, it } from 'vitest';
import { findEntries, makeEntry, witnessText } from '../../../edition/apparatus/index.ts';
import { schema } from '../../../edition/schema.ts';
import {
  addListWit,
  readListWit,
  witnessTextFromTei,
  witnessXmlId,
  siglumOf,
  normaliseWitnessText,
} from '../../../edition/tei/apparatus.ts';
import { exportDocumentTei, importTei } from '../../../edition/tei/index.ts';
import { parseXml } from '../../../edition/xml/parse.ts';
import { serializeXml } from '../../../edition/xml/serialize.ts';
import type { DocJSON, DocumentMeta } from '../../../edition/api.ts';
import { withoutLayout } from './withoutLayout.ts';

const shared = resolve(import.meta.dirname, '../../../../shared');
const suite = join(shared, 'corpus/collation/07-tei-parallel-segmentation');
const TEI_ALL = join(shared, 'schema/tei_all.rng');
const dir = mkdtempSync(join(tmpdir(), 'siglum-app-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Example {
  id: string;
  xml: string;
  listWit?: string[];
  expected_witness_text: Record<string, string>;
}
const guidelines = JSON.parse(readFileSync(join(suite, 'tei-guidelines-wife-of-bath.json'), 'utf8')) as {
  listWit: string[];
  examples: Example[];
};

function jingErrors(xml: string, name: string): string[] {
  const file = join(dir, name);
  writeFileSync(file, xml);
  const run = spawnSync('jing', [TEI_ALL, file], { encoding: 'utf8' });
  if (run.error) throw run.error;
  return run.stdout.split('\n').filter((l) => l.includes('error:'));
}

/** A TEI file around one line of verse, with the witnesses listed. */
function teiFile(body: string, sigla: readonly string[]): string {
  const witnesses = sigla.map((s) => `<witness xml:id="${s}">${s}</witness>`).join('');
  return `<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>WBP</title></titleStmt>
<publicationStmt><p>test</p></publicationStmt><sourceDesc><listWit>${witnesses}</listWit></sourceDesc></fileDesc></teiHeader>
<text><body><lg>${body}</lg></body></text></TEI>`;
}

const meta: DocumentMeta = { title: 'Despatch', date: null, source: 'File 761.94/587', extra: {} };
const witnesses = [
  { siglum: 'A', description: 'The despatch as sent' },
  { siglum: '1859', description: 'A draft, first edition' },
];

/** A document with two entries made by the apparatus commands. */
function edited() {
  const doc = schema.node('doc', null, [
    schema.node('paragraph', null, [schema.text('I have the honor to report that the Minister called.')]),
  ]);
  let state = EditorState.create({ doc });
  const text = state.doc.textContent;
  const at = (word: string) => 1 + text.indexOf(word);
  let tr = state.tr;
  makeEntry(tr, at('honor'), at('honor') + 5, {
    id: 'e1',
    wit: ['A'],
    readings: [{ wit: ['1859'], text: 'honour', type: 'orthographic' }],
  });
  makeEntry(tr, at('Minister'), at('Minister') + 8, {
    id: 'e2',
    wit: ['A'],
    readings: [{ wit: ['1859'], text: '', type: 'omission' }],
    type: 'substantive',
    note: 'Added in the fair copy.',
  });
  state = state.apply(tr);
  tr = state.tr;
  return state.doc;
}

describe('apparatus entries in TEI', () => {
  it('writes app, lem and rdg with @wit and @type, and listWit in sourceDesc, valid against tei_all', () => {
    const doc = edited();
    const xml = parseXml(exportDocumentTei(doc.toJSON() as DocJSON, meta));
    const out = serializeXml({ ...xml, root: addListWit(xml.root, witnesses) });
    expect(out).toContain(
      '<app xml:id="e1"><lem wit="#A">honor</lem><rdg wit="#wit.1859" type="orthographic">honour</rdg></app>',
    );
    expect(out).toContain(
      '<app type="substantive" xml:id="e2"><lem wit="#A">Minister</lem><rdg wit="#wit.1859" type="omission"/><note>Added in the fair copy.</note></app>',
    );
    expect(out).toMatch(
      /<sourceDesc>\s*<bibl>[^<]*File 761.94\/587[^<]*<\/bibl>\s*<listWit>\s*<witness xml:id="A" n="A">The despatch as sent<\/witness>/,
    );
    expect(jingErrors(out, 'despatch.xml')).toEqual([]);
  });

  it('reads the export back to the same document, the same metadata and the same witnesses', () => {
    const doc = edited();
    const xml = parseXml(exportDocumentTei(doc.toJSON() as DocJSON, meta));
    const out = serializeXml({ ...xml, root: addListWit(xml.root, witnesses) });
    const back = importTei(out, 'despatch.xml');
    expect(back.documents).toHaveLength(1);
    expect(withoutLayout(back.documents[0]!.doc)).toEqual(withoutLayout(doc.toJSON()));
    const withoutWitnesses = importTei(exportDocumentTei(doc.toJSON() as DocJSON, meta), 'despatch.xml');
    expect(back.documents[0]!.meta).toEqual(withoutWitnesses.documents[0]!.meta);
    expect(readListWit(parseXml(out).root)).toEqual(witnesses);
    expect(findEntries(schema.nodeFromJSON(back.documents[0]!.doc)).map((e) => e.id)).toEqual(['e1', 'e2']);
  });

  it('gives each witness its own text back, from the document and from the TEI alike', () => {
    const doc = edited();
    const out = exportDocumentTei(doc.toJSON() as DocJSON, meta);
    const root = parseXml(out).root;
    expect(witnessText(doc, 'A')).toBe('I have the honor to report that the Minister called.');
    expect(witnessText(doc, '1859')).toBe('I have the honour to report that the called.');
    for (const siglum of ['A', '1859']) {
      expect(witnessTextFromTei(root, siglum)).toBe(
        normaliseWitnessText(`Despatch\n${witnessText(doc, siglum)}`).replace(/^Despatch\n/u, ''),
      );
    }
  });

  it('names witnesses whose siglum is no XML name by a reversible xml:id', () => {
    for (const siglum of ['A', '1859', 'Hg 2', 'wit.x', 'Ra²']) {
      expect(witnessXmlId(siglum)).toMatch(/^[A-Za-z_][\w.-]*$/u);
      expect(siglumOf(witnessXmlId(siglum))).toBe(siglum);
    }
  });
});

describe("the Guidelines' Wife of Bath examples", () => {
  for (const example of guidelines.examples) {
    const sigla = example.listWit ?? guidelines.listWit;
    const source = teiFile(example.xml, sigla);

    it(`${example.id}: every witness's text comes back out of the TEI`, () => {
      const root = parseXml(source).root;
      for (const [siglum, text] of Object.entries(example.expected_witness_text)) {
        expect(witnessTextFromTei(root, siglum)).toBe(text);
      }
    });

    it(`${example.id}: imports, exports the same TEI and still gives every witness's text`, () => {
      const imported = importTei(source, 'wbp.xml');
      const doc = imported.documents[0]!.doc;
      const exported = exportDocumentTei(doc, imported.documents[0]!.meta);
      const back = importTei(exported, 'wbp.xml');
      expect(back.documents[0]!.doc).toEqual(doc);
      const root = parseXml(exported).root;
      for (const [siglum, text] of Object.entries(example.expected_witness_text)) {
        expect(witnessTextFromTei(root, siglum)).toBe(text);
      }
    });
  }

  it('a flat app becomes an apparatus entry on its lemma; a lem without @wit has no witnesses', () => {
    const [flat, bare] = guidelines.examples;
    const entries = (e: Example) =>
      findEntries(schema.nodeFromJSON(importTei(teiFile(e.xml, guidelines.listWit), 'wbp.xml').documents[0]!.doc));
    expect(entries(flat!)).toMatchObject([
      {
        lemma: 'Experience',
        wit: ['El', 'Hg'],
        readings: [
          { wit: ['La'], text: 'Experiment' },
          { wit: ['Ra2'], text: 'Eryment' },
        ],
      },
    ]);
    expect(entries(bare!)).toMatchObject([
      { lemma: 'Experience', wit: [], readings: [{ wit: ['La'] }, { wit: ['Ra2'] }] },
    ]);
  });

  it('a nested app (readings inside a reading) stays as generic app/rdg elements, not as entries', () => {
    const nested = guidelines.examples.find((e) => e.id === 'nested-app')!;
    const json = importTei(teiFile(nested.xml, nested.listWit!), 'wbp.xml').documents[0]!.doc;
    const doc = schema.nodeFromJSON(json);
    expect(findEntries(doc)).toEqual([]);
    const names = new Set<string>();
    doc.descendants((n) => {
      // Here the apps fill their line, so they are generic blocks; inside running text, generic marks.
      if (n.type.name === 'teiBlock' || n.type.name === 'teiText') names.add(String(n.attrs['name']));
      for (const m of n.marks) if (m.type.name === 'teiMark') names.add(String(m.attrs['name']));
    });
    expect([...names].sort()).toEqual(['app', 'l', 'lg', 'rdg']);
  });

  it('reads witStart/witEnd (a fragmentary witness) and a reading without @wit, keeping the markers generic', () => {
    // La begins at "Experiment"; Ra2 reads the unnamed reading and breaks off after "noon".
    const xml =
      '<l n="1">Whilom <app><lem wit="#El">Experience</lem><rdg wit="#La"><witStart/>Experiment</rdg><rdg>Eryment</rdg></app> though noon<app><lem wit="#El #La"> Auctoritee</lem><rdg wit="#Ra2"><witEnd/></rdg></app> is right ynogh</l>';
    const source = teiFile(xml, ['El', 'La', 'Ra2']);
    const root = parseXml(source).root;
    expect(witnessTextFromTei(root, 'El')).toBe('Whilom Experience though noon Auctoritee is right ynogh');
    expect(witnessTextFromTei(root, 'La')).toBe('Experiment though noon Auctoritee is right ynogh');
    expect(witnessTextFromTei(root, 'Ra2')).toBe('Whilom Eryment though noon');
    const imported = importTei(source, 'wbp.xml');
    const exported = exportDocumentTei(imported.documents[0]!.doc, imported.documents[0]!.meta);
    expect(exported).toContain('<rdg wit="#La"><witStart/>Experiment</rdg><rdg>Eryment</rdg>');
    expect(witnessTextFromTei(parseXml(exported).root, 'Ra2')).toBe('Whilom Eryment though noon');
    expect(importTei(exported, 'wbp.xml').documents[0]!.doc).toEqual(imported.documents[0]!.doc);
  });

  it('CollateX apparatus (readings without lem) imports losslessly', () => {
    const apparatus = readFileSync(join(suite, 'collatex-koala/expected-apparatus.pretty.tei.xml'), 'utf8');
    const inner = apparatus.replace(/^[\s\S]*?<cx:apparatus[^>]*>/u, '').replace(/<\/cx:apparatus>\s*$/u, '');
    const source = teiFile(`<l>${inner}</l>`, ['A', 'B', 'C']);
    const imported = importTei(source, 'koala.xml');
    const exported = exportDocumentTei(imported.documents[0]!.doc, imported.documents[0]!.meta);
    const texts = ['A', 'B', 'C'].map((s) => readFileSync(join(suite, `collatex-koala/witnesses/${s}.txt`), 'utf8'));
    ['A', 'B', 'C'].forEach((s, i) =>
      expect(witnessTextFromTei(parseXml(exported).root, s)).toBe(normaliseWitnessText(texts[i]!)),
    );
  });
});
