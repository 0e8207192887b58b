import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Node } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import { describe, expect, it } from 'vitest';
import type { ExportResult, SiglumEvent } from '../../../edition/api.ts';
import {
  DEFAULT_COLLATION_SETTINGS,
  findEntries,
  makeEntry,
  type WitnessInfo,
} from '../../../edition/apparatus/index.ts';
import { importPlainText } from '../../../edition/plaintext/index.ts';
import { schema } from '../../../edition/schema.ts';
import {
  collateDocumentView,
  heatSpans,
  kindCounts,
  kindsByColumn,
  pairSegments,
  placementOf,
  tableBlocks,
  VARIANT_KINDS,
  type Workbench,
} from '../../../renderer/collation/workbench.ts';
import { exportFileName, folderOf, runEditionExport, summary } from '../../../renderer/export/exportRun.ts';

const SEED = resolve(import.meta.dirname, '../../../../shared/corpus/seed/frus1933v03-d63-grew-256.txt');
const seed = importPlainText(readFileSync(SEED, 'utf8'), 'frus1933v03-d63-grew-256.txt');
const doc = Node.fromJSON(schema, seed.doc);
const all = new Set(VARIANT_KINDS);

function witness(id: string, siglum: string, text: string, position: number): WitnessInfo {
  return {
    id,
    documentId: '1',
    siglum,
    description: '',
    text,
    origin: 'typed',
    fileName: null,
    position,
    updatedAt: '',
  };
}

/** The document's own running text with some words changed: how a second version reads. */
function changed(bench: Workbench, changes: Array<[string, string]>): string {
  let text = bench.view.texts[0]!;
  for (const [from, to] of changes) {
    expect(text).toContain(from);
    text = text.replace(from, to);
  }
  return text;
}

const alone = collateDocumentView(doc, [], DEFAULT_COLLATION_SETTINGS);
const A = witness(
  '11',
  'A',
  changed(alone, [
    ['several events occurred', 'several incidents occurred'],
    ['increasingly cordial', 'increasingly friendly'],
  ]),
  0,
);
const B = witness(
  '12',
  'B',
  changed(alone, [
    ['several events occurred', 'several incidents occurred'],
    ['gradually overcome', 'overcome'],
  ]),
  1,
);
const bench = collateDocumentView(doc, [B, A], DEFAULT_COLLATION_SETTINGS);
const columnOf = (b: Workbench, base: string) => b.view.apparatus.find((e) => e.lemma.text.trim() === base)!.column;

describe('the collation the variants panel shows', () => {
  it('collates the document text first, then the witnesses in their order', () => {
    expect(bench.sigla).toEqual(['Base', 'A', 'B']);
    expect(bench.ids).toEqual([null, '11', '12']);
    expect(bench.own?.text).toBe(bench.view.texts[0]);
    expect(bench.view.apparatus.map((e) => e.lemma.text.trim())).toEqual(['events', 'cordial', 'gradually']);
  });

  it('puts a witness chosen as base first, and then offers no placement on the document', () => {
    const onA = collateDocumentView(doc, [A, B], {
      ...DEFAULT_COLLATION_SETTINGS,
      base: '11',
    });
    expect(onA.sigla).toEqual(['A', 'Base', 'B']);
    expect(onA.own).toBeNull();
    expect(placementOf(onA, columnOf(onA, 'incidents'))).toBeNull();
  });

  it('places a variant on its lemma in the document, ready to become an apparatus entry', () => {
    const placement = placementOf(bench, columnOf(bench, 'events'))!;
    expect(doc.textBetween(placement.from, placement.to)).toBe('events');
    const tr = makeEntry(new Transform(doc), placement.from, placement.to, placement.entry);
    const [entry] = findEntries(tr.doc);
    expect(entry).toMatchObject({
      lemma: 'events',
      wit: ['Base'],
      readings: [{ text: 'incidents', wit: ['A', 'B'], type: 'substantive' }],
    });
  });

  it('weights the heat map by the share of witnesses that differ, and keeps the whole base text', () => {
    const spans = heatSpans(bench, all);
    const weight = (text: string) => spans.find((s) => s.text.trim() === text)?.weight;
    expect(weight('events')).toBe(1);
    expect(weight('cordial')).toBe(0.5);
    expect(weight('gradually')).toBe(0.5);
    expect(spans.map((s) => s.text).join('')).toBe(bench.own!.text.trimStart());
    expect(spans.filter((s) => s.weight > 0)).toHaveLength(3);
  });

  it('counts the places of variation of each kind, as the list has rows', () => {
    expect(kindCounts(bench)).toEqual({
      substantive: 2,
      orthographic: 0,
      punctuation: 0,
      transposition: 0,
      omission: 1,
      addition: 0,
    });
  });

  it('leaves out of the heat map and the table highlights the kinds filtered away', () => {
    const noSubstantive = new Set(VARIANT_KINDS.filter((k) => k !== 'substantive'));
    expect([...kindsByColumn(bench, noSubstantive).values()].flat()).toEqual(['omission']);
    expect(
      heatSpans(bench, noSubstantive)
        .filter((s) => s.weight > 0)
        .map((s) => s.text.trim()),
    ).toEqual(['gradually']);
  });

  it('links two witnesses side by side at the places where just these two differ', () => {
    const pair = pairSegments(bench, 1, 2);
    expect(pair.differences).toBe(2);
    expect(pair.left.filter((s) => s.differs).map((s) => s.text.trim())).toEqual(['friendly', 'gradually']);
    expect(pair.right.filter((s) => s.differs).map((s) => s.text.trim())).toEqual(['cordial', '']);
    // Each side's segments rebuild that witness's text.
    expect(pair.left.map((s) => s.text).join('')).toBe(A.text.trimStart());
    expect(pair.right.map((s) => s.text).join('')).toBe(B.text.trimStart());
    for (const s of pair.left.filter((x) => x.differs))
      expect(pair.right.some((r) => r.column === s.column)).toBe(true);
  });

  it('wraps the alignment table into blocks no wider than the panel, every column once and in order', () => {
    const blocks = tableBlocks(bench, 60);
    expect(blocks.flatMap((b) => b.columns)).toEqual(bench.view.segmentation.columns.map((_, k) => k));
    for (const b of blocks) {
      if (b.columns.length > 1) expect(b.widths.reduce((x, y) => x + y, 0)).toBeLessThanOrEqual(60);
    }
  });
});

