/**
 * Page images: the two Kant TIFFs added to a document (kept byte for byte, tiles made
 * with sharp); a 100-page volume of them (time, peak memory; target ≤ 20 s, < 500 MB);
 * a 20-megapixel page: when its first tiles can be read (levels are stored lowest
 * first), when the level a viewer shows first is there, when the whole pyramid is, and
 * the longest the event loop waited meanwhile.
 *
 *   npm run bench facsimile
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { openService } from '../../electron/service/index.ts';
import { storeImageFile } from '../../electron/service/page-images.ts';
import { Store } from '../../db/store.ts';
import { holdImageFiles } from '../../db/facsimiles.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const kant = join(root, '../shared/corpus/facsimile/kant_aufklaerung_1784/OCR-D-IMG');
const dir = mkdtempSync(join(tmpdir(), 'siglum-bench-facsimile-'));
const pages = [readFileSync(join(kant, 'INPUT_0017.tif')), readFileSync(join(kant, 'INPUT_0020.tif'))];

function ms(from: bigint): number {
  return Number(process.hrtime.bigint() - from) / 1e6;
}
function figure(label: string, value: number, target?: string, unit = 'ms'): void {
  console.log(`${label.padEnd(64)} ${value.toFixed(1).padStart(9)} ${unit}${target ? `   (target ${target})` : ''}`);
}
const cpuMs = (c: NodeJS.CpuUsage): number => (c.user + c.system) / 1000;

console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${cpus().length} cores`,
);
try {
  const s = openService(join(dir, 'kant.siglum'), { create: true });
  const d = await s.createDocument({ title: 'Was ist Aufklärung?' });
  {
    const t = process.hrtime.bigint();
    const c = process.cpuUsage();
    await s.addPageImages({
      documentId: d.id,
      files: pages.map((b, i) => ({ name: `INPUT_00${i === 0 ? 17 : 20}.tif`, base64: b.toString('base64') })),
    });
    figure('the two Kant TIFFs added (kept, 2 x 74 tiles made)', ms(t), '≤ 1 s with PAGE');
    figure('  CPU, all threads', cpuMs(process.cpuUsage(c)));
  }

  // 100 pages: the two scans again and again, each a file of its own (bytes appended after
  // the TIFF's data, which readers ignore, so none is found again as the same file).
  {
    const v = await s.createDocument({ title: '100 pages' });
    const t = process.hrtime.bigint();
    const c = process.cpuUsage();
    for (let batch = 0; batch < 10; batch++) {
      const files = Array.from({ length: 10 }, (_, k) => {
        const i = batch * 10 + k;
        const stamp = Buffer.alloc(8);
        stamp.writeUInt32BE(i + 1);
        return {
          name: `page-${String(i + 1).padStart(3, '0')}.tif`,
          base64: Buffer.concat([pages[i % 2]!, stamp]).toString('base64'),
        };
      });
      await s.addPageImages({ documentId: v.id, files });
    }
    const wall = ms(t);
    figure('a 100-page volume of TIFFs added', wall / 1000, '≤ 20 s with PAGE', 's');
    figure('  CPU, all threads', cpuMs(process.cpuUsage(c)) / 1000, undefined, 's');
    figure('  peak resident memory of the process', process.resourceUsage().maxRSS / 1024, '< 500 MB', 'MB');
  }
  s.close();

  // A 20-megapixel page (3750 x 5360), made from a Kant scan.
  {
    const big = await sharp(pages[0]).resize(3750, 5360, { fit: 'fill' }).jpeg({ quality: 90 }).toBuffer();
    const store = Store.open(join(dir, 'big.siglum'), { create: true });
    const loop = monitorEventLoopDelay({ resolution: 5 });
    const reached = new Map<number, number>();
    loop.enable();
    const t = process.hrtime.bigint();
    const c = process.cpuUsage();
    const [page] = await storeImageFile(store, holdImageFiles(store.db), 'big.jpg', big, null, (_id, level) =>
      reached.set(level, ms(t)),
    );
    const total = ms(t);
    loop.disable();
    const max = Math.ceil(Math.log2(5360));
    // The level a 1000-pixel-high viewer first shows the whole page at.
    const fit = Math.ceil(Math.log2(1000));
    figure(`20 MP page (${page!.width} x ${page!.height}): level 0 (1 x 1) readable`, reached.get(0)!);
    figure(
      `  level ${fit} (${Math.ceil(5360 / 2 ** (max - fit))} px high, a viewer's first view) readable`,
      reached.get(fit)!,
      '≤ 300 ms',
    );
    figure(`  all ${max + 1} levels made`, total);
    figure('  CPU, all threads', cpuMs(process.cpuUsage(c)));
    figure('  longest event-loop wait meanwhile', loop.max / 1e6);
    store.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
