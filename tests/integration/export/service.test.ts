/**
 * exportEdition and the print settings through the service, on a temporary project
 * holding the seed despatch with a two-witness apparatus (app marks pushed as
 * steps) and a FRUS volume: the PDF read back with poppler, the HTML edition's
 * links followed on disk, the LaTeX read as text.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiglumEvent } from '../../../edition/api.ts';
import { SiglumError } from '../../../edition/errors.ts';
import { openService, type SiglumService } from '../../../electron/service/index.ts';
import { resolvePrintSettings } from '../../../edition/print/model.ts';
import { readPdf } from '../print/pdf-pages.ts';
import {
  VARIANTS,
  addApparatus,
  filesUnder,
  pdfFontTypes,
  pdfPages,
  repoRoot,
  seedProject,
  tempDir,
} from './project.ts';

const VOLUME = resolve(repoRoot, '../shared/corpus/frus/frus1938v03-d480-d486.xml');
const PT_PER_MM = 72 / 25.4;
const tmp = tempDir();
let service: SiglumService;
let documentId: string;
let volumeId: string;

beforeAll(async () => {
  ({ service, documentId } = await seedProject(join(tmp.dir, 'edition.siglum')));
  await addApparatus(service, documentId);
  await service.importFiles({ files: [{ name: 'frus1938v03-d480-d486.xml', text: readFileSync(VOLUME, 'utf8') }] });
  const [volume] = await service.listCollections({});
  volumeId = volume!.id;
});
afterAll(() => {
  service?.close();
  tmp.cleanup();
});

/** Text compared across line breaks and hyphenation: no white space, soft hyphens or hyphens. */
function squash(s: string): string {
  return s.replace(/[\s\u00ad\u2010-]+/g, '');
}

function pageOf(pages: string[], words: string): number {
  const i = pages.findIndex((p) => squash(p).includes(squash(words)));
  if (i < 0) throw new Error(`"${words}" is on no page`);
  return i + 1;
}

async function rejection(p: Promise<unknown>): Promise<SiglumError> {
  const e = await p.then(
    () => null,
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(SiglumError);
  return e as SiglumError;
}

describe('the PDF of the despatch', () => {
  let path: string;
  let pages: string[];
  const events: SiglumEvent[] = [];

  beforeAll(async () => {
    path = join(tmp.dir, 'despatch.pdf');
    const off = service.subscribe((e) => events.push(e));
    const result = await service.exportEdition({ documentId, format: 'pdf', outPath: path, id: 'pdf-1' });
    off();
    expect(result).toMatchObject({
      id: 'pdf-1',
      format: 'pdf',
      path,
      placed: { notes: 2, apparatus: VARIANTS.length },
      misplaced: [],
      rejected: [],
    });
    expect(result.pages).toBeGreaterThanOrEqual(3);
    pages = pdfPages(path);
    expect(pages).toHaveLength(result.pages!);
  });

  it('prints notes 89 and 90 at the foot of the pages that carry their calls', () => {
    const call89 = pageOf(pages, 'A translation of one of these posters is enclosed');
    const call90 = pageOf(pages, 'No. 8, of January 6, 4 p.m.');
    expect(squash(pages[call89 - 1]!)).toContain('Notprinted');
    expect(squash(pages[call90 - 1]!)).toContain('Notprinted');
    const printed = pages.reduce((n, p) => n + squash(p).split('Notprinted').length - 1, 0);
    expect(printed).toBe(2);
  });

  it('prints each apparatus entry on the page of its lemma, with the other witness', () => {
    for (const v of VARIANTS) {
      const entry = pages.findIndex((p) => squash(p).includes(squash(`] ${v.reading} B`))) + 1;
      expect(entry, v.lemma).toBeGreaterThan(0);
      expect(entry, v.lemma).toBe(pageOf(pages, v.lemma));
    }
  });

  it('lists both witnesses and embeds its fonts as TrueType, never Type 3', () => {
    expect(squash(pages.join(''))).toContain('Witnesses');
    const fonts = pdfFontTypes(path);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => /Type 3/.test(f))).toEqual([]);
    expect(fonts.some((f) => /TrueType/.test(f) && /\byes\b/.test(f))).toBe(true);
  });

  it('reports its progress as events carrying the call’s id, in order, ending done', () => {
    const mine = events.filter(
      (e): e is Extract<SiglumEvent, { type: 'export-progress' }> => e.type === 'export-progress' && e.id === 'pdf-1',
    );
    expect(mine.map((e) => e.phase)).toEqual(['documents', 'build', 'layout', 'pdf', 'done']);
    for (let i = 1; i < mine.length; i++) expect(mine[i]!.done).toBeGreaterThan(mine[i - 1]!.done);
    expect(mine.at(-1)!.done).toBe(mine.at(-1)!.total);
  });
});