describe('a long text collated paragraph by paragraph', () => {
  const DARWIN = resolve(
    import.meta.dirname,
    '../../../../shared/corpus/collation/12-darwin-full-chapter1-6ed-perf/witnesses',
  );
  const edition = (year: string) => readFileSync(resolve(DARWIN, `${year}.txt`), 'utf8');
  // The 1859 chapter as the document (one paragraph each), 1860 and 1861 as witnesses: 44 paragraphs each.
  const paras = edition('1859')
    .split(/\n\s*\n/u)
    .map((t) => t.replace(/\s+/gu, ' ').trim())
    .filter((t) => t !== '');
  const chapter = schema.node(
    'doc',
    null,
    paras.map((t) => schema.node('paragraph', null, schema.text(t))),
  );
  const witnesses = [witness('21', '1860', edition('1860'), 0), witness('22', '1861', edition('1861'), 1)];
  const long = collateDocumentView(chapter, witnesses, DEFAULT_COLLATION_SETTINGS);

  it('is chosen when the paragraphs correspond and the texts are long', () => {
    expect(long.mode).toBe('paragraphs');
    expect(bench.mode).toBe('whole');
  });

  it('still reads every text back from its table row, paragraph breaks included', () => {
    long.sigla.forEach((_, w) => {
      const row = long.view.segmentation.columns.map((c) => c.cells[w]?.text ?? '').join('');
      expect(row).toBe(long.view.texts[w]!.trimStart());
      const tokens = long.view.table.columns.map((c) => c.cells[w]?.text ?? '').join('');
      expect(tokens).toBe(long.view.texts[w]!.trimStart());
    });
  });

  it('gives each apparatus entry its place in the whole base text', () => {
    expect(long.entries.length).toBeGreaterThan(50);
    expect(long.entries.map((e) => e.column)).toEqual(long.view.apparatus.map((e) => e.column));
    const base = long.own!.text;
    for (const e of long.view.apparatus) {
      expect(base.slice(e.from, e.to)).toBe(e.lemma.text.trimEnd());
      const cell = long.view.segmentation.columns[e.column]!.cells[0];
      if (cell) expect(cell.from).toBe(e.from);
    }
    for (const v of long.view.variants) expect(long.view.segmentation.columns[v.column]!.variant).toBe(true);
  });

  it('re-collates to the same result when one paragraph of a witness changes back and forth', () => {
    const edited = [
      witnesses[0]!,
      {
        ...witnesses[1]!,
        text: witnesses[1]!.text.replace('variation', 'variety'),
      },
    ];
    const changed = collateDocumentView(chapter, edited, DEFAULT_COLLATION_SETTINGS);
    expect(changed.view.variants.length).not.toBe(long.view.variants.length);
    const again = collateDocumentView(chapter, witnesses, DEFAULT_COLLATION_SETTINGS);
    expect(again.view).toEqual(long.view);
  });
});

describe('an edition export as the dialog follows it', () => {
  it('names its progress events and reports only those, then stops listening', async () => {
    let listener: ((e: SiglumEvent) => void) | null = null;
    const seen: string[] = [];
    const result = {
      id: '',
      format: 'pdf',
      path: '/x.pdf',
      pages: 3,
      placed: { notes: 2, apparatus: 1 },
      misplaced: [],
      rejected: [],
      warnings: [],
    } as ExportResult;
    const client = {
      subscribe(l: (e: SiglumEvent) => void) {
        listener = l;
        return () => (listener = null);
      },
      async exportEdition(args: { id?: string }) {
        listener?.({
          type: 'export-progress',
          id: 'someone else',
          done: 1,
          total: 4,
          phase: 'build',
        });
        listener?.({
          type: 'export-progress',
          id: args.id!,
          done: 2,
          total: 4,
          phase: 'layout',
        });
        return { ...result, id: args.id! };
      },
    };
    const done = await runEditionExport(client as never, { documentId: '1' }, 'pdf', '/x.pdf', (p) =>
      seen.push(`${p.phase} ${p.done}/${p.total}`),
    );
    expect(seen).toEqual(['layout 2/4']);
    expect(listener).toBeNull();
    expect(summary(done)).toBe('3 pages · 2 notes and 1 apparatus entry placed');
  });

  it('names the file after what is exported, beside the project', () => {
    expect(exportFileName('The Ambassador in Japan (Grew) to the Secretary of State', 'pdf')).toBe(
      'the-ambassador-in-japan-grew-to-the-secretary-of-state.pdf',
    );
    expect(exportFileName('Télégramme n° 5', 'latex')).toBe('telegramme-n-5.tex');
    expect(exportFileName('***', 'html')).toBe('edition-html');
    expect(folderOf('/home/ed/work/p.siglum')).toBe('/home/ed/work');
    expect(folderOf('C:\\ed\\p.siglum')).toBe('C:\\ed');
  });
});
