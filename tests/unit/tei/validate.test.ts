/**
 * validateTei, the validator behind `siglum validate`: jing when installed (tei_all
 * and the FRUS schema), xmllint-wasm for tei_all otherwise.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportDocumentTei, importTei } from '../../../edition/tei/index.ts';
import { suggestedSchema, validateTei } from '../../../electron/validate.ts';

const corpus = resolve(import.meta.dirname, '../../../../shared/corpus/frus');
const d486 = importTei(readFileSync(resolve(corpus, 'frus1938v03-d486-grew-3534.xml'), 'utf8'), 'd486.xml');
const frusDoc = exportDocumentTei(d486.documents[0]!.doc, d486.documents[0]!.meta, {
  frame: d486.collection.frame,
  key: 'd486',
});

describe('validateTei', () => {
  it('accepts a valid TEI volume', async () => {
    const result = await validateTei(readFileSync(resolve(corpus, 'frus1952-54Guat.xml'), 'utf8'));
    expect(result).toEqual({ valid: true, messages: [], validator: 'jing' });
  });

  it('reports FRUS attributes as invalid against tei_all, with line and column', async () => {
    const result = await validateTei(frusDoc, 'tei_all');
    expect(result.valid).toBe(false);
    expect(result.messages[0]).toMatchObject({ line: expect.any(Number), column: expect.any(Number) });
    expect(result.messages[0]!.message).toMatch(/frus:doc-dateTime-m(in|ax)/);
  });

  it('accepts the same document against the FRUS schema', async () => {
    expect(await validateTei(frusDoc, { schema: 'frus' })).toMatchObject({ valid: true, messages: [] });
  });

  it('gives the same verdict through xmllint-wasm (libxml2) as through jing', async () => {
    const result = await validateTei(frusDoc, { validator: 'xmllint' });
    expect(result.validator).toBe('xmllint');
    expect(result.valid).toBe(false);
    expect(result.messages.map((m) => m.message).join('\n')).toMatch(/doc-dateTime-m(in|ax)/);
  });

  it('suggests the FRUS schema only for text that uses FRUS markup', () => {
    expect(suggestedSchema(frusDoc)).toBe('frus');
    expect(suggestedSchema(readFileSync(resolve(corpus, 'frus1952-54Guat.xml'), 'utf8'))).toBe('tei_all');
    expect(
      suggestedSchema(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="http://history.state.gov/frus/ns/1.0"><p>frus:x</p></TEI>',
      ),
    ).toBe('tei_all');
  });

  it('refuses the FRUS schema through xmllint, which cannot read compact syntax', async () => {
    await expect(validateTei(frusDoc, { schema: 'frus', validator: 'xmllint' })).rejects.toThrow(/compact syntax/);
  });
});
