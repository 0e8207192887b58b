/**
 * Round trips over every FRUS file in ../shared/corpus/frus: exporting an
 * imported volume gives back the same XML (up to whitespace in element-only
 * content and attribute order), and importing what was exported gives back the
 * same ProseMirror documents.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportCollectionTei, exportDocumentTei, importTei } from '../../../edition/tei/index.ts';
import { canonicalDifference } from './canonical.ts';

const corpus = resolve(import.meta.dirname, '../../../../shared/corpus/frus');
const files = readdirSync(corpus)
  .filter((f) => f.endsWith('.xml'))
  .sort();

describe.each(files)('%s', (file) => {
  const text = readFileSync(join(corpus, file), 'utf8');
  const imported = importTei(text, file);
  const docs = new Map(imported.documents.map((d) => [d.key, d.doc]));

  it('imports every document div as a document', () => {
    const divs = text.match(/<div\s[^>]*type="document"/g) ?? [];
    expect(divs.length).toBeGreaterThan(0);
    expect(imported.documents.filter((d) => d.kind === 'document')).toHaveLength(divs.length);
    expect(new Set(imported.documents.map((d) => d.key)).size).toBe(imported.documents.length);
  });

  it('exports the volume back to the same XML', () => {
    const exported = exportCollectionTei(imported.collection.frame, docs);
    expect(canonicalDifference(text, exported)).toBeNull();
  });

  it('imports the exported volume to the same ProseMirror documents', () => {
    const again = importTei(exportCollectionTei(imported.collection.frame, docs), file);
    expect(again.documents.map((d) => d.key)).toEqual(imported.documents.map((d) => d.key));
    for (const [i, d] of again.documents.entries()) expect(d.doc).toEqual(imported.documents[i]!.doc);
  });

  it('imports each document exported on its own to the same ProseMirror document', () => {
    for (const d of imported.documents.filter((x) => x.kind === 'document')) {
      const xml = exportDocumentTei(d.doc, d.meta, { frame: imported.collection.frame, key: d.key });
      const again = importTei(xml, `${d.key}.xml`);
      expect(again.documents).toHaveLength(1);
      expect(again.documents[0]!.doc, d.key).toEqual(d.doc);
    }
  });
});
