/**
 * The Chromium that typesets PDFs and draws preview pages (through Playwright), kept
 * between exports: launched on first use, closed after a minute idle and on `stop`.
 * The desktop app passes its own renderers (a hidden window, electron/pdf/electron.ts)
 * and never launches one.
 */
import type { Browser } from 'playwright-core';
import type { PrintEdition } from '../../edition/print/model.ts';
import type { PageImagesResult, PageRange, PdfProgress, PdfResult } from '../pdf/render.ts';

/** Typesets an edition into a PDF file. */
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

/** A browser kept this long after its last export is closed. */
const BROWSER_IDLE_MS = 60_000;

export class BrowserPool {
  private browser: Promise<Browser> | null = null;
  private idle: ReturnType<typeof setTimeout> | null = null;
  private running = 0;
  private stopped = true;

  /** Lets exports launch the browser. */
  start(): void {
    this.stopped = false;
  }

  /** Closes the kept browser, if any; later exports are refused until `start`. */
  stop(): void {
    this.stopped = true;
    this.closeBrowser();
  }

  private closeBrowser(): void {
    if (this.idle !== null) clearTimeout(this.idle);
    this.idle = null;
    const open = this.browser;
    this.browser = null;
    open?.then((b) => b.close()).catch(() => undefined);
  }

  /** Runs `use` with the kept browser (launched on first use, closed after a minute idle). */
  async use<T>(use: (b: Browser) => Promise<T>): Promise<T> {
    if (this.stopped) throw new Error('the browser pool is stopped');
    if (this.idle !== null) clearTimeout(this.idle);
    // Loaded on the first PDF only: the desktop app prints in its own window and its
    // bundled service never loads Playwright (electron/build.mjs keeps it external).
    const { launchPrintBrowser } = await import('../pdf/render.ts');
    this.browser ??= launchPrintBrowser();
    const launched = this.browser;
    this.running++;
    try {
      return await use(await launched);
    } catch (e) {
      // A browser that failed to start is not kept; a crashed one is replaced next time.
      if (this.browser === launched) this.closeBrowser();
      throw e;
    } finally {
      this.running--;
      if (this.running === 0 && this.browser !== null) {
        this.idle = setTimeout(() => this.closeBrowser(), BROWSER_IDLE_MS);
        this.idle.unref();
      }
    }
  }

  /** The PDF renderer over this pool's browser. */
  readonly renderPdf: PdfRenderer = async (edition, outPath, onProgress) => {
    const { renderPdf } = await import('../pdf/render.ts');
    return this.use((b) => renderPdf(edition, outPath, onProgress, { browser: b }));
  };

  /** The page-image renderer over this pool's browser. */
  readonly renderPages: PageImageRenderer = async (edition, range, onProgress, onImage) => {
    const { renderPageImages } = await import('../pdf/render.ts');
    return this.use((b) => renderPageImages(edition, range, onProgress, { browser: b, onImage }));
  };
}
