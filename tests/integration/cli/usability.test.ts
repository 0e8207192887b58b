/**
 * The command line as a user at a terminal meets it: help per command, output into a
 * pipe that closes early, tables that fit the width, messages that name the next step.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const bin = join(root, 'electron/bin/siglum.mjs');
const corpus = resolve(root, '../shared/corpus');
const dir = mkdtempSync(join(tmpdir(), 'siglum-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function siglum(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, SIGLUM_PROJECT: '' },
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Two long witnesses that differ here and there, so the table is thousands of characters wide. */
function longWitnesses(): [string, string] {
  const words = 'the Ambassador in Japan reports to the Secretary of State on Soviet relations'.split(' ');
  const a = Array.from({ length: 3000 }, (_, i) => words[(i * 7) % words.length]).join(' ');
  const b = a.replace(/Soviet/g, 'Russian').replace(/Japan/g, 'Nippon');
  const fa = join(dir, 'A.txt');
  const fb = join(dir, 'B.txt');
  writeFileSync(fa, a);
  writeFileSync(fb, b);
  return [fa, fb];
}

describe('help for one command', () => {
  it('prints the export section for `siglum help export` and `siglum export --help`, not the general usage', () => {
    for (const args of [
      ['help', 'export'],
      ['export', '--help'],
    ]) {
      const r = siglum(args);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^Usage: siglum export DOC_ID/);
      expect(r.stdout).toContain('--format tei|pdf|html|latex');
      expect(r.stdout).not.toContain('collate FILE');
    }
  });

  it('points a usage mistake at the help of its own command', () => {
    const r = siglum(['export', '--bogus']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe("siglum: Unknown option '--bogus'. Run `siglum help export` for usage.");
  });

  it('refuses help on a command that does not exist', () => {
    const r = siglum(['help', 'frobnicate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('"frobnicate" is not a siglum command.');
  });
});

describe('output into a pipe', () => {
  it('stops quietly when the reader closes the pipe early (siglum ... | head)', () => {
    const [a, b] = longWitnesses();
    const r = spawnSync(
      'bash',
      ['-o', 'pipefail', '-c', `"${process.execPath}" "${bin}" collate "${a}" "${b}" --format json | head -c 100`],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(r.stdout).toHaveLength(100);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('collate --format table', () => {
  it('wraps the table to 100 columns when the output is not a terminal, keeping every reading', () => {
    const [a, b] = longWitnesses();
    const r = siglum(['collate', a, b]);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n').filter((l) => l !== '');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(100);
    expect(lines.length).toBeGreaterThan(10);
    // Count each witness's words across blocks and wrapped lines: none is lost.
    const words = new Map<string, number>();
    let current = '';
    for (const line of lines) {
      if (line.startsWith('+')) continue;
      const cells = line.split('|').slice(1, -1);
      current = cells[0]!.trim() || current;
      const n = cells
        .slice(1)
        .flatMap((c) => c.trim().split(' '))
        .filter((w) => w !== '' && w !== '-').length;
      words.set(current, (words.get(current) ?? 0) + n);
    }
    expect(Object.fromEntries(words)).toEqual({ A: 3000, B: 3000 });
    expect(r.stdout).toContain('Nippon');
  });
});

describe('messages that name the next step', () => {
  it('says a text file given to validate is not XML and what to give instead', () => {
    const file = join(dir, 'despatch.txt');
    writeFileSync(file, 'Tokyo, January 13, 1933.\n\nSir: During the month of December\n');
    const r = siglum(['validate', file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe(
      `siglum: ${file} is not XML (it does not start with a tag). Give validate a TEI file (.xml); to bring plain text in, use \`siglum import\`.`,
    );
  });

  it('names `siglum list` when a document id is not in the project', () => {
    const project = join(dir, 'p.siglum');
    expect(siglum(['import', join(corpus, 'seed/frus1933v03-d63-grew-256.txt'), '--project', project]).status).toBe(0);
    const r = siglum(['export', '999', '--out', join(dir, 'out.xml'), '--project', project]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('`siglum list`');
  });
});
