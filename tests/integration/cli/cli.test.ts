/**
 * The `siglum` command line, run as a user runs it (node electron/bin/siglum.mjs) on
 * temporary projects, with the seed despatch and a FRUS TEI file from ../shared/corpus.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const bin = join(root, 'electron/bin/siglum.mjs');
const corpus = resolve(root, '../shared/corpus');
const seedText = join(corpus, 'seed/frus1933v03-d63-grew-256.txt');
const teiFile = join(corpus, 'frus/frus1938v03-d486-grew-3534.xml');
const volumeFile = join(corpus, 'frus/frus1938v03-d480-d486.xml');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

let dir: string;
let project: string;

function siglum(args: string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, SIGLUM_PROJECT: '', ...env },
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A failed run: non-zero status, nothing on stdout, exactly one line on stderr. */
function expectOneLineError(r: Run, status = 1): string {
  expect(r.status).toBe(status);
  expect(r.stdout).toBe('');
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^siglum: /);
  return lines[0]!;
}

function listJson(path = project): {
  documents: Array<{ id: string; title: string; collectionId: string | null }>;
  collections: Array<{ id: string; title: string }>;
} {
  const r = siglum(['list', '--project', path, '--json']);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout);
}

function importJson(files: string[]): {
  documents: Array<{ id: string; title: string; collectionId: string | null }>;
} {
  const r = siglum(['import', ...files, '--project', project, '--json']);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'siglum-cli-'));
  project = join(dir, 'edition.siglum');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('siglum import and list', () => {
  it('imports the seed despatch into a new project and prints its documents as JSON', () => {
    const out = importJson([seedText]);
    expect(out.documents).toHaveLength(1);
    // The same field names as list --json.
    expect(Object.keys(out.documents[0]!).sort()).toEqual(['collectionId', 'id', 'title']);
    expect(out.documents[0]!.title).toContain('Grew');
    expect(existsSync(project)).toBe(true);

    const listed = listJson();
    expect(listed.documents.map((d) => d.id)).toEqual([out.documents[0]!.id]);
  });

  it('imports a FRUS TEI volume as one collection holding its documents', () => {
    const out = importJson([volumeFile]);
    expect(out.documents.length).toBeGreaterThanOrEqual(7);
    const collections = new Set(out.documents.map((d) => d.collectionId));
    expect(collections.size).toBe(1);
    expect([...collections][0]).toEqual(expect.any(String));

    const listed = listJson();
    expect(listed.collections).toHaveLength(1);
    expect(listed.documents.filter((d) => d.collectionId === listed.collections[0]!.id)).toHaveLength(
      out.documents.length,
    );
    expect(listed.collections[0]!.id).toBe([...collections][0]);
  });

  it('imports several files in one go and lists them in a human-readable form without --json', () => {
    importJson([seedText, teiFile]);
    const r = siglum(['list', '--project', project]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Grew');
    expect(r.stdout).toContain(project);
  });

  it('uses $SIGLUM_PROJECT when --project is not given', () => {
    const r = siglum(['import', seedText, '--json'], { SIGLUM_PROJECT: project });
    expect(r.status).toBe(0);
    expect(listJson().documents).toHaveLength(1);
  });

  it('creates the per-user default project, seeded with the sample despatch, in the user data folder', () => {
    const r = siglum(['list', '--json'], { HOME: dir, XDG_CONFIG_HOME: join(dir, 'config') });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const listed = JSON.parse(r.stdout) as { documents: Array<{ title: string }>; project: { path: string } };
    expect(listed.project.path).toBe(join(dir, 'config', 'Siglum', 'Siglum.siglum'));
    expect(listed.documents.map((d) => d.title).join(' ')).toContain('Grew');
  });
});

describe('siglum import of a volume already in the project', () => {
  it('refuses without a choice, in one line naming the options, and changes nothing', () => {
    importJson([volumeFile]);
    const before = readFileSync(project);
    const line = expectOneLineError(siglum(['import', volumeFile, '--project', project]));
    expect(line).toContain('frus1938v03-d480-d486.xml is already in the project');
    for (const option of ['--update', '--replace', '--as-new']) expect(line).toContain(option);
    expect(readFileSync(project).equals(before)).toBe(true);
    expect(listJson().collections).toHaveLength(1);
    expectOneLineError(siglum(['import', volumeFile, '--update', '--replace', '--project', project]), 2);
  });

  it('imports a second volume with --as-new and reports an update with --update', () => {
    importJson([volumeFile]);
    const copy = siglum(['import', volumeFile, '--as-new', '--project', project, '--json']);
    expect(copy.status).toBe(0);
    expect(listJson().collections).toHaveLength(2);
    const changed = join(dir, 'frus1938v03-d480-d486.xml');
    writeFileSync(changed, readFileSync(volumeFile, 'utf8').replace('Tass report published', 'Tass report printed'));
    const r = siglum(['import', changed, '--update', '--project', project]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /^Updated ".*" \(collection 1\) from frus1938v03-d480-d486\.xml: 6 unchanged, 1 from the file, 0 added, 0 removed, 0 changed on both sides\./,
    );
    expect(listJson().collections).toHaveLength(2);
  });
});

describe('siglum export', () => {
  it('writes one document as TEI that validates against tei_all', () => {
    const id = importJson([seedText]).documents[0]!.id;
    const out = join(dir, 'grew.xml');
    const r = siglum(['export', id, '--format', 'tei', '--out', out, '--project', project]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${out}\n0 pointers checked, all resolve.\n`);
    expect(r.status).toBe(0);
    const xml = readFileSync(out, 'utf8');
    expect(xml).toContain('<TEI');
    expect(xml).toContain('Grew');
    expect(siglum(['validate', out]).status).toBe(0);
  });

  it('writes a whole collection into an existing folder under its suggested name', () => {
    importJson([volumeFile]);
    const collection = listJson().collections[0]!.id;
    const folder = join(dir, 'out');
    mkdirSync(folder);
    const r = siglum(['export', '--collection', collection, '--out', folder, '--project', project]);
    const written = readdirSync(folder);
    expect(written).toHaveLength(1);
    const [path, summary] = r.stdout.trim().split('\n');
    expect(path).toBe(join(folder, written[0]!));
    // The excerpt keeps its source's rendition="#right" pointers, whose tagsDecl it does not have:
    // written as read, each a warning, and the exit status says so.
    expect(summary).toBe('10 pointers checked, 10 point at ids the file does not have (see warnings).');
    expect(r.stderr).toContain(
      'siglum: warning: <dateline rendition="#right"> points at an id the file does not have.',
    );
    expect(r.status).toBe(3);
    expect(readFileSync(join(folder, written[0]!), 'utf8')).toContain('xml:id="d486"');
  });

  it('writes the whole project with --all', () => {
    importJson([seedText, teiFile]);
    const out = join(dir, 'all.xml');
    const r = siglum(['export', '--all', '--out', out, '--project', project]);
    expect(r.stdout).toContain('2 pointers checked, 2 point at ids the file does not have');
    expect(r.status).toBe(3);
    const xml = readFileSync(out, 'utf8');
    expect(xml).toContain('Grew');
    expect(xml).toContain('3534');
  });
});

describe('siglum validate', () => {
  it('checks a FRUS document against tei_all by default and against the FRUS schema with --schema frus', () => {
    const strict = siglum(['validate', teiFile]);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toContain('frus:doc-dateTime-min');
    expect(strict.stderr.split('\n')[0]).toMatch(/frus1938v03-d486-grew-3534\.xml:\d+:\d+: /);
    expect(siglum(['validate', teiFile, '--schema', 'frus'])).toMatchObject({ status: 0 });
  });

  it('refuses a TEI file without a header, listing the problem with its line and column', () => {
    const bad = join(dir, 'bad.xml');
    writeFileSync(bad, '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>x</p></body></text></TEI>\n');
    const r = siglum(['validate', bad]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bad\.xml:\d+:\d+: /);
  });
});

describe('siglum errors', () => {
  it('says what went wrong in one line and creates no project when a file to import is missing', () => {
    const line = expectOneLineError(siglum(['import', join(dir, 'missing.txt'), '--project', project]));
    expect(line).toContain('missing.txt');
    expect(existsSync(project)).toBe(false);
  });

  it('leaves the project unchanged when one of the files to import is not well-formed XML', () => {
    importJson([seedText]);
    const before = listJson();
    const broken = join(dir, 'broken.xml');
    writeFileSync(broken, '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>unclosed</body></text></TEI>');
    const line = expectOneLineError(siglum(['import', teiFile, broken, '--project', project, '--json']));
    expect(line).toContain('broken.xml');
    expect(listJson()).toEqual(before);
  });

  it('creates no project when a volume parsed ahead of the import breaks on its last line', () => {
    const text = readFileSync(join(corpus, 'frus/frus1934v05.xml'), 'utf8').replace(/<\/TEI>\s*$/, '</TEX>\n');
    const broken = join(dir, 'frus1934v05-broken.xml');
    writeFileSync(broken, text);
    const line = expectOneLineError(siglum(['import', broken, '--project', project, '--json']));
    expect(line).toMatch(new RegExp(`^siglum: frus1934v05-broken\\.xml:${text.split('\n').length - 1}:\\d+: `));
    expect(existsSync(project)).toBe(false);
  });

  it('refuses to export a document that does not exist and writes no file', () => {
    importJson([seedText]);
    const out = join(dir, 'nothing.xml');
    expectOneLineError(siglum(['export', 'no-such-document', '--out', out, '--project', project]));
    expect(readdirSync(dir).filter((f) => f.startsWith('nothing'))).toEqual([]);
  });

  it('refuses to list or export a project that does not exist, without creating it', () => {
    const missing = join(dir, 'missing.siglum');
    expect(expectOneLineError(siglum(['list', '--project', missing, '--json']))).toContain('siglum import');
    expectOneLineError(siglum(['export', '--all', '--out', join(dir, 'x.xml'), '--project', missing]));
    expect(existsSync(missing)).toBe(false);
    expect(existsSync(join(dir, 'x.xml'))).toBe(false);
  });

  it('refuses a file that is not a Siglum project and leaves its bytes as they were', () => {
    const notProject = join(dir, 'notes.siglum');
    writeFileSync(notProject, 'just some notes\n');
    const before = statSync(notProject).mtimeMs;
    expect(expectOneLineError(siglum(['list', '--project', notProject]))).toContain('not a Siglum project');
    expect(readFileSync(notProject, 'utf8')).toBe('just some notes\n');
    expect(statSync(notProject).mtimeMs).toBe(before);
  });

  it('answers mistakes in the command line with exit status 2 and a pointer to --help', () => {
    expect(expectOneLineError(siglum(['frobnicate']), 2)).toContain('--help');
    expect(expectOneLineError(siglum(['list', '--colour']), 2)).toContain('--colour');
    expectOneLineError(siglum(['export', '--all', '--project', project]), 2);
    expectOneLineError(siglum(['export', 'd1', '--all', '--out', 'x.xml']), 2);
    expectOneLineError(siglum(['export', '--all', '--format', 'docx', '--out', 'x.xml']), 2);
    expectOneLineError(siglum(['serve', '--port', 'eighty']), 2);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('prints its usage with --help and exits 0', () => {
    const r = siglum(['--help']);
    expect(r.status).toBe(0);
    for (const command of ['import', 'list', 'export', 'validate', 'serve']) expect(r.stdout).toContain(`  ${command}`);
  });
});
