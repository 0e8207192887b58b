/**
 * `renderPdf`: an edition to a typeset PDF through Chromium, driven by playwright-core
 * (Debian's /usr/bin/chromium for the command line and the tests). The page is laid
 * out by edition/print/browser/paginate.ts inside Chromium and printed with `page.pdf`, which is
 * Chromium's printToPDF: the same call Electron's hidden window makes.
 */
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { SiglumError } from '../../edition/errors.ts';
import type { LayoutReport, Misplaced, PageSummary, IndexEntry, PrintEdition } from '../../edition/print/model.ts';
import { buildPrintPage, LOAD_ALL_FONTS, paginatorScript, type PrintResources } from './page.ts';

export type PdfStage = 'html' | 'layout' | 'pdf' | 'done';

export interface PdfProgress {
  stage: PdfStage;
  /** Pages laid out so far (known from the 'pdf' stage on). */
  pages?: number;
}

export interface PdfResult {
  pages: number;
  placed: { notes: number; apparatus: number };
  /** Notes and apparatus entries that are not on the page of their call or lemma. */
  misplaced: Misplaced[];
  pageSummaries: PageSummary[];
  index: IndexEntry[];
  /** Milliseconds spent in each stage, and inside 'layout' in each phase of the paginator. */
  timings: { html: number; launch: number; layout: number; pdf: number };
  layoutTimings: Record<string, number>;
}

export interface RenderOptions extends PrintResources {
  /** Chromium to drive; default /usr/bin/chromium (or SIGLUM_CHROMIUM). */
  executablePath?: string;
  /** A browser to reuse (the caller closes it); otherwise one is launched and closed. */
  browser?: Browser;
  /**
   * A tagged (accessible) PDF with bookmarks from the headings; default true. Without
   * it the file is about a third of the size and prints about twice as fast, but has
   * no bookmarks (Chromium derives them from the tags).
   */
  tagged?: boolean;
}

/** Flags for a headless print-only Chromium: no GPU, no network chatter, no updates. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
];

/** Launches Chromium for printing; a missing binary is a SiglumError ('io') saying what to do. */
export function launchPrintBrowser(executablePath?: string): Promise<Browser> {
  const path = executablePath ?? process.env['SIGLUM_CHROMIUM'] ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    return Promise.reject(
      new SiglumError(
        'io',
        `Chromium, which typesets the PDF, is not at ${path}. Install it (apt install chromium) or set SIGLUM_CHROMIUM to its path.`,
      ),
    );
  }
  // Loaded here, not at the top: playwright-core takes about a second to load, which
  // every other command (a TEI export, --help) should not pay.
  return import('playwright-core').then(({ chromium }) =>
    chromium.launch({ executablePath: path, args: CHROMIUM_ARGS }),
  );
}

/** A laid-out print page, open in a tab, with the paginator's report. */
interface LaidOut {
  tab: Page;
  report: LayoutReport;
  rejected: Misplaced[];
  /** Milliseconds: building the HTML, launching Chromium, laying out. */
  timings: { html: number; launch: number; layout: number };
}

/**
 * Builds the print page of `edition`, lays it out in a fresh offline context and hands
 * the tab to `use`; the context (and a browser launched here) is closed afterwards.
 * Shared by the PDF and the preview images, so both show one layout.
 */
async function withLaidOutPage<T>(
  edition: PrintEdition,
  onProgress: ((p: PdfProgress) => void) | undefined,
  options: RenderOptions,
  use: (laid: LaidOut) => Promise<T>,
): Promise<T> {
  const t0 = performance.now();
  onProgress?.({ stage: 'html' });
  const [page, script] = await Promise.all([buildPrintPage(edition, options), paginatorScript(options)]);
  const t1 = performance.now();

  const browser = options.browser ?? (await launchPrintBrowser(options.executablePath));
  const tLaunch = performance.now();
  try {
    const context = await browser.newContext({
      javaScriptEnabled: true,
      offline: true,
    });
    try {
      const tab = await context.newPage();
      onProgress?.({ stage: 'layout' });
      await tab.setContent(page.html, { waitUntil: 'load' });
      await tab.evaluate(LOAD_ALL_FONTS);
      await tab.addScriptTag({ content: script });
      const report = await tab.evaluate(
        (config) =>
          (
            globalThis as unknown as {
              SiglumPrint: {
                paginate: (d: Document, c: typeof config) => LayoutReport;
              };
            }
          ).SiglumPrint.paginate(document, config),
        page.config,
      );
      const t2 = performance.now();
      return await use({
        tab,
        report,
        rejected: page.rejected,
        timings: { html: t1 - t0, launch: tLaunch - t1, layout: t2 - tLaunch },
      });
    } finally {
      await context.close();
    }
  } finally {
    if (!options.browser) await browser.close();
  }
}

