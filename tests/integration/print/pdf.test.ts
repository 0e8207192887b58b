/**
 * The seed despatch typeset to PDF, read back with poppler: every footnote and
 * apparatus entry is on the page of its call or lemma, line numbers count the text
 * lines, the index gives the right pages, the fonts are embedded as TrueType, and
 * entries that cannot be placed are reported rather than dropped.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Node as PMNode } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchPrintBrowser, renderPdf, type PdfResult } from '../../../electron/pdf/render.ts';
import { abbreviateLemma } from '../../../edition/print/apparatus.ts';
import { resolvePrintSettings, type PrintEdition } from '../../../edition/print/model.ts';
import { schema } from '../../../edition/schema.ts';
import { pdfFonts, readPdf, squash, text, type PdfPage, type Word } from './pdf-pages.ts';
import { SEED_VARIANTS, findText, seedDocument, seedEdition } from './seed-edition.ts';
import { HUNDRED_PAGES, syntheticEdition } from './synthetic-edition.ts';
import { pageTruth } from '../../unit/facsimile/ocr.ts';

const PT_PER_MM = 72 / 25.4;
const KANT = join(import.meta.dirname, '../../../../shared/corpus/facsimile/kant_aufklaerung_1784');
let browser: Browser;
let dir: string;

beforeAll(async () => {
  browser = await launchPrintBrowser();
  dir = mkdtempSync(join(tmpdir(), 'siglum-print-'));
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function typeset(
  edition: PrintEdition,
  name: string,
  options: { tagged?: boolean } = {},
): Promise<{ result: PdfResult; pages: PdfPage[]; path: string }> {
  const path = join(dir, `${name}.pdf`);
  const result = await renderPdf(edition, path, undefined, {
    browser,
    ...options,
  });
  const s = resolvePrintSettings(edition.settings);
  const m = s.margins;
  const pages = readPdf(path, {
    left: m.left * PT_PER_MM,
    right: (s.pageWidthMm - m.right) * PT_PER_MM,
    top: m.top * PT_PER_MM,
    bottom: m.bottom * PT_PER_MM,
  });
  return { result, pages, path };
}

/** The 1-based text line on which `words` starts (its first word begins on that line). */
function lineOf(page: PdfPage, words: string): number[] {
  const first = squash(words.split(' ')[0] ?? '');
  const found: number[] = [];
  page.lines.forEach((line, i) => {
    const here = squash(text(line));
    const joined = here + squash(text(page.lines[i + 1] ?? []));
    for (let at = joined.indexOf(first); at >= 0; at = joined.indexOf(first, at + 1)) {
      if (at < here.length) found.push(i + 1);
    }
  });
  return found;
}

/** The 1-based text lines on which `word` ends (it may begin on the line before). */
function lineEnding(page: PdfPage, word: string): number[] {
  const w = squash(word);
  const found: number[] = [];
  page.lines.forEach((line, i) => {
    const before = squash(text(page.lines[i - 1] ?? []));
    const joined = before + squash(text(line));
    for (let at = joined.indexOf(w); at >= 0; at = joined.indexOf(w, at + 1)) {
      if (at + w.length > before.length) found.push(i + 1);
    }
  });
  return found;
}

/** The line label printed before the entry that starts at `at` in a squashed foot. */
function labelBefore(foot: string, at: number): { start: number; end: number } | null {
  const labels = [...foot.slice(0, at).matchAll(/(\d+)(?:–(\d+))?/g)];
  const last = labels[labels.length - 1];
  if (!last) return null;
  return { start: Number(last[1]), end: Number(last[2] ?? last[1]) };
}

function readingText(r: { text: string; sigla: string[] }): string {
  return `${r.text === '' ? 'om.' : r.text} ${r.sigla.join(' ')}`;
}

const LAYOUTS: Array<[string, PrintEdition['settings']]> = [
  ['A4, 11 pt, line numbers on the left', {}],
  [
    'A5, 10 pt, line numbers on the right',
    {
      pageSize: 'A5',
      fontSizePt: 10,
      lineNumberSide: 'right',
      margins: { left: 18, right: 20, top: 20, bottom: 18 },
    },
  ],
];

