/**
 * The files a facsimile import needs besides those named on the command line: the
 * images and PAGE or ALTO files a METS names, and the image a PAGE or ALTO file names
 * (found beside it, or relative to the folder above, as in a METS layout). They go to
 * the service as import files whose names are paths relative to one common folder, so
 * that the service ties them together by name alone (edition/facsimile/bundle.ts); each
 * is read from disk only when the import needs it (a volume's images one or two at a
 * time, never all at once).
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { MAX_IMAGE_BYTES } from '../../edition/facsimile/api.ts';
import { facsimileXmlKind, readMets } from '../../edition/facsimile/index.ts';
import { isExternalRef, isImageName } from '../../edition/facsimile/bundle.ts';
import { readPageRoot, isPageRoot } from '../../edition/facsimile/page.ts';
import { readAltoRoot, isAltoRoot } from '../../edition/facsimile/alto.ts';
import { parseXml } from '../../edition/xml/parse.ts';
import type { SourceFile } from '../service/import-source.ts';
import { diskFile, readInputFile } from './input.ts';

/** A file to send, by absolute path. */
interface Wanted {
  path: string;
  /** Part of a facsimile source: named by its path relative to the common folder. */
  facsimile: boolean;
}

function isFile(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The image a PAGE or ALTO file at `path` names, if it is on disk beside it or in the folder above. */
function imageBeside(path: string, xml: string): string | null {
  let ref: string | null = null;
  try {
    const root = parseXml(xml, { fileName: path }).root;
    if (isPageRoot(root)) ref = readPageRoot(root, path).imageRef;
    else if (isAltoRoot(root)) ref = readAltoRoot(root, path)[0]?.imageRef ?? null;
  } catch {
    return null; // The service reports what is wrong with the file itself.
  }
  if (ref === null || isExternalRef(ref)) return null;
  const folder = dirname(path);
  const base = ref.split(/[\\/]/).pop() ?? ref;
  for (const candidate of [join(folder, ref), join(folder, '..', ref), join(folder, base)]) {
    if (isFile(candidate)) return resolve(candidate);
  }
  return null;
}

/**
 * The files named on the command line, with the parts of each facsimile source among
 * them, to be read when the import needs them. TEI and plain-text files are named by
 * their base name, as always; facsimile files (METS, PAGE, ALTO, images and what they
 * name) by their path relative to the folder that holds them all. Only the files named
 * on the command line that are not images are read here (to find the parts they name).
 */
export async function importSourceFiles(files: readonly string[]): Promise<SourceFile[]> {
  const wanted: Wanted[] = [];
  const add = (path: string, facsimile: boolean): void => {
    const abs = resolve(path);
    if (!wanted.some((w) => w.path === abs)) wanted.push({ path: abs, facsimile });
  };
  for (const file of files) {
    const abs = resolve(file);
    if (isImageName(file)) {
      add(abs, true);
      continue;
    }
    const bytes = await readInputFile(file);
    const head = bytes.subarray(0, 4096).toString('utf8');
    const kind = /\.xml$/i.test(file) || head.trimStart().startsWith('<') ? facsimileXmlKind(head) : null;
    add(abs, kind !== null);
    if (kind === 'mets') {
      const mets = readMets(bytes.toString('utf8'), file);
      for (const page of mets.pages) {
        for (const part of [page.image, page.transcription]) {
          if (part === null || isExternalRef(part.href)) continue;
          const member = join(dirname(abs), part.href);
          // A part that is missing is the service's to report (a page without its image or text).
          if (isFile(member)) add(member, true);
        }
      }
    } else if (kind === 'page' || kind === 'alto') {
      const image = imageBeside(abs, bytes.toString('utf8'));
      if (image !== null) add(image, true);
    }
  }

  const facsimile = wanted.filter((w) => w.facsimile).map((w) => w.path);
  let common = facsimile.length === 0 ? '' : dirname(facsimile[0]!);
  for (const path of facsimile) {
    while (common !== dirname(common) && !(path.startsWith(common + sep) || path === common)) common = dirname(common);
  }
  return wanted.map((w) => {
    const name = w.facsimile ? relative(common, w.path).split(sep).join('/') : w.path.split(sep).pop()!;
    return diskFile(w.path, name, isImageName(w.path) ? MAX_IMAGE_BYTES : undefined);
  });
}
