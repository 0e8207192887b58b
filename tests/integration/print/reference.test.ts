/**
 * The seed edition's pages, looked at as images: each page of the PDF is rendered
 * with pdftoppm and compared pixel by pixel with a reference rendering kept in
 * tests/fixtures/print. A layout change that moves text, drops the apparatus or
 * changes fonts shows as a difference. After a deliberate change of the look,
 * regenerate the references with SIGLUM_UPDATE_REFERENCE=1 and look at them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPdf } from '../../../electron/pdf/render.ts';
import { seedEdition } from './seed-edition.ts';

const REFERENCE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'print');
const DPI = '40';

interface Gray {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** Reads a binary PGM (P5, maxval 255), the format pdftoppm -gray writes. */
function readPgm(bytes: Buffer): Gray {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 64).toString('latin1'));
  if (!header || header[3] !== '255') throw new Error('not an 8-bit binary PGM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  const pixels = bytes.subarray(header[0].length, header[0].length + width * height);
  return { width, height, pixels: new Uint8Array(pixels) };
}

/** Share of pixels whose grey differs by more than a quarter of the range. */
function differingShare(a: Gray, b: Gray): number {
  let differing = 0;
  for (let i = 0; i < a.pixels.length; i++) {
    if (Math.abs((a.pixels[i] ?? 0) - (b.pixels[i] ?? 0)) > 64) differing++;
  }
  return differing / a.pixels.length;
}

let dir: string;
let pages: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'siglum-reference-'));
  const pdf = join(dir, 'seed.pdf');
  await renderPdf(seedEdition(), pdf);
  execFileSync('pdftoppm', ['-gray', '-r', DPI, pdf, join(dir, 'page')]);
  pages = readdirSync(dir)
    .filter((f) => f.endsWith('.pgm'))
    .sort();
  if (process.env['SIGLUM_UPDATE_REFERENCE'] === '1') {
    for (const [i, page] of pages.entries()) {
      writeFileSync(join(REFERENCE_DIR, `seed-page-${i + 1}.pgm`), readFileSync(join(dir, page)));
    }
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the seed edition compared with its reference rendering', () => {
  it('has as many pages as the reference', () => {
    const references = readdirSync(REFERENCE_DIR).filter((f) => /^seed-page-\d+\.pgm$/.test(f));
    expect(references.length).toBeGreaterThan(0);
    expect(pages.length).toBe(references.length);
  });

  it('matches the reference on every page, pixel for pixel within a small tolerance', () => {
    for (const [i, page] of pages.entries()) {
      const referencePath = join(REFERENCE_DIR, `seed-page-${i + 1}.pgm`);
      expect(existsSync(referencePath), `reference for page ${i + 1}`).toBe(true);
      const actual = readPgm(readFileSync(join(dir, page)));
      const reference = readPgm(readFileSync(referencePath));
      expect([actual.width, actual.height]).toEqual([reference.width, reference.height]);
      // Anti-aliasing may differ in a few pixels; a moved line changes thousands.
      expect(differingShare(actual, reference), `page ${i + 1}`).toBeLessThan(0.002);
    }
  });
});
