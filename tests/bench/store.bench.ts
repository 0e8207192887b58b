/**
 * Store speed: opening a project that holds the 639-document FRUS volume
 * frus1934v05 and listing its documents (target ≤ 200 ms), and a keystroke-sized
 * step pushed to committed on a 100-page document (target p95 ≤ 100 ms).
 *
 *   npm run bench store
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Fragment, Node } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import type { DocJSON } from '../../edition/api.ts';
import { schema } from '../../edition/schema.ts';
import { parseInProcess } from '../../electron/service/formats.ts';
import { openService } from '../../electron/service/index.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

// `store.bench.ts --open PROJECT`: what a freshly started process does, timed from before
// the store's modules are loaded until the list of documents is in hand.
if (process.argv[2] === '--open') {
  const t = process.hrtime.bigint();
  const { openService: open } = await import('../../electron/service/index.ts');
  const service = open(process.argv[3]!);
  const [collection] = await service.listCollections({});
  const docs = await service.listDocuments({ collectionId: collection!.id });
  console.log(JSON.stringify({ ms: Number(process.hrtime.bigint() - t) / 1e6, documents: docs.length }));
  service.close();
  process.exit(0);
}

const volumePath = join(root, '../shared/corpus/frus/frus1934v05.xml');
const dir = mkdtempSync(join(tmpdir(), 'siglum-bench-'));
const project = join(dir, 'frus1934v05.siglum');

function ms(from: bigint): number {
  return Number(process.hrtime.bigint() - from) / 1e6;
}
function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}
function figure(label: string, value: number, target?: string): void {
  console.log(`${label.padEnd(52)} ${value.toFixed(1).padStart(8)} ms${target ? `   (target ${target})` : ''}`);
}

try {
  // A project holding the volume, imported as the app does it (parsed in the import worker).
  const volumeFile = { name: 'frus1934v05.xml', text: readFileSync(volumePath, 'utf8') };
  {
    const service = openService(project, { create: true });
    const t = process.hrtime.bigint();
    const result = await service.importFiles({ files: [volumeFile] });
    figure(`import frus1934v05 (${result.documents.length} documents), in all`, ms(t));
    service.close();
  }
  // The store's own share: checking the parsed documents and writing them in one transaction.
  {
    const parsed = await parseInProcess(volumeFile);
    const service = openService(join(dir, 'write-only.siglum'), { create: true, parseFile: async () => parsed });
    const t = process.hrtime.bigint();
    await service.importFiles({ files: [volumeFile] });
    figure('  of which checking and writing 642 documents', ms(t));
    service.close();
  }

  // Open the project and list its documents, as the app does on start.
  const opens: number[] = [];
  let listed = 0;
  for (let i = 0; i < 10; i++) {
    const t = process.hrtime.bigint();
    const service = openService(project);
    const collections = await service.listCollections({});
    const docs = await service.listDocuments({ collectionId: collections[0]!.id });
    opens.push(ms(t));
    listed = docs.length;
    service.close();
  }
  opens.sort((a, b) => a - b);
  figure(`open project + list ${listed} documents, first`, opens[0]!);
  figure('open project + list documents, median of 10', quantile(opens, 0.5), '≤ 200 ms');
  const cold: number[] = [];
  for (let i = 0; i < 3; i++) {
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--open', project], {
      encoding: 'utf8',
    });
    const out = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as { ms?: number };
    if (out.ms === undefined) throw new Error(`the open child failed: ${child.stderr}`);
    cold.push(out.ms);
  }
  cold.sort((a, b) => a - b);
  figure('fresh process: load store + open + list, median of 3', quantile(cold, 0.5), '≤ 200 ms');

  // A document of 100 printed pages: the volume's documents joined until 100 page breaks.
  const service = openService(project);
  const blocks: Node[] = [];
  let pages = 0;
  for (const info of await service.listDocuments({})) {
    if (pages >= 100) break;
    const doc = Node.fromJSON(schema, (await service.openDocument({ id: info.id })).doc);
    doc.descendants((n) => void (n.type === schema.nodes.pageBreak && pages++));
    doc.forEach((b) => void blocks.push(b));
  }
  const big = schema.node('doc', null, Fragment.from(blocks));
  service.close();

  const editing = openService(join(dir, 'hundred-pages.siglum'), {
    create: true,
    parseFile: async () => ({
      title: '100 pages',
      meta: { title: '100 pages', date: null, source: null, extra: {} },
      doc: big.toJSON() as DocJSON,
    }),
  });
  const { documents } = await editing.importFiles({ files: [{ name: '100-pages.json', text: '' }] });
  const id = documents[0]!.id;
  const opened = await editing.openDocument({ id });
  console.log(
    `100-page document: ${pages} page breaks, ${big.textContent.length.toLocaleString('en')} characters, ${blocks.length} blocks`,
  );

  let doc = Node.fromJSON(schema, opened.doc);
  let version = opened.version;
  // Type in the middle of the document, one character per step, as a typist does.
  let at = 0;
  doc.descendants((n, pos) => {
    if (at === 0 && n.isTextblock && pos > doc.content.size / 2 && n.content.size > 0) at = pos + 1;
    return at === 0;
  });
  const times: number[] = [];
  for (let i = 0; i < 300; i++) {
    const tr = new Transform(doc).insert(at + i, schema.text('x'));
    const t = process.hrtime.bigint();
    const result = await editing.pushSteps({
      documentId: id,
      version,
      clientID: 'bench',
      steps: tr.steps.map((s) => s.toJSON()),
    });
    times.push(ms(t));
    if (!result.ok) throw new Error('the bench client cannot be behind');
    doc = tr.doc;
    version = result.version;
    await new Promise((r) => setImmediate(r)); // let snapshots run where they would between keystrokes
  }
  times.sort((a, b) => a - b);
  figure('keystroke to committed, median (300 steps)', quantile(times, 0.5));
  figure('keystroke to committed, p95', quantile(times, 0.95), '≤ 100 ms');
  figure('keystroke to committed, max', times[times.length - 1]!);
  editing.close();

  // Loading it again: the latest snapshot plus the steps logged after it.
  const reopened = openService(join(dir, 'hundred-pages.siglum'));
  const t = process.hrtime.bigint();
  const again = await reopened.openDocument({ id });
  figure(`reopen the 100-page document at version ${again.version}`, ms(t));
  reopened.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