describe('the index of the PDF', () => {
  it('names register entries as the register does, with the pages of their mentions', async () => {
    const path = join(tmp.dir, 'indexed.siglum');
    const { service: indexed, documentId: id } = await seedProject(path);
    try {
      const tokyo = await indexed.createEntity({
        entity: { type: 'place', name: 'Tōkyō (capital)', altNames: ['Tokyo'] },
      });
      const marked = await indexed.acceptSuggestions({ entityId: tokyo.id, documentId: id });
      expect(marked.marked).toBe(2);
      const out = join(tmp.dir, 'indexed.pdf');
      const result = await indexed.exportEdition({ documentId: id, format: 'pdf', outPath: out });
      const pages = pdfPages(out);
      const mentioned = pages.flatMap((p, i) => (squash(p).includes('Tokyo') ? [i + 1] : []));
      const indexPage = pages.at(-1)!;
      expect(indexPage).toMatch(/Tōkyō \(capital\)/);
      const line = indexPage.split('\n').find((l) => l.includes('Tōkyō'))!;
      const listed = [...line.replace(/.*\)/, '').matchAll(/\d+/g)].map((m) => Number(m[0]));
      expect(listed.length).toBeGreaterThan(0);
      expect(listed).toEqual([...new Set(mentioned)]);
      expect(result.pages).toBe(pages.length);
    } finally {
      indexed.close();
    }
  });
});

