/**
 * What an export names (a document, a volume or the whole project), read from an
 * API call's arguments. TEI and edition exports read it here, so both accept and
 * refuse the same calls with the same sentence.
 */
import * as v from 'valibot';
import { checkArgs, fields, opaque, rowId } from './args.ts';
import { SiglumError } from './errors.ts';

/** What to export: one document, one collection (a volume) or the whole project. */
export type ExportTarget = { documentId: string } | { collectionId: string } | { all: true };

/** The target an export's arguments name; 'bad-input' when they name none. `all: true` wins over an id. */
export function exportTargetOf(args: Readonly<Record<string, unknown>>): ExportTarget {
  if (args['all'] === true) return { all: true };
  if (typeof args['documentId'] === 'string') return { documentId: args['documentId'] };
  if (typeof args['collectionId'] === 'string') return { collectionId: args['collectionId'] };
  throw new SiglumError('bad-input', 'Say what to export: a documentId, a collectionId, or all: true.');
}

/** An export's target as handlers receive it: the ids as numbers. */
export type TargetRef = { documentId: number } | { collectionId: number } | { all: true };

/** The target the arguments name, its id a number; 'bad-input' when they name none. */
function targetRef(o: Record<string, unknown>): TargetRef {
  const target = exportTargetOf(o);
  if ('all' in target) return { all: true };
  if ('documentId' in target) return { documentId: rowId(target.documentId, 'document') };
  return { collectionId: rowId(target.collectionId, 'collection') };
}

/**
 * The arguments of a method that exports: an ExportTarget (checked first) and the
 * fields `entries` check. The handler receives the fields and `target` (a TargetRef).
 */
export function targetArgs<E extends v.ObjectEntries>(entries: E) {
  type Fields = v.InferOutput<v.ObjectSchema<E, undefined>>;
  const checked = fields(entries);
  return v.pipe(
    opaque<ExportTarget & v.InferInput<v.ObjectSchema<E, undefined>>>(),
    v.transform((o) => {
      const target = targetRef(o as Record<string, unknown>);
      return { ...(checkArgs(checked, o) as Fields), target };
    }),
  );
}
