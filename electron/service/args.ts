/**
 * Hand checks still used by the methods not yet in the table (table.ts); each goes
 * when its method gets a row, whose schema (edition/args.ts) says the same.
 */
import { MAX_ARG_CHARS, tooLongMessage } from '../../edition/args.ts';
import { SiglumError } from '../../edition/errors.ts';

export { MAX_ARG_CHARS, MAX_ARG_ITEMS } from '../../edition/args.ts';

function bad(message: string): SiglumError {
  return new SiglumError('bad-input', message);
}

/** The argument object of a call; `{}` when a caller sent nothing. */
export function argsObject(args: unknown, method: string): Record<string, unknown> {
  if (args === undefined || args === null) return {};
  if (typeof args !== 'object' || Array.isArray(args)) throw bad(`${method} takes one object argument.`);
  return args as Record<string, unknown>;
}

function checkLength(v: string, what: string, max = MAX_ARG_CHARS): string {
  if (v.length > max) throw bad(tooLongMessage(what, max));
  return v;
}

export function requireString(o: Record<string, unknown>, key: string, method: string, max = MAX_ARG_CHARS): string {
  const v = o[key];
  if (typeof v !== 'string') throw bad(`${method} needs "${key}" as a string.`);
  return checkLength(v, `The "${key}" of ${method}`, max);
}

export function optionalString(
  o: Record<string, unknown>,
  key: string,
  method: string,
  max = MAX_ARG_CHARS,
): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw bad(`${method} needs "${key}", when given, as a string.`);
  return checkLength(v, `The "${key}" of ${method}`, max);
}

export function requireVersion(o: Record<string, unknown>, key: string, method: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
    throw bad(`${method} needs "${key}" as a whole number of at least 0.`);
  }
  return v;
}
