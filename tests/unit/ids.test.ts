/**
 * What counts as an API id, and what an export names, are each written once
 * (edition/ids.ts, edition/exportTarget.ts) and read by the store and the service alike.
 */
import { describe, expect, it } from 'vitest';
import { rowId } from '../../edition/args.ts';
import { entityRowId } from '../../db/entities.ts';
import { checkCollationSettings } from '../../edition/apparatus/index.ts';
import { SiglumError } from '../../edition/errors.ts';
import { exportTargetOf } from '../../edition/exportTarget.ts';
import { isApiId, rowNumber } from '../../edition/ids.ts';

describe('API ids', () => {
  it('read a decimal row id of up to 16 digits, and nothing else', () => {
    expect(rowNumber('12')).toBe(12);
    expect(rowNumber('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    for (const bad of ['0', '012', '-1', '1.5', ' 1', '1e3', '', '12345678901234567', 12, null, undefined]) {
      expect(rowNumber(bad)).toBeNull();
      expect(isApiId(bad)).toBe(false);
    }
  });

  it('are refused alike by the store and the collation settings', () => {
    for (const bad of ['012', 'x']) {
      expect(() => rowId(bad, 'document')).toThrow(/There is no document with id/);
      expect(() => entityRowId(bad)).toThrow(/There is no entity/);
      expect(() => checkCollationSettings({ base: bad })).toThrow(/"base" must be a witness id/);
    }
    expect(rowId('7', 'collection')).toBe(7);
    expect(checkCollationSettings({ base: '7' }).base).toBe('7');
  });
});

describe('an export target', () => {
  it('is a document, a volume or the whole project, all winning over an id', () => {
    expect(exportTargetOf({ documentId: '3' })).toEqual({ documentId: '3' });
    expect(exportTargetOf({ collectionId: '4' })).toEqual({ collectionId: '4' });
    expect(exportTargetOf({ all: true, documentId: '3' })).toEqual({ all: true });
  });

  it('is refused, with a sentence saying what to give, when the arguments name none', () => {
    for (const args of [{}, { all: 'yes' }, { documentId: 3 }]) {
      expect(() => exportTargetOf(args)).toThrow(SiglumError);
      expect(() => exportTargetOf(args)).toThrow('Say what to export: a documentId, a collectionId, or all: true.');
    }
  });
});
