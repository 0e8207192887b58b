/**
 * The print page of an edition: HTML with the stylesheet and the shipped fonts
 * inlined (as data URLs, so the page needs no file access and loads the same in a
 * Playwright page and in a hidden Electron window), the layout configuration, and
 * the paginator script that lays it out.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPrintHtml } from '../../edition/print/html.ts';
import { loadHyphenator } from '../../edition/print/hyphenate.ts';
import { layoutConfig, type LayoutConfig } from '../../edition/print/layoutConfig.ts';
import { resolvePrintSettings, type Misplaced, type PrintEdition } from '../../edition/print/model.ts';
import { builtFiles } from '../built.ts';
import { PAGINATOR_ENTRY, PAGINATOR_OPTIONS } from '../paginator-build.mjs';
import { inlineFonts, shippedFonts, sourceResourcesDir } from '../publish/fonts.ts';

/** The repository root, for running from source (tests, the command line through tsx). */
function repoRoot(): string {
  return fileURLToPath(new URL('../../', import.meta.url));
}

/**
 * Where print.css and the fonts live, and the paginator script. A bundled app (where
 * `import.meta.url` is not the source tree and esbuild is not shipped) passes its
 * resources folder and a paginator script built at build time.
 */
export interface PrintResources {
  resourcesDir?: string;
  paginatorScript?: string;
}

/** The resources folder: the one passed in, else the source tree's. */
export function resourcesDir(resources: PrintResources): string {
  return resources.resourcesDir ?? sourceResourcesDir();
}

/**
 * A script for the print page that resolves once every face of its stylesheet is
 * loaded. `document.fonts.ready` alone waits only for faces already in use, so a face
 * first needed by the foot (italic lemmata, the notes' size) would be measured in a
 * fallback font and the pages would break elsewhere than they print.
 */
export const LOAD_ALL_FONTS =
  'Promise.all([...document.fonts].map((face) => face.load())).then(() => document.fonts.ready).then(() => true)';

const inlinedFonts = new Map<string, Promise<string>>();
let script: Promise<string> | null = null;

/** The paginator (edition/print/browser/paginate.ts) as a classic script defining `SiglumPrint`. */
export function paginatorScript(resources: PrintResources = {}): Promise<string> {
  if (resources.paginatorScript !== undefined) return Promise.resolve(resources.paginatorScript);
  // The built command line reads the script built beside it.
  if (builtFiles !== null) return (script ??= readFile(new URL(builtFiles.paginator, import.meta.url), 'utf8'));
  // esbuild is loaded only here, from the sources: a bundled app passes the script built
  // at build time, and neither ships esbuild.
  script ??= import('esbuild')
    .then(({ build }) =>
      build({
        ...PAGINATOR_OPTIONS,
        absWorkingDir: repoRoot(),
        entryPoints: [PAGINATOR_ENTRY],
        write: false,
        logLevel: 'silent',
      }),
    )
    .then((r) => r.outputFiles[0]?.text ?? '');
  return script;
}

export interface PrintPage {
  html: string;
  config: LayoutConfig;
  /** Entries that cannot print at all, found while building the HTML. */
  rejected: Misplaced[];
}

/** The shipped fonts' stylesheet with their data in it, made once per resources folder. */
function inlineOnce(dir: string): Promise<string> {
  const css = shippedFonts(dir).then(inlineFonts);
  inlinedFonts.set(dir, css);
  css.catch(() => inlinedFonts.delete(dir));
  return css;
}

/** Builds the print page of an edition. Throws a SiglumError (bad-input) for settings out of range. */
export async function buildPrintPage(edition: PrintEdition, resources: PrintResources = {}): Promise<PrintPage> {
  const dir = resourcesDir(resources);
  const settings = resolvePrintSettings(edition.settings);
  const [fonts, printCss, hyphenate] = await Promise.all([
    inlinedFonts.get(dir) ?? inlineOnce(dir),
    readFile(join(dir, 'print', 'print.css'), 'utf8'),
    loadHyphenator(settings.language),
  ]);
  const { html, rejected } = buildPrintHtml(edition, settings, {
    css: `${fonts}\n${printCss}`,
    hyphenate,
  });
  return { html, config: layoutConfig(settings), rejected };
}
