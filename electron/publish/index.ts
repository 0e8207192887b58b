/**
 * The Node side of publishing: an edition (edition/publish's model, which a print
 * edition also is) built and written to disk, as a folder of HTML pages or as one
 * `.tex` file. The service and the command line call these; the building itself is
 * pure and lives in edition/publish.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { SiglumError } from '../../edition/errors.ts';
import { buildHtmlEdition, type HtmlRejected } from '../../edition/publish/html/index.ts';
import { buildLatexEdition, type LatexOptions } from '../../edition/publish/latex/index.ts';
import type { PublishEdition } from '../../edition/publish/model.ts';
import { writeEditionFolder } from './write.ts';

export { writeEditionFolder, checkRelativePath } from './write.ts';

export interface PublishedHtml {
  folder: string;
  /** The page to open: `<folder>/index.html`. */
  index: string;
  files: number;
  /** Apparatus entries that could not be placed in their document. */
  rejected: HtmlRejected[];
}

/** Builds the static HTML edition and writes it into `folder` (created if missing), with `extra` files beside it. */
export async function publishHtml(
  edition: PublishEdition,
  folder: string,
  /** Files besides the pages, by their path in the folder (the page images). */
  extra: ReadonlyMap<string, Uint8Array> = new Map(),
): Promise<PublishedHtml> {
  const built = buildHtmlEdition(edition);
  const root = resolve(folder);
  const files = await writeEditionFolder(root, new Map<string, string | Uint8Array>([...built.files, ...extra]));
  return {
    folder: root,
    index: resolve(root, 'index.html'),
    files,
    rejected: built.rejected,
  };
}

export interface PublishedLatex {
  path: string;
  rejected: Array<{ document: number; index: number; reason: string }>;
}

/** Builds the reledmac `.tex` source and writes it to `path`. */
export async function publishLatex(
  edition: PublishEdition,
  path: string,
  options: LatexOptions = {},
): Promise<PublishedLatex> {
  const built = buildLatexEdition(edition, options);
  const target = resolve(path);
  try {
    await writeFile(target, built.tex, 'utf8');
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new SiglumError('io', `Could not write ${target}: ${reason}. Choose a file in a folder you can write to.`);
  }
  return { path: target, rejected: built.rejected };
}
