/**
 * The reledmac export typeset for real: the seed edition's LaTeX goes through
 * LuaLaTeX three times (reledmac places notes and line numbers from the previous
 * run), and the PDF, read back with pdftotext, holds every apparatus entry with its
 * line number, both footnotes and the page breaks of the source.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLatex } from '../../../edition/publish/latex/index.ts';
import { SEED_VARIANTS, seedEdition } from '../print/seed-edition.ts';

let dir: string;
let text: string;
let log: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'siglum-latex-'));
  writeFileSync(join(dir, 'seed.tex'), buildLatex(seedEdition()));
  for (let run = 0; run < 3; run++) {
    log = execFileSync('lualatex', ['-interaction=nonstopmode', '-halt-on-error', 'seed.tex'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 180_000,
    });
  }
  text = execFileSync('pdftotext', ['-layout', join(dir, 'seed.pdf'), '-'], { encoding: 'utf8' });
}, 600_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const squash = (s: string) => s.replace(/\s+/g, ' ');

describe('the LaTeX export typeset with LuaLaTeX and reledmac', () => {
  it('compiles without errors or undefined references', () => {
    expect(log).not.toMatch(/^! /m);
    expect(log).not.toMatch(/undefined references/);
  });

  it('prints every apparatus entry as "line lemma ] reading sigla"', () => {
    const flat = squash(text);
    for (const variant of SEED_VARIANTS) {
      const reading = variant.readings[0];
      const shown = reading?.text === '' ? 'om.' : reading?.text;
      const lemma = variant.lemma.split(' ').length > 3 ? variant.lemma.split(' ')[0] : variant.lemma;
      expect(flat, variant.lemma).toMatch(new RegExp(`\\d+(–\\d+)? ${escape(lemma!)}.*?\\] ${escape(shown!)}`));
    }
  });

  it('prints the text, both footnotes and the source page breaks', () => {
    const flat = squash(text);
    expect(flat).toContain('put Up in Tokyo');
    expect(flat.match(/Not printed\./g)?.length).toBe(2);
    expect(flat).toContain('[69]');
    expect(flat).toContain('[70]');
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
