/**
 * Whether this code runs as the built command line (dist/cli, made by
 * electron/build-cli.mjs) or from the TypeScript sources (tests, tsx). The build
 * defines SIGLUM_BUILT_FILES: the files it wrote beside the bundle, which the built
 * command line uses instead of compiling anything at run time.
 */
declare const SIGLUM_BUILT_FILES: { importWorker: string; paginator: string; indexWorker?: string } | undefined;

export const builtFiles: { importWorker: string; paginator: string; indexWorker?: string } | null =
  typeof SIGLUM_BUILT_FILES === 'undefined' ? null : SIGLUM_BUILT_FILES;
