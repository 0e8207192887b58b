/**
 * What an export names (a document, a volume or the whole project), read from an
 * API call's arguments. TEI and edition exports read it here, so both accept and
 * refuse the same calls with the same sentence.
 */
import type { ExportTarget } from './api.ts';
import { SiglumError } from './errors.ts';

/** The target an export's arguments name; 'bad-input' when they name none. `all: true` wins over an id. */
export function exportTargetOf(args: Readonly<Record<string, unknown>>): ExportTarget {
  if (args['all'] === true) return { all: true };
  if (typeof args['documentId'] === 'string') return { documentId: args['documentId'] };
  if (typeof args['collectionId'] === 'string') return { collectionId: args['collectionId'] };
  throw new SiglumError('bad-input', 'Say what to export: a documentId, a collectionId, or all: true.');
}
