/**
 * `renderPdf`: an edition to a typeset PDF through Chromium, driven by playwright-core
 * (Debian's /usr/bin/chromium for the command line and the tests). The page is laid
 * out by edition/print/layout.ts inside Chromium and printed with `page.pdf`, which is
 * Chromium's printToPDF: the same call Electron's hidden window makes.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { SiglumError } from "../../edition/errors.ts";
import type {
  LayoutReport,
  Misplaced,
  PageSummary,
  IndexEntry,
  PrintEdition,
} from "../../edition/print/model.ts";
import {
  buildPrintPage,
  paginatorScript,
  type PrintResources,
} from "./page.ts";

export type PdfStage = "html" | "layout" | "pdf" | "done";

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
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
];

/** Launches Chromium for printing; a missing binary is a SiglumError ('io') saying what to do. */
export function launchPrintBrowser(executablePath?: string): Promise<Browser> {
  const path =
    executablePath ?? process.env["SIGLUM_CHROMIUM"] ?? "/usr/bin/chromium";
  if (!existsSync(path)) {
    return Promise.reject(
      new SiglumError(
        "io",
        `Chromium, which typesets the PDF, is not at ${path}. Install it (apt install chromium) or set SIGLUM_CHROMIUM to its path.`,
      ),
    );
  }
  return chromium.launch({ executablePath: path, args: CHROMIUM_ARGS });
}

/**
 * Typesets `edition` into a PDF at `outPath`. Resolves with the page count, how many
 * notes and apparatus entries printed on the page of their call or lemma, and every
 * one that did not (never silently dropped). Rejects with a SiglumError for settings
 * out of range ('bad-input') or a missing Chromium ('io').
 */
export async function renderPdf(
  edition: PrintEdition,
  outPath: string,
  onProgress?: (p: PdfProgress) => void,
  options: RenderOptions = {},
): Promise<PdfResult> {
  const t0 = performance.now();
  onProgress?.({ stage: "html" });
  const [page, script] = await Promise.all([
    buildPrintPage(edition, options),
    paginatorScript(options),
  ]);
  const t1 = performance.now();

  const browser =
    options.browser ?? (await launchPrintBrowser(options.executablePath));
  const tLaunch = performance.now();
  try {
    const context = await browser.newContext({
      javaScriptEnabled: true,
      offline: true,
    });
    try {
      const tab = await context.newPage();
      onProgress?.({ stage: "layout" });
      await tab.setContent(page.html, { waitUntil: "load" });
      await tab.evaluate(() => document.fonts.ready.then(() => undefined));
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
      onProgress?.({ stage: "pdf", pages: report.pages });
      await tab.pdf({
        path: outPath,
        preferCSSPageSize: true,
        // Bookmarks from the headings, which Chromium builds from the tags.
        outline: options.tagged ?? true,
        tagged: options.tagged ?? true,
        printBackground: true,
      });
      const t3 = performance.now();
      onProgress?.({ stage: "done", pages: report.pages });
      return {
        pages: report.pages,
        placed: report.placed,
        misplaced: [...page.rejected, ...report.misplaced],
        pageSummaries: report.pageSummaries,
        index: report.index,
        timings: {
          html: t1 - t0,
          launch: tLaunch - t1,
          layout: t2 - tLaunch,
          pdf: t3 - t2,
        },
        layoutTimings: report.timings,
      };
    } finally {
      await context.close();
    }
  } finally {
    if (!options.browser) await browser.close();
  }
}
