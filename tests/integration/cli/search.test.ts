/**
 * `siglum search`, run as a user runs it, on a temporary project holding a FRUS
 * excerpt: JSON output, parts, regular expressions and one-line errors.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const bin = join(root, 'electron/bin/siglum.mjs');
const volumeFile = resolve(root, '../shared/corpus/frus/frus1938v03-d480-d486.xml');

let dir: string;
let project: string;

function siglum(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, SIGLUM_PROJECT: '' },
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface SearchJson {
  total: number;
  hits: Array<{ document: string | null; title: string; field: string; context: string }>;
}

function search(args: string[]): SearchJson {
  const r = siglum(['search', ...args, '--project', project, '--json']);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as SearchJson;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'siglum-cli-search-'));
  project = join(dir, 'p.siglum');
  const r = siglum(['import', volumeFile, '--project', project]);
  expect(r.status).toBe(0);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('siglum search', () => {
  it('prints the total and each hit with document, title, field and context', () => {
    const r = search(['communique']);
    expect(r.total).toBe(2);
    expect(r.hits).toHaveLength(2);
    expect(Object.keys(r.hits[0]!).sort()).toEqual(['context', 'document', 'field', 'title']);
    expect(r.hits[0]).toMatchObject({ field: 'text', title: expect.stringMatching(/^480\. The Chargé/) });
    expect(r.hits[0]!.context).toContain('communiqué');
  }, 60_000);

  it('keeps to one part with --in, and runs a regular expression with --regex', () => {
    const notes = search(['printed', '--in', 'notes']);
    expect(notes.total).toBeGreaterThan(0);
    expect(notes.hits.every((h) => h.field === 'notes')).toBe(true);
    const regex = search(['Khas[a]n\\b', '--regex', '--in', 'text,notes']);
    expect(regex.total).toBe(search(['Khasan', '--in', 'text', '--in', 'notes']).total);
  }, 60_000);

  it('says in one line what is wrong with a bad expression or part', () => {
    const bad = siglum(['search', '(x', '--regex', '--project', project, '--json']);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/^siglum: "\(x" is not a valid regular expression/);
    const part = siglum(['search', 'x', '--in', 'footnotes', '--project', project]);
    expect(part.status).toBe(2);
    expect(part.stderr).toMatch(/--in takes text, notes, apparatus, names, titles, meta/);
  }, 60_000);
});

describe('siglum search right after importing a whole volume', () => {
  it('builds the index in its thread, waits for it, and prints the whole count', () => {
    const big = join(dir, 'guatemala.siglum');
    const guatemala = resolve(root, '../shared/corpus/frus/frus1952-54Guat.xml');
    expect(siglum(['import', guatemala, '--project', big]).status).toBe(0);
    const r = siglum(['search', 'Arbenz', '--project', big, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const { total } = JSON.parse(r.stdout) as SearchJson;
    // The same count once the index is there for certain (a second search finds nothing stale).
    const again = siglum(['search', 'Arbenz', '--project', big, '--json']);
    expect(total).toBeGreaterThan(100);
    expect((JSON.parse(again.stdout) as SearchJson).total).toBe(total);
  });
});
