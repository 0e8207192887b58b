/**
 * The same typesetting in the Electron app: the print page in a hidden, sandboxed
 * window with no network, laid out by the same paginator and printed with
 * `webContents.printToPDF`. Main process only; the command line and the tests use
 * render.ts (Playwright and Debian's Chromium) over the same page.
 */
import { BrowserWindow, session } from "electron";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { LayoutReport, PrintEdition } from "../../edition/print/model.ts";
import {
  buildPrintPage,
  paginatorScript,
  type PrintResources,
} from "./page.ts";
import type { PdfProgress, PdfResult } from "./render.ts";

const PARTITION = "siglum-print";

/**
 * Typesets `edition` into `outPath` in a hidden window. Resolves like `renderPdf`.
 * The page is written to a temporary file (a long edition is larger than Chromium
 * accepts in a data: URL) and every request other than that file is refused.
 */
export async function renderPdfInWindow(
  edition: PrintEdition,
  outPath: string,
  onProgress?: (p: PdfProgress) => void,
  resources: PrintResources & { tagged?: boolean } = {},
): Promise<PdfResult> {
  const t0 = performance.now();
  onProgress?.({ stage: "html" });
  const [page, script] = await Promise.all([
    buildPrintPage(edition, resources),
    paginatorScript(resources),
  ]);
  const dir = await mkdtemp(join(tmpdir(), "siglum-print-"));
  const file = join(dir, "edition.html");
  await writeFile(file, page.html, "utf8");
  const pageUrl = pathToFileURL(file).href;
  const t1 = performance.now();

  const ses = session.fromPartition(PARTITION);
  ses.webRequest.onBeforeRequest((details, callback) =>
    callback({
      cancel: details.url !== pageUrl && !details.url.startsWith("data:"),
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
  win.webContents.setWindowOpenHandler(() => ({ action: "deny" }));
  win.webContents.on("will-navigate", (event) => event.preventDefault());
  try {
    onProgress?.({ stage: "layout" });
    await win.loadURL(pageUrl);
    await win.webContents.executeJavaScript(
      "document.fonts.ready.then(() => true)",
    );
    const report = (await win.webContents.executeJavaScript(
      `${script}\n;SiglumPrint.paginate(document, ${JSON.stringify(page.config)})`,
    )) as LayoutReport;
    const t2 = performance.now();
    onProgress?.({ stage: "pdf", pages: report.pages });
    const pdf = await win.webContents.printToPDF({
      preferCSSPageSize: true,
      printBackground: true,
      generateDocumentOutline: resources.tagged ?? true,
      generateTaggedPDF: resources.tagged ?? true,
    });
    await writeFile(outPath, pdf);
    const t3 = performance.now();
    onProgress?.({ stage: "done", pages: report.pages });
    return {
      pages: report.pages,
      placed: report.placed,
      misplaced: [...page.rejected, ...report.misplaced],
      pageSummaries: report.pageSummaries,
      index: report.index,
      timings: { html: t1 - t0, launch: 0, layout: t2 - t1, pdf: t3 - t2 },
      layoutTimings: report.timings,
    };
  } finally {
    win.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}
