// How the PDF paginator (edition/print/browser/paginate.ts) is bundled for the print
// page: one classic script defining `SiglumPrint`. The app's build (build.mjs), the
// command line's (build-cli.mjs) and a run from the sources (pdf/page.ts) all use these
// options, so the three scripts are the same.
export const PAGINATOR_ENTRY = 'edition/print/browser/paginate.ts';

/** esbuild options for the paginator, without where it goes (entry points, outdir or write). */
export const PAGINATOR_OPTIONS = Object.freeze({
  bundle: true,
  format: 'iife',
  globalName: 'SiglumPrint',
  platform: 'browser',
  target: 'chrome120',
  logLevel: 'warning',
});
