/**
 * Editor speed in Chromium, through `siglum serve`, on a document of about 100
 * printed pages (the seed despatch's paragraphs repeated, with a `[Page N]`
 * break every few paragraphs):
 *   - opening it (click in the list to text on screen);
 *   - keystroke to paint, p95 (target ≤ 16 ms): from the key event to the end of
 *     the frame that shows it;
 *   - keystroke to committed, p95 (target ≤ 100 ms): from the key event to the
 *     store acknowledging the step that holds it;
 *   - how long the editor's own handling of a keystroke takes (key event to the end
 *     of ProseMirror's reading of it), which tells the editor's cost from the
 *     machine's load;
 *   - scrolling: frame time p95 while scrolling through the whole document.
 * Prints figures; asserts nothing.
 *
 *   npm run bench editor
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Locator, type Page } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const seedPath = join(root, '../shared/corpus/seed/frus1933v03-d63-grew-256.txt');
const dir = mkdtempSync(join(tmpdir(), 'siglum-editor-bench-'));
const KEYSTROKES = 200;
const KEY_GAP_MS = 60;

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}
function figure(label: string, value: number, target?: string): void {
  console.log(`${label.padEnd(52)} ${value.toFixed(1).padStart(8)} ms${target ? `   (target ${target})` : ''}`);
}

/** About 100 printed pages: the seed's body paragraphs over and over, a page break every three. */
function hundredPages(): string {
  const seed = readFileSync(seedPath, 'utf8');
  const blocks = seed.split(/\n\s*\n/);
  const head = blocks.slice(0, 3).join('\n\n');
  const body = blocks
    .slice(3)
    .filter((b) => b.length > 300 && !/^\s*\d+\.\s*$/m.test(b.split('\n')[0] ?? ''))
    .map((b) => b.replace(/\[Page \d+\]\s*/g, '').replace(/([.,;:)a-z])\d{2}\b/g, '$1'));
  const paragraphs: string[] = [];
  let page = 1;
  let words = 0;
  while (page <= 100) {
    const p = body[paragraphs.length % body.length]!;
    const w = p.split(/\s+/).length;
    if (words + w > 400) {
      // The break falls mid-paragraph, as in the seed.
      const cut = p.indexOf(' ', Math.floor(p.length / 2));
      paragraphs.push(`${p.slice(0, cut)} [Page ${++page}]${p.slice(cut)}`);
      words = w / 2;
    } else {
      paragraphs.push(p);
      words += w;
    }
  }
  return `${head}\n\n${paragraphs.join('\n\n')}\n`;
}

