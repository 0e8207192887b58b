/**
 * The seed despatch as a print edition: imported with the plain-text importer,
 * with entity names marked, its two notes, and a two-witness apparatus whose
 * lemmata are found by their words in the text (not by hand-counted positions).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Node as PMNode } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import { schema } from '../../../edition/schema.ts';
import { importPlainText } from '../../../edition/plaintext/index.ts';
import type { ApparatusEntry, PrintEdition } from '../../../edition/print/model.ts';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const SEED_PATH = join(repoRoot, '..', 'shared', 'corpus', 'seed', 'frus1933v03-d63-grew-256.txt');

export function seedText(): string {
  return readFileSync(SEED_PATH, 'utf8');
}

/** Document positions of the `occurrence`-th (0-based) match of `words` within one text node. */
export function findText(doc: PMNode, words: string, occurrence = 0): { from: number; to: number } {
  let seen = 0;
  let found: { from: number; to: number } | null = null;
  doc.descendants((node, pos) => {
    if (found) return false;
    if (!node.isText) return true;
    const text = node.text ?? '';
    for (let i = text.indexOf(words); i >= 0; i = text.indexOf(words, i + 1)) {
      if (seen++ === occurrence) {
        found = { from: pos + i, to: pos + i + words.length };
        return false;
      }
    }
    return false;
  });
  if (!found) throw new Error(`"${words}" (occurrence ${occurrence}) is not in the document`);
  return found;
}

export interface SeedVariant {
  series: 'A' | 'B';
  lemma: string;
  occurrence?: number;
  readings: Array<{ text: string; sigla: string[] }>;
}

/** Variants of the despatch in a second witness (B), made for the tests. */
export const SEED_VARIANTS: SeedVariant[] = [
  {
    series: 'A',
    lemma: 'increasingly cordial',
    readings: [{ text: 'cordial', sigla: ['B'] }],
  },
  { series: 'A', lemma: 'gradually', readings: [{ text: '', sigla: ['B'] }] },
  {
    series: 'A',
    lemma: 'Manchuli',
    readings: [{ text: 'Manchouli', sigla: ['B'] }],
  },
  {
    series: 'A',
    lemma: 'traditionally hostile to each other',
    readings: [{ text: 'hostile by tradition', sigla: ['B'] }],
  },
  {
    series: 'A',
    lemma: 'put Up',
    readings: [{ text: 'put up', sigla: ['B'] }],
  },
  {
    series: 'A',
    lemma: 'Bolshevization',
    readings: [{ text: 'Bolshevisation', sigla: ['B'] }],
  },
  {
    series: 'A',
    lemma: 'is as good as dead',
    readings: [{ text: 'is dead', sigla: ['B'] }],
  },
  {
    series: 'A',
    lemma: 'speeded up',
    readings: [{ text: 'accelerated', sigla: ['B'] }],
  },
  {
    series: 'A',
    lemma: 'absolve themselves',
    readings: [{ text: 'absolve itself', sigla: ['B'] }],
  },
  {
    series: 'A',
    lemma: 'Jehol Province',
    readings: [{ text: 'the Province of Jehol', sigla: ['B'] }],
  },
  {
    series: 'B',
    lemma: 'Su Ping-wen',
    readings: [{ text: 'Su Ping-wên', sigla: ['A', 'B'] }],
  },
  {
    series: 'B',
    lemma: 'severance',
    readings: [{ text: 'rupture', sigla: ['B'] }],
  },
  {
    series: 'B',
    lemma: 'seriously strained',
    readings: [{ text: 'gravely strained', sigla: ['B'] }],
  },
];

// Register mentions for persons and places; organisations as TEI elements the
// schema keeps generically (teiMark), the way an older import carries them.
const SEED_ENTITIES: Array<{
  words: string;
  kind: 'person' | 'place' | 'org';
  ref?: string;
  occurrence?: number;
}> = [
  { words: 'Su Ping-wen', kind: 'person', ref: 'su' },
  { words: 'Su Ping-wen', kind: 'person', ref: 'su', occurrence: 2 },
  { words: 'Joseph Stalin', kind: 'person', ref: 'stalin' },
  { words: 'Joseph C. Grew', kind: 'person', ref: 'grew' },
  { words: 'Tokyo', kind: 'place', ref: 'tokyo' },
  { words: 'Tokyo', kind: 'place', ref: 'tokyo', occurrence: 1 },
  { words: 'Manchuli', kind: 'place' },
  { words: 'Siberia', kind: 'place' },
  { words: 'Jehol Province', kind: 'place' },
  { words: 'Committee of the Communist Party', kind: 'org' },
  { words: 'Foreign Office', kind: 'org' },
];

const ORG_ELEMENT = 'orgName';

/** The seed with entity marks, and the variants turned into apparatus entries. */
export function seedDocument(): {
  title: string;
  doc: PMNode;
  apparatus: ApparatusEntry[];
} {
  const imported = importPlainText(seedText(), 'frus1933v03-d63-grew-256.txt');
  let doc = PMNode.fromJSON(schema, imported.doc);
  const tr = new Transform(doc);
  for (const e of SEED_ENTITIES) {
    const { from, to } = findText(doc, e.words, e.occurrence ?? 0);
    const mark =
      e.kind === 'org'
        ? schema.marks.teiMark.create({ name: ORG_ELEMENT })
        : schema.marks.mention.create({ kind: e.kind, ref: e.ref ?? null });
    tr.addMark(from, to, mark);
  }
  doc = tr.doc;
  const apparatus = SEED_VARIANTS.map((v) => {
    const { from, to } = findText(doc, v.lemma, v.occurrence ?? 0);
    return { series: v.series, from, to, lemma: v.lemma, readings: v.readings };
  });
  return { title: imported.title, doc, apparatus };
}

export function seedEdition(settings: PrintEdition['settings'] = {}): PrintEdition {
  const { title, doc, apparatus } = seedDocument();
  return {
    title: 'Papers relating to Japan and the Soviet Union, 1933',
    subtitle: 'A specimen edition',
    introduction:
      'The despatch is printed from the text of the Department of State’s published series (A).\n\n' +
      'Variants are those of a second copy (B).',
    witnesses: [
      {
        siglum: 'A',
        description: 'Foreign Relations of the United States, 1933, vol. III, pp. 68–70.',
      },
      {
        siglum: 'B',
        description: 'A second copy of the despatch, made for these tests.',
      },
    ],
    documents: [
      {
        title,
        doc: doc.toJSON() as PrintEdition['documents'][number]['doc'],
        apparatus,
      },
    ],
    settings,
    register: [{ id: 'grew', name: 'Grew, Joseph C.' }],
  };
}