describe.each(LAYOUTS)('the seed despatch as a typeset PDF (%s)', (name, settings) => {
  let seed: { result: PdfResult; pages: PdfPage[]; path: string };
  beforeAll(async () => {
    seed = await typeset(seedEdition(settings), `seed-${name.slice(0, 2)}`);
  });

  it('reports every note and apparatus entry placed and none misplaced', () => {
    expect(seed.result.misplaced).toEqual([]);
    expect(seed.result.placed).toEqual({
      notes: 2,
      apparatus: SEED_VARIANTS.length,
    });
    expect(seed.pages.length).toBe(seed.result.pages);
  });

  it('runs the despatch over more than one page, after a title page and the witnesses', () => {
    const textPages = seed.result.pageSummaries.filter((p) => p.kind === 'text');
    expect(textPages.length).toBeGreaterThanOrEqual(2);
    expect(squash(text(seed.pages[0]!.words))).toContain(squash('Papers relating to Japan and the Soviet Union, 1933'));
    const front = squash(text(seed.pages[1]!.words));
    expect(front).toContain(squash('Witnesses'));
    expect(front).toContain(squash('A Foreign Relations of the United States'));
  });

  it('prints each apparatus entry at the foot of the page where its lemma stands, keyed by the lemma’s line', () => {
    for (const v of SEED_VARIANTS) {
      const entry = squash(`${abbreviateLemma(v.lemma, 3)}] ${v.readings.map(readingText).join(' : ')}`);
      const pages = seed.pages.filter((p) => squash(text(p.foot)).includes(entry));
      expect(
        pages.map((p) => p.number),
        v.lemma,
      ).toHaveLength(1);
      const page = pages[0]!;
      expect(squash(text(page.body)), v.lemma).toContain(squash(v.lemma));
      const foot = squash(text(page.foot));
      const label = labelBefore(foot, foot.indexOf(entry));
      expect(label, v.lemma).not.toBeNull();
      expect(lineOf(page, v.lemma), v.lemma).toContain(label!.start);
      if (label!.end !== label!.start) {
        const lastWord = v.lemma.split(' ').pop()!;
        expect(lineEnding(page, lastWord), v.lemma).toContain(label!.end);
      }
    }
  });

  it('abbreviates a long lemma to its first and last words and gives its line range', () => {
    const all = seed.pages.map((p) => text(p.foot)).join(' ');
    expect(all).toContain('traditionally … other]');
    expect(all).not.toContain('traditionally hostile to each other]');
  });

  it('prints each footnote under the rule of the page that carries its call', () => {
    const calls = [
      { mark: '1', after: 'enclosed.' },
      { mark: '2', after: 'p.m.),' },
    ];
    for (const { mark, after } of calls) {
      const footPages = seed.pages.filter((p) => squash(text(p.foot)).includes(squash(`${mark}. Not printed.`)));
      expect(footPages, `note ${mark}`).toHaveLength(1);
      const page = footPages[0]!;
      const anchor = page.lines.flat().find((w) => squash(w.text) === squash(after));
      expect(anchor, `call of note ${mark}`).toBeDefined();
      const call = page.words.find(
        (w: Word) => w.text === mark && Math.abs(w.x0 - anchor!.x1) < 3 && w.y1 > anchor!.y0 && w.y0 < anchor!.y1,
      );
      expect(call, `superscript ${mark} after “${after}”`).toBeDefined();
    }
  });

  it('numbers every fifth text line in the margin, restarting on each page', () => {
    const textPages = seed.result.pageSummaries.filter((p) => p.kind === 'text').map((p) => seed.pages[p.number - 1]!);
    for (const page of textPages) {
      const expected = page.lines.map((_, i) => i + 1).filter((n) => n % 5 === 0);
      expect(
        page.margin.map((m) => m.n),
        `page ${page.number}`,
      ).toEqual(expected);
      for (const m of page.margin) {
        const line = page.lines[m.n - 1]!;
        const centre = (line[0]!.y0 + line[0]!.y1) / 2;
        expect(Math.abs(centre - m.y), `line ${m.n} on page ${page.number}`).toBeLessThan(4);
      }
    }
  });

  it('gives in the index the pages on which each marked name stands', () => {
    const indexPage = seed.result.pageSummaries.find((p) => p.kind === 'index');
    expect(indexPage).toBeDefined();
    const indexText = text(seed.pages[indexPage!.number - 1]!.words);
    const textPages = seed.result.pageSummaries.filter((p) => p.kind === 'text').map((p) => seed.pages[p.number - 1]!);
    for (const name of ['Tokyo', 'Su Ping-wen', 'Joseph Stalin', 'Jehol Province', 'Foreign Office']) {
      const pages = textPages.filter((p) => squash(text(p.body)).includes(squash(name))).map((p) => p.number);
      expect(pages.length, name).toBeGreaterThan(0);
      expect(indexText, name).toContain(`${name}, ${pages.join(', ')}`);
    }
    // A register name replaces the words of the mention, and sorts the entry.
    const grew = textPages.filter((p) => squash(text(p.body)).includes(squash('Joseph C. Grew'))).map((p) => p.number);
    expect(indexText).toContain(`Grew, Joseph C., ${grew.join(', ')}`);
    expect(indexText.indexOf('Grew, Joseph C.')).toBeLessThan(indexText.indexOf('Joseph Stalin'));
  });

  it('is tagged, has bookmarks for the headings, and index locators that link to their pages', () => {
    const bytes = readFileSync(seed.path).toString('latin1');
    expect(bytes).toContain('/Outlines');
    expect(bytes).toContain('/StructTreeRoot');
    const titles = [...bytes.matchAll(/\/Title \(((?:\\.|[^\\)])*)\)/g)].map((m) => m[1]!.replace(/\\(.)/g, '$1'));
    expect(titles).toContain('The Ambassador in Japan (Grew) to the Secretary of State');
    expect(titles).toContain('Index of persons');
    const locators = seed.result.index.reduce((n, e) => n + e.pages.length, 0);
    expect(bytes.split('/Subtype /Link').length - 1).toBe(locators);
  });

  it('embeds every font as a TrueType font, none as Type 3', () => {
    const fonts = pdfFonts(seed.path);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      expect(f.type, f.name).toBe('CID TrueType');
      expect(f.embedded, f.name).toBe(true);
    }
  });
});

