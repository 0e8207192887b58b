/**
 * The edition's rows: `exportEdition` writes the project as a typeset PDF
 * (electron/pdf), a static HTML edition or a reledmac LaTeX file (electron/publish);
 * `previewPdf` and `previewPages` make the PDF without keeping it. The parts:
 * settings.ts (the print settings), browser-pool.ts (the kept Chromium),
 * atomic-write.ts (where an export may go, and writing it beside and renaming),
 * export-progress.ts (reading the documents, with progress events).
 *
 * Where the output goes is checked before anything is read or built, so a path that
 * cannot be written is refused with a sentence and nothing is written. Every note and
 * apparatus entry is counted: the result lists each one that did not land on its page
 * (`misplaced`) or could not be set (`rejected`).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExportRejected, ExportResult, PagePreview, PdfPreview, ProjectPrintSettings } from '../../edition/api.ts';
import { PUBLISH_ARGS } from '../../edition/publish/api.ts';
import type { ArgsOut } from '../../edition/args.ts';
import type { PrintEdition } from '../../edition/print/model.ts';
import { checkPrintable } from '../../edition/print/limits.ts';
import { publishHtml, publishLatex } from '../publish/index.ts';
import { withPageImages } from './publish-facsimile.ts';
import { withPrintPageImages } from './print-facsimile.ts';
import { asIoError, checkOutPath, checkTargets, freePath, moveFilesInto, partialPath } from './atomic-write.ts';
import { targetTitle } from './edition-source.ts';
import { gather, misplacedOf } from './export-progress.ts';
import { checkExportPath, checkRequestedPath, makeExportFolders, type ExportPolicy } from './export-paths.ts';
import { printSettings, trialSettings } from './settings.ts';
import type { Rows, ServiceContext } from './table.ts';

export type { PageImageRenderer, PdfRenderer } from './browser-pool.ts';

type ExportArgs = ArgsOut<typeof PUBLISH_ARGS.exportEdition>;

async function exportEdition(
  ctx: ServiceContext,
  args: ExportArgs,
  trial?: ProjectPrintSettings,
  preview = false,
): Promise<ExportResult> {
  const { target: what, format: fmt, outPath, ifExists } = args;
  const policy: ExportPolicy = { projectPath: ctx.store.path, folders: ctx.options.exportFolders };
  const current = trial ?? printSettings(ctx.store);
  // The path is checked before any document is read: a mistake costs nothing.
  // A preview's own temporary file is not a caller's path: only callers' paths are checked.
  if (!preview) {
    checkRequestedPath(outPath, fmt, policy);
    makeExportFolders(policy);
  }
  const chosen = checkOutPath(outPath, fmt, current.title ?? targetTitle(ctx.store, what).title);
  const free = ifExists === 'rename' ? freePath(chosen, fmt) : chosen;
  const path = preview ? free : checkExportPath(free, fmt, policy);
  const { id, gathered, progress, docs, titleOf, printed } = gather(
    ctx,
    what,
    args.id,
    current,
    fmt,
    fmt === 'pdf' ? 4 : 3,
  );
  const total = (): number => docs + (fmt === 'pdf' ? 4 : 3);
  const base = { id, format: fmt, warnings: gathered.warnings };

  if (fmt === 'pdf') {
    checkPrintable(gathered.edition);
    const partial = partialPath(path);
    try {
      const result = await ctx.print.pdf(await printEdition(ctx, gathered, current), partial, (p) => {
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
    const pages = await withPageImages(ctx.store, gathered.edition);
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

async function previewPdf(ctx: ServiceContext, args: ArgsOut<typeof PUBLISH_ARGS.previewPdf>): Promise<PdfPreview> {
  const trial = trialSettings(ctx.store, args.settings);
  const dir = await mkdtemp(join(tmpdir(), 'siglum-preview-'));
  try {
    const r = await exportEdition(
      ctx,
      { target: args.target, id: args.id, format: 'pdf', outPath: join(dir, 'preview.pdf'), ifExists: 'replace' },
      trial,
      true,
    );
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

/** The edition to lay out: with its page images when the settings print them opposite their text. */
function printEdition(
  ctx: ServiceContext,
  gathered: { edition: PrintEdition; documentIds: string[] },
  current: ProjectPrintSettings,
): Promise<PrintEdition> {
  return current.facsimile === 'facing'
    ? withPrintPageImages(ctx.store, gathered.edition, gathered.documentIds)
    : Promise.resolve(gathered.edition);
}

async function previewPages(
  ctx: ServiceContext,
  args: ArgsOut<typeof PUBLISH_ARGS.previewPages>,
): Promise<PagePreview> {
  const range = { first: args.first, count: args.count };
  const current = trialSettings(ctx.store, args.settings);
  // Documents, build, layout, then one step per page drawn.
  const { id, gathered, progress, docs, titleOf } = gather(ctx, args.target, args.id, current, 'pdf', 3 + range.count);
  checkPrintable(gathered.edition);
  const result = await ctx.print.pages(
    await printEdition(ctx, gathered, current),
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

export const publishRows: Rows<'exportEdition' | 'previewPdf' | 'previewPages'> = {
  exportEdition: { args: PUBLISH_ARGS.exportEdition, run: (ctx, args) => exportEdition(ctx, args) },
  previewPdf: { args: PUBLISH_ARGS.previewPdf, run: previewPdf },
  previewPages: { args: PUBLISH_ARGS.previewPages, run: previewPages },
};
