/**
 * The variants panel's re-collation while typing: the seed despatch with two witnesses
 * (collated whole), and Darwin's chapter 1 as the document with the 1860, 1861 and
 * 1866 editions as witnesses (about 270,000 characters, collated paragraph by
 * paragraph): the first collation, then one word typed in one witness paragraph.
 * Prints wall and CPU time; asserts nothing.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Node } from 'prosemirror-model';
import { DEFAULT_COLLATION_SETTINGS, type WitnessInfo } from '../../edition/apparatus/index.ts';
import { importPlainText } from '../../edition/plaintext/index.ts';
import { schema } from '../../edition/schema.ts';
import { collateDocumentView } from '../../renderer/collation/workbench.ts';

const root = resolve(import.meta.dirname, '../..');
const corpus = (path: string) => readFileSync(resolve(root, '../shared/corpus', path), 'utf8');
const witness = (id: string, siglum: string, text: string, position: number): WitnessInfo => ({
  id,
  documentId: '1',
  siglum,
  description: '',
  text,
  origin: 'typed',
  fileName: null,
  position,
  updatedAt: '',
});

function timed<T>(label: string, fn: () => T): T {
  const c = process.cpuUsage();
  const w = performance.now();
  const result = fn();
  const wall = performance.now() - w;
  const used = process.cpuUsage(c);
  console.log(`${label}: ${wall.toFixed(1)} ms wall, ${((used.user + used.system) / 1000).toFixed(1)} ms CPU`);
  return result;
}

// The seed despatch, two witnesses with a few words changed.
const seedDoc = Node.fromJSON(schema, importPlainText(corpus('seed/frus1933v03-d63-grew-256.txt'), 'grew-256.txt').doc);
const base = collateDocumentView(seedDoc, [], DEFAULT_COLLATION_SETTINGS).view.texts[0]!;
const seedWitnesses = [
  witness('1', 'A', base.replace('events occurred', 'incidents occurred'), 0),
  witness('2', 'B', base.replace('gradually overcome', 'overcome'), 1),
];
timed('seed despatch, 3 texts, first collation', () =>
  collateDocumentView(seedDoc, seedWitnesses, DEFAULT_COLLATION_SETTINGS),
);
for (let i = 0; i < 3; i++) {
  const typed = [
    seedWitnesses[0]!,
    {
      ...seedWitnesses[1]!,
      text: seedWitnesses[1]!.text.replace('overcome', `overcome${'x'.repeat(i + 1)}`),
    },
  ];
  timed(`seed despatch, one word typed (${i + 1})`, () =>
    collateDocumentView(seedDoc, typed, DEFAULT_COLLATION_SETTINGS),
  );
}

// Darwin's chapter 1: 1859 as the document, three later editions as witnesses.
const darwin = (year: string) => corpus(`collation/12-darwin-full-chapter1-6ed-perf/witnesses/${year}.txt`);
const paras = darwin('1859')
  .split(/\n\s*\n/u)
  .map((t) => t.replace(/\s+/gu, ' ').trim())
  .filter((t) => t !== '');
const chapter = schema.node(
  'doc',
  null,
  paras.map((t) => schema.node('paragraph', null, schema.text(t))),
);
const editions = ['1860', '1861', '1866'].map((y, i) => witness(String(10 + i), y, darwin(y), i));
const first = timed('Darwin ch. 1, 4 texts, first collation', () =>
  collateDocumentView(chapter, editions, DEFAULT_COLLATION_SETTINGS),
);
console.log(
  `  mode ${first.mode}, ${first.view.segmentation.columns.length} columns, ${first.view.variants.length} variant readings`,
);
for (let i = 0; i < 3; i++) {
  const typed = editions.map((w, k) =>
    k === 2
      ? {
          ...w,
          text: w.text.replace('variability', `variability${'x'.repeat(i + 1)}`),
        }
      : w,
  );
  timed(`Darwin ch. 1, one word typed in one paragraph (${i + 1})`, () =>
    collateDocumentView(chapter, typed, DEFAULT_COLLATION_SETTINGS),
  );
}
