/**
 * The HTML edition's page script folds a query with the code that folded the search
 * index: edition/entities/fold.ts compiled into edition/publish/html/fold-script.ts.
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { foldScriptModule, FOLD_SCRIPT_MODULE } from '../../../electron/build-fold-script.mjs';
import { foldWithMap, type Folding } from '../../../edition/entities/fold.ts';
import { FOLD_SCRIPT } from '../../../edition/publish/html/fold-script.ts';
import { editionScript } from '../../../edition/publish/html/assets.ts';
import { readFileSync } from 'node:fs';

describe('the folding the HTML edition ships', () => {
  it('is fold.ts as it is now (run `node electron/build-fold-script.mjs` after changing fold.ts)', async () => {
    expect(readFileSync(FOLD_SCRIPT_MODULE, 'utf8')).toBe(await foldScriptModule());
  });

  it('folds as the index folds, run on its own in a bare context', () => {
    const exports = runInNewContext(`${FOLD_SCRIPT}; SiglumFold`) as { makeFolding(t: object): Folding };
    const table = { ß: 'ss', Ł: 'L', ł: 'l', '\u2019': "'" };
    const browser = exports.makeFolding(table);
    const samples = [
      'Straße',
      'Łódź',
      'Su Ping-wên',
      'İstanbul',
      'O’Brien',
      'ÉCOLE déjà vu',
      '𝔘nicode ǅ',
      'plain ascii',
    ];
    for (const text of samples) {
      const expected = foldWithMap(text);
      const got = browser.foldWithMap(text);
      expect(got.text).toBe(expected.text);
      expect(Array.from(got.map)).toEqual(Array.from(expected.map));
    }
  });

  it('is what the page script folds with', () => {
    expect(editionScript({})).toContain(FOLD_SCRIPT);
    expect(editionScript({})).toMatch(/makeFolding\(FOLD\)\.foldWithMap/);
  });
});
