/**
 * `siglum import` hands its TEI files to the import workers before it loads the service
 * and opens the project, so that those happen while the files are parsed. The service's
 * import then takes each parse under way as its own (runImportWorker matches a file by
 * name and content, so a file that changed in between is simply read again).
 */
import { basename } from 'node:path';
import { parseAhead, warmImportWorker } from '../workers/index.ts';
import { readInputFile } from './input.ts';

function isLocalXml(file: string): boolean {
  return !/^https?:\/\//i.test(file) && /\.(xml|tei)$/i.test(file);
}

/** The first start tag (after the declaration, comments and PIs) is a TEI or a teiCorpus. */
function startsAsTei(bytes: Buffer): boolean {
  const m = /<(?![?!])(?:[\w.-]+:)?([\w.-]+)[\s>/]/.exec(bytes.subarray(0, 4096).toString('latin1'));
  return m !== null && (m[1] === 'TEI' || m[1] === 'teiCorpus');
}

/**
 * Starts parsing the TEI files among `files` (paths, as given to `siglum import`); files it
 * cannot read are left for the import to report. Returns a function that stops whatever
 * parse the import did not take.
 */
export async function parseTeiAhead(files: readonly string[]): Promise<() => void> {
  const drops: Array<() => void> = [];
  // The thread starts while the files are read.
  if (files.some(isLocalXml)) warmImportWorker();
  for (const file of files) {
    if (!isLocalXml(file)) continue;
    let bytes: Buffer;
    try {
      bytes = await readInputFile(file);
    } catch {
      continue;
    }
    // As readImportFiles names a TEI file, so that the import's file (its bytes as base64) matches.
    if (startsAsTei(bytes)) drops.push(parseAhead({ name: basename(file), bytes }, { keepWorker: false }));
  }
  return () => {
    for (const drop of drops) drop();
  };
}
