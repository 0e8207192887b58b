/**
 * Row ids cross the API as decimal strings ("12"): short enough to type on the
 * command line, and opaque to the UI. They come in through the argument schemas
 * (edition/args.ts `rowId`), which make them numbers; they go out through `apiId`.
 */

export function apiId(rowid: number | bigint): string {
  return String(rowid);
}
