/**
 * `siglum entities` and `siglum mentions`, run as a user runs them (node
 * electron/bin/siglum.mjs) on a project holding the Guatemala volume.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const bin = join(root, 'electron/bin/siglum.mjs');
const volume = resolve(root, '../shared/corpus/frus/frus1952-54Guat.xml');
const dir = mkdtempSync(join(tmpdir(), 'siglum-entities-cli-'));
const project = join(dir, 'guat.siglum');

function siglum(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, SIGLUM_PROJECT: '' },
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function oneLineError(r: { status: number | null; stdout: string; stderr: string }, status: number): string {
  expect(r.status).toBe(status);
  expect(r.stdout).toBe('');
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

beforeAll(() => {
  const r = siglum(['import', volume, '--project', project]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Listed {
  id: string;
  type: string;
  name: string;
  authority: Record<string, string>;
  mentions: number;
}

describe('siglum entities and siglum mentions', () => {
  it('lists the register as JSON with each entry’s number of mentions', () => {
    const r = siglum(['entities', '--project', project, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const list = JSON.parse(r.stdout) as Listed[];
    expect(list).toHaveLength(168);
    for (const e of list) expect(Object.keys(e)).toEqual(['id', 'type', 'name', 'authority', 'mentions']);
    const dulles = list.find((e) => e.name === 'Dulles, Allen')!;
    expect(dulles.type).toBe('person');
    // Counted in the XML: the pointers to his entry (a few of the back-of-book index's stand alone, not in running text).
    const pointers = readFileSync(volume, 'utf8').match(/<persName\b[^>]*corresp="#p_DAARA1"/g)?.length ?? 0;
    expect(dulles.mentions).toBeGreaterThan(pointers - 3);
    expect(dulles.mentions).toBeLessThanOrEqual(pointers);
  });

  it('lists one entry’s mentions as JSON with document, page, text and context', () => {
    const list = JSON.parse(siglum(['entities', '--project', project, '--json']).stdout) as Listed[];
    const dulles = list.find((e) => e.name === 'Dulles, Allen')!;
    const r = siglum(['mentions', dulles.id, '--project', project, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const mentions = JSON.parse(r.stdout) as Array<{
      document: string;
      page: string | null;
      text: string;
      context: string;
    }>;
    expect(mentions).toHaveLength(dulles.mentions);
    for (const m of mentions) {
      expect(Object.keys(m)).toEqual(['document', 'page', 'text', 'context']);
      expect(m.context).toContain(m.text);
    }
    expect(mentions.some((m) => m.page !== null)).toBe(true);
  });

  it('says in one line what went wrong: an unknown entity, a missing id, a missing project', () => {
    expect(oneLineError(siglum(['mentions', '99999', '--project', project, '--json']), 1)).toMatch(
      /^siglum: There is no entity with id "99999"/,
    );
    expect(oneLineError(siglum(['mentions', '--project', project]), 2)).toMatch(/mentions takes exactly one ENTITY_ID/);
    expect(oneLineError(siglum(['entities', '--project', join(dir, 'none.siglum')]), 1)).toMatch(
      /There is no project at/,
    );
  });
});
