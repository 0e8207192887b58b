/**
 * `exportEdition` and the print settings: the project as a typeset PDF
 * (electron/pdf), a static HTML edition or a reledmac LaTeX file (electron/publish).
 *
 * Where the output goes is checked before anything is read or built, so a path that
 * cannot be written is refused with a sentence and nothing is written. Files are
 * written beside their target and renamed over it; an HTML edition is written into a
 * hidden sibling folder, which is renamed into place when the folder is new, and
 * otherwise emptied file by file into it (each of the edition's files renamed over
 * its old version, other files left alone). Every note and apparatus entry is
 * counted: the result lists each one that did not land on its page (`misplaced`) or
 * could not be set (`rejected`).
 */
import { randomUUID } from 'node:crypto';
import { accessSync, constants, existsSync, lstatSync, readdirSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import type {
  EditionFormat,
  ExportMisplaced,
  ExportPhase,
  ExportRejected,
  ExportResult,
  ExportTarget,
  PagePreview,
  PdfPreview,
  ProjectPrintSettings,
  SiglumEvent,
} from '../../edition/api.ts';
import { MAX_PREVIEW_PAGES } from '../../edition/api.ts';
import { SiglumError } from '../../edition/errors.ts';
import { exportTargetOf } from '../../edition/exportTarget.ts';
import { checkPrintable } from '../../edition/print/limits.ts';
import type { PrintEdition } from '../../edition/print/model.ts';
import { hasSqliteHeader } from '../../db/damage.ts';
import { getSetting, putSetting } from '../../db/settings.ts';
import type { Store } from '../../db/store.ts';
import type { PageImagesResult, PageRange, PdfProgress, PdfResult } from '../pdf/render.ts';
import { publishHtml, publishLatex } from '../publish/index.ts';
import { withPageImages } from './publish-facsimile.ts';
import { withPrintPageImages } from './print-facsimile.ts';
import type { CollabAuthority } from './authority.ts';
import { gatherEdition, targetTitle } from './edition-source.ts';
import { checkExportPath, checkRequestedPath, makeExportFolders, type ExportPolicy } from './export-paths.ts';
import { fileNameOf } from './exporter.ts';
import { applyPrintSettings, storedPrintSettings } from './print-settings.ts';

/**
 * Typesets an edition into a PDF file. The default drives Debian's Chromium through
 * Playwright (one browser kept for the service's life); the desktop app can pass one
 * that prints in a hidden window (electron/pdf/electron.ts).
 */
export type PdfRenderer = (
  edition: PrintEdition,
  outPath: string,
  onProgress: (p: PdfProgress) => void,
) => Promise<PdfResult>;

/**
 * Lays an edition out as the PdfRenderer does and draws some of its pages as PNG data
 * URLs (`renderPageImages` by default), telling `onImage` after each page.
 */
export type PageImageRenderer = (
  edition: PrintEdition,
  range: PageRange,
  onProgress: (p: PdfProgress) => void,
  onImage: (done: number, count: number) => void,
) => Promise<PageImagesResult>;

const SETTINGS_KEY = 'print';
const FORMATS: readonly EditionFormat[] = ['pdf', 'html', 'latex'];
const EXTENSIONS: Record<EditionFormat, string> = { pdf: '.pdf', html: '', latex: '.tex' };
/** A browser kept this long after its last export is closed. */
const BROWSER_IDLE_MS = 60_000;

function cannotWrite(path: string, why: string): SiglumError {
  return new SiglumError('io', `Cannot write ${path}: ${why}. Choose another place to export to.`);
}

function writable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where an export goes, checked: a file for PDF and LaTeX (an existing folder gets a
 * file named after the title), a folder for HTML. Throws SiglumError('io') naming the
 * path and what is wrong with it.
 */
export function checkOutPath(outPath: string, format: EditionFormat, title: string): string {
  const out = resolve(outPath);
  const isDir = existsSync(out) && statSync(out).isDirectory();
  if (format !== 'html' && isDir) {
    if (!writable(out)) throw cannotWrite(out, 'the folder is not writable');
    return join(out, fileNameOf(title).replace(/\.xml$/, EXTENSIONS[format]));
  }
  if (format === 'html' && isDir) {
    if (!writable(out)) throw cannotWrite(out, 'the folder is not writable');
    return out;
  }
  if (existsSync(out) && format === 'html') throw cannotWrite(out, 'it is a file, and an HTML edition is a folder');
  const parent = dirname(out);
  if (!existsSync(parent)) throw cannotWrite(out, `the folder ${parent} does not exist`);
  if (!statSync(parent).isDirectory()) throw cannotWrite(out, `${parent} is not a folder`);
  if (!writable(parent)) throw cannotWrite(out, `the folder ${parent} is not writable`);
  if (existsSync(out)) {
    try {
      accessSync(out, constants.W_OK);
    } catch {
      throw cannotWrite(out, 'the file exists and is read-only');
    }
  }
  return out;
}

/**
 * The first path like `path` with nothing at it: `edition.pdf`, `edition-2.pdf`,
 * `edition-3.pdf`... (an HTML folder: `edition-html`, `edition-html-2`...). An empty
 * folder counts as free for an HTML edition.
 */
export function freePath(path: string, format: EditionFormat): string {
  const taken = (p: string): boolean =>
    existsSync(p) && !(format === 'html' && statSync(p).isDirectory() && readdirSync(p).length === 0);
  if (!taken(path)) return path;
  const ext = format === 'html' ? '' : extname(path);
  const stem = path.slice(0, path.length - ext.length);
  for (let n = 2; ; n++) {
    const candidate = `${stem}-${n}${ext}`;
    if (!taken(candidate)) return candidate;
  }
}

/**
 * A file-system failure while writing (a full disk, a folder made read-only meanwhile)
 * as the sentence a user sees; anything else as it is.
 */
function asIoError(e: unknown, path: string): unknown {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (e instanceof SiglumError || typeof code !== 'string') return e;
  const why =
    code === 'ENOSPC'
      ? 'the disk is full'
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'it may not be written'
        : `the system said ${code}`;
  return cannotWrite(path, why);
}

/**
 * Checks, before anything moves, that the edition's files under `from` may replace
 * what is at the same places under `to`: no symbolic link where the edition has a
 * folder (it would lead the files elsewhere), no database where it has a file.
 */
async function checkTargets(from: string, to: string): Promise<void> {
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const target = join(to, entry.name);
    const there = lstatSync(target, { throwIfNoEntry: false });
    if (there === undefined) continue;
    if (entry.isDirectory()) {
      if (there.isSymbolicLink()) throw cannotWrite(target, 'it is a symbolic link where the edition has a folder');
      if (there.isDirectory()) await checkTargets(join(from, entry.name), target);
    } else if (hasSqliteHeader(target)) {
      throw cannotWrite(target, 'it is a database (a Siglum project?) where the edition has a page');
    }
  }
}