describe('line numbering and reporting options', () => {
  it('continues the line count across pages when numbering restarts per document', async () => {
    const { result, pages } = await typeset(seedEdition({ lineNumberRestart: 'document' }), 'per-document');
    const textPages = result.pageSummaries.filter((p) => p.kind === 'text').map((p) => pages[p.number - 1]!);
    let before = 0;
    for (const page of textPages) {
      const expected = page.lines.map((_, i) => before + i + 1).filter((n) => n % 5 === 0);
      expect(
        page.margin.map((m) => m.n),
        `page ${page.number}`,
      ).toEqual(expected);
      before += page.lines.length;
    }
    expect(result.misplaced).toEqual([]);
  });

  it('runs documents on when they need not start a page, restarting line numbers at each', async () => {
    const one = seedEdition({
      documentStartsPage: false,
      lineNumberRestart: 'document',
    });
    const edition: PrintEdition = {
      ...one,
      documents: [one.documents[0]!, { ...one.documents[0]!, title: 'The same despatch again' }],
    };
    const { result, pages } = await typeset(edition, 'run-on');
    expect(result.misplaced).toEqual([]);
    expect(result.placed).toEqual({
      notes: 4,
      apparatus: 2 * SEED_VARIANTS.length,
    });
    const textPages = result.pageSummaries.filter((p) => p.kind === 'text');
    // The first document ends and the second begins on the second text page,
    // whose numbers start again from 5 where the second document's lines begin.
    const shared = pages[textPages[1]!.number - 1]!;
    expect(textPages[1]!.document).toBe(0);
    expect(squash(text(shared.body))).toContain(squash('Respectfully yours, Joseph C. Grew'));
    const numbers = shared.margin.map((m) => m.n);
    const restart = numbers.findIndex((n, i) => i > 0 && n < numbers[i - 1]!);
    expect(restart, numbers.join(' ')).toBeGreaterThan(0);
    expect(numbers[restart]).toBe(5);
    expect(squash(text(shared.body)), 'the second document’s file number').toContain('761.94/587');
    expect(textPages[textPages.length - 1]!.document).toBe(1);
  });

  it('restarts the count at a heading inside a document when numbering restarts per section, and keys the apparatus by it', async () => {
    // The despatch in two sections: a heading inserted before its last paragraph but
    // one, which begins part of the way down its page.
    const seed = seedDocument();
    const second = 'As a further indication';
    let at = -1;
    seed.doc.forEach((node, offset) => {
      if (at < 0 && node.textContent.startsWith(second)) at = offset;
    });
    expect(at).toBeGreaterThan(0);
    const tr = new Transform(seed.doc).insert(
      at,
      schema.nodes.heading.create(null, schema.text('Relations with the Soviets')),
    );
    const apparatus = seed.apparatus.map((a) => ({
      ...a,
      from: tr.mapping.map(a.from),
      to: tr.mapping.map(a.to),
    }));
    const inSecond = apparatus.filter((a) => a.from > at);
    expect(inSecond.length).toBeGreaterThan(0);
    const one = seedEdition({ lineNumberRestart: 'section' });
    const edition: PrintEdition = {
      ...one,
      documents: [
        {
          title: seed.title,
          doc: tr.doc.toJSON() as PrintEdition['documents'][number]['doc'],
          apparatus,
        },
      ],
    };
    const { result, pages } = await typeset(edition, 'per-section');
    expect(result.misplaced).toEqual([]);
    expect(result.placed.apparatus).toBe(SEED_VARIANTS.length);

    // Each text line's number counted from the PDF: on across pages, from 1 again
    // at the first line of the second section.
    const textPages = result.pageSummaries.filter((p) => p.kind === 'text').map((p) => pages[p.number - 1]!);
    const numberOf = new Map<string, number>();
    let n = 0;
    let restarts = 0;
    for (const page of textPages) {
      page.lines.forEach((line, i) => {
        if (squash(text(line)).startsWith(squash(second))) {
          n = 0;
          restarts++;
        }
        numberOf.set(`${page.number}:${i + 1}`, ++n);
      });
    }
    expect(restarts, 'the second section’s first line').toBe(1);
    let differsFromPage = false;
    for (const page of textPages) {
      const numbers = page.lines.map((_, i) => numberOf.get(`${page.number}:${i + 1}`)!);
      expect(
        page.margin.map((m) => m.n),
        `page ${page.number}`,
      ).toEqual(numbers.filter((k) => k % 5 === 0));
      if (numbers.some((k, i) => k !== i + 1)) differsFromPage = true;
    }
    expect(differsFromPage, 'numbers differ from a count per page').toBe(true);

    // Entries of the second section carry its line numbers.
    for (const a of inSecond) {
      const v = SEED_VARIANTS.find((x) => x.lemma === a.lemma)!;
      const entry = squash(`${abbreviateLemma(v.lemma, 3)}] ${v.readings.map(readingText).join(' : ')}`);
      const page = textPages.find((p) => squash(text(p.foot)).includes(entry));
      expect(page, v.lemma).toBeDefined();
      const foot = squash(text(page!.foot));
      const label = labelBefore(foot, foot.indexOf(entry));
      const lines = lineOf(page!, v.lemma).map((i) => numberOf.get(`${page!.number}:${i}`)!);
      expect(lines, v.lemma).toContain(label!.start);
    }
  });

  it('tells the user what to do when Chromium is missing, and refuses settings out of range', async () => {
    const out = join(dir, 'never.pdf');
    await expect(
      renderPdf(seedEdition(), out, undefined, {
        executablePath: '/nonexistent/chromium',
      }),
    ).rejects.toMatchObject({
      code: 'io',
      message: expect.stringMatching(/not at \/nonexistent\/chromium.*SIGLUM_CHROMIUM/),
    });
    await expect(renderPdf(seedEdition({ fontSizePt: 3 }), out, undefined, { browser })).rejects.toMatchObject({
      code: 'bad-input',
    });
  });

  it('gives page and line of each mention in the index when asked to', async () => {
    const { result, pages } = await typeset(seedEdition({ indexLines: true }), 'index-lines');
    const indexPage = result.pageSummaries.find((p) => p.kind === 'index')!;
    const indexText = text(pages[indexPage.number - 1]!.words);
    const textPages = result.pageSummaries.filter((p) => p.kind === 'text').map((p) => pages[p.number - 1]!);
    for (const name of ['Tokyo', 'Siberia', 'Manchuli']) {
      const refs = textPages.flatMap((p) => lineOf(p, name).map((line) => `${p.number}.${line}`));
      expect(refs.length, name).toBeGreaterThan(0);
      expect(indexText, name).toContain(`${name}, ${refs.join(', ')}`);
    }
  });

  it('mirrors margins on verso pages, with line numbers in the outer margin and alternating running heads', async () => {
    const edition = seedEdition({
      mirrorMargins: true,
      lineNumberSide: 'outer',
      margins: { left: 32, right: 22 },
    });
    const path = join(dir, 'mirrored.pdf');
    const result = await renderPdf(edition, path, undefined, { browser });
    expect(result.misplaced).toEqual([]);
    const s = resolvePrintSettings(edition.settings);
    const column = (left: number, right: number) => ({
      left: left * PT_PER_MM,
      right: (s.pageWidthMm - right) * PT_PER_MM,
      top: s.margins.top * PT_PER_MM,
      bottom: s.margins.bottom * PT_PER_MM,
    });
    const recto = readPdf(path, column(32, 22));
    const verso = readPdf(path, column(22, 32));
    const textPages = result.pageSummaries.filter((p) => p.kind === 'text');
    expect(textPages.map((p) => p.number % 2)).toEqual([1, 0]);
    for (const summary of textPages) {
      const odd = summary.number % 2 === 1;
      const page = (odd ? recto : verso)[summary.number - 1]!;
      const numbers = page.words.filter(
        (w) =>
          /^\d+$/.test(w.text) &&
          !page.foot.includes(w) &&
          !page.body.includes(w) &&
          w.y0 > s.margins.top * PT_PER_MM &&
          w.y1 < (s.pageHeightMm - s.margins.bottom) * PT_PER_MM,
      );
      expect(numbers.length, `numbers in the margin of page ${summary.number}`).toBe(page.margin.length);
      expect(
        page.margin.map((m) => m.n),
        `page ${summary.number}`,
      ).toEqual(page.lines.map((_, i) => i + 1).filter((n) => n % 5 === 0));
      const edge = odd ? (s.pageWidthMm - 22) * PT_PER_MM : 22 * PT_PER_MM;
      for (const w of numbers)
        expect(odd ? w.x0 > edge : w.x1 < edge, `${w.text} on page ${summary.number}`).toBe(true);
      const head = text(page.words.filter((w) => w.y1 < s.margins.top * PT_PER_MM - 5));
      expect(head, `running head of page ${summary.number}`).toBe(
        odd
          ? 'THE AMBASSADOR IN JAPAN (GREW) TO THE SECRETARY OF STATE'
          : 'PAPERS RELATING TO JAPAN AND THE SOVIET UNION, 1933',
      );
    }
  });

  it('places the note of a block that holds nothing but the note’s call', async () => {
    const t = (s: string) => schema.text(s);
    const doc = schema.nodes.doc.create(null, [
      schema.nodes.paragraph.create(null, t('A translation of one of these posters is enclosed.')),
      schema.nodes.teiText.create({ name: null }, [
        schema.nodes.note.create(
          null,
          schema.nodes.teiText.create({ name: null }, t('File translation revised by the editors.')),
        ),
      ]),
      schema.nodes.paragraph.create(null, t('Respectfully yours,')),
    ]);
    const edition: PrintEdition = {
      title: 'Lone note',
      witnesses: [],
      documents: [
        {
          title: 'Lone note',
          doc: doc.toJSON() as PrintEdition['documents'][number]['doc'],
          apparatus: [],
        },
      ],
      settings: {},
    };
    const { result, pages } = await typeset(edition, 'lone-note');
    expect(result.misplaced).toEqual([]);
    expect(result.placed.notes).toBe(1);
    expect(squash(text(pages[1]!.foot))).toContain(squash('1. File translation revised by the editors.'));
  });

  it('reports, and does not drop, an entry outside the text and a note too long for any page', async () => {
    const edition = seedEdition();
    const document = edition.documents[0]!;
    let doc = PMNode.fromJSON(schema, document.doc);
    const longNote = schema.nodes.note.create({}, [
      schema.nodes.teiText.create({ name: null }, schema.text('A very long editorial note. '.repeat(400))),
    ]);
    const at = findText(doc, 'Siberia').to;
    doc = new Transform(doc).insert(at, longNote).doc;
    const lemma = findText(doc, 'gradually');
    document.doc = doc.toJSON() as typeof document.doc;
    document.apparatus = [
      {
        series: 'A',
        from: lemma.from,
        to: lemma.to,
        lemma: 'gradually',
        readings: [{ text: '', sigla: ['B'] }],
      },
      {
        series: 'A',
        from: doc.content.size + 10,
        to: doc.content.size + 12,
        lemma: 'nowhere',
        readings: [{ text: 'x', sigla: ['B'] }],
      },
    ];
    const { result } = await typeset(edition, 'reported');
    const outside = result.misplaced.find((m) => m.kind === 'apparatus' && m.index === 1);
    expect(outside?.reason).toMatch(/outside the document/);
    const tooLong = result.misplaced.filter((m) => m.kind === 'note');
    expect(tooLong.length).toBeGreaterThan(0);
    expect(tooLong[0]!.reason).toMatch(/do not fit/);
    // Everything is accounted for: placed plus misplaced covers every note and entry.
    const notes = 3;
    const entries = 2;
    expect(result.placed.notes + tooLong.length).toBe(notes);
    expect(result.placed.apparatus + result.misplaced.filter((m) => m.kind === 'apparatus').length).toBe(entries);
  });
});

