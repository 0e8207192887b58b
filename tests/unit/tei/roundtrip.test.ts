/**
 * Round trips over every TEI file in ../shared/corpus (FRUS volumes and any other
 * file whose root is TEI) and the TEI of other shapes in tests/fixtures/tei (a
 * novel, a manuscript description, a drama): exporting an imported volume gives
 * back the same XML (up to whitespace in element-only content and attribute
 * order) and the same reading text, block by block; importing what was exported
 * gives back the same ProseMirror documents.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportCollectionTei, exportDocumentTei, importTei } from '../../../edition/tei/index.ts';
import { parseXml, type XmlElement } from '../../../edition/xml/index.ts';
import { canonicalDifference } from './canonical.ts';
import { readingBlocks, readingDifference } from './readingText.ts';
import { withoutLayout } from './withoutLayout.ts';

const corpus = resolve(import.meta.dirname, '../../../../shared/corpus');
const fixtures = resolve(import.meta.dirname, '../../fixtures/tei');
const TEI = 'http://www.tei-c.org/ns/1.0';

/** Every .xml file under `dir` whose root element is TEI's `<TEI>`. */
function teiFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !e.name.endsWith('.xml')) continue;
    const path = join(e.parentPath, e.name);
    const head = readFileSync(path, 'utf8').slice(0, 4000);
    if (/<TEI[\s>]/.test(head) && head.includes(TEI)) out.push(path);
  }
  return out.sort();
}

const files = [...teiFiles(corpus), ...teiFiles(fixtures)];

it('finds the TEI files of the corpus and the fixtures', () => {
  expect(files.filter((f) => f.startsWith(corpus)).length).toBeGreaterThanOrEqual(4);
  expect(files.filter((f) => f.startsWith(fixtures)).length).toBeGreaterThanOrEqual(3);
});

/** The element whose content a document came from: its div with this xml:id, else the body. */
function container(root: XmlElement, key: string): XmlElement {
  let found: XmlElement | null = null;
  const walk = (el: XmlElement): void => {
    for (const c of el.children) {
      if (found || c.type !== 'element') continue;
      if (c.attrs.some((a) => a.name === 'xml:id' && a.value === key) || (key === 'body' && c.name === 'body'))
        found = c;
      else walk(c);
    }
  };
  walk(root);
  if (!found) throw new Error(`no container ${key}`);
  return found;
}

describe.each(files.map((f) => [relative(resolve(corpus, '..'), f), f]))('%s', (_name, path) => {
  const file = path.slice(path.lastIndexOf('/') + 1);
  const text = readFileSync(path, 'utf8');
  const imported = importTei(text, file);
  const docs = new Map(imported.documents.map((d) => [d.key, d.doc]));

  it('imports every document div as a document', () => {
    const divs = text.match(/<div\s[^>]*type="document"/g) ?? [];
    expect(imported.documents.filter((d) => d.kind === 'document')).toHaveLength(Math.max(divs.length, 1));
    expect(new Set(imported.documents.map((d) => d.key)).size).toBe(imported.documents.length);
  });

  it('exports the volume back to the same XML and the same reading text', () => {
    const exported = exportCollectionTei(imported.collection.frame, docs);
    expect(canonicalDifference(text, exported)).toBeNull();
  });

  it('imports the exported volume to the same ProseMirror documents', () => {
    const again = importTei(exportCollectionTei(imported.collection.frame, docs), file);
    expect(again.documents.map((d) => d.key)).toEqual(imported.documents.map((d) => d.key));
    for (const [i, d] of again.documents.entries()) expect(d.doc).toEqual(imported.documents[i]!.doc);
  });

  it('exports each document on its own with its reading text, and imports it to the same ProseMirror document', () => {
    const source = parseXml(text).root;
    for (const d of imported.documents.filter((x) => x.kind === 'document')) {
      const xml = exportDocumentTei(d.doc, d.meta, { frame: imported.collection.frame, key: d.key });
      const body = container(parseXml(xml).root, 'body');
      const own = d.key === 'body' ? body : container(body, d.key);
      const expected = readingBlocks({ ...container(source, d.key), name: 'div' });
      expect(readingDifference(expected, readingBlocks({ ...own, name: 'div' })), d.key).toBeNull();
      const again = importTei(xml, `${d.key}.xml`);
      expect(again.documents).toHaveLength(1);
      // On its own the document stands elsewhere than in its volume: its whitespace is re-indented.
      expect(withoutLayout(again.documents[0]!.doc), d.key).toEqual(withoutLayout(d.doc));
    }
  });
});
