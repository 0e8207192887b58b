/** Where the generated module lives: edition/publish/html/fold-script.ts. */
export const FOLD_SCRIPT_MODULE: string;
/** The text that module should hold, made from edition/entities/fold.ts as it is now. */
export function foldScriptModule(): Promise<string>;
