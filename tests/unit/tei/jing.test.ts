/**
 * Exported TEI validates: every document of every FRUS file, exported on its
 * own, against tei_all, or against the FRUS schema when it keeps FRUS markup;
 * exported volumes wherever their source validates; a project as a teiCorpus.
 * jing (Debian package) does the validating, many files per run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  exportCollectionTei,
  exportDocumentTei,
  exportProjectTei,
  importTei,
  newFrame,
} from '../../../edition/tei/index.ts';

const shared = resolve(import.meta.dirname, '../../../../shared');
const corpus = join(shared, 'corpus/frus');
const TEI_ALL = join(shared, 'schema/tei_all.rng');
const FRUS = join(shared, 'schema/frus/frus.rnc');
const dir = mkdtempSync(join(tmpdir(), 'siglum-jing-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** jing's error lines for these files (empty when all are valid). */
function jing(schema: string, files: string[]): string[] {
  if (files.length === 0) return [];
  const args = schema.endsWith('.rnc') ? ['-c', schema, ...files] : [schema, ...files];
  const run = spawnSync('jing', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw run.error;
  return run.stdout.split('\n').filter((l) => l.includes('error:'));
}

const usesFrus = (xml: string): boolean => /<frus:|\sfrus:[\w-]+="/.test(xml);

describe('TEI export validates', () => {
  const byFile = readdirSync(corpus)
    .filter((f) => f.endsWith('.xml'))
    .sort()
    .map((file) => ({ file, imported: importTei(readFileSync(join(corpus, file), 'utf8'), file) }));

  it('every document exported on its own, against tei_all or (with FRUS markup) the FRUS schema', () => {
    const teiAll: string[] = [];
    const frus: string[] = [];
    for (const { file, imported } of byFile) {
      for (const d of imported.documents) {
        const xml = exportDocumentTei(d.doc, d.meta, { frame: imported.collection.frame, key: d.key });
        const path = join(dir, `${file.replace(/\.xml$/, '')}-${d.key}.xml`);
        writeFileSync(path, xml);
        (usesFrus(xml) ? frus : teiAll).push(path);
      }
    }
    expect(teiAll.length + frus.length).toBeGreaterThan(900);
    expect(frus.length).toBeGreaterThan(0);
    expect(jing(TEI_ALL, teiAll)).toEqual([]);
    expect(jing(FRUS, frus)).toEqual([]);
  });

  it('a FRUS document keeps its frus: attributes and is not valid against plain tei_all', () => {
    const { imported } = byFile.find((f) => f.file === 'frus1938v03-d486-grew-3534.xml')!;
    const d = imported.documents[0]!;
    const xml = exportDocumentTei(d.doc, d.meta, { frame: imported.collection.frame, key: d.key });
    expect(xml).toContain('frus:doc-dateTime-min="1938-12-22T00:00:00Z"');
    const path = join(dir, 'd486-alone.xml');
    writeFileSync(path, xml);
    expect(jing(TEI_ALL, [path]).join('\n')).toMatch(/frus:doc-dateTime-min/);
    expect(jing(FRUS, [path])).toEqual([]);
  });

  it('volumes whose source is valid stay valid when exported', () => {
    const out = (file: string): string => {
      const { imported } = byFile.find((f) => f.file === file)!;
      const path = join(dir, `volume-${file}`);
      writeFileSync(
        path,
        exportCollectionTei(imported.collection.frame, new Map(imported.documents.map((d) => [d.key, d.doc]))),
      );
      return path;
    };
    expect(jing(TEI_ALL, [out('frus1952-54Guat.xml')])).toEqual([]);
    expect(jing(FRUS, [out('frus1938v03-d480-d486.xml'), out('frus1938v03-d486-grew-3534.xml')])).toEqual([]);
  });

  it('a project exports as a valid teiCorpus', () => {
    const guat = byFile.find((f) => f.file === 'frus1952-54Guat.xml')!.imported;
    const loose = importTei(
      '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader><text><body><head>A note</head><p>Text <hi rend="italic">here</hi>.</p></body></text></TEI>',
      'loose.xml',
    );
    const xml = exportProjectTei([
      { frame: guat.collection.frame, docs: new Map(guat.documents.map((d) => [d.key, d.doc])) },
      { frame: newFrame(loose.documents[0]!.meta, ['x']), docs: new Map([['x', loose.documents[0]!.doc]]) },
    ]);
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<teiCorpus xmlns="http:\/\/www.tei-c.org\/ns\/1.0">/,
    );
    const path = join(dir, 'project.xml');
    writeFileSync(path, xml);
    expect(jing(TEI_ALL, [path])).toEqual([]);
  });

  it('the novel, manuscript description and drama of tests/fixtures/tei export valid, as volumes and document by document', () => {
    const fixtures = resolve(import.meta.dirname, '../../fixtures/tei');
    const paths: string[] = [];
    for (const file of readdirSync(fixtures).filter((f) => f.endsWith('.xml'))) {
      const imported = importTei(readFileSync(join(fixtures, file), 'utf8'), file);
      const docs = new Map(imported.documents.map((d) => [d.key, d.doc]));
      paths.push(join(dir, `fixture-${file}`));
      writeFileSync(paths.at(-1)!, exportCollectionTei(imported.collection.frame, docs));
      for (const d of imported.documents.filter((x) => x.kind === 'document')) {
        paths.push(join(dir, `fixture-${d.key}-${file}`));
        writeFileSync(
          paths.at(-1)!,
          exportDocumentTei(d.doc, d.meta, { frame: imported.collection.frame, key: d.key }),
        );
      }
    }
    expect(paths.length).toBeGreaterThanOrEqual(6);
    expect(jing(TEI_ALL, paths)).toEqual([]);
  });
});