/** What a layout placed, and every note or entry it did not place (building the HTML rejects some). */
function countsOf(laid: LaidOut): Omit<PdfResult, 'timings' | 'layoutTimings'> {
  const { report } = laid;
  return {
    pages: report.pages,
    placed: report.placed,
    misplaced: [...laid.rejected, ...report.misplaced],
    pageSummaries: report.pageSummaries,
    index: report.index,
  };
}

/**
 * Typesets `edition` into a PDF at `outPath`. Resolves with the page count, how many
 * notes and apparatus entries printed on the page of their call or lemma, and every
 * one that did not (never silently dropped). Rejects with a SiglumError for settings
 * out of range ('bad-input') or a missing Chromium ('io').
 */
export function renderPdf(
  edition: PrintEdition,
  outPath: string,
  onProgress?: (p: PdfProgress) => void,
  options: RenderOptions = {},
): Promise<PdfResult> {
  return withLaidOutPage(edition, onProgress, options, async (laid) => {
    const { tab, report } = laid;
    const t2 = performance.now();
    onProgress?.({ stage: 'pdf', pages: report.pages });
    await tab.pdf({
      path: outPath,
      preferCSSPageSize: true,
      // Bookmarks from the headings, which Chromium builds from the tags.
      outline: options.tagged ?? true,
      tagged: options.tagged ?? true,
      printBackground: true,
    });
    const t3 = performance.now();
    onProgress?.({ stage: 'done', pages: report.pages });
    return {
      ...countsOf(laid),
      timings: { ...laid.timings, pdf: t3 - t2 },
      layoutTimings: report.timings,
    };
  });
}

/** Which laid-out pages to draw: from `first` (1-based), at most `count`. */
export interface PageRange {
  first: number;
  count: number;
}

/** The laid-out pages as images, with the same counts as the PDF. */
export interface PageImagesResult extends Omit<PdfResult, 'timings' | 'layoutTimings'> {
  /** The first page drawn (1-based). */
  first: number;
  /** PNG data URLs (`data:image/png;base64,...`), one per page from `first` on. */
  images: string[];
}

/**
 * Lays `edition` out exactly as `renderPdf` does and draws pages `range` of it as PNG
 * images (each page element photographed at its CSS size), without printing a PDF.
 * `onImage` is told after each page, for a progress bar. Rejects like `renderPdf`.
 */
export function renderPageImages(
  edition: PrintEdition,
  range: PageRange,
  onProgress?: (p: PdfProgress) => void,
  options: RenderOptions & { onImage?: (done: number, count: number) => void } = {},
): Promise<PageImagesResult> {
  return withLaidOutPage(edition, onProgress, options, async (laid) => {
    const { tab, report } = laid;
    const first = Math.max(1, Math.min(range.first, report.pages));
    const count = Math.max(0, Math.min(range.count, report.pages - first + 1));
    onProgress?.({ stage: 'pdf', pages: report.pages });
    const pages = tab.locator('.page');
    const images: string[] = [];
    for (let i = 0; i < count; i++) {
      const png = await pages.nth(first - 1 + i).screenshot({ type: 'png', animations: 'disabled', scale: 'css' });
      images.push(`data:image/png;base64,${png.toString('base64')}`);
      options.onImage?.(i + 1, count);
    }
    onProgress?.({ stage: 'done', pages: report.pages });
    return {
      ...countsOf(laid),
      first,
      images,
    };
  });
}