/** Renames every file under `from` to the same place under `to`, making folders as needed. */
async function moveFilesInto(from: string, to: string): Promise<void> {
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) {
      await mkdir(target, { recursive: true });
      await moveFilesInto(source, target);
    } else {
      await rename(source, target);
    }
  }
}

/** A hidden name beside `path` for writing before the rename. */
function partialPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}-${randomUUID().slice(0, 8)}.partial`);
}

export interface Publisher {
  exportEdition(args: Record<string, unknown>): Promise<ExportResult>;
  previewPdf(args: Record<string, unknown>): Promise<PdfPreview>;
  previewPages(args: Record<string, unknown>): Promise<PagePreview>;
  getPrintSettings(): ProjectPrintSettings;
  updatePrintSettings(args: Record<string, unknown>): ProjectPrintSettings;
  /** Closes the kept browser, if any. */
  close(): void;
}

export function createPublisher(
  store: Store,
  authority: CollabAuthority,
  emit: (events: readonly SiglumEvent[]) => void,
  options: {
    renderPdf?: PdfRenderer;
    renderPages?: PageImageRenderer;
    /** Folders exports must stay inside (siglum serve); absent when the user chose the path. */
    exportFolders?: readonly string[] | undefined;
  } = {},
): Publisher {
  const policy: ExportPolicy = { projectPath: store.path, folders: options.exportFolders };
  let browser: Promise<Browser> | null = null;
  let idle: ReturnType<typeof setTimeout> | null = null;
  let running = 0;

  function closeBrowser(): void {
    if (idle !== null) clearTimeout(idle);
    idle = null;
    const open = browser;
    browser = null;
    open?.then((b) => b.close()).catch(() => undefined);
  }

  /** Runs `use` with the kept browser (launched on first use, closed after a minute idle). */
  async function withBrowser<T>(use: (b: Browser) => Promise<T>): Promise<T> {
    if (idle !== null) clearTimeout(idle);
    // Loaded on the first PDF only: the desktop app prints in its own window and its
    // bundled service never loads Playwright (electron/build.mjs keeps it external).
    const { launchPrintBrowser } = await import('../pdf/render.ts');
    browser ??= launchPrintBrowser();
    const launched = browser;
    running++;
    try {
      return await use(await launched);
    } catch (e) {
      // A browser that failed to start is not kept; a crashed one is replaced next time.
      if (browser === launched) closeBrowser();
      throw e;
    } finally {
      running--;
      if (running === 0 && browser !== null) {
        idle = setTimeout(closeBrowser, BROWSER_IDLE_MS);
        idle.unref();
      }
    }
  }

  async function playwrightPdf(
    edition: PrintEdition,
    outPath: string,
    onProgress: (p: PdfProgress) => void,
  ): Promise<PdfResult> {
    const { renderPdf } = await import('../pdf/render.ts');
    return withBrowser((b) => renderPdf(edition, outPath, onProgress, { browser: b }));
  }

  async function playwrightPages(
    edition: PrintEdition,
    range: PageRange,
    onProgress: (p: PdfProgress) => void,
    onImage: (done: number, count: number) => void,
  ): Promise<PageImagesResult> {
    const { renderPageImages } = await import('../pdf/render.ts');
    return withBrowser((b) => renderPageImages(edition, range, onProgress, { browser: b, onImage }));
  }
  const pdf = options.renderPdf ?? playwrightPdf;
  const pageImages = options.renderPages ?? playwrightPages;

  function settings(): ProjectPrintSettings {
    return storedPrintSettings(getSetting(store.db, SETTINGS_KEY));
  }

  /**
   * Reads the documents of `what` into a print edition, sending 'export-progress'
   * events under the call's `id` (the one given, else a new one): about fifty for a long
   * volume, then 'build'. `stages` is how many steps follow the documents.
   */
  function gather(
    o: Record<string, unknown>,
    what: ExportTarget,
    current: ProjectPrintSettings,
    fmt: EditionFormat,
    stages: number,
  ) {
    if (typeof o['id'] === 'string' && o['id'].length > 200) {
      throw new SiglumError('bad-input', 'An export\'s "id" names its progress events: at most 200 characters.');
    }
    const id = typeof o['id'] === 'string' && o['id'] !== '' ? o['id'] : randomUUID();
    let total = stages;
    const progress = (phase: ExportPhase, done: number, of = total): void =>
      emit([{ type: 'export-progress', id, done, total: of, phase }]);
    const gathered = gatherEdition(
      store,
      authority,
      what,
      current,
      (done, count) => {
        total = count + stages;
        if (done === count || done % Math.ceil(count / 50) === 0) progress('documents', done);
      },
      fmt !== 'pdf',
    );
    const docs = gathered.documentIds.length;
    const titleOf = (i: number): { documentId: string; document: string } => ({
      documentId: gathered.documentIds[i] ?? '',
      document: gathered.edition.documents[i]?.title ?? '',
    });
    const printed = gathered.edition.documents.reduce((n, d) => n + d.apparatus.length, 0);
    progress('build', docs + 1);
    return { id, gathered, progress, docs, titleOf, printed };
  }

  /** The edition to lay out: with its page images when the settings print them opposite their text. */
  function printEdition(
    gathered: ReturnType<typeof gatherEdition>,
    current: ProjectPrintSettings,
  ): Promise<PrintEdition> {
    return current.facsimile === 'facing'
      ? withPrintPageImages(store, gathered.edition, gathered.documentIds)
      : Promise.resolve(gathered.edition);
  }

  /** A PDF layout's misplaced entries as the API reports them. */
  function misplacedOf(
    list: PdfResult['misplaced'],
    titleOf: (i: number) => { documentId: string; document: string },
  ): ExportMisplaced[] {
    return list.map((m) => ({
      kind: m.kind,
      ...titleOf(m.document),
      index: m.index,
      lemmaPage: m.lemmaPage,
      printedPage: m.printedPage,
      reason: m.reason,
    }));
  }

  async function exportEdition(
    o: Record<string, unknown>,
    trial?: ProjectPrintSettings,
    preview = false,
  ): Promise<ExportResult> {
    const what = exportTargetOf(o);
    const format = o['format'];
    if (typeof format !== 'string' || !FORMATS.includes(format as EditionFormat)) {
      throw new SiglumError(
        'bad-input',
        `exportEdition needs "format" as pdf, html or latex, not ${JSON.stringify(format)}.`,
      );
    }
    const outPath = o['outPath'];
    if (typeof outPath !== 'string' || outPath.trim() === '') {
      throw new SiglumError(
        'bad-input',
        'exportEdition needs "outPath": the file (PDF, LaTeX) or folder (HTML) to write.',
      );
    }
    const fmt = format as EditionFormat;
    const current = trial ?? settings();
    // The path is checked before any document is read: a mistake costs nothing.
    const ifExists = o['ifExists'] ?? 'replace';
    if (ifExists !== 'replace' && ifExists !== 'rename') {
      throw new SiglumError(
        'bad-input',
        `exportEdition's "ifExists" is "replace" or "rename", not ${JSON.stringify(ifExists)}.`,
      );
    }
    // A preview's own temporary file is not a caller's path: only callers' paths are checked.
    if (!preview) {
      checkRequestedPath(outPath, fmt, policy);
      makeExportFolders(policy);
    }
    const chosen = checkOutPath(outPath, fmt, current.title ?? targetTitle(store, what).title);
    const free = ifExists === 'rename' ? freePath(chosen, fmt) : chosen;
    const path = preview ? free : checkExportPath(free, fmt, policy);
    const { id, gathered, progress, docs, titleOf, printed } = gather(o, what, current, fmt, fmt === 'pdf' ? 4 : 3);
    const total = (): number => docs + (fmt === 'pdf' ? 4 : 3);
    const base = { id, format: fmt, warnings: gathered.warnings };

    if (fmt === 'pdf') {
      checkPrintable(gathered.edition);
      const partial = partialPath(path);
      try {
        const result = await pdf(await printEdition(gathered, current), partial, (p) => {
          if (p.stage === 'layout') progress('layout', docs + 2);
          else if (p.stage === 'pdf') progress('pdf', docs + 3);
        });
        await rename(partial, path);
        progress('done', total());
        return {
          ...base,
          path,
          pages: result.pages,
          placed: result.placed,
          misplaced: misplacedOf(result.misplaced, titleOf),
          rejected: [],
        };
      } catch (e) {
        await rm(partial, { force: true });
        throw asIoError(e, path);
      }
    }

    const rejected = (list: ReadonlyArray<{ document: number; index: number; reason: string }>): ExportRejected[] =>
      [...gathered.lost, ...list].map((r) => ({ ...titleOf(r.document), index: r.index, reason: r.reason }));

    if (fmt === 'latex') {
      const partial = partialPath(path);
      try {
        const written = await publishLatex(gathered.edition, partial);
        progress('write', docs + 2);
        await rename(partial, path);
        progress('done', total());
        return {
          ...base,
          path,
          placed: { notes: gathered.printedNotes, apparatus: printed - written.rejected.length },
          misplaced: [],
          rejected: rejected(written.rejected),
        };
      } catch (e) {
        await rm(partial, { force: true });
        throw asIoError(e, path);
      }
    }

    // HTML: written aside, then the folder renamed into place (a new one) or each file
    // renamed over its old version (an existing one: other files stay).
    const fresh = !existsSync(path);
    const folder = partialPath(path);
    try {
      const pages = await withPageImages(store, gathered.edition);
      const written = await publishHtml(pages.edition, folder, pages.files);
      progress('write', docs + 2);
      if (fresh) await rename(folder, path);
      else {
        await checkTargets(folder, path);
        await moveFilesInto(folder, path);
      }
      progress('done', total());
      return {
        ...base,
        path,
        index: join(path, 'index.html'),
        files: written.files,
        placed: { notes: gathered.printedNotes, apparatus: printed - written.rejected.length },
        misplaced: [],
        rejected: rejected(written.rejected),
      };
    } catch (e) {
      throw asIoError(e, path);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }

  async function previewPdf(o: Record<string, unknown>): Promise<PdfPreview> {
    const trial = o['settings'] === undefined ? undefined : applyPrintSettings(settings(), o['settings']);
    const dir = await mkdtemp(join(tmpdir(), 'siglum-preview-'));
    try {
      const r = await exportEdition({ ...o, format: 'pdf', outPath: join(dir, 'preview.pdf') }, trial, true);
      const pdfBase64 = (await readFile(r.path)).toString('base64');
      return {
        id: r.id,
        pages: r.pages ?? 0,
        placed: r.placed,
        misplaced: r.misplaced,
        rejected: r.rejected,
        warnings: r.warnings,
        pdfBase64,
      };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** A whole number argument within [min, max], or `fallback` when absent. */
  function wholeArg(o: Record<string, unknown>, key: string, fallback: number, min: number, max: number): number {
    const v = o[key];
    if (v === undefined) return fallback;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      throw new SiglumError(
        'bad-input',
        `previewPages needs "${key}" as a whole number from ${min} to ${max}, not ${JSON.stringify(v)}.`,
      );
    }
    return v;
  }

  async function previewPages(o: Record<string, unknown>): Promise<PagePreview> {
    const what = exportTargetOf(o);
    const range = {
      first: wholeArg(o, 'first', 1, 1, Number.MAX_SAFE_INTEGER),
      count: wholeArg(o, 'count', MAX_PREVIEW_PAGES, 1, MAX_PREVIEW_PAGES),
    };
    const current = o['settings'] === undefined ? settings() : applyPrintSettings(settings(), o['settings']);
    // Documents, build, layout, then one step per page drawn.
    const { id, gathered, progress, docs, titleOf } = gather(o, what, current, 'pdf', 3 + range.count);
    checkPrintable(gathered.edition);
    const result = await pageImages(
      await printEdition(gathered, current),
      range,
      (p) => {
        if (p.stage === 'layout') progress('layout', docs + 2);
      },
      (done, count) => progress('images', docs + 2 + done, docs + 2 + count),
    );
    progress('done', docs + 2 + result.images.length, docs + 2 + result.images.length);
    return {
      id,
      pages: result.pages,
      first: result.first,
      images: result.images,
      placed: result.placed,
      misplaced: misplacedOf(result.misplaced, titleOf),
      rejected: [],
      warnings: gathered.warnings,
    };
  }

  return {
    exportEdition: (o) => exportEdition(o),
    previewPdf,
    previewPages,
    getPrintSettings: settings,
    updatePrintSettings(o) {
      const next = applyPrintSettings(settings(), o['settings']);
      store.write((tx) => putSetting(tx, SETTINGS_KEY, next));
      return next;
    },
    close: closeBrowser,
  };
}
