/**
 * The page-image viewer in Chromium, through `siglum serve`:
 *   - adding a 20-megapixel page (the Kant scan enlarged to 3740 × 5347 px, JPEG) to a
 *     document: its tiles are made once, on the Node side;
 *   - first view of that page (target ≤ 300 ms): from the click that opens the panel to
 *     the first tile drawn, and to every tile of the view drawn; then the same for the
 *     viewer's own part, from opening the image to its first tile;
 *   - caret to zone (target: within one frame): in line mode on a page of 40 linked
 *     lines, Alt+↓ from line to line; from the key event to the highlighted zone's
 *     change, and to the end of the frame that shows it.
 * Prints figures; asserts nothing.
 *
 *   npm run bench facsimile-viewer
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import sharp from 'sharp';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const scan = join(root, '../shared/corpus/facsimile/kant_aufklaerung_1784/OCR-D-IMG/INPUT_0017.tif');
const dir = mkdtempSync(join(tmpdir(), 'siglum-facsimile-viewer-bench-'));
// 3740 × 5347 px: 20.0 megapixels at the scan’s proportions.
const WIDTH = 3740;
const LINES = 40;
const STEPS = 39;

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}
function figure(label: string, value: number, target?: string): void {
  console.log(`${label.padEnd(60)} ${value.toFixed(1).padStart(8)} ms${target ? `   (target ${target})` : ''}`);
}
const load = () => loadavg()[0]!.toFixed(1);

async function startServe(project: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [join(root, 'electron/bin/siglum.mjs'), 'serve', '--project', project, '--port', '0'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/\S+token=\S+/.exec(out);
      if (m) resolve(m[0]);
    });
    child.on('exit', (code) => reject(new Error(`siglum serve exited with ${code}: ${out}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

async function api<T>(page: Page, method: string, args: unknown): Promise<T> {
  const reply = await page.evaluate(
    async ([m, a]) => {
      const res = await fetch(`/api/${m}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: a,
      });
      return (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
    },
    [method, JSON.stringify(args)] as const,
  );
  if (!reply.ok) throw new Error(`${method}: ${reply.error?.message}`);
  return reply.value as T;
}

/** The time between two performance marks of the window, or NaN when one is missing. */
async function between(page: Page, from: string, to: string): Promise<number> {
  return page.evaluate(
    ([a, b]) => {
      const first = performance.getEntriesByName(a).at(-1);
      const last = performance.getEntriesByName(b).at(-1);
      return first && last ? last.startTime - first.startTime : NaN;
    },
    [from, to] as const,
  );
}

console.log(`load average at start: ${load()} (${cpus().length} cores)`);
const big = await sharp(scan).resize({ width: WIDTH }).jpeg({ quality: 85 }).toBuffer({ resolveWithObject: true });
console.log(
  `page: ${big.info.width} × ${big.info.height} px (${((big.info.width * big.info.height) / 1e6).toFixed(1)} MP), ${(big.data.length / 1e6).toFixed(1)} MB JPEG`,
);
const lines = Array.from({ length: LINES }, (_, i) => `<lb facs="#line${i}"/>Zeile ${i + 1} der Seite.`).join('');
const teiPath = join(dir, 'page.xml');
writeFileSync(
  teiPath,
  `<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Bench page</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader><text><body><p><pb n="1"/>${lines}</p></body></text></TEI>`,
);
const server = await startServe(join(dir, 'bench.siglum'));
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(server.url);
  await page.getByTestId('import-input').setInputFiles(teiPath);
  await page.locator('.editor-host .ProseMirror', { hasText: 'Zeile 40' }).waitFor();
  const documentId = decodeURIComponent(/#\/doc\/(.+)$/.exec(page.url())![1]!);

  let t = performance.now();
  const [surface] = await api<Array<{ id: string; image: { width: number; height: number } }>>(page, 'addPageImages', {
    documentId,
    files: [{ name: 'big.jpg', base64: big.data.toString('base64') }],
  });
  figure('add the 20 MP page (tiles made once)', performance.now() - t);
  // Forty line zones down the page, and the page break pointed at the surface.
  const h = surface!.image.height / (LINES + 2);
  for (let i = 0; i < LINES; i++) {
    const uly = Math.round(h * (i + 1));
    await api(page, 'saveZone', {
      surfaceId: surface!.id,
      zone: { id: `line${i}`, kind: 'line', ulx: 200, uly, lrx: WIDTH - 200, lry: Math.round(uly + h * 0.8) },
    });
  }
  await page.reload();
  await page.locator('.editor-host .ProseMirror', { hasText: 'Zeile 40' }).waitFor();

  t = performance.now();
  await page.evaluate(() => performance.mark('bench:click'));
  await page.getByRole('button', { name: 'Page images' }).click();
  await page.waitForFunction(() => performance.getEntriesByName('siglum:facsimile-first-tile').length > 0);
  await page.waitForFunction(() => performance.getEntriesByName('siglum:facsimile-loaded').length > 0, null, {
    timeout: 60_000,
  });
  figure(
    'first view: click to first tile drawn',
    await between(page, 'bench:click', 'siglum:facsimile-first-tile'),
    '≤ 300 ms',
  );
  figure(
    'first view: click to every tile of the view drawn',
    await between(page, 'bench:click', 'siglum:facsimile-loaded'),
  );
  figure(
    '  of which: image opened to first tile',
    await between(page, 'siglum:facsimile-open', 'siglum:facsimile-first-tile'),
  );
  const tiles = await page.locator('.facsimile-viewer').getAttribute('data-tiles-drawn');
  console.log(`tile draws until then (the canvas draws each tile again every frame): ${tiles}`);

  // Caret to zone, in line mode.
  await page.locator('.editor-host > .ProseMirror p').first().click();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('ControlOrMeta+Alt+l');
  await page.locator('.facsimile-panel button[aria-pressed="true"]', { hasText: 'Line mode' }).waitFor();
  await page.evaluate(() => {
    const w = window as unknown as { __highlight: number[]; __frame: number[]; __key: number };
    w.__highlight = [];
    w.__frame = [];
    document.addEventListener('keydown', (e) => (w.__key = e.timeStamp), true);
    new MutationObserver((records) => {
      if (!records.some((r) => (r.target as Element).classList.contains('highlighted'))) return;
      const key = w.__key;
      w.__highlight.push(performance.now() - key);
      requestAnimationFrame(() => setTimeout(() => w.__frame.push(performance.now() - key), 0));
    }).observe(document.querySelector('.zone-layer')!, { subtree: true, attributeFilter: ['class'] });
  });
  for (let i = 0; i < STEPS; i++) {
    await page.keyboard.press('Alt+ArrowDown');
    await page.waitForFunction((n) => (window as unknown as { __frame: number[] }).__frame.length >= n, i + 1);
  }
  const { highlight, frame } = await page.evaluate(() => {
    const w = window as unknown as { __highlight: number[]; __frame: number[] };
    return { highlight: w.__highlight, frame: w.__frame };
  });
  console.log(`caret moves measured: ${frame.length}`);
  figure('caret to zone: key event to highlighted zone, median', quantile(highlight, 0.5));
  figure('caret to zone: key event to highlighted zone, p95', quantile(highlight, 0.95), '≤ 16 ms');
  figure('caret to zone: key event to the frame showing it, median', quantile(frame, 0.5));
  figure('caret to zone: key event to the frame showing it, p95', quantile(frame, 0.95), '≤ one frame after');
  console.log(`load average at end: ${load()}`);
} finally {
  await browser.close();
  server.stop();
  rmSync(dir, { recursive: true, force: true });
}
