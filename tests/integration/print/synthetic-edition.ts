/**
 * A long edition made from the seed despatch, for the print benchmark and the
 * large-layout test: each document repeats the despatch's text `copies` times, with
 * editorial notes (some with Greek) and apparatus entries of both series spread
 * through it at fixed word intervals. Deterministic, so runs compare.
 */
import { Node as PMNode } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import { schema } from '../../../edition/schema.ts';
import type { ApparatusEntry, PrintEdition } from '../../../edition/print/model.ts';
import { seedDocument } from './seed-edition.ts';

export interface SyntheticOptions {
  documents: number;
  /** Copies of the despatch's body per document (about 1.5 pages each). */
  copies: number;
  /** One apparatus entry every n words. */
  apparatusEvery: number;
  /** One note every n words. */
  noteEvery: number;
}

/** About 100 pages with about 1,500 apparatus entries and 300 notes (A4, default settings). */
export const HUNDRED_PAGES: SyntheticOptions = {
  documents: 14,
  copies: 4,
  apparatusEvery: 32,
  noteEvery: 220,
};

const SIGLA = ['A', 'B', 'C', 'D'];

interface WordRange {
  from: number;
  to: number;
  text: string;
}

function words(doc: PMNode): WordRange[] {
  const out: WordRange[] = [];
  doc.descendants((node, pos) => {
    if (node.type.name === 'note') return false;
    if (!node.isText) return true;
    for (const m of (node.text ?? '').matchAll(/\p{L}[\p{L}'’-]*/gu)) {
      out.push({
        from: pos + m.index,
        to: pos + m.index + m[0].length,
        text: m[0],
      });
    }
    return false;
  });
  return out;
}

function note(n: number): PMNode {
  const body =
    n % 2 === 0
      ? `Editorial note ${n}: compare the copy in the Department's file, p. ${(n * 37) % 400}; see also Greek ἀρετή and λόγος.`
      : `Not printed; the enclosure is summarised in despatch No. ${200 + n}.`;
  return schema.nodes.note.create(
    { type: 'editorial' },
    schema.nodes.teiText.create({ name: null }, schema.text(body)),
  );
}

function syntheticDocument(d: number, o: SyntheticOptions): { doc: PMNode; apparatus: ApparatusEntry[] } {
  const seed = seedDocument().doc;
  const body: PMNode[] = [];
  seed.forEach((block, _, i) => {
    if (i > 1) body.push(block); // the despatch without its file number and heading
  });
  const blocks: PMNode[] = [schema.nodes.heading.create(null, schema.text(`Despatch ${d + 1}`))];
  for (let c = 0; c < o.copies; c++) blocks.push(...body);
  let doc = schema.nodes.doc.create(null, blocks);

  // Notes after every noteEvery-th word, inserted from the end so positions hold.
  const tr = new Transform(doc);
  const ws = words(doc);
  let n = 0;
  const noteAt: number[] = [];
  for (let i = o.noteEvery - 1; i < ws.length; i += o.noteEvery) noteAt.push(ws[i]!.to);
  for (const pos of noteAt.reverse()) tr.insert(pos, note(noteAt.length - n++));
  doc = tr.doc;

  const apparatus: ApparatusEntry[] = [];
  const all = words(doc);
  let k = 0;
  for (let i = 7; i + 4 < all.length; i += o.apparatusEvery, k++) {
    const span = k % 7 === 0 ? 5 : k % 3 === 0 ? 2 : 1;
    const first = all[i]!;
    const last = all[i + span - 1]!;
    const lemma = doc.textBetween(first.from, last.to, ' ');
    const siglum = SIGLA[k % SIGLA.length]!;
    apparatus.push({
      series: k % 4 === 3 ? 'B' : 'A',
      from: first.from,
      to: last.to,
      lemma,
      readings:
        k % 5 === 0
          ? [{ text: '', sigla: [siglum] }]
          : [
              { text: [...first.text].reverse().join(''), sigla: [siglum] },
              ...(k % 6 === 0
                ? [
                    {
                      text: last.text.toUpperCase(),
                      sigla: [SIGLA[(k + 1) % SIGLA.length]!],
                    },
                  ]
                : []),
            ],
    });
  }
  return { doc, apparatus };
}

export function syntheticEdition(o: SyntheticOptions): PrintEdition {
  const documents = Array.from({ length: o.documents }, (_, d) => {
    const { doc, apparatus } = syntheticDocument(d, o);
    return {
      title: `Despatch ${d + 1}`,
      doc: doc.toJSON() as PrintEdition['documents'][number]['doc'],
      apparatus,
    };
  });
  return {
    title: 'Editio synthetica',
    subtitle: 'The seed despatch, repeated',
    witnesses: SIGLA.map((s) => ({
      siglum: s,
      description: `Copy ${s} of the despatch.`,
    })),
    documents,
    settings: {},
  };
}
