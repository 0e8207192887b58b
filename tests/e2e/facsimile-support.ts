/**
 * What the page-image specs share: the Kant material (its two TIFFs and PAGE ground
 * truth), the line zones read from a PAGE file, calls to the API from the page (with
 * the page's own cookie), and whether the viewer's canvas shows an image.
 */
import { expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const KANT = resolve(root, '../shared/corpus/facsimile/kant_aufklaerung_1784');
export const KANT_IMAGES = [resolve(KANT, 'OCR-D-IMG/INPUT_0017.tif'), resolve(KANT, 'OCR-D-IMG/INPUT_0020.tif')];
export const TEI_ALL = resolve(root, '../shared/schema/tei_all.rng');

export interface PageLine {
  id: string;
  points: Array<[number, number]>;
  text: string;
}

/** The text lines of a PAGE file in file order: id, outline, and the line's own text. */
export function pageLines(file: string): PageLine[] {
  const xml = readFileSync(file, 'utf8');
  return xml
    .split(/<TextLine\b/)
    .slice(1)
    .map((chunk) => {
      const line = chunk.slice(0, chunk.indexOf('</TextLine>'));
      const id = /\bid="([^"]+)"/.exec(line)![1]!;
      const coords = /<Coords points="([^"]+)"/.exec(line)![1]!;
      // The line's own TextEquiv is the last one in it (after its words').
      const equivs = [...line.matchAll(/<TextEquiv[^>]*>\s*<Unicode>([^<]*)<\/Unicode>/g)];
      return {
        id,
        points: coords.split(/\s+/).map((p) => p.split(',').map(Number) as [number, number]),
        text: equivs[equivs.length - 1]?.[1] ?? '',
      };
    });
}

/** Calls the API from the page, as the window does; throws the Node side's message on a refusal. */
export async function api<T>(page: Page, method: string, args: unknown): Promise<T> {
  const reply = await page.evaluate(
    async ([m, a]) => {
      const res = await fetch(`/api/${m}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(a),
      });
      return (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
    },
    [method, args] as const,
  );
  if (!reply.ok) throw new Error(`${method}: ${reply.error?.message ?? 'refused'}`);
  return reply.value as T;
}

/** Waits until the viewer has drawn tiles and its canvas is not blank (many distinct shades). */
export async function expectImageShown(page: Page): Promise<void> {
  const viewer = page.locator('.facsimile-viewer');
  await expect
    .poll(async () => Number(await viewer.getAttribute('data-tiles-drawn')), { timeout: 30_000 })
    .toBeGreaterThan(0);
  await expect
    .poll(
      () =>
        viewer.evaluate((el) => {
          const canvas = el.querySelector<HTMLCanvasElement>('.openseadragon-canvas > canvas');
          const ctx = canvas?.getContext('2d');
          if (!canvas || !ctx || canvas.width === 0) return 0;
          const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
          const shades = new Set<number>();
          for (let i = 0; i < data.length; i += 4 * 97)
            shades.add((data[i]! >> 3) * 1024 + (data[i + 1]! >> 3) * 32 + (data[i + 2]! >> 3));
          return shades.size;
        }),
      { timeout: 30_000 },
    )
    .toBeGreaterThan(50);
}
