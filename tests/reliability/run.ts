/**
 * The reliability battery, as one script (`npm run test:reliability`): it tries what a
 * crash, an attacker and a careless user would, and prints what it measured.
 *
 * 1. kill -9 in the middle of writing: a child process pushes words and prints each
 *    version the service acknowledged; it is killed at a random moment, and the project
 *    must hold every acknowledged word.
 * 2. Hostile inputs through the import (worker) and `siglum validate`: an external
 *    entity (XXE), a billion-laughs bomb, 10,000-deep nesting, bad UTF-8, a file over
 *    the size limit. Each must be refused with a sentence and change nothing.
 * 3. XSS vectors in a document's title and text, shown by the app in Chromium
 *    (`siglum serve`) and by the exported HTML edition: no script may run.
 * 4. Two writers on one document (two processes, rebasing as editors do) while a third
 *    reads it in a loop: no acknowledged word lost, no read that calls it damaged.
 * 5. Disk full (SQLite's max_page_count): the error says so, nothing committed is lost.
 *
 * SIGLUM_RELIABILITY_TRIALS sets the number of kill -9 trials (default 20). Exit
 * status 1 if any promise was broken.
 */
import Database from 'better-sqlite3';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { Transform } from 'prosemirror-transform';
import { loadContent } from '../../db/content.ts';
import { Store } from '../../db/store.ts';
import { schema } from '../../edition/schema.ts';
import { CollabAuthority } from '../../electron/service/authority.ts';
import { openService } from '../../electron/service/index.ts';

const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'electron', 'bin', 'siglum.mjs');
const writer = join(root, 'tests', 'integration', 'service', 'writer-child.ts');
const seedText = resolve(root, '../shared/corpus/seed/frus1933v03-d63-grew-256.txt');
const dir = mkdtempSync(join(tmpdir(), 'siglum-reliability-'));
const chromiumPath = process.env['SIGLUM_CHROMIUM'] ?? '/usr/bin/chromium';

const figures: Array<{ what: string; figure: string; kept: boolean }> = [];
function record(what: string, figure: string, kept: boolean): void {
  figures.push({ what, figure, kept });
  console.log(`${kept ? 'ok  ' : 'FAIL'} ${what}: ${figure}`);
}