async function startServe(project: string): Promise<{ url: string; stop: () => void }> {
  const port = String(42000 + Math.floor(Math.random() * 8000));
  const child = spawn(
    process.execPath,
    [join(root, 'electron/bin/siglum.mjs'), 'serve', '--project', project, '--port', port],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/\S+/.exec(out);
      if (m) resolve(m[0]);
    });
    child.on('exit', (code) => reject(new Error(`siglum serve exited with ${code}: ${out}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

/** Installed before the app: times each keystroke to the frame after it, and notes commits. */
function probes(): void {
  const w = window as unknown as {
    __paint: number[];
    __handled: number[];
    __keys: number[];
    __commits: Array<[number, number]>;
  };
  w.__paint = [];
  w.__handled = [];
  w.__keys = [];
  w.__commits = [];
  let start = 0;
  document.addEventListener(
    'keydown',
    (event) => {
      const t = event.timeStamp;
      start = t;
      w.__keys.push(t);
      requestAnimationFrame(() => setTimeout(() => w.__paint.push(performance.now() - t), 0));
    },
    true,
  );
  // The editor's own work ends either in its beforeinput handler (typed characters
  // it inserts itself; this listener, on the document, runs after it) or, when the
  // browser inserted the text, in the mutation-observer microtask queued before the
  // input event, which a microtask queued here follows.
  document.addEventListener('beforeinput', (event) => {
    if (event.defaultPrevented) w.__handled.push(performance.now() - start);
  });
  document.addEventListener(
    'input',
    () => {
      const t = start;
      queueMicrotask(() => w.__handled.push(performance.now() - t));
    },
    true,
  );
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const detail = (e as PerformanceMark).detail as { version?: number } | null;
      if (e.name === 'siglum:committed' && detail?.version !== undefined)
        w.__commits.push([e.startTime, detail.version]);
    }
  }).observe({ type: 'mark', buffered: true });
}

/** Types KEYSTROKES keys at the end of `target` and prints keystroke-to-paint and -to-committed. */
async function typeAndMeasure(page: Page, target: Locator, where: string): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  await target.click();
  await page.evaluate(() => {
    const w = window as unknown as { __paint: number[]; __handled: number[]; __keys: number[]; __commits: unknown[] };
    w.__paint.length = 0;
    w.__handled.length = 0;
    w.__keys.length = 0;
    w.__commits.length = 0;
  });
  const text = 'the relations between Japan and the Soviets ';
  for (let i = 0; i < KEYSTROKES; i++) {
    await page.keyboard.press(text[i % text.length]!);
    // A typist's pace: the gap between keys is part of what is measured, not a wait.
    await page.waitForTimeout(KEY_GAP_MS);
  }
  await page.locator('.save-indicator', { hasText: 'Saved' }).waitFor();
  // Until every key's frame is timed and the observer has been handed the last commit.
  await page.waitForFunction(() => {
    const w = window as unknown as { __paint: number[]; __keys: number[]; __commits: Array<[number, number]> };
    const marks = performance.getEntriesByName('siglum:committed');
    const last = (marks.at(-1) as PerformanceMark | undefined)?.detail as { version?: number } | null | undefined;
    return w.__paint.length >= w.__keys.length && last?.version === w.__commits.at(-1)?.[1];
  });
  const { paint, handled, keys, commits } = await page.evaluate(() => {
    const w = window as unknown as {
      __paint: number[];
      __handled: number[];
      __keys: number[];
      __commits: Array<[number, number]>;
    };
    return { paint: w.__paint, handled: w.__handled, keys: w.__keys, commits: w.__commits };
  });
  console.log(`typing ${where}:`);
  figure(`  keystroke to paint p95 (${paint.length} keys)`, quantile(paint, 0.95), '≤ 16 ms');
  figure('  keystroke to paint median', quantile(paint, 0.5));
  figure('  keystroke handled by the editor p95', quantile(handled, 0.95));
  figure('  keystroke handled by the editor median', quantile(handled, 0.5));
  // Each keystroke is one step: the k-th key is committed once the store's version reaches first + k.
  const last = commits.at(-1);
  if (!last) throw new Error('no commit was observed');
  const first = last[1] - keys.length;
  const committed = keys.map((t, k) => {
    const hit = commits.find(([, version]) => version >= first + k + 1);
    return hit ? hit[0] - t : NaN;
  });
  figure(`  keystroke to committed p95 (${commits.length} pushes)`, quantile(committed, 0.95), '≤ 100 ms');
  figure('  keystroke to committed median', quantile(committed, 0.5));
}

if (!existsSync(join(root, 'dist/renderer/index.html'))) {
  spawnSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit' });
}
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
console.log(`load average at start: ${load()} (${cpus().length} cores; p95 figures grow with load)`);
const textPath = join(dir, 'hundred-pages.txt');
writeFileSync(textPath, hundredPages());
const server = await startServe(join(dir, 'bench.siglum'));
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.addInitScript(probes);
  await page.goto(server.url);
  await page.getByTestId('import-input').setInputFiles(textPath);
  const row = page.locator('.doc-row').first();
  await row.waitFor();
  await page.locator('.editor-host .ProseMirror').waitFor();
  const pages = await page.locator('.tei-pb').count();
  const words = await page
    .locator('.editor-host > .ProseMirror')
    .evaluate((el) => el.textContent?.split(/\s+/).length ?? 0);
  console.log(`document: ${pages + 1} printed pages, ${words} words`);

  // Opening: away to an empty view, then click the document in the list.
  const opens: number[] = [];
  for (let i = 0; i < 3; i++) {
    await page.evaluate(() => (location.hash = ''));
    await page.locator('.placeholder').waitFor();
    const t = Date.now();
    await row.click();
    await page.locator('.editor-host .tei-pb').first().waitFor();
    opens.push(Date.now() - t);
  }
  figure('open a 100-page document (median of 3)', quantile(opens, 0.5));

  // Scrolling through it, frame by frame.
  const frames = await page.locator('.scroller').evaluate(async (scroller) => {
    const times: number[] = [];
    let last = performance.now();
    while (scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 2) {
      scroller.scrollTop += 300;
      await new Promise((r) => requestAnimationFrame(r));
      const now = performance.now();
      times.push(now - last);
      last = now;
    }
    return times;
  });
  figure(`scroll frame time p95 (${frames.length} frames)`, quantile(frames, 0.95));

  await typeAndMeasure(page, page.locator('.editor-host > .ProseMirror > p').nth(150), 'in the 100-page document');

  // The same on the seed despatch (3 pages), to tell the document's size from the machine's load.
  await page.getByTestId('import-input').setInputFiles(seedPath);
  await page.locator('.editor-host .ProseMirror', { hasText: 'Respectfully yours' }).waitFor();
  await typeAndMeasure(page, page.locator('.editor-host > .ProseMirror > p').nth(1), 'in the 3-page seed');
  console.log(`load average at end: ${load()}`);
} finally {
  await browser.close();
  server.stop();
  rmSync(dir, { recursive: true, force: true });
}
