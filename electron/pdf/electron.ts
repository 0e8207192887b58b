/**
 * The same typesetting in the Electron app: the print page in a hidden, sandboxed
 * window with no network, laid out by the same paginator and printed with
 * `webContents.printToPDF` (or, for the export dialog's preview, its pages captured
 * as images). Main process only; the command line and the tests use
 * render.ts (Playwright and Debian's Chromium) over the same page.
 */
import { BrowserWindow, session } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LayoutReport, PrintEdition } from '../../edition/print/model.ts';
import { buildPrintPage, LOAD_ALL_FONTS, paginatorScript, type PrintPage, type PrintResources } from './page.ts';
import type { PageImagesResult, PageRange, PdfProgress, PdfResult } from './render.ts';

const PARTITION = 'siglum-print';

/** A laid-out print page in a hidden window, with the paginator's report. */
interface WindowLayout {
  win: BrowserWindow;
  report: LayoutReport;
  page: PrintPage;
  /** Milliseconds: building the HTML, laying out. */
  timings: { html: number; layout: number };
}

/**
 * Builds the print page, lays it out in a hidden, sandboxed window with no network and
 * hands the window to `use`; the window and its temporary file are removed afterwards.
 * The page is written to a temporary file (a long edition is larger than Chromium
 * accepts in a data: URL) and every request other than that file is refused.
 */
async function withLaidOutWindow<T>(
  edition: PrintEdition,
  onProgress: ((p: PdfProgress) => void) | undefined,
  resources: PrintResources,
  use: (laid: WindowLayout) => Promise<T>,
): Promise<T> {
  const t0 = performance.now();
  onProgress?.({ stage: 'html' });
  const [page, script] = await Promise.all([buildPrintPage(edition, resources), paginatorScript(resources)]);
  const dir = await mkdtemp(join(tmpdir(), 'siglum-print-'));
  const file = join(dir, 'edition.html');
  await writeFile(file, page.html, 'utf8');
  const pageUrl = pathToFileURL(file).href;
  const t1 = performance.now();

  const ses = session.fromPartition(PARTITION);
  ses.webRequest.onBeforeRequest((details, callback) =>
    callback({
      cancel: details.url !== pageUrl && !details.url.startsWith('data:'),
    }),
  );
  const win = new BrowserWindow({
    show: false,
    width: 1200,
    height: 1600,
    webPreferences: {
      partition: PARTITION,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: true,
    },
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  try {
    onProgress?.({ stage: 'layout' });
    await win.loadURL(pageUrl);
    await win.webContents.executeJavaScript(LOAD_ALL_FONTS);
    const report = (await win.webContents.executeJavaScript(
      `${script}\n;SiglumPrint.paginate(document, ${JSON.stringify(page.config)})`,
    )) as LayoutReport;
    const t2 = performance.now();
    return await use({
      win,
      report,
      page,
      timings: { html: t1 - t0, layout: t2 - t1 },
    });
  } finally {
    win.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}

/** What a layout placed, and every note or entry it did not place. */
function countsOf(laid: WindowLayout): Omit<PdfResult, 'timings' | 'layoutTimings'> {
  return {
    pages: laid.report.pages,
    placed: laid.report.placed,
    misplaced: [...laid.page.rejected, ...laid.report.misplaced],
    pageSummaries: laid.report.pageSummaries,
    index: laid.report.index,
  };
}

/** Typesets `edition` into `outPath` in a hidden window. Resolves like `renderPdf`. */
export function renderPdfInWindow(
  edition: PrintEdition,
  outPath: string,
  onProgress?: (p: PdfProgress) => void,
  resources: PrintResources & { tagged?: boolean } = {},
): Promise<PdfResult> {
  return withLaidOutWindow(edition, onProgress, resources, async (laid) => {
    const t2 = performance.now();
    onProgress?.({ stage: 'pdf', pages: laid.report.pages });
    const pdf = await laid.win.webContents.printToPDF({
      preferCSSPageSize: true,
      printBackground: true,
      generateDocumentOutline: resources.tagged ?? true,
      generateTaggedPDF: resources.tagged ?? true,
    });
    await writeFile(outPath, pdf);
    const t3 = performance.now();
    onProgress?.({ stage: 'done', pages: laid.report.pages });
    return {
      ...countsOf(laid),
      timings: { ...laid.timings, launch: 0, pdf: t3 - t2 },
      layoutTimings: laid.report.timings,
    };
  });
}

/**
 * Draws pages `range` of `edition`, laid out as `renderPdfInWindow` lays it out, as PNG
 * data URLs: each page scrolled to the top of the hidden window and captured
 * (`capturePage` with `stayHidden`). Resolves like `renderPageImages`.
 */
export function renderPagesInWindow(
  edition: PrintEdition,
  range: PageRange,
  onProgress?: (p: PdfProgress) => void,
  onImage?: (done: number, count: number) => void,
  resources: PrintResources = {},
): Promise<PageImagesResult> {
  return withLaidOutWindow(edition, onProgress, resources, async (laid) => {
    const { win, report } = laid;
    const first = Math.max(1, Math.min(range.first, report.pages));
    const count = Math.max(0, Math.min(range.count, report.pages - first + 1));
    onProgress?.({ stage: 'pdf', pages: report.pages });
    const images: string[] = [];
    for (let i = 0; i < count; i++) {
      const rect = (await win.webContents.executeJavaScript(
        `(() => { const p = document.querySelectorAll(".page")[${first - 1 + i}];
          p.scrollIntoView({ block: "start" });
          const r = p.getBoundingClientRect();
          return { x: Math.round(r.left), y: Math.round(r.top), width: Math.ceil(r.width), height: Math.ceil(r.height) }; })()`,
      )) as { x: number; y: number; width: number; height: number };
      // A page taller than the window (a large page size) grows the window first.
      const [w = 0, h = 0] = win.getContentSize();
      if (rect.width > w || rect.height > h) win.setContentSize(Math.max(w, rect.width), Math.max(h, rect.height));
      const image = await win.webContents.capturePage(rect, { stayHidden: true });
      images.push(image.toDataURL());
      onImage?.(i + 1, count);
    }
    onProgress?.({ stage: 'done', pages: report.pages });
    return { ...countsOf(laid), first, images };
  });
}