describe('a longer edition', () => {
  it('prints every one of its apparatus entries and notes on the page, and keyed to the line, of its lemma or call', async () => {
    const edition = syntheticEdition({ ...HUNDRED_PAGES, documents: 2 });
    const total = edition.documents.reduce((n, d) => n + d.apparatus.length, 0);
    const { result, pages } = await typeset(edition, 'longer');
    expect(result.misplaced).toEqual([]);
    expect(result.placed.apparatus).toBe(total);
    expect(result.pages).toBeGreaterThan(10);

    let found = 0;
    for (const summary of result.pageSummaries.filter((p) => p.kind === 'text')) {
      const page = pages[summary.number - 1]!;
      // "12 lemma] reading A", "12–13 lemma] ...", "| lemma] ..." for a second entry on the same line.
      const entries = [...text(page.foot).matchAll(/(\d+(?:–\d+)?(?: ff\.)?|\|)\s+(\p{L}[^\]|]*?)\]/gu)];
      expect(entries.length, `entries at the foot of page ${summary.number}`).toBe(summary.apparatus.length);
      let label = 0;
      for (const [, key, lemma] of entries) {
        if (key !== '|') label = Number(/^\d+/.exec(key!)![0]);
        const first = lemma!.split(' ')[0]!;
        expect(lineOf(page, first), `“${lemma}” at line ${label} of page ${summary.number}`).toContain(label);
        found++;
      }
      for (const note of summary.notes) {
        expect(squash(text(page.foot)), `note ${note.mark} on page ${summary.number}`).toContain(`${note.mark}.`);
        const call = page.body.find(
          (w) => w.text.endsWith(note.mark) && w.y1 - w.y0 < (page.lines[0]![0]!.y1 - page.lines[0]![0]!.y0) * 0.8,
        );
        expect(call, `call ${note.mark} on page ${summary.number}`).toBeDefined();
      }
    }
    expect(found).toBe(total);
  });
});