describe('the preview', () => {
  it('returns the PDF with its counts, tries unsaved settings without storing them, and writes no file', async () => {
    const before = filesUnder(tmp.dir);
    const saved = await service.getPrintSettings({});
    const preview = await service.previewPdf({ documentId, settings: { pageSize: 'A5', lineNumberInterval: 10 } });
    expect(Buffer.from(preview.pdfBase64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(preview).toMatchObject({ placed: { notes: 2, apparatus: VARIANTS.length }, misplaced: [], rejected: [] });
    const a4 = await service.previewPdf({ documentId });
    expect(preview.pages).toBeGreaterThan(a4.pages!);
    expect(await service.getPrintSettings({})).toEqual(saved);
    expect(filesUnder(tmp.dir)).toEqual(before);
    const e = await rejection(service.previewPdf({ documentId, settings: { fontSizePt: 40 } }));
    expect(e.message).toMatch(/font size must be a number from 6 to 24 pt, not 40/);
  });
});

describe('the HTML edition', () => {
  it('writes a volume as a folder: index.html, a page per document, every local link resolving', async () => {
    const out = join(tmp.dir, 'site');
    const documents = await service.listDocuments({ collectionId: volumeId });
    const result = await service.exportEdition({ collectionId: volumeId, format: 'html', outPath: out });
    expect(result.index).toBe(join(out, 'index.html'));
    const files = filesUnder(out);
    expect(result.files).toBe(files.length);
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    // The title page and introduction come from the volume's TEI header.
    expect(index).toContain('Foreign Relations of the United States Diplomatic Papers, 1938');
    expect(index).toContain('Wrapper added for standalone use.');
    for (const d of documents) expect(readFileSync(join(out, `${d.id}.html`), 'utf8')).toContain('<h1');
    const own = new Set([
      'index.html',
      'search.html',
      'persons.html',
      'places.html',
      'organisations.html',
      'terms.html',
    ]);
    const linkedPages = new Set(
      [...index.matchAll(/href="([^"#?]+\.html)/g)].map((m) => m[1]!).filter((f) => !own.has(f)),
    );
    expect(linkedPages.size).toBe(documents.length);

    let links = 0;
    for (const file of files.filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(join(out, file), 'utf8');
      for (const m of html.matchAll(/(?:href|src)="([^"]*)"/g)) {
        const target = m[1]!.replace(/[#?].*$/, '');
        if (target === '' || /^[a-z]+:/i.test(target)) continue;
        links++;
        expect(existsSync(resolve(dirname(join(out, file)), decodeURIComponent(target))), `${file} -> ${target}`).toBe(
          true,
        );
      }
    }
    expect(links).toBeGreaterThan(documents.length);
    expect(readdirSync(tmp.dir).filter((f) => f.includes('.partial'))).toEqual([]);
  });

  it('replaces its own files in an existing folder and leaves the others', async () => {
    const out = join(tmp.dir, 'again');
    await service.exportEdition({ documentId, format: 'html', outPath: out });
    writeFileSync(join(out, 'my-notes.txt'), 'mine');
    await service.updatePrintSettings({ settings: { title: 'A second title' } });
    try {
      const again = await service.exportEdition({ documentId, format: 'html', outPath: out });
      expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('A second title');
      expect(readFileSync(join(out, 'my-notes.txt'), 'utf8')).toBe('mine');
      expect(filesUnder(out)).toHaveLength(again.files! + 1);
      expect(readdirSync(tmp.dir).filter((f) => f.includes('.partial'))).toEqual([]);
    } finally {
      await service.updatePrintSettings({ settings: { title: null } });
    }
  });

  it('counts the despatch’s notes and apparatus entries as placed', async () => {
    const result = await service.exportEdition({ documentId, format: 'html', outPath: join(tmp.dir, 'despatch-site') });
    expect(result).toMatchObject({ placed: { notes: 2, apparatus: VARIANTS.length }, misplaced: [], rejected: [] });
    expect(readFileSync(join(tmp.dir, 'despatch-site', `${documentId}.html`), 'utf8')).toContain('Bolshevisation');
  });
});

describe('the LaTeX edition', () => {
  it('numbers the text for reledmac and sets the notes and both apparatus series', async () => {
    const path = join(tmp.dir, 'despatch.tex');
    const result = await service.exportEdition({ documentId, format: 'latex', outPath: path });
    expect(result).toMatchObject({ path, placed: { notes: 2, apparatus: VARIANTS.length }, rejected: [] });
    const tex = readFileSync(path, 'utf8');
    expect(tex.indexOf('\\beginnumbering')).toBeGreaterThan(0);
    expect(tex.indexOf('\\endnumbering')).toBeGreaterThan(tex.indexOf('\\beginnumbering'));
    expect(tex.split('\\footnoteA{').length - 1).toBe(2);
    expect(tex.split('\\Afootnote{').length - 1).toBe(VARIANTS.filter((v) => v.type !== 'orthographic').length);
    expect(tex.split('\\Bfootnote{').length - 1).toBe(1);
    for (const v of VARIANTS) expect(tex).toContain(v.reading);
  });
});

describe('print settings', () => {
  it('start from the defaults and keep a change in the project file', async () => {
    const path = join(tmp.dir, 'settings.siglum');
    const first = openService(path, { create: true, watchMs: 60_000 });
    const defaults = await first.getPrintSettings({});
    expect(defaults).toMatchObject({
      lineNumberInterval: 5,
      pageSize: 'A4',
      apparatusSeries: ['A', 'B'],
      noteTypes: null,
    });
    const changed = await first.updatePrintSettings({
      settings: {
        lineNumberInterval: 10,
        pageSize: { width: 156, height: 234 },
        lineNumberRestart: 'document',
        noteTypes: ['source'],
      },
    });
    expect(changed).toEqual({
      ...defaults,
      lineNumberInterval: 10,
      pageSize: { width: 156, height: 234 },
      lineNumberRestart: 'document',
      noteTypes: ['source'],
    });
    first.close();
    const again = openService(path, { watchMs: 60_000 });
    expect(await again.getPrintSettings({})).toEqual(changed);
    again.close();
  });

  it('refuse a bad value with a sentence that names it, and save nothing', async () => {
    const before = await service.getPrintSettings({});
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ lineNumberInterval: 0 }, /line-number interval must be a whole number from 1 to 100, not 0/],
      [{ pageSize: 'B5' }, /page size must be one of A4, A5, Letter, Royal, not "B5"/],
      [{ margins: { left: 100, right: 100 } }, /margins leave a text block of 10×250 mm/],
      [{ fontSizePt: 12, leadingPt: 10 }, /Leading 10pt is less than the font size 12pt/],
      [{ lineNumberSide: 'middle' }, /line-number margin must be one of left, right, outer, inner/],
      [{ apparatusSeries: ['C'] }, /apparatus series must be one of A, B, not "C"/],
      [{ colour: 'red' }, /"colour" is not a print setting/],
    ];
    for (const [settings, message] of cases) {
      const e = await rejection(service.updatePrintSettings({ settings }));
      expect(e.code).toBe('bad-input');
      expect(e.message).toMatch(message);
    }
    expect(await service.getPrintSettings({})).toEqual(before);
  });

  it('number the lines of the PDF as they say: every third line, running on through the document', async () => {
    await service.updatePrintSettings({ settings: { lineNumberInterval: 3, lineNumberRestart: 'document' } });
    try {
      const pdf = await service.exportEdition({ documentId, format: 'pdf', outPath: join(tmp.dir, 'every-third.pdf') });
      const s = resolvePrintSettings({});
      const pages = readPdf(pdf.path, {
        left: s.margins.left * PT_PER_MM,
        right: (s.pageWidthMm - s.margins.right) * PT_PER_MM,
        top: s.margins.top * PT_PER_MM,
        bottom: s.margins.bottom * PT_PER_MM,
      });
      const numbers = pages.flatMap((p) => p.margin.map((m) => m.n));
      expect(numbers.length).toBeGreaterThan(10);
      expect(numbers.every((n) => n % 3 === 0)).toBe(true);
      // One run through the document: 3, 6, 9... with no restart at a page.
      expect(numbers).toEqual(numbers.map((_, i) => 3 * (i + 1)));
    } finally {
      await service.updatePrintSettings({ settings: { lineNumberInterval: 5, lineNumberRestart: 'page' } });
    }
  });

  it('choose which apparatus series and note types print', async () => {
    await service.updatePrintSettings({ settings: { apparatusSeries: ['A'], noteTypes: [] } });
    try {
      const tex = join(tmp.dir, 'series-a.tex');
      const latex = await service.exportEdition({ documentId, format: 'latex', outPath: tex });
      expect(latex.placed).toEqual({ notes: 0, apparatus: VARIANTS.length - 1 });
      expect(latex.warnings).toEqual([
        '1 apparatus entry of series B is left out, as the print settings ask.',
        '2 notes are of a type the print settings leave out, so not printed.',
      ]);
      const source = readFileSync(tex, 'utf8');
      expect(source).not.toContain('\\Bfootnote');
      expect(source).not.toContain('\\footnoteA');
      // Taking the notes out moved the text after them; the entries moved with it.
      for (const v of VARIANTS.filter((x) => x.type === null)) expect(source).toContain(`\\edtext{${v.lemma}}`);
      const pdf = await service.exportEdition({ documentId, format: 'pdf', outPath: join(tmp.dir, 'no-notes.pdf') });
      expect(pdf.placed).toEqual({ notes: 0, apparatus: VARIANTS.length - 1 });
      expect(pdf.warnings).toContain('2 notes are of a type the print settings leave out, so not printed.');
      expect(squash(pdfPages(pdf.path).join(''))).not.toContain('Notprinted');
    } finally {
      await service.updatePrintSettings({ settings: { apparatusSeries: ['A', 'B'], noteTypes: null } });
    }
  });
});

describe('an export that cannot be written', () => {
  it('is refused with a sentence naming the path, and writes nothing', async () => {
    const before = filesUnder(tmp.dir);
    const file = join(tmp.dir, 'a-file.txt');
    writeFileSync(file, 'not a folder');
    const cases: Array<[Parameters<SiglumService['exportEdition']>[0], RegExp]> = [
      [
        { documentId, format: 'pdf', outPath: join(tmp.dir, 'missing', 'x.pdf') },
        /the folder .*missing does not exist/,
      ],
      [{ documentId, format: 'latex', outPath: join(file, 'x.tex') }, /a-file\.txt is not a folder/],
      [{ documentId, format: 'html', outPath: file }, /it is a file, and an HTML edition is a folder/],
    ];
    for (const [args, message] of cases) {
      const e = await rejection(service.exportEdition(args));
      expect(e.code).toBe('io');
      expect(e.message).toMatch(message);
      expect(e.message).toMatch(/Choose another place/);
    }
    expect(filesUnder(tmp.dir)).toEqual([...before, 'a-file.txt'].sort());
  });

  it('is refused for an unknown format or document before anything is read', async () => {
    const bad = await rejection(
      service.exportEdition({ documentId, format: 'docx' as 'pdf', outPath: join(tmp.dir, 'x.docx') }),
    );
    expect(bad.code).toBe('bad-input');
    const missing = await rejection(
      service.exportEdition({ documentId: '9999', format: 'pdf', outPath: join(tmp.dir, 'x.pdf') }),
    );
    expect(missing.code).toBe('not-found');
    expect(existsSync(join(tmp.dir, 'x.pdf'))).toBe(false);
  });
});
