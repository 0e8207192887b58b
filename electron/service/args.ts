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

export function requireString(o: Record<string, unknown>, key: string, method: string): string {
  const v = o[key];
  if (typeof v !== 'string') throw bad(`${method} needs "${key}" as a string.`);
  return v;
}

export function optionalString(o: Record<string, unknown>, key: string, method: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw bad(`${method} needs "${key}", when given, as a string.`);
  return v;
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

export function requireArray(o: Record<string, unknown>, key: string, method: string): unknown[] {
  const v = o[key];
  if (!Array.isArray(v)) throw bad(`${method} needs "${key}" as a list.`);
  return v;
}

/** Document metadata as the UI sends it: checked field by field. */
export function requireMeta(o: Record<string, unknown>, method: string): DocumentMeta {
  const m = o['meta'];
  if (typeof m !== 'object' || m === null || Array.isArray(m)) throw bad(`${method} needs "meta" as an object.`);
  const meta = m as Record<string, unknown>;
  const title = requireTitle(meta, method);
  const nullable = (key: string): string | null => {
    const v = meta[key];
    if (v === null || v === undefined) return null;
    if (typeof v !== 'string') throw bad(`${method} needs "meta.${key}" as a string or null.`);
    return v;
  };
  const extraIn = meta['extra'] ?? {};
  if (typeof extraIn !== 'object' || extraIn === null || Array.isArray(extraIn)) {
    throw bad(`${method} needs "meta.extra" as an object of strings.`);
  }
  const extra: Record<string, string> = {};
  for (const [k, v] of Object.entries(extraIn)) {
    if (typeof v !== 'string') throw bad(`${method} needs "meta.extra.${k}" as a string.`);
    extra[k] = v;
  }
  return { title, date: nullable('date'), source: nullable('source'), extra };
}

export function optionalPosition(o: Record<string, unknown>, key: string, method: string): number | undefined {
  return o[key] === undefined || o[key] === null ? undefined : requireVersion(o, key, method);
}