describe('Greek, Hebrew and Arabic', () => {
  it('set in the shipped fonts, embedded as TrueType, with their text extractable, in an untagged PDF too', async () => {
    const p = (s: string) => schema.nodes.paragraph.create(null, schema.text(s));
    const doc = schema.nodes.doc.create(null, [
      schema.nodes.heading.create(null, schema.text('Scripts')),
      p('Greek: ἀρετὴ καὶ λόγος, ἐν ἀρχῇ ἦν ὁ λόγος.'),
      p('Hebrew: בְּרֵאשִׁית בָּרָא אֱלֹהִים'),
      p('Arabic: بسم الله الرحمن الرحيم'),
    ]);
    const edition: PrintEdition = {
      title: 'Scripts',
      witnesses: [],
      documents: [
        {
          title: 'Scripts',
          doc: doc.toJSON() as PrintEdition['documents'][number]['doc'],
          apparatus: [],
        },
      ],
      settings: {},
    };
    // Untagged: the smaller, faster PDF keeps its fonts and text all the same.
    const { pages, path } = await typeset(edition, 'scripts', {
      tagged: false,
    });
    const bytes = readFileSync(path).toString('latin1');
    expect(bytes).not.toContain('/StructTreeRoot');
    expect(bytes).not.toContain('/Outlines');
    const fonts = pdfFonts(path);
    for (const family of ['GentiumBookPlus', 'NotoSerifHebrew', 'NotoNaskhArabic']) {
      const font = fonts.find((f) => f.name.includes(family));
      expect(font?.type, family).toBe('CID TrueType');
    }
    const body = text(pages[1]!.words);
    expect(body).toContain('ἀρετὴ καὶ λόγος, ἐν ἀρχῇ ἦν ὁ λόγος.');
    // Right-to-left words come out of poppler in visual order; points and spaces aside.
    const bare = (t: string) => t.replace(/[\u0591-\u05c7\u200e\u200f\u202a-\u202e\s]/g, '');
    const extracted = bare(body);
    for (const word of ['בְּרֵאשִׁית', 'בָּרָא', 'אֱלֹהִים', 'بسم', 'الله', 'الرحيم']) {
      const w = bare(word);
      expect(extracted.includes(w) || extracted.includes([...w].reverse().join('')), word).toBe(true);
    }
  });
});

