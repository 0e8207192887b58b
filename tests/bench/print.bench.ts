/**
 * Typeset PDF of a synthetic edition (the seed despatch repeated, with notes and a
 * four-witness apparatus): about 100 pages with ~1,500 apparatus entries and ~300
 * footnotes (target ≤ 10 s), and about 300 pages (target ≤ 30 s). Prints the time of
 * each stage, what was placed and misplaced, and peak memory of Node and Chromium.
 * PDFs are tagged, with bookmarks (the default); one run shows the untagged cost.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderPdf } from '../../electron/pdf/render.ts';
import { childrenRssMb } from './children-memory.ts';
import { HUNDRED_PAGES, syntheticEdition, type SyntheticOptions } from '../integration/print/synthetic-edition.ts';

async function run(name: string, options: SyntheticOptions, tagged = true): Promise<void> {
  const edition = syntheticEdition(options);
  const notes = edition.documents.reduce((n, d) => n + JSON.stringify(d.doc).split('"type":"note"').length - 1, 0);
  const entries = edition.documents.reduce((n, d) => n + d.apparatus.length, 0);
  const dir = mkdtempSync(join(tmpdir(), 'siglum-print-bench-'));
  const out = join(dir, `${name}.pdf`);
  let peakChromium = 0;
  let peakNode = 0;
  const sampler = setInterval(() => {
    peakChromium = Math.max(peakChromium, childrenRssMb());
    peakNode = Math.max(peakNode, process.memoryUsage().rss / 1048576);
  }, 100);
  const t0 = performance.now();
  try {
    const r = await renderPdf(edition, out, undefined, { tagged });
    const total = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    const t = r.timings;
    console.log(
      `${name}: ${r.pages} pages, ${entries} apparatus entries, ${notes} notes -> PDF in ${total.toFixed(2)} s ` +
        `(html ${(t.html / 1000).toFixed(2)} s, Chromium start ${(t.launch / 1000).toFixed(2)} s, ` +
        `page load + layout ${(t.layout / 1000).toFixed(2)} s, printToPDF ${(t.pdf / 1000).toFixed(2)} s), ` +
        `${(statSync(out).size / 1048576).toFixed(1)} MB`,
    );
    console.log(
      `  placed ${r.placed.apparatus}/${entries} apparatus entries and ${r.placed.notes}/${notes} notes on their page; ` +
        `misplaced ${r.misplaced.length}${r.misplaced.length ? ` (first: ${r.misplaced[0]!.reason})` : ''}`,
    );
    const phases = Object.entries(r.layoutTimings)
      .map(([k, v]) => `${k} ${(v / 1000).toFixed(2)} s`)
      .join(', ');
    console.log(`  paginator: ${phases}`);
    console.log(`  peak memory: Node ${peakNode.toFixed(0)} MB, Chromium ${peakChromium.toFixed(0)} MB`);
  } finally {
    clearInterval(sampler);
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${cpus().length} cores`,
);
await run('100 pages', HUNDRED_PAGES);
await run('100 pages, untagged (no bookmarks)', HUNDRED_PAGES, false);
await run('300 pages', {
  ...HUNDRED_PAGES,
  documents: HUNDRED_PAGES.documents * 3,
});
