/**
 * Checks on the arguments of API calls. They arrive over IPC or HTTP as untyped JSON,
 * so each method checks its argument here before anything else touches it.
 */
import type { DocumentMeta } from '../../edition/api.ts';
import { SiglumError } from '../../edition/errors.ts';

function bad(message: string): SiglumError {
  return new SiglumError('bad-input', message);
}

/** The argument object of a call; `{}` when a caller sent nothing. */
export function argsObject(args: unknown, method: string): Record<string, unknown> {
  if (args === undefined || args === null) return {};
  if (typeof args !== 'object' || Array.isArray(args)) throw bad(`${method} takes one object argument.`);
  return args as Record<string, unknown>;
}

/**
 * The longest string an argument may be unless its method says otherwise: ids,
 * names, queries and descriptions fit; texts and files have their own limits.
 */
export const MAX_ARG_CHARS = 10_000;
/** The longest list an argument may be unless its method says otherwise. */
export const MAX_ARG_ITEMS = 10_000;

function tooLong(what: string, max: number): SiglumError {
  return bad(`${what} is longer than ${max.toLocaleString('en')} characters. Shorten it and try again.`);
}

/** Throws when `v` is longer than `max` characters; `what` names it in the sentence. */
export function checkLength(v: string, what: string, max = MAX_ARG_CHARS): string {
  if (v.length > max) throw tooLong(what, max);
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

/** A title as the user typed it, trimmed; refuses an empty one. */
export function requireTitle(o: Record<string, unknown>, method: string): string {
  const title = requireString(o, 'title', method).trim();
  if (title === '') throw bad('A title cannot be empty. Type a title and try again.');
  if (title.length > 1000) throw bad('That title is longer than 1,000 characters. Shorten it and try again.');
  return title;
}

export function requireArray(o: Record<string, unknown>, key: string, method: string, max = MAX_ARG_ITEMS): unknown[] {
  const v = o[key];
  if (!Array.isArray(v)) throw bad(`${method} needs "${key}" as a list.`);
  if (v.length > max) {
    throw bad(`${method} takes at most ${max.toLocaleString('en')} items in "${key}". Send fewer at a time.`);
  }
  return v;
}

/** How many further fields (`extra`) a document's metadata may hold. */
const MAX_META_FIELDS = 200;

/** Document metadata as the UI sends it: checked field by field. */
export function requireMeta(o: Record<string, unknown>, method: string): DocumentMeta {
  const m = o['meta'];
  if (typeof m !== 'object' || m === null || Array.isArray(m)) throw bad(`${method} needs "meta" as an object.`);
  const meta = m as Record<string, unknown>;
  const title = requireTitle(meta, method);
  const nullable = (key: string, max: number): string | null => {
    const v = meta[key];
    if (v === null || v === undefined) return null;
    if (typeof v !== 'string') throw bad(`${method} needs "meta.${key}" as a string or null.`);
    return checkLength(v, `The document's ${key}`, max);
  };
  const extraIn = meta['extra'] ?? {};
  if (typeof extraIn !== 'object' || extraIn === null || Array.isArray(extraIn)) {
    throw bad(`${method} needs "meta.extra" as an object of strings.`);
  }
  const entries = Object.entries(extraIn);
  if (entries.length > MAX_META_FIELDS) {
    throw bad(`A document may have at most ${MAX_META_FIELDS} further metadata fields. Remove some and try again.`);
  }
  const extra: Record<string, string> = {};
  for (const [k, v] of entries) {
    if (typeof v !== 'string') throw bad(`${method} needs "meta.extra.${k.slice(0, 100)}" as a string.`);
    checkLength(k, 'A metadata field name', 200);
    // Own properties only: a field called __proto__ must not reach the prototype.
    Object.defineProperty(extra, k, {
      value: checkLength(v, `The metadata field "${k}"`),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return { title, date: nullable('date', 200), source: nullable('source', MAX_ARG_CHARS), extra };
}

export function optionalPosition(o: Record<string, unknown>, key: string, method: string): number | undefined {
  return o[key] === undefined || o[key] === null ? undefined : requireVersion(o, key, method);
}
