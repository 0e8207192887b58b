/**
 * The pieces API argument schemas are built from (valibot). Each check carries the
 * sentence a caller sees when it fails, naming the method and the field, so the
 * schemas in the contracts (api.ts, apparatus/api.ts, search/api.ts, history/api.ts)
 * read as the rules they are. The Node side applies them once, in `dispatch`
 * (electron/host/dispatch.ts); handlers receive what they output.
 *
 * Ids cross the wire as decimal strings ("12") and come out of these schemas as numbers.
 */
import * as v from 'valibot';
import { SiglumError } from './errors.ts';
import { rowNumber } from './ids.ts';

/**
 * The longest string an argument may be unless its method says otherwise: ids,
 * names, queries and descriptions fit; texts and files have their own limits.
 */
export const MAX_ARG_CHARS = 10_000;
/** The longest list an argument may be unless its method says otherwise. */
export const MAX_ARG_ITEMS = 10_000;

/** An argument schema: any object schema over the wire's JSON. */
export type ArgsSchema = v.GenericSchema<unknown, unknown>;
/** What a caller sends. */
export type ArgsIn<S extends ArgsSchema> = v.InferInput<S>;
/** What a handler receives. */
export type ArgsOut<S extends ArgsSchema> = v.InferOutput<S>;

/**
 * A whole number with its thousands grouped by commas ("10,000"), as
 * `toLocaleString('en')` writes it without loading the locale's number formats, which
 * costs about 10 ms at the first call, and these messages are made when the schemas are.
 */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The sentence for a string over its limit; `what` names it. */
export function tooLongMessage(what: string, max: number): string {
  return `${what} is longer than ${groupDigits(max)} characters. Shorten it and try again.`;
}

/** A required string of at most `max` characters. */
export function str(method: string, key: string, max = MAX_ARG_CHARS) {
  return v.pipe(
    v.string(`${method} needs "${key}" as a string.`),
    v.maxLength(max, tooLongMessage(`The "${key}" of ${method}`, max)),
  );
}

/** A string that may be left out (or null, which counts as left out). */
export function optStr(method: string, key: string, max = MAX_ARG_CHARS) {
  return v.pipe(
    v.nullish(
      v.pipe(
        v.string(`${method} needs "${key}", when given, as a string.`),
        v.maxLength(max, tooLongMessage(`The "${key}" of ${method}`, max)),
      ),
    ),
    v.transform((s) => s ?? undefined),
  );
}

/** A whole number of at least 0 (a version, a position, a count). */
export function whole(method: string, key: string) {
  const message = `${method} needs "${key}" as a whole number of at least 0.`;
  return v.pipe(v.number(message), v.safeInteger(message), v.minValue(0, message));
}

/** A whole number of at least 0 that may be left out (or null). */
export function optWhole(method: string, key: string) {
  return v.pipe(
    v.nullish(whole(method, key)),
    v.transform((n) => n ?? undefined),
  );
}

/** true or false, false when left out (or null). */
export function flag(method: string, key: string) {
  return v.nullish(v.boolean(`${method} needs "${key}", when given, as true or false.`), false);
}

/** A title as the user typed it, trimmed; an empty one is refused. */
export function title(method: string, key = 'title') {
  return v.pipe(
    str(method, key),
    v.trim(),
    v.nonEmpty('A title cannot be empty. Type a title and try again.'),
    v.maxLength(1000, 'That title is longer than 1,000 characters. Shorten it and try again.'),
  );
}

/**
 * The fields of an argument object, each checked by its schema. A field left out is
 * checked as `undefined`, so it gets its own sentence (`renameDocument needs "title" as a
 * string.`) rather than valibot's; `message` is for a value that is no object at all.
 * Fields not named are dropped.
 */
