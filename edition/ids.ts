/**
 * Ids as they cross the API: a row id of the store written in decimal ("12"), short
 * enough to type on the command line and opaque to the UI. Every layer reads them with
 * `rowNumber`, so what counts as an id is written once.
 */

/** An API id: decimal, no leading zero, at most 16 digits. */
export const API_ID_PATTERN = /^[1-9][0-9]{0,15}$/;

/** Whether a value can name a row: a string of the API id's form. */
export function isApiId(id: unknown): id is string {
  return typeof id === 'string' && API_ID_PATTERN.test(id);
}

/** The row number an API id names, or null when the value cannot name a row. */
export function rowNumber(id: unknown): number | null {
  return isApiId(id) ? Number(id) : null;
}