describe('early printed German and medieval Latin', () => {
  it('set in the shipped fonts: the e above a vowel as a mark over its letter, the Tironian et from Noto Serif', async () => {
    const kant = readFileSync(join(KANT, 'OCR-D-GT-PAGE/PAGE_0017_PAGE.xml'), 'utf8');
    const lines = pageTruth(kant).regions.flatMap((r) => r.lines.map((l) => l.text));
    const marked = lines.find((l) => l.includes('Unmuͤndigkeit iſt'));
    expect(marked).toBeDefined();
    const p = (s: string) => schema.nodes.paragraph.create(null, schema.text(s));
    const doc = schema.nodes.doc.create(null, [
      schema.nodes.heading.create(null, schema.text('Kant')),
      p(marked!),
      // The same word without its marks, to measure against.
      p('Unmundigkeit'),
      p('Medieval: ⁊ ꝛ'),
    ]);
    const edition: PrintEdition = {
      title: 'Kant',
      witnesses: [],
      documents: [{ title: 'Kant', doc: doc.toJSON() as PrintEdition['documents'][number]['doc'], apparatus: [] }],
      settings: {},
    };
    const { pages, path } = await typeset(edition, 'kant', { tagged: false });
    const fonts = pdfFonts(path);
    expect(fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual([
      'GentiumBookPlus',
      'NotoSerif-Regular',
    ]);
    for (const font of fonts) expect(font.type, font.name).toBe('CID TrueType');
    const words = pages[1]!.words;
    expect(text(words)).toContain('Unmuͤndigkeit iſt');
    // A mark the font has takes no width of its own; a box in its place would.
    const width = (w: string) => words.find((x) => x.text === w)!.x1 - words.find((x) => x.text === w)!.x0;
    expect(width('Unmuͤndigkeit')).toBeCloseTo(width('Unmundigkeit'), 1);
  });
});
