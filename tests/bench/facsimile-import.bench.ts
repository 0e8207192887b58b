/**
 * Facsimile import speed: the Kant METS (two JPEG-compressed TIFF pages with their PAGE
 * files; target <= 1 s) and a 100-page METS made by repeating the Kant pages in a
 * temporary folder (target <= 20 s, memory below 500 MB), each through the service as
 * `siglum import mets.xml` sends it. Each repeated image gets a few bytes of its own at
 * its end (TIFF readers ignore them), so the store keeps and tiles 100 distinct images
 * rather than finding one image again.
 *
 *   npm run bench facsimile
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readImportFiles } from '../../electron/cli/facsimile-input.ts';
import { openService } from '../../electron/service/index.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const kant = join(root, '../shared/corpus/facsimile/kant_aufklaerung_1784');
const dir = mkdtempSync(join(tmpdir(), 'siglum-facs-bench-'));

function figure(label: string, value: string, target?: string): void {
  console.log(`${label.padEnd(56)} ${value.padStart(10)}${target ? `   (target ${target})` : ''}`);
}

/** Imports `mets` into a new project; answers the seconds taken, the pages and the lines' count. */
async function importMets(
  mets: string,
  project: string,
): Promise<{ seconds: number; pages: number; lines: number; readMb: number }> {
  const service = openService(project, { create: true });
  try {
    const t = process.hrtime.bigint();
    const files = await readImportFiles([mets]);
    const readMb = process.memoryUsage().rss / 1048576;
    const result = await service.importFiles({ files });
    const seconds = Number(process.hrtime.bigint() - t) / 1e9;
    const id = result.documents[0]!.id;
    const surfaces = await service.listSurfaces({ documentId: id });
    const lines = surfaces.reduce((n, s) => n + s.zones.filter((z) => z.kind === 'line').length, 0);
    return { seconds, pages: surfaces.length, lines, readMb };
  } finally {
    service.close();
  }
}

/** A METS of `count` pages in `folder`, repeating the two Kant pages. */
function repeatedMets(folder: string, count: number): string {
  mkdirSync(join(folder, 'OCR-D-IMG'), { recursive: true });
  mkdirSync(join(folder, 'OCR-D-GT-PAGE'), { recursive: true });
  const files: string[] = [];
  const pages: string[] = [];
  for (let i = 1; i <= count; i++) {
    const from = i % 2 === 1 ? '0017' : '0020';
    const n = String(i).padStart(4, '0');
    const tif = readFileSync(join(kant, `OCR-D-IMG/INPUT_${from}.tif`));
    writeFileSync(join(folder, `OCR-D-IMG/IMG_${n}.tif`), Buffer.concat([tif, Buffer.from(`siglum-bench-${n}`)]));
    const page = readFileSync(join(kant, `OCR-D-GT-PAGE/PAGE_${from}_PAGE.xml`), 'utf8').replace(
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

try {
  const two = await importMets(join(kant, 'mets.xml'), join(dir, 'kant.siglum'));
  figure(`import the Kant METS (${two.pages} pages, ${two.lines} lines)`, `${two.seconds.toFixed(2)} s`, '<= 1 s');

  const folder = join(dir, 'volume');
  const mets = repeatedMets(folder, 100);
  copyFileSync(mets, join(dir, 'mets-100.xml'));
  const before = process.resourceUsage().maxRSS / 1024;
  const hundred = await importMets(mets, join(dir, 'volume.siglum'));
  const peak = process.resourceUsage().maxRSS / 1024;
  figure(
    `import a 100-page METS (${hundred.pages} pages, ${hundred.lines} lines)`,
    `${hundred.seconds.toFixed(1)} s`,
    '<= 20 s',
  );
  figure('  per page', `${((hundred.seconds / hundred.pages) * 1000).toFixed(0)} ms`);
  figure('  peak resident memory of the process', `${peak.toFixed(0)} MB`, '< 500 MB');
  figure('  peak before the 100-page import', `${before.toFixed(0)} MB`);
  figure('  resident once the files are read (as the API takes them)', `${hundred.readMb.toFixed(0)} MB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