export function fields<E extends v.ObjectEntries>(entries: E, message?: string) {
  return v.object(entries, (issue) => {
    const key = issue.path?.at(-1)?.key;
    const entry = typeof key === 'string' && Object.hasOwn(entries, key) ? entries[key] : undefined;
    if (entry !== undefined) {
      const missing = v.safeParse(entry, undefined);
      if (!missing.success) return missing.issues[0].message;
    }
    return message ?? issue.message;
  });
}

function isPlainObject(x: unknown): boolean {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * An object (not a list, not null) whose fields `entries` check; `message` when it is
 * not one. Fields not named are dropped.
 */
export function obj<E extends v.ObjectEntries>(entries: E, message: string) {
  return v.pipe(v.custom<v.InferInput<v.ObjectSchema<E, undefined>>>(isPlainObject, message), fields(entries, message));
}

/** An object of strings (a record), checked by the handler's model code. */
export function plainObject<T>(message: string) {
  return v.custom<T>(isPlainObject, message);
}

/** A list of at most `max` items, each checked by `item`. */
export function list<S extends ArgsSchema>(method: string, key: string, item: S, max = MAX_ARG_ITEMS) {
  return v.pipe(
    v.array(item, `${method} needs "${key}" as a list.`),
    v.maxLength(max, `${method} takes at most ${groupDigits(max)} items in "${key}". Send fewer at a time.`),
  );
}

/** A list of strings that may be left out (or null). */
export function optStrings(method: string, key: string) {
  const message = `${method} needs "${key}", when given, as a list of strings.`;
  return v.pipe(
    v.nullish(
      v.pipe(
        v.array(v.pipe(v.string(message), v.maxLength(MAX_ARG_CHARS, message)), message),
        v.maxLength(MAX_ARG_ITEMS, `${method} takes at most ${groupDigits(MAX_ARG_ITEMS)} items in "${key}".`),
      ),
    ),
    v.transform((list) => list ?? undefined),
  );
}

/** Anything: checked further by the handler's own model code (a step, an entity). */
export function opaque<T>() {
  return v.custom<T>(() => true);
}

/**
 * The row id in an API id ("12" is 12); a 'not-found' SiglumError when it cannot name
 * a row, telling where to find the ids.
 */
export function rowId(id: string, what: 'document' | 'collection'): number {
  const row = rowNumber(id);
  if (row !== null) return row;
  throw new SiglumError('not-found', `There is no ${what} with id "${String(id)}". List the ${what}s to find its id.`);
}

/** A document or collection id, as a string on the wire and a number in the handler. */
export function id(method: string, key: string, what: 'document' | 'collection') {
  return v.pipe(
    str(method, key),
    v.transform((s) => rowId(s, what)),
  );
}

/** An id that may be left out (or null; with `emptyIsNone`, "" too). */
export function optId(method: string, key: string, what: 'document' | 'collection', emptyIsNone = false) {
  return v.pipe(
    optStr(method, key),
    v.transform((s) => (s === undefined || (emptyIsNone && s === '') ? undefined : rowId(s, what))),
  );
}

/**
 * An id of another kind of row (a witness, a trash entry, a register entry), with the
 * sentence to say when it names none (`code` 'not-found').
 */
export function otherId(method: string, key: string, missing: (id: string) => string) {
  return v.pipe(
    str(method, key),
    v.transform((s) => {
      const row = rowNumber(s);
      if (row === null) throw new SiglumError('not-found', missing(s));
      return row;
    }),
  );
}

/**
 * Checks `args` against `schema`: the output, or a 'bad-input' SiglumError with the
 * first failed check's sentence. Checks that need another code (an id naming nothing is
 * 'not-found') throw their own SiglumError.
 */
export function checkArgs<S extends ArgsSchema>(schema: S, args: unknown): ArgsOut<S> {
  const result = v.safeParse(schema, args, { abortEarly: true });
  if (result.success) return result.output as ArgsOut<S>;
  throw new SiglumError('bad-input', result.issues[0].message);
}
