/**
 * What XML allows, end to end through `siglum`: a teiCorpus (what `export --all`
 * writes) imports as one volume per TEI and exports again to the same volumes;
 * a UTF-16 file imports and exports as UTF-8; a failed import into a project that
 * did not exist leaves no file behind; an empty project's `export --all` is
 * refused in one line.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseXml, serializeXml, type XmlElement } from '../../../edition/xml/index.ts';
import { openService } from '../../../electron/service/index.ts';
import { canonicalDifference } from '../../unit/tei/canonical.ts';

const root = resolve(import.meta.dirname, '../../..');
const bin = join(root, 'electron/bin/siglum.mjs');
const corpus = resolve(root, '../shared/corpus');
const seedText = join(corpus, 'seed/frus1933v03-d63-grew-256.txt');
const volumeFile = join(corpus, 'frus/frus1938v03-d480-d486.xml');
const novel = join(root, 'tests/fixtures/tei/novel-chapter.xml');
const drama = join(root, 'tests/fixtures/tei/drama.xml');

let dir: string;

function siglum(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, SIGLUM_PROJECT: '' },
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function ok(args: string[]): string {
  const r = siglum(args);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

/**
 * An export of a source that has dangling pointers of its own (the 1938 excerpts point
 * at renditions they do not define): each is named on stderr and the status is 3.
 */
function runExport(args: string[]): string {
  const r = siglum(args);
  const warnings = r.stderr.split('\n').filter((l) => l !== '');
  for (const w of warnings)
    expect(w).toMatch(/^siglum: warning: <\w+ \w+="#(right|left)"> points at an id the file does not have\.$/);
  expect(r.status).toBe(warnings.length > 0 ? 3 : 0);
  return r.stdout;
}

function oneLineError(args: string[]): string {
  const r = siglum(args);
  expect(r.status).toBe(1);
  expect(r.stdout).toBe('');
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

function list(project: string): { collections: Array<{ title: string }>; documents: Array<{ title: string }> } {
  return JSON.parse(ok(['list', '--project', project, '--json']));
}

/** The TEI volumes of a teiCorpus, each as a file of its own (the corpus header, which names the project, left out). */
function volumesOf(xml: string): string[] {
  const corpusRoot = parseXml(xml).root;
  return corpusRoot.children
    .filter((c): c is XmlElement => c.type === 'element' && c.name === 'TEI')
    .map((tei) =>
      serializeXml({
        declaration: null,
        bom: false,
        crlf: false,
        prolog: [],
        root: {
          ...tei,
          attrs: [
            ...corpusRoot.attrs.filter((a) => a.name.startsWith('xmlns') && !tei.attrs.some((b) => b.name === a.name)),
            ...tei.attrs,
          ],
        },
        epilog: [],
      }),
    );
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'siglum-files-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('a teiCorpus', () => {
  it('imports as one volume per TEI, so that export --all round trips', () => {
    const first = join(dir, 'first.siglum');
    ok(['import', volumeFile, novel, drama, seedText, '--project', first, '--json']);
    const before = list(first);
    const all = join(dir, 'all.xml');
    runExport(['export', '--all', '--format', 'tei', '--out', all, '--project', first]);
    const corpusXml = readFileSync(all, 'utf8');
    expect(corpusXml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<teiCorpus /);

    const second = join(dir, 'second.siglum');
    const imported = JSON.parse(ok(['import', all, '--project', second, '--json'])) as {
      documents: Array<{ collectionId: string | null }>;
    };
    expect(new Set(imported.documents.map((d) => d.collectionId)).size).toBe(4);
    const after = list(second);
    expect(after.collections).toHaveLength(4);
    expect(after.documents.map((d) => d.title).sort()).toEqual(before.documents.map((d) => d.title).sort());

    const again = join(dir, 'again.xml');
    runExport(['export', '--all', '--format', 'tei', '--out', again, '--project', second]);
    const a = volumesOf(corpusXml);
    const b = volumesOf(readFileSync(again, 'utf8'));
    expect(a).toHaveLength(4);
    expect(b).toHaveLength(4);
    for (const [i, volume] of a.entries()) expect(canonicalDifference(volume, b[i]!), `volume ${i + 1}`).toBeNull();
  });
});

describe('encodings', () => {
  it('imports a UTF-16 file with a byte-order mark and exports it as UTF-8 that says so', () => {
    const text = readFileSync(volumeFile, 'utf8').replace(/^<\?xml[^>]*\?>/, '<?xml version="1.0" encoding="UTF-16"?>');
    const wide = join(dir, 'wide.xml');
    writeFileSync(wide, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const project = join(dir, 'p.siglum');
    ok(['import', wide, '--project', project, '--json']);
    const { collections } = JSON.parse(ok(['list', '--project', project, '--json'])) as {
      collections: Array<{ id: string }>;
    };
    const out = join(dir, 'out.xml');
    runExport(['export', '--collection', collections[0]!.id, '--format', 'tei', '--out', out, '--project', project]);
    const bytes = readFileSync(out);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('<?xml');
    const exported = bytes.toString('utf8');
    expect(exported.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(canonicalDifference(readFileSync(volumeFile, 'utf8'), exported)).toBeNull();
  });
});

describe('refusals that leave nothing behind', () => {
  it('a failed import into a project that did not exist leaves no project file', () => {
    const bad = join(dir, 'bad.xml');
    writeFileSync(bad, '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>unclosed</body></text></TEI>');
    const project = join(dir, 'new.siglum');
    expect(oneLineError(['import', bad, '--project', project])).toMatch(/^siglum: bad\.xml:1:\d+: /);
    expect(readdirSync(dir).sort()).toEqual(['bad.xml']);
    expect(existsSync(project)).toBe(false);
  });

  it("an empty project's export --all is refused in one sentence and writes nothing", async () => {
    const project = join(dir, 'empty.siglum');
    (await openService(project, { create: true, seed: false })).close();
    const out = join(dir, 'all.xml');
    expect(oneLineError(['export', '--all', '--format', 'tei', '--out', out, '--project', project])).toBe(
      'siglum: The project has no documents to export; import or create one first.',
    );
    expect(existsSync(out)).toBe(false);
  });
});
