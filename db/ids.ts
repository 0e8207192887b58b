/**
 * Row ids cross the API as decimal strings ("12"): short enough to type on the
 * command line, and opaque to the UI.
 */
import { SiglumError } from '../edition/errors.ts';
import { rowNumber } from '../edition/ids.ts';

/** The row id in an API id; a 'not-found' SiglumError when it cannot name a row. */
export function rowId(id: string, what: 'document' | 'collection'): number {
  const row = rowNumber(id);
  if (row !== null) return row;
  throw new SiglumError('not-found', `There is no ${what} with id "${String(id)}". List the ${what}s to find its id.`);
}

export function apiId(rowid: number | bigint): string {
  return String(rowid);
}
