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
import { ASSET_FONTS } from '../../edition/publish/html/pages.ts';
import { buildLatexEdition, type LatexOptions } from '../../edition/publish/latex/index.ts';
import type { PublishEdition } from '../../edition/publish/model.ts';
import { shippedFonts, sourceResourcesDir } from './fonts.ts';
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

/**
 * Every file of the static HTML edition, by its path in the folder: the pages built in
 * edition/publish and the shipped fonts (from `resourcesDir`, else the source tree's).
 */
export async function htmlEditionFiles(
  edition: PublishEdition,
  resourcesDir: string = sourceResourcesDir(),
): Promise<{ files: Map<string, string | Uint8Array>; rejected: HtmlRejected[] }> {
  const built = buildHtmlEdition(edition);
  const fonts = await shippedFonts(resourcesDir);
  const files = new Map<string, string | Uint8Array>(built.files);
  files.set(`${ASSET_FONTS}/fonts.css`, fonts.css);
  for (const [name, data] of fonts.files) files.set(`${ASSET_FONTS}/${name}`, data);
  return { files, rejected: built.rejected };
}

/** Builds the static HTML edition and writes it into `folder` (created if missing), with `extra` files beside it. */
export async function publishHtml(
  edition: PublishEdition,
  folder: string,
  /** Files besides the pages, by their path in the folder (the page images). */
  extra: ReadonlyMap<string, Uint8Array> = new Map(),
  resourcesDir?: string,
): Promise<PublishedHtml> {
  const built = await htmlEditionFiles(edition, resourcesDir);
  const root = resolve(folder);
  const files = await writeEditionFolder(root, new Map([...built.files, ...extra]));
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
