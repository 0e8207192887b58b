import type { BuildOptions } from 'esbuild';

/** The paginator's entry point, relative to the repository. */
export const PAGINATOR_ENTRY: string;
/** esbuild options for the paginator, without where it goes. */
export const PAGINATOR_OPTIONS: Readonly<BuildOptions>;
