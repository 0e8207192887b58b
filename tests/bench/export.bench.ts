/**
 * Exports through the service, as the app and the command line run them: the static
 * HTML edition of the frus1934v05 volume (639 documents; target ≤ 10 s) and the PDF of
 * a 100-page edition with about 1,500 apparatus entries (kept as `app` marks in the
 * project) and 300 footnotes (target ≤ 10 s), and one three times as long (≤ 30 s).
 * Prints times, what was placed, and memory: this process's, and the peak of
 * Chromium's processes (sampled with ps every 250 ms).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Node as PMNode } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import type { DocJSON } from '../../edition/api.ts';
import { schema } from '../../edition/schema.ts';
import { insertDocument } from '../../db/documents.ts';
import { emptyMeta } from '../../db/meta.ts';
import { putSnapshot } from '../../db/snapshots.ts';
import { Store } from '../../db/store.ts';
import { parseInProcess } from '../../electron/service/formats.ts';
import { openService } from '../../electron/service/index.ts';
import { HUNDRED_PAGES, syntheticEdition } from '../integration/print/synthetic-edition.ts';
import { childrenRssMb } from './children-memory.ts';

const VOLUME = fileURLToPath(new URL('../../../shared/corpus/frus/frus1934v05.xml', import.meta.url));
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const dir = mkdtempSync(join(tmpdir(), 'siglum-export-bench-'));

/** Runs `f` while sampling the children's memory; resolves with its peak. */
async function peakChildren<T>(f: () => Promise<T>): Promise<{ value: T; peak: number }> {
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, childrenRssMb() * 1024 * 1024)), 250);
  try {
    return { value: await f(), peak };
  } finally {
    clearInterval(timer);
  }
}

async function timed<T>(f: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await f();
  return { value, ms: performance.now() - t0 };
}

try {
  // The volume's HTML edition.
  {
    const service = openService(join(dir, 'volume.siglum'), {
      create: true,
      parseFile: parseInProcess,
      watchMs: 60_000,
    });
    const imported = await timed(() =>
      service.importFiles({ files: [{ name: 'frus1934v05.xml', text: readFileSync(VOLUME, 'utf8') }] }),
    );
    const [volume] = await service.listCollections({});
    console.log(
      `frus1934v05: ${imported.value.documents.length} documents imported in ${imported.ms.toFixed(0)} ms (for reference)`,
    );
    for (let run = 1; run <= 2; run++) {
      const html = await timed(() =>
        service.exportEdition({ collectionId: volume!.id, format: 'html', outPath: join(dir, `site-${run}`) }),
      );
      const r = html.value;
      console.log(
        `HTML edition through the service (run ${run}): ${html.ms.toFixed(0)} ms, target ≤ 10000 ms; ${r.files} files, ` +
          `${r.placed.notes} notes, ${r.rejected.length} rejected; rss ${mb(process.memoryUsage().rss)}`,
      );
    }
    const latex = await timed(() =>
      service.exportEdition({ collectionId: volume!.id, format: 'latex', outPath: join(dir, 'volume.tex') }),
    );
    console.log(`LaTeX of the volume through the service: ${latex.ms.toFixed(0)} ms`);
    service.close();
  }

  // 100- and 300-page PDFs from projects whose apparatus lives in the text as app marks.
  for (const [name, documents, runs] of [
    ['100-page', HUNDRED_PAGES.documents, 2],
    ['300-page', HUNDRED_PAGES.documents * 3, 1],
  ] as const) {
    const path = join(dir, `${name}.siglum`);
    const store = Store.open(path, { create: true });
    const synthetic = syntheticEdition({ ...HUNDRED_PAGES, documents });
    let entries = 0;
    store.write((tx) => {
      for (const d of synthetic.documents) {
        const tr = new Transform(PMNode.fromJSON(schema, d.doc));
        d.apparatus.forEach((e, i) => {
          const readings = e.readings.map((r) => ({ wit: r.sigla, text: r.text, type: null }));
          tr.addMark(
            e.from,
            e.to,
            schema.marks.app.create({
              id: `app-${i + 1}`,
              type: e.series === 'B' ? 'orthographic' : null,
              wit: ['A'],
              readings,
            }),
          );
        });
        entries += d.apparatus.length;
        const info = insertDocument(tx, {
          collectionId: null,
          kind: 'document',
          title: d.title,
          n: null,
          frameKey: null,
          meta: emptyMeta(d.title),
        });
        putSnapshot(tx, Number(info.id), 0, tr.doc.toJSON() as DocJSON);
      }
    });
    store.close();
    const service = openService(path, { watchMs: 60_000 });
    for (let run = 1; run <= runs; run++) {
      const sampled = await peakChildren(() =>
        timed(() => service.exportEdition({ all: true, format: 'pdf', outPath: join(dir, `${name}-${run}.pdf`) })),
      );
      const pdf = sampled.value;
      const r = pdf.value;
      console.log(
        `${name} PDF through the service (run ${run}${run === 1 ? ', launches Chromium' : ', browser reused'}): ${pdf.ms.toFixed(0)} ms, ` +
          `target ≤ ${documents === HUNDRED_PAGES.documents ? 10 : 30}000 ms; ` +
          `${r.pages} pages, ${r.placed.apparatus}/${entries} apparatus entries and ${r.placed.notes} notes on their pages, ` +
          `${r.misplaced.length} misplaced; rss ${mb(process.memoryUsage().rss)}, Chromium at most ${mb(sampled.peak)}`,
      );
    }
    service.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
