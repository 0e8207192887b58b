/**
 * A facsimile volume for the import benchmarks: a METS of `count` pages made by repeating
 * the two Kant pages (image and PAGE file) in a folder. Each repeated image gets a few
 * bytes of its own at its end (TIFF readers ignore them), so the store keeps and tiles
 * distinct images rather than finding one image again. Run on its own, it makes the
 * 100-page folder for timing the command line:
 *
 *   node --import tsx tests/bench/facsimile-volume.ts DIR
 *   /usr/bin/time -v node electron/bin/siglum.mjs import DIR/mets.xml --project NEW.siglum --json
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImportFile } from '../../edition/api.ts';
import { importSourceFiles } from '../../electron/cli/facsimile-input.ts';
import { openService } from '../../electron/service/index.ts';
import { KANT } from '../unit/facsimile/ocr.ts';

/** A METS of `count` pages in `folder`, repeating the two Kant pages. */
export function repeatedMets(folder: string, count: number): string {
  mkdirSync(join(folder, 'OCR-D-IMG'), { recursive: true });
  mkdirSync(join(folder, 'OCR-D-GT-PAGE'), { recursive: true });
  const files: string[] = [];
  const pages: string[] = [];
  for (let i = 1; i <= count; i++) {
    const from = i % 2 === 1 ? '0017' : '0020';
    const n = String(i).padStart(4, '0');
    const tif = readFileSync(join(KANT, `OCR-D-IMG/INPUT_${from}.tif`));
    writeFileSync(join(folder, `OCR-D-IMG/IMG_${n}.tif`), Buffer.concat([tif, Buffer.from(`siglum-bench-${n}`)]));
    const page = readFileSync(join(KANT, `OCR-D-GT-PAGE/PAGE_${from}_PAGE.xml`), 'utf8').replace(
      /imageFilename="[^"]*"/,
      `imageFilename="OCR-D-IMG/IMG_${n}.tif"`,
    );
    writeFileSync(join(folder, `OCR-D-GT-PAGE/PAGE_${n}.xml`), page);
    files.push(
      `<mets:file ID="IMG_${n}" MIMETYPE="image/tiff"><mets:FLocat LOCTYPE="OTHER" OTHERLOCTYPE="FILE" xlink:href="OCR-D-IMG/IMG_${n}.tif"/></mets:file>`,
      `<mets:file ID="PAGE_${n}" MIMETYPE="application/vnd.prima.page+xml"><mets:FLocat LOCTYPE="OTHER" OTHERLOCTYPE="FILE" xlink:href="OCR-D-GT-PAGE/PAGE_${n}.xml"/></mets:file>`,
    );
    pages.push(
      `<mets:div TYPE="page" ID="PHYS_${n}"><mets:fptr FILEID="IMG_${n}"/><mets:fptr FILEID="PAGE_${n}"/></mets:div>`,
    );
  }
  const mets = join(folder, 'mets.xml');
  writeFileSync(
    mets,
    `<?xml version="1.0" encoding="UTF-8"?>
<mets:mets xmlns:mets="http://www.loc.gov/METS/" xmlns:xlink="http://www.w3.org/1999/xlink">
<mets:fileSec><mets:fileGrp USE="OCR-D-IMG-AND-PAGE">${files.join('\n')}</mets:fileGrp></mets:fileSec>
<mets:structMap TYPE="PHYSICAL"><mets:div TYPE="physSequence">${pages.join('\n')}</mets:div></mets:structMap>
</mets:mets>
`,
  );
  return mets;
}

function figure(label: string, value: string, target?: string): void {
  console.log(`${label.padEnd(56)} ${value.padStart(10)}${target ? `   (target ${target})` : ''}`);
}

/**
 * How the files reach the service: `disk` as the command line gives them (read from disk
 * as the import needs each), `wire` as the window and the browser host send them (each
 * image sent ahead with `stageImportFile`, one call each, then `importFiles` naming them).
 */
export type Delivery = 'disk' | 'wire';

/** Imports `mets` into a new project; answers the seconds taken, the pages and the lines' count. */
async function importMets(
  mets: string,
  project: string,
  delivery: Delivery,
): Promise<{ seconds: number; pages: number; lines: number; readMb: number }> {
  const service = openService(project, { create: true });
  try {
    const t = process.hrtime.bigint();
    const sources = await importSourceFiles([mets]);
    let files: ImportFile[] | null = null;
    if (delivery === 'wire') {
      files = [];
      for (const f of sources) {
        const file = await f.file();
        const staged = /\.tif$/.test(f.name)
          ? await service.stageImportFile({ name: f.name, base64: file.base64! })
          : null;
        files.push(staged === null ? file : { name: f.name, ...staged });
      }
    }
    const readMb = process.memoryUsage().rss / 1048576;
    const result = files === null ? await service.importSources(sources) : await service.importFiles({ files });
    const seconds = Number(process.hrtime.bigint() - t) / 1e9;
    const id = result.documents[0]!.id;
    const surfaces = await service.listSurfaces({ documentId: id });
    const lines = surfaces.reduce((n, s) => n + s.zones.filter((z) => z.kind === 'line').length, 0);
    return { seconds, pages: surfaces.length, lines, readMb };
  } finally {
    service.close();
  }
}

/** The Kant METS, then the 100-page volume, each into a new project; prints the figures. */
export async function benchFacsimileImport(delivery: Delivery): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'siglum-facs-bench-'));
  try {
    const two = await importMets(join(KANT, 'mets.xml'), join(dir, 'kant.siglum'), delivery);
    figure(`import the Kant METS (${two.pages} pages, ${two.lines} lines)`, `${two.seconds.toFixed(2)} s`, '<= 1 s');
    const mets = repeatedMets(join(dir, 'volume'), 100);
    const before = process.resourceUsage().maxRSS / 1024;
    const hundred = await importMets(mets, join(dir, 'volume.siglum'), delivery);
    const peak = process.resourceUsage().maxRSS / 1024;
    figure(
      `import a 100-page METS (${hundred.pages} pages, ${hundred.lines} lines)`,
      `${hundred.seconds.toFixed(1)} s`,
      '<= 20 s',
    );
    figure('  per page', `${((hundred.seconds / hundred.pages) * 1000).toFixed(0)} ms`);
    figure('  peak resident memory of the process', `${peak.toFixed(0)} MB`, '< 500 MB');
    figure('  peak before the 100-page import', `${before.toFixed(0)} MB`);
    figure(
      `  resident once the files are ${delivery === 'disk' ? 'named' : 'sent'}`,
      `${hundred.readMb.toFixed(0)} MB`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const folder = process.argv[2];
  if (folder === undefined) throw new Error('Name the folder to make the volume in.');
  console.log(repeatedMets(resolve(folder), 100));
}