/** Starts a child with tsx; `onLine` sees each line it prints. */
function child(args: string[], onLine: (line: string, c: ChildProcess) => void): ChildProcess {
  const c = spawn(process.execPath, ['--import', 'tsx', writer, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(c);
  c.once('exit', () => running.delete(c));
  let buffer = '';
  c.stdout!.on('data', (d: Buffer) => {
    buffer += d.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) onLine(line, c);
  });
  return c;
}

/** Children alive now, killed if the battery's watchdog fires. */
const running = new Set<ChildProcess>();

const exited = (c: ChildProcess): Promise<void> =>
  c.exitCode !== null || c.signalCode !== null ? Promise.resolve() : new Promise((r) => c.once('exit', () => r()));

// 1. kill -9 while writing ---------------------------------------------------------------

async function killTrials(trials: number): Promise<void> {
  const path = join(dir, 'killed.siglum');
  const setup = openService(path, { create: true });
  const { id } = await setup.createDocument({ title: 'Despatch' });
  setup.close();
  let acknowledged = 0;
  let lost = 0;
  let damaged = 0;
  for (let t = 0; t < trials; t++) {
    const killAt = 5 + Math.floor(Math.random() * 60);
    let seen = 0;
    let last = -1;
    const c = child(['steps', path, id], (line, proc) => {
      last = Number(line);
      if (++seen === killAt) proc.kill('SIGKILL');
    });
    await exited(c);
    acknowledged += seen;
    const check = new Database(path, { readonly: true });
    if (check.pragma('integrity_check', { simple: true }) !== 'ok') damaged++;
    check.close();
    const store = Store.open(path);
    const text = loadContent(store.db, Number(id)).doc.textContent;
    store.close();
    // The writer types "w<version> " for each version it was at; every acknowledged one must be there.
    for (let v = last - seen; v < last; v++) if (!text.includes(`w${v} `)) lost++;
  }
  record(
    'kill -9 while writing',
    `${trials} trials, ${acknowledged} acknowledged edits, ${lost} lost, ${damaged} damaged files`,
    lost === 0 && damaged === 0,
  );
}

// 2. Hostile inputs ------------------------------------------------------------------------

const HOSTILE: Record<string, { name: string; text?: string; base64?: string }> = {
  'external entity (XXE)': {
    name: 'xxe.xml',
    text: '<?xml version="1.0"?>\n<!DOCTYPE TEI [\n  <!ENTITY secret SYSTEM "file:///etc/passwd">\n]>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">&secret;</TEI>',
  },
  'external DTD subset': {
    name: 'dtd.xml',
    text: '<?xml version="1.0"?>\n<!DOCTYPE TEI SYSTEM "http://127.0.0.1:9/evil.dtd">\n<TEI xmlns="http://www.tei-c.org/ns/1.0"/>',
  },
  'billion laughs': {
    name: 'lol.xml',
    text: `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('\n')}\n]>\n<lolz>&lol9;</lolz>`,
  },
  '10,000-deep nesting': {
    name: 'deep.xml',
    text: `<TEI xmlns="http://www.tei-c.org/ns/1.0">${'<div>'.repeat(10000)}${'</div>'.repeat(10000)}</TEI>`,
  },
  'bad UTF-8': {
    name: 'bad.txt',
    base64: Buffer.concat([Buffer.from('Tokyo, January 13, 1933.\n\nSir: '), Buffer.from([0xc3, 0x28, 0xa0])]).toString(
      'base64',
    ),
  },
};

async function hostileInputs(): Promise<void> {
  const path = join(dir, 'hostile.siglum');
  const service = openService(path, { create: true });
  let refused = 0;
  let tried = 0;
  const cases = { ...HOSTILE, 'a 65 MB file': { name: 'huge.txt', text: 'Sir: '.repeat(13 * 1024 * 1024) } };
  for (const [what, file] of Object.entries(cases)) {
    tried++;
    const before = (await service.listDocuments({})).length;
    try {
      await service.importFiles({ files: [file] });
      console.log(`  import accepted ${what}`);
    } catch (e) {
      const after = (await service.listDocuments({})).length;
      if (e instanceof Error && e.name !== 'Error' && after === before) refused++;
      else console.log(`  import of ${what} failed badly: ${String(e)}`);
    }
  }
  service.close();
  record(
    'hostile files imported',
    `${refused} of ${tried} refused with a sentence, project unchanged`,
    refused === tried,
  );

  // The same files given to `siglum validate`: refused (exit 1, one line), and quickly.
  let validateRefused = 0;
  let slowest = 0;
  const xmlCases = Object.entries(HOSTILE).filter(([, f]) => f.text !== undefined);
  for (const [what, file] of xmlCases) {
    const p = join(dir, file.name);
    writeFileSync(p, file.text!);
    const started = performance.now();
    // A refusal takes a moment; 30 s is a validator that went on to expand or fetch.
    const r = spawnSync(process.execPath, [bin, 'validate', p], { encoding: 'utf8', timeout: 30_000 });
    slowest = Math.max(slowest, performance.now() - started);
    const lines = r.stderr.split('\n').filter(Boolean);
    if (r.status === 1 && !/valid against/.test(r.stdout) && lines.length >= 1) validateRefused++;
    else console.log(`  validate did not refuse ${what}: status ${r.status}, ${r.stdout.trim()}`);
  }
  record(
    'hostile files validated',
    `${validateRefused} of ${xmlCases.length} refused, slowest ${(slowest / 1000).toFixed(1)} s`,
    validateRefused === xmlCases.length,
  );
}

// 3. XSS ---------------------------------------------------------------------------------

const VECTORS = [
  '<script>window.__xss=1;alert(1)</script>',
  '<img src=x onerror="window.__xss=1;alert(1)">',
  '<svg onload="window.__xss=1;alert(1)">',
  '"><script>window.__xss=1</script>',
  "'><img src=x onerror=alert(1)>",
  '<iframe src="javascript:alert(1)"></iframe>',
  '<a href="javascript:alert(1)">click</a>',
  '<details open ontoggle="window.__xss=1;alert(1)">',
  '</textarea><script>alert(1)</script>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '{{constructor.constructor("alert(1)")()}}',
  '<body onload=alert(1)>',
];

async function noScriptRan(page: Page, dialogs: number[]): Promise<boolean> {
  const flag = await page.evaluate(() => (window as unknown as { __xss?: number }).__xss === undefined);
  return flag && dialogs.length === 0;
}

async function xss(): Promise<void> {
  const path = join(dir, 'xss.siglum');
  const text = `${VECTORS[0]}\n\nTokyo, January 13, 1933.\n\nSir:\n\n${VECTORS.map((v, i) => `${i + 1}. ${v}`).join('\n\n')}\n`;
  const file = join(dir, 'xss.txt');
  writeFileSync(file, text);
  const imported = spawnSync(process.execPath, [bin, 'import', file, '--project', path, '--json'], {
    encoding: 'utf8',
  });
  const id = (JSON.parse(imported.stdout) as { documents: Array<{ id: string }> }).documents[0]!.id;
  const html = join(dir, 'xss-html');
  spawnSync(process.execPath, [bin, 'export', id, '--format', 'html', '--out', html, '--project', path], {
    encoding: 'utf8',
  });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] });
  let pages = 0;
  let clean = 0;
  try {
    // The exported HTML edition: every page of it.
    const htmlPages = readdirSync(html, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
    for (const f of htmlPages) {
      const page = await browser.newPage();
      const dialogs: number[] = [];
      page.on('dialog', (d) => {
        dialogs.push(1);
        void d.dismiss();
      });
      await page.goto(`file://${join(html, f)}`, { waitUntil: 'load' });
      pages++;
      if (await noScriptRan(page, dialogs)) clean++;
      await page.close();
    }
    // The app itself, through siglum serve, with the document open.
    const serve = spawn(process.execPath, [bin, 'serve', '--project', path, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(serve);
    try {
      const url = await new Promise<string>((resolveUrl, reject) => {
        let out = '';
        serve.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /(http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(out);
          if (m) resolveUrl(m[1]!);
        });
        serve.once('exit', () => reject(new Error('siglum serve stopped before printing its address')));
      });
      const page = await browser.newPage();
      const dialogs: number[] = [];
      page.on('dialog', (d) => {
        dialogs.push(1);
        void d.dismiss();
      });
      await page.goto(url);
      await page.locator('.doc-row').first().click();
      await page.locator('.editor-host > .ProseMirror').filter({ hasText: 'onerror' }).waitFor();
      pages++;
      if (await noScriptRan(page, dialogs)) clean++;
    } finally {
      serve.kill('SIGTERM');
      await exited(serve);
    }
  } finally {
    await browser.close();
  }
  record(
    'XSS vectors',
    `${VECTORS.length} vectors in a title and text; ${clean} of ${pages} pages (HTML edition and app) ran no script`,
    clean === pages,
  );
}

// 4. Two writers -------------------------------------------------------------------------

async function twoWriters(words: number): Promise<void> {
  const path = join(dir, 'two.siglum');
  const setup = openService(path, { create: true });
  const { id } = await setup.createDocument({ title: 'Despatch' });
  setup.close();
  const acked = new Map<string, number>([
    ['a', -1],
    ['b', -1],
  ]);
  const failures: string[] = [];
  // A writer that acknowledges nothing for a minute is stuck (the two wait for each
  // other, or one starves): a broken promise to report, not a run that never ends.
  const stallMs = 60_000;
  let lastAck = performance.now();
  const writers = [...acked.keys()].map((name) => {
    const c = child(['collab', path, id, name], (line) => {
      acked.set(name, Number(line));
      lastAck = performance.now();
    });
    let err = '';
    c.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    c.once('exit', (code, signal) => {
      if (signal !== 'SIGKILL') failures.push(`${name} exited with ${code}: ${err.trim().split('\n').at(-1)}`);
    });
    return c;
  });
  const store = Store.open(path);
  let reads = 0;
  let damaged = 0;
  while ([...acked.values()].some((n) => n < words) && failures.length === 0) {
    if (performance.now() - lastAck > stallMs) {
      failures.push(`no word acknowledged for ${stallMs / 1000} s (a at ${acked.get('a')}, b at ${acked.get('b')})`);
      break;
    }
    try {
      loadContent(store.db, Number(id));
    } catch {
      damaged++;
    }
    reads++;
    await new Promise<void>((r) => setImmediate(r));
  }
  for (const w of writers) w.kill('SIGKILL');
  await Promise.all(writers.map(exited));
  const text = loadContent(store.db, Number(id)).doc.textContent;
  store.close();
  let lost = 0;
  let total = 0;
  for (const [name, n] of acked) {
    for (let i = 0; i <= n; i++, total++) if (!text.includes(`${name}-${i} `)) lost++;
  }
  for (const f of failures) console.log(`  ${f}`);
  record(
    'two writers and a reader',
    `${total} acknowledged edits from 2 processes, ${lost} lost; ${reads} reads, ${damaged} called the document damaged`,
    lost === 0 && damaged === 0 && failures.length === 0,
  );
}

// 5. Disk full ---------------------------------------------------------------------------

async function diskFull(): Promise<void> {
  let kept = 0;
  const sizes = [1000, 4000, 16000];
  for (const size of sizes) {
    const path = join(dir, `full-${size}.siglum`);
    const setup = openService(path, { create: true });
    const { id } = await setup.createDocument({ title: 'Despatch' });
    setup.close();
    const store = Store.open(path);
    const authority = new CollabAuthority(store);
    const type = (text: string) => {
      const { doc, version } = authority.document(Number(id));
      const tr = new Transform(doc).insert(doc.content.size - 1, schema.text(text));
      return authority.push(
        Number(id),
        version,
        tr.steps.map((s) => s.toJSON()),
        'a',
      );
    };
    for (const w of ['Tokyo, ', 'January 13, ', '1933. ']) type(w);
    store.db.pragma(`max_page_count = ${store.db.pragma('page_count', { simple: true }) as number}`);
    let sentence = false;
    try {
      type('The Japanese press continues to discuss the situation. '.repeat(size));
    } catch (e) {
      sentence = e instanceof Error && /disk .* is full/.test(e.message);
    }
    authority.close();
    store.close();
    const reopened = Store.open(path);
    const intact = loadContent(reopened.db, Number(id)).doc.textContent === 'Tokyo, January 13, 1933. ';
    reopened.close();
    if (sentence && intact) kept++;
  }
  record(
    'disk full',
    `${kept} of ${sizes.length} writes refused with "the disk is full", no committed edit lost`,
    kept === sizes.length,
  );
}

// ----------------------------------------------------------------------------------------

const trials = Number(process.env['SIGLUM_RELIABILITY_TRIALS'] ?? 20);
const started = performance.now();
// The whole battery takes about two minutes; one that runs for twenty is stuck. The
// watchdog names the trial, kills its children and fails, so that CI ends with a reason.
let trial = '';
const watchdogMs = Number(process.env['SIGLUM_RELIABILITY_MINUTES'] ?? 20) * 60_000;
const watchdog = setTimeout(() => {
  console.log(`FAIL ${trial}: still running after ${watchdogMs / 60_000} minutes; stopped`);
  for (const c of running) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
  process.exit(1);
}, watchdogMs);
const step = async (name: string, run: () => Promise<void>): Promise<void> => {
  trial = name;
  await run();
};
try {
  readFileSync(seedText); // the shared corpus is there
  await step('kill -9 while writing', () => killTrials(trials));
  await step('hostile files', hostileInputs);
  await step('XSS vectors', xss);
  await step('two writers and a reader', () => twoWriters(150));
  await step('disk full', diskFull);
} finally {
  clearTimeout(watchdog);
  rmSync(dir, { recursive: true, force: true });
}
console.log(`\nReliability battery, ${((performance.now() - started) / 1000).toFixed(0)} s:`);
for (const f of figures) console.log(`  ${f.kept ? 'kept  ' : 'BROKEN'}  ${f.what}: ${f.figure}`);
process.exitCode = figures.every((f) => f.kept) ? 0 : 1;
